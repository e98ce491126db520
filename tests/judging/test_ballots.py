import io

import pytest
from openpyxl import Workbook

from awards.audit.models import AuditEntry
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import ballots
from awards.judging.models import Scorecard
from tests.judging.fixtures import AFTER_JUDGING, JUDGING


def csv_bytes(rows, header="judge_email,category,nominee,criterion,points"):
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def test_valid_ballot_is_saved_as_submitted_scorecard(jury):
    content = csv_bytes(["judge@x.kz,best-patron,Ulba Nominee,Вклад,8"])
    check = ballots.import_ballots(
        program=jury["program"], content=content, actor=jury["organizer"], now=JUDGING
    )
    assert (len(check.valid), len(check.invalid)) == (1, 0)
    card = db.session.query(Scorecard).one()
    assert card.is_submitted and card.judge.email == "judge@x.kz"
    last = db.session.query(AuditEntry).filter_by(subject_kind="scorecard", subject_id=card.id)
    assert last.order_by(AuditEntry.id.desc()).first().actor_id == jury["organizer"].id


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("nobody@x.kz,best-patron,Ulba Nominee,Вклад,8", "No judge"),
        ("judge@x.kz,no-such,Ulba Nominee,Вклад,8", "No category"),
        ("judge@x.kz,best-patron,Unknown LLP,Вклад,8", "No accepted nomination"),
        ("judge@x.kz,best-patron,Ulba Nominee,Красота,8", "No criterion"),
        ("judge@x.kz,best-patron,Ulba Nominee,Вклад,11", "from 0 to 10"),
        ("judge@x.kz,best-patron,Ulba Nominee,Вклад,восемь", "Enter a number"),
        ("judge@x.kz,best-patron,Ulba Nominee,Вклад,", "Enter the points"),
    ],
)
def test_bad_rows_are_refused_with_their_reason(jury, row, problem):
    check = ballots.check_ballots(jury["program"], csv_bytes([row]), now=JUDGING)
    (bad,) = check.invalid
    assert bad.line == 2 and problem in bad.error


def test_only_valid_rows_are_saved(jury):
    content = csv_bytes(
        [
            "judge@x.kz,Лучший меценат года,ulba nominee,Impact,8",
            "judge@x.kz,best-patron,Ghost,Вклад,3",
        ]
    )
    check = ballots.import_ballots(
        program=jury["program"], content=content, actor=jury["organizer"], now=JUDGING
    )
    assert [row.line for row in check.invalid] == [3]
    assert db.session.query(Scorecard).count() == 1


def test_conflicted_judge_row_is_refused(jury):
    from awards.judging import conflicts

    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge2@x.kz"]
    conflicts.record_conflict(nomination=entry, judge=judge, actor=jury["organizer"], reason="x")
    check = ballots.check_ballots(
        jury["program"], csv_bytes(["judge2@x.kz,best-patron,Ulba Nominee,Вклад,8"]), now=JUDGING
    )
    assert "may not score" in check.invalid[0].error


def test_closed_window_needs_an_override_reason_which_is_recorded(jury):
    content = csv_bytes(["judge@x.kz,best-patron,Ulba Nominee,Вклад,8"])
    closed = ballots.check_ballots(jury["program"], content, now=AFTER_JUDGING)
    assert "closed" in closed.invalid[0].error
    ballots.import_ballots(
        program=jury["program"], content=content, actor=jury["organizer"],
        override_reason="Бюллетени пришли почтой", now=AFTER_JUDGING,
    )  # fmt: skip
    event = db.session.query(AuditEntry).filter_by(subject_kind="scorecard").one()
    assert event.reason == "Бюллетени пришли почтой"


def test_xlsx_with_semicolon_free_cells_is_read(jury):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["judge_email", "category", "nominee", "criterion", "points"])
    sheet.append(["judge@x.kz", "best-patron", "Polyana Nominee", "Impact", 7])
    buffer = io.BytesIO()
    workbook.save(buffer)
    check = ballots.check_ballots(jury["program"], buffer.getvalue(), now=JUDGING)
    assert len(check.valid) == 1 and check.valid[0].points == 7


def test_semicolon_csv_from_excel_is_read(jury):
    content = (
        "\ufeffjudge_email;category;nominee;criterion;points\n"
        "judge@x.kz;best-patron;Ulba Nominee;Вклад;7,5\n"
    )
    jury["program"].categories[0].criteria[0].step = 0.5
    check = ballots.check_ballots(jury["program"], content.encode(), now=JUDGING)
    assert check.valid[0].points == 7.5


def test_missing_columns_refuse_the_whole_file(jury):
    with pytest.raises(DomainError, match="missing: points"):
        ballots.check_ballots(
            jury["program"],
            csv_bytes([], header="judge_email,category,nominee,criterion"),
            now=JUDGING,
        )


def test_submitted_scorecard_is_not_overwritten(jury):
    content = csv_bytes(["judge@x.kz,best-patron,Ulba Nominee,Вклад,8"])
    ballots.import_ballots(
        program=jury["program"], content=content, actor=jury["organizer"], now=JUDGING
    )
    again = ballots.check_ballots(
        jury["program"], csv_bytes(["judge@x.kz,best-patron,Ulba Nominee,Вклад,2"]), now=JUDGING
    )
    assert "already submitted" in again.invalid[0].error


def test_command_imports_and_reports_refused_lines(app, jury, tmp_path):
    path = tmp_path / "ballots.csv"
    path.write_bytes(
        csv_bytes(
            [
                "judge@x.kz,best-patron,Ulba Nominee,Вклад,8",
                "x@x.kz,best-patron,Ulba Nominee,Вклад,8",
            ]
        )
    )
    import time_machine

    with time_machine.travel(JUDGING, tick=False):
        result = app.test_cli_runner().invoke(args=["scores", "import", "test-awards", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 rows saved, 1 refused." in result.output
    assert "line 3:" in result.output
    assert db.session.query(Scorecard).count() == 1


def test_spreadsheet_declaring_a_huge_sheet_is_read_in_a_bounded_window(jury):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["judge_email", "category", "nominee", "criterion", "points"])
    sheet.append(["judge@x.kz", "best-patron", "Ulba Nominee", "Вклад", 7])
    sheet["XFD1048576"] = "far away"
    buffer = io.BytesIO()
    workbook.save(buffer)
    check = ballots.check_ballots(jury["program"], buffer.getvalue(), now=JUDGING)
    assert len(check.valid) == 1


def test_zip_bomb_spreadsheet_is_refused(jury):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (25 * 1024 * 1024))
    with pytest.raises(DomainError, match="too large"):
        ballots.check_ballots(jury["program"], buffer.getvalue(), now=JUDGING)


def test_a_cell_past_the_csv_field_limit_is_refused_with_its_line(jury):
    content = csv_bytes(["judge@x.kz,best-patron,Ulba Nominee,Вклад,7", "x" * 200_000 + ",a,b,c,1"])
    with pytest.raises(DomainError, match="Line 3 of the file cannot be read"):
        ballots.check_ballots(jury["program"], content, now=JUDGING)


def test_a_huge_cell_shows_the_form_again_with_the_message(client, auth, jury):
    auth.login("organizer@x.kz")
    content = csv_bytes(['"' + "x" * 200_000 + '",best-patron,Ulba Nominee,Вклад,7'])
    response = client.post(
        f"/programs/{jury['program'].slug}/jury/ballots",
        data={"file": (io.BytesIO(content), "ballots.csv"), "action": "preview"},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert "Line 2 of the file cannot be read" in response.get_data(as_text=True)

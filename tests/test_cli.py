"""The results command for automation and housekeeping (the archive commands are tested in
tests/archive)."""

import json
from datetime import timedelta

import pytest

from awards.extensions import db
from awards.i18n import utcnow
from awards.jobs.models import Job
from awards.judging import scoring
from awards.results import services as results
from awards.uploads import upload_folder
from tests.archive.conftest import DECIDED
from tests.judging.fixtures import JUDGING


def score(jury, points: dict[str, tuple[int, int, int]]) -> None:
    criterion = jury["program"].categories[0].criteria[0]
    for name, values in points.items():
        for judge, value in zip(jury["judges"].values(), values, strict=True):
            scoring.save_scorecard(
                nomination=jury["entries"][name], actor=judge, now=JUDGING, submit=True,
                points={criterion.id: str(value)},
            )  # fmt: skip
    db.session.commit()


def test_results_json_lists_nominations_in_rank_order(app, jury):
    score(jury, {"Kazzinc Nominee": (9, 10, 9), "Ulba Nominee": (7, 8, 6)})
    kazzinc, ulba, polyana = (jury["entries"][n] for n in ("Kazzinc Nominee", "Ulba Nominee",
                                                            "Polyana Nominee"))  # fmt: skip
    results.confirm_laureates(
        category=jury["program"].categories[0], actor=jury["organizer"], chosen=[kazzinc.id],
        now=DECIDED,
    )  # fmt: skip
    db.session.commit()
    output = app.test_cli_runner().invoke(args=["results", "test-awards", "--json"])
    assert output.exit_code == 0, output.output
    assert json.loads(output.output) == {
        "program": "test-awards", "method": "mean",
        "categories": [{"slug": "best-patron", "kendall_w": None, "too_close": False,
                        "nominations": [
            {"id": kazzinc.id, "nominee": "Kazzinc Nominee", "score": 93.33, "rank": 1,
             "tie": False, "scorecards": 3, "laureate": True, "p_first": 1.0, "p_laureate": 1.0},
            {"id": ulba.id, "nominee": "Ulba Nominee", "score": 70.0, "rank": 2,
             "tie": False, "scorecards": 3, "laureate": False, "p_first": 0.0, "p_laureate": 0.0},
            {"id": polyana.id, "nominee": "Polyana Nominee", "score": None, "rank": None,
             "tie": False, "scorecards": 0, "laureate": False, "p_first": None,
             "p_laureate": None},
        ]}],
    }  # fmt: skip


def test_results_json_with_another_method(app, jury):
    score(jury, {"Kazzinc Nominee": (9, 10, 9), "Ulba Nominee": (7, 8, 6), "Polyana Nominee":
                 (8, 9, 7)})  # fmt: skip
    output = app.test_cli_runner().invoke(
        args=["results", "test-awards", "--json", "--method", "normalized"]
    )
    document = json.loads(output.output)
    assert document["method"] == "normalized"
    (category,) = document["categories"]
    assert category["kendall_w"] == 1.0
    assert [n["nominee"] for n in category["nominations"]] == [
        "Kazzinc Nominee", "Polyana Nominee", "Ulba Nominee",
    ]  # fmt: skip
    assert category["nominations"][0]["score"] > 50 > category["nominations"][2]["score"]


def test_results_json_says_when_first_place_is_too_close_to_call(app, jury):
    # Kazzinc's and Ulba's scorecards overlap: either can come first when they are resampled.
    score(jury, {"Kazzinc Nominee": (9, 6, 9), "Ulba Nominee": (8, 7, 7)})
    output = app.test_cli_runner().invoke(args=["results", "test-awards", "--json"])
    (category,) = json.loads(output.output)["categories"]
    assert category["too_close"] is True
    first, second, unscored = category["nominations"]
    assert 0.05 < second["p_first"] < first["p_first"] < 0.95
    assert first["p_first"] + second["p_first"] == pytest.approx(1, abs=1e-3)  # 4 decimals each
    assert first["p_laureate"] == first["p_first"]  # one laureate place
    assert unscored["p_first"] is None
    text = app.test_cli_runner().invoke(args=["results", "test-awards"]).output
    assert "best-patron (mean, Kendall's W: None, too close to call)" in text


def test_results_without_json_prints_a_table(app, jury):
    score(jury, {"Kazzinc Nominee": (9, 10, 9)})
    output = app.test_cli_runner().invoke(args=["results", "test-awards"])
    assert output.exit_code == 0
    assert "best-patron (mean, Kendall's W: None)" in output.output
    assert "1   93.33  Kazzinc Nominee (3)" in output.output


def test_results_of_an_unknown_program_fail(app):
    output = app.test_cli_runner().invoke(args=["results", "nothing", "--json"])
    assert output.exit_code == 1
    assert "No program with the short name 'nothing'" in output.output


def test_files_collect_deletes_what_is_past_its_retention_period(app, jury):
    ended = utcnow() - timedelta(days=200)
    (upload_folder() / "jobs").mkdir(parents=True)
    (upload_folder() / "jobs" / "r.csv").write_bytes(b"x")
    job = Job(kind="reminders", program=jury["program"], state="done", finished_at=ended,
              result_file="jobs/r.csv", result_name="r.csv")  # fmt: skip
    db.session.add(job)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["files", "collect"])
    assert result.exit_code == 0, result.output
    assert "Deleted what was kept longer than 90 days: 1 job files, 0 certificate PDFs." in (
        result.output
    )
    assert not (upload_folder() / "jobs" / "r.csv").exists()

import io

import time_machine
from openpyxl import load_workbook

from awards.judging import assignments, conflicts, scoring
from awards.results import exports, services
from awards.spreadsheets import to_xlsx
from tests.judging.fixtures import JUDGING, accepted_nomination

EVIL = '=HYPERLINK("http://evil","x")'


def test_ranking_table_follows_the_ranking(scored):
    (ranking,) = exports.results_tables(scored["program"], names=("ranking",))
    assert [(r[1], r[2], r[5], r[6], r[7], r[8]) for r in ranking.rows] == [
        (1, "", 93.33, 3, 10.0, ""), (2, "yes", 73.33, 3, 10.0, ""), (2, "yes", 73.33, 3, 10.0, ""),
    ]  # fmt: skip
    assert ranking.rows[0][4] == "Kazzinc Nominee"
    assert {row[4] for row in ranking.rows[1:]} == {"Ulba Nominee", "Polyana Nominee"}
    assert {row[0] for row in ranking.rows} == {"Best Patron"}


def test_criteria_table_gives_mean_percentages(scored):
    (means,) = exports.results_tables(scored["program"], names=("criteria",))
    assert [(row[2], row[3], row[4], row[5]) for row in means.rows][0] == (
        "Kazzinc Nominee", "Impact", 2.0, 93.33,
    )  # fmt: skip


def test_scorecards_table_lists_every_score_in_the_program_zone(scored):
    (cards,) = exports.results_tables(scored["program"], names=("scorecards",))
    assert len(cards.rows) == 9
    first = cards.rows[0]
    assert first[2:8] == ("Kazzinc Nominee", "Test User", "judge@x.kz", "Impact", 9.0, 10)
    assert first[9].isoformat() == "2026-04-10T05:00:00"  # 00:00 UTC in Almaty (UTC+5)


def test_conflicted_scorecard_is_left_out(scored):
    entry, judge = scored["entries"]["Kazzinc Nominee"], scored["judges"]["judge2@x.kz"]
    conflicts.record_conflict(
        nomination=entry, judge=judge, actor=scored["organizer"], reason="Former employer"
    )
    ranking, cards = exports.results_tables(scored["program"], names=("ranking", "scorecards"))
    assert ranking.rows[0][6] == 2
    assert {row[4] for row in cards.rows if row[1] == entry.id} == {"judge@x.kz", "judge3@x.kz"}


def test_formula_nominee_and_comment_are_neutralized_end_to_end(scored):
    program, judge = scored["program"], scored["judges"]["judge@x.kz"]
    entry = accepted_nomination(program, scored["committee"], EVIL)
    assignments.assign_judge(nomination=entry, judge=judge, actor=scored["organizer"])
    criterion = program.categories[0].criteria[0]
    with time_machine.travel(JUDGING, tick=False):
        scoring.save_scorecard(
            nomination=entry, actor=judge, points={criterion.id: "5"},
            comments={criterion.id: "@SUM(1+1)"}, submit=True,
        )  # fmt: skip
    workbook = load_workbook(io.BytesIO(to_xlsx(exports.results_tables(program))))
    texts = [c.value for sheet in workbook for row in sheet.iter_rows() for c in row]
    assert "'" + EVIL in texts and "'@SUM(1+1)" in texts
    assert not [text for text in texts if isinstance(text, str) and text.startswith("=")]
    assert not [c for sheet in workbook for row in sheet.iter_rows() for c in row
                if c.data_type == "f"]  # fmt: skip


def test_file_name_names_a_method_other_than_the_programs(program):
    assert exports.export_file_name(program, "results", "xlsx", "mean") == (
        "test-awards-results.xlsx"
    )
    assert exports.export_file_name(program, "ranking", "csv", "trimmed") == (
        "test-awards-ranking-trimmed.csv"
    )


def test_results_document_marks_laureates_in_rank_order(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    services.confirm_laureates(category=category, actor=scored["organizer"], chosen=[kazzinc.id])
    document = exports.results_document(scored["program"], "trimmed")
    assert document["program"] == "test-awards" and document["method"] == "trimmed"
    (section,) = document["categories"]
    assert section["slug"] == "best-patron" and section["kendall_w"] == 1.0
    assert section["nominations"][0] == {
        "id": kazzinc.id, "nominee": "Kazzinc Nominee", "score": 93.33, "rank": 1,
        "tie": False, "scorecards": 3, "laureate": True, "p_first": 1.0, "p_laureate": 1.0,
    }  # fmt: skip
    assert section["too_close"] is False  # Kazzinc's lowest total beats the others' highest
    assert [n["laureate"] for n in section["nominations"]] == [True, False, False]
    assert [n["rank"] for n in section["nominations"]] == [1, 2, 2]


def test_nominee_label_prefers_the_russian_legal_name(scored):
    entry = scored["entries"]["Ulba Nominee"]
    entry.org_name = {"kk": "«Үлбі» АҚ", "ru": "АО «Ульба»"}
    assert exports.nominee_label(entry) == "АО «Ульба»"
    entry.org_name = {"kk": "«Үлбі» АҚ"}
    assert exports.nominee_label(entry) == "«Үлбі» АҚ"

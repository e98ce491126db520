"""flask results --round NAME: a qualifying round's tally and who advanced."""

import json

from awards.extensions import db
from awards.judging import round_services
from tests.judging.test_rounds import _decided, _voted


def test_results_of_a_decided_round_as_json(app, jury):
    judging_round = _decided(jury)
    entries = jury["entries"]
    output = app.test_cli_runner().invoke(
        args=["results", "test-awards", "--json", "--round", "qualifying"]
    )
    assert output.exit_code == 0, output.output
    document = json.loads(output.output)
    [category] = document["categories"]
    assert (document["round"], category["slug"], category["decided"]) == (
        "qualifying", "best-patron", True,
    )  # fmt: skip
    assert category["sha256"] == judging_round.sha256 and category["majority"] == "1/2"
    assert category["advanced"] == [entries["Kazzinc Nominee"].id, entries["Ulba Nominee"].id]
    polyana = next(e for e in category["entries"] if e["nominee"] == "Polyana Nominee")
    assert polyana == {
        "nomination_id": entries["Polyana Nominee"].id, "nominee": "Polyana Nominee",
        "advance": 1, "reject": 1, "abstain": 1, "not_voted": 0, "result": "tie",
        "advanced": False, "tie_reason": "Не соответствует условиям номинации",
    }  # fmt: skip


def test_results_of_an_undecided_round_as_text(app, jury):
    _voted(jury)
    db.session.commit()
    output = app.test_cli_runner().invoke(args=["results", "test-awards", "--round", "qualifying"])
    assert output.exit_code == 0, output.output
    lines = output.output.splitlines()
    assert lines[0] == "best-patron (round qualifying, more than 1/2; not decided)"
    assert "    2 for   1 against   0 abstain   0 not voted  Ulba Nominee: advances" in lines


def test_the_scored_round_prints_the_ranking_without_the_entries_left_out(app, jury):
    _decided(jury)
    output = app.test_cli_runner().invoke(
        args=["results", "test-awards", "--json", "--round", "scored"]
    )
    assert output.exit_code == 0, output.output
    nominees = [row["nominee"] for row in json.loads(output.output)["categories"][0]["nominations"]]
    assert nominees == ["Kazzinc Nominee", "Ulba Nominee"]


def test_an_unknown_round_fails(app, jury):
    round_services.add_round(
        category=jury["program"].categories[0], actor=jury["organizer"], name="qualifying"
    )
    db.session.commit()
    output = app.test_cli_runner().invoke(args=["results", "test-awards", "--round", "final2"])
    assert output.exit_code != 0
    assert "has a round named 'final2'" in output.output

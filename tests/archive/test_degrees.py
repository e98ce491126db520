"""Normalization's minimum, a category's degrees and the laureates' degrees travel in the
archive, and an archive written before they existed imports with the defaults."""

from awards.archive.writing import program_archive
from awards.extensions import db
from awards.programs import services as programs
from awards.programs.services import get_program_by_slug
from awards.results import services as results
from tests.archive.conftest import DECIDED, bring


def with_degrees(archived):
    program, organizer = archived["program"], archived["organizer"]
    category = program.categories[0]
    programs.update_program(program=program, actor=organizer, normalization_min_scorecards=4)
    programs.update_category(
        category=category, actor=organizer, degree_rule="band", degree_limits=[90, 80.5, 70]
    )
    results.unfreeze_results(category=category, actor=organizer, reason="Степени", now=DECIDED)
    kazzinc = archived["entries"]["Kazzinc Nominee"].id
    results.confirm_laureates(
        category=category, actor=organizer, chosen=[kazzinc], degrees={kazzinc: 2},
        reason="Решение жюри", now=DECIDED,
    )  # fmt: skip
    db.session.commit()
    return program


def test_degrees_and_the_minimum_come_back(archived, elsewhere):
    document = program_archive(with_degrees(archived))
    with elsewhere.app_context():
        copy_ = bring(document).program
        category = copy_.categories[0]
        assert copy_.normalization_min_scorecards == 4
        assert (category.degree_rule, category.degree_limits) == ("band", [90.0, 80.5, 70.0])
        snapshot = results.current_snapshot(category)
        assert [lau.degree for lau in snapshot.laureates] == [2]
        assert snapshot.content["laureates"][0]["degree"] == 2
        assert snapshot.sha256 == results.digest(snapshot.content)


def test_an_archive_from_before_degrees_imports_with_the_defaults(archived, elsewhere):
    document = program_archive(archived["program"])
    del document["program"]["normalization_min_scorecards"]
    for category in document["categories"]:
        del category["degree_rule"], category["degree_limits"]
    for snapshot in document["snapshots"]:
        for laureate in snapshot["laureates"]:
            del laureate["degree"]
    with elsewhere.app_context():
        bring(document)
        copy_ = get_program_by_slug("test-awards")
        assert copy_.normalization_min_scorecards == 2
        assert copy_.categories[0].degree_rule == "none"
        snapshot = results.current_snapshot(copy_.categories[0])
        assert [lau.degree for lau in snapshot.laureates] == [None]

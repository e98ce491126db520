"""A criterion's levels and a category's practice entry travel with the program archive."""

import copy

import pytest
from sqlalchemy import select

from awards.archive.schema import ArchiveError
from awards.archive.writing import program_archive
from awards.extensions import db
from awards.judging.models import Assignment
from awards.judging.practice import add_practice_entry
from awards.nominations.models import Nomination
from awards.programs.models import Criterion
from tests.archive.conftest import bring
from tests.judging.fixtures import JUDGING

LEVELS = [
    {"low": 0, "high": 4.5, "label": {"kk": "Әлсіз", "ru": "Слабо"}},
    {"low": 5, "high": 10, "label": {"kk": "Үздік", "ru": "Выдающийся", "en": "Outstanding"}},
]


def test_a_criterions_levels_travel_with_the_archive(archived, elsewhere):
    impact = archived["program"].categories[0].criteria[0]
    impact.levels = LEVELS
    db.session.commit()
    document = program_archive(archived["program"])
    assert document["categories"][0]["criteria"][0]["levels"] == LEVELS
    with elsewhere.app_context():
        bring(document)
        criteria = db.session.scalars(select(Criterion).order_by(Criterion.position)).all()
        assert [c.levels for c in criteria] == [LEVELS, []]


def test_an_archive_without_levels_imports_with_none(archived, elsewhere):
    document = program_archive(archived["program"])
    for criterion in document["categories"][0]["criteria"]:
        del criterion["levels"]  # as written before levels existed
    with elsewhere.app_context():
        bring(document)
        assert {tuple(c.levels) for c in db.session.scalars(select(Criterion))} == {()}


def test_overlapping_levels_in_an_archive_are_refused_with_their_path(archived, elsewhere):
    document = copy.deepcopy(program_archive(archived["program"]))
    document["categories"][0]["criteria"][0]["levels"] = [LEVELS[1], LEVELS[0]]
    with elsewhere.app_context(), pytest.raises(ArchiveError) as refused:
        bring(document)
    assert "$.categories[0].criteria[0].levels: Level 2 must start above 10" in str(
        refused.value.problems
    )


def test_the_practice_entry_travels_flagged_with_its_scorecards(archived, elsewhere):
    category = archived["program"].categories[0]
    entry = add_practice_entry(category=category, actor=archived["organizer"], now=JUDGING)
    db.session.commit()
    document = program_archive(archived["program"])
    (flagged,) = [n for n in document["nominations"] if n["is_practice"]]
    assert flagged["id"] == entry.id
    with elsewhere.app_context():
        bring(document)
        (practice,) = db.session.scalars(select(Nomination).filter_by(is_practice=True)).all()
        assert practice.org_name == entry.org_name
        assignments = db.session.scalars(select(Assignment).filter_by(nomination_id=practice.id))
        assert len(assignments.all()) == 3  # every judge of the category
        real = db.session.scalars(select(Nomination).filter_by(is_practice=False)).all()
        assert len(real) == len(document["nominations"]) - 1


def test_an_archive_without_the_flag_imports_real_entries(archived, elsewhere):
    document = program_archive(archived["program"])
    for nomination in document["nominations"]:
        del nomination["is_practice"]  # as written before practice entries existed
    with elsewhere.app_context():
        bring(document)
        assert db.session.scalar(select(Nomination).filter_by(is_practice=True)) is None

"""The large demo: a national program to measure pages against, loaded fast and the same way
every time, with a jury that never scores where it has a conflict of interest."""

from collections import Counter
from datetime import datetime

import pytest
from sqlalchemy import func, select

from awards.accounts.identity import bin_is_valid
from awards.accounts.models import User
from awards.accounts.services import authenticate
from awards.audit.models import AuditEntry
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.conflicts import has_conflict
from awards.judging.models import Assignment, Conflict, Scorecard
from awards.judging.scoring import judging_is_open
from awards.nominations.models import Nomination
from awards.operations.large_demo import (
    LARGE_DEMO_SLUG,
    ORGANIZER_EMAIL,
    Scale,
    committee_email,
    judge_email,
    load_large_demo,
)
from awards.programs.models import Program, Role
from awards.results.ranking import category_results

PASSWORD = "large demo password"
SMALL = Scale(
    nominations=120, judges=20, scorecards=500, categories=3, committees=8,
    judges_per_nomination=5,
)  # fmt: skip
NOW = datetime(2026, 4, 15, 9, 30)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def small_program(app):
    program = load_large_demo(password=PASSWORD, scale=SMALL, now=NOW)
    db.session.commit()
    return program


def test_demo_command_loads_the_national_program_at_full_scale(app):
    result = app.test_cli_runner().invoke(args=["demo", "--scale", "large"])
    assert result.exit_code == 0, result.output
    assert f"Loaded the large demo program '{LARGE_DEMO_SLUG}'" in result.output
    assert judge_email(100) in result.output and ORGANIZER_EMAIL in result.output
    program = db.session.scalars(select(Program).filter_by(slug=LARGE_DEMO_SLUG)).one()
    assert count(Nomination) == 2000 and count(Scorecard) == 30000
    judges = [role for role in program.roles if role.role == Role.JUDGE]
    assert len(judges) == 100
    states = Counter(db.session.scalars(select(Scorecard.state)))
    assert states["draft"] > 0 and states["submitted"] > 25000
    assert count(Assignment) > count(Scorecard), "some assignments are left to score"
    assert count(Conflict) > 0
    assert judging_is_open(program, utcnow())
    password = app.config["DEMO_PASSWORD"]
    assert authenticate(email=judge_email(100), password=password) is not None


def test_small_scale_has_exactly_the_numbers_asked_for(small_program):
    assert count(Nomination) == SMALL.nominations and count(Scorecard) == SMALL.scorecards
    assert len(small_program.categories) == SMALL.categories
    assert all(len(category.criteria) == 4 for category in small_program.categories)
    scorecard_log = select(func.count()).where(AuditEntry.subject_kind == "scorecard")
    assert db.session.scalar(scorecard_log) == SMALL.scorecards
    states = Counter(db.session.scalars(select(Nomination.state)))
    assert set(states) == {"accepted", "rejected", "merged"}
    assert small_program.judges_per_nomination == SMALL.judges_per_nomination


def test_every_account_logs_in_with_the_one_demo_password(small_program):
    for email in (ORGANIZER_EMAIL, committee_email(SMALL.committees), judge_email(1)):
        assert authenticate(email=email, password=PASSWORD) is not None
    assert len(set(db.session.scalars(select(User.password_hash)))) == 1


def test_no_judge_is_assigned_to_or_scores_an_entry_they_conflict_with(small_program):
    assignments = db.session.scalars(select(Assignment)).all()
    assert not [a for a in assignments if has_conflict(a.judge, a.nomination)]
    assigned = {(a.judge_id, a.nomination_id) for a in assignments}
    cards = db.session.scalars(select(Scorecard)).all()
    assert {(card.judge_id, card.nomination_id) for card in cards} <= assigned
    assert all(card.nomination.state == "accepted" for card in cards)
    # Conflicts of every kind are present: declared, recorded, and automatic ones, where a
    # judge's college nominated an entry on their panel.
    assert {c.source for c in db.session.scalars(select(Conflict))} == {"declared", "recorded"}
    judge = db.session.scalars(select(User).filter_by(email=judge_email(4))).one()
    entries = select(Nomination).filter_by(submitting_organization_id=judge.organization_id)
    assert any(has_conflict(judge, entry) for entry in db.session.scalars(entries))


def test_submitted_scorecards_are_complete_and_drafts_are_not(small_program):
    criteria = {category.id: len(category.criteria) for category in small_program.categories}
    cards = db.session.scalars(select(Scorecard)).all()
    for card in cards:
        expected = criteria[card.nomination.category_id]
        if card.is_submitted:
            assert len(card.scores) == expected and card.submitted_at is not None
        else:
            assert 0 < len(card.scores) < expected
        assert all(0 <= score.points <= 10 for score in card.scores)
    assert any(not card.is_submitted for card in cards)


def test_nominees_have_valid_bins_and_names_in_three_languages(small_program):
    entries = db.session.scalars(select(Nomination)).all()
    assert all(bin_is_valid(entry.bin) for entry in entries)
    assert all(set(entry.org_name) == {"kk", "ru", "en"} for entry in entries)
    merged = [entry for entry in entries if entry.state == "merged"]
    assert all(entry.merged_into.org_name == entry.org_name for entry in merged)


def test_results_rank_the_large_demo(small_program):
    table = category_results(small_program.categories[0])
    scored = [row for row in table.rows if row.score is not None]
    assert len(scored) > 10


def test_the_same_seed_gives_the_same_program(app):
    def snapshot():
        rows = db.session.execute(
            select(User.email, Nomination.bin, Nomination.state, Scorecard.state)
            .join(Scorecard, Scorecard.judge_id == User.id)
            .join(Nomination, Nomination.id == Scorecard.nomination_id)
            .order_by(User.email, Nomination.bin, Nomination.state, Scorecard.state)
        ).all()
        points = sorted(
            (email, bin, tuple(sorted(card.points.values())))
            for email, bin, card in db.session.execute(
                select(User.email, Nomination.bin, Scorecard)
                .join(Scorecard, Scorecard.judge_id == User.id)
                .join(Nomination, Nomination.id == Scorecard.nomination_id)
            )
        )
        return rows, points

    load_large_demo(password=PASSWORD, scale=SMALL, now=NOW)
    first = snapshot()
    db.session.rollback()
    load_large_demo(password=PASSWORD, scale=SMALL, now=NOW)
    assert snapshot() == first


def test_large_demo_is_not_loaded_over_existing_programs(app):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "--scale", "small"]).exit_code == 0
    result = runner.invoke(args=["demo", "--scale", "large", "--if-empty"])
    assert result.exit_code == 0 and "not loaded again" in result.output
    assert db.session.scalars(select(Program).filter_by(slug=LARGE_DEMO_SLUG)).first() is None

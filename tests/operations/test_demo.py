from sqlalchemy import select

from awards.accounts.models import User
from awards.accounts.services import authenticate
from awards.extensions import db
from awards.judging.assignments import program_judges
from awards.judging.conflicts import has_conflict
from awards.judging.practice import practice_summary
from awards.nominations.inbox import inbox_entries as program_entries
from awards.nominations.queries import practice_entry
from awards.operations.demo import load_demo
from awards.operations.demo_texts import (
    DEMO_ACCOUNTS,
    DEMO_SLUG,
    KAZZINC,
    KAZZINC_PLANT,
    SOCIAL_PARTNERS,
)
from awards.programs.models import Program
from awards.results.ranking import category_results
from awards.results.services import current_snapshot


def test_demo_command_loads_program_once(app):
    runner = app.test_cli_runner()
    first = runner.invoke(args=["demo", "--if-empty"])
    assert first.exit_code == 0, first.output
    assert "organizer@demo.kz" in first.output
    second = runner.invoke(args=["demo", "--if-empty"])
    assert "not loaded again" in second.output
    assert Program.query.filter_by(slug=DEMO_SLUG).count() == 1


def test_demo_program_has_both_categories_with_rubrics(app):
    app.test_cli_runner().invoke(args=["demo"])
    program = Program.query.filter_by(slug=DEMO_SLUG).one()
    titles = [c.title["kk"] for c in program.categories]
    assert titles == ["Жылдың үздік меценаты", "Үздік әлеуметтік серіктес"]
    assert all(3 <= len(c.criteria) <= 4 for c in program.categories)
    assert program.categories[0].title["ru"] == "Лучший меценат года"


def test_demo_accounts_log_in_with_configured_password(app):
    app.test_cli_runner().invoke(args=["demo"])
    for email, _role in DEMO_ACCOUNTS:
        assert authenticate(email=email, password=app.config["DEMO_PASSWORD"]) is not None


def test_demo_lists_every_social_partner_laureate():
    assert len(SOCIAL_PARTNERS) == 16


def test_demo_kazzinc_entry_is_confirmed_and_its_judge_conflicts_whatever_the_name(app):
    program = load_demo(password="demo password 2025")
    kazzinc = next(n for n in program_entries(program) if n.org_name == KAZZINC)
    organization = kazzinc.nominee_organization
    assert organization is not None and organization.name == KAZZINC
    assert KAZZINC_PLANT in [alias.name for alias in organization.aliases]
    judge = db.session.scalar(select(User).filter_by(email="judge2@demo.kz"))
    assert judge.organization_id == organization.id and has_conflict(judge, kazzinc)


def test_demo_chair_recorded_a_split_vote_with_a_dissent(app):
    from awards.results.services import current_snapshot
    from awards.results.votes import tallies

    program = load_demo(password="demo password 2025")
    snapshot = current_snapshot(program.categories[0])
    assert snapshot.created_by.email == "judge1@demo.kz"
    tally = tallies(snapshot.content)[snapshot.laureates[0].nomination_id]
    assert tally.split and tally.votes["against"] == 1
    by_judge = {vote.judge.email: vote.vote for vote in snapshot.votes}
    # judge2 works at Kazzinc: never assigned to its entry, they are not on this panel.
    assert by_judge == {
        "judge1@demo.kz": "for",
        "judge3@demo.kz": "for",
        "judge4@demo.kz": "against",
    }
    assert [d.judge.email for d in snapshot.dissents] == ["judge4@demo.kz"]


def test_demo_social_partners_get_degrees_by_rank_and_stay_the_same_sixteen(app):
    load_demo(password="demo-awards-2025")
    program = db.session.scalar(select(Program).filter_by(slug=DEMO_SLUG))
    partners = next(c for c in program.categories if c.slug == "best-social-partner")
    snapshot = current_snapshot(partners)
    degrees = [lau.degree for lau in snapshot.laureates]
    assert len(degrees) == len(SOCIAL_PARTNERS) == 16
    assert degrees.count(1) >= 3 and set(degrees) <= {1, 2, 3}
    assert degrees == sorted(degrees)
    patron = next(c for c in program.categories if c.slug == "best-patron")
    assert [lau.degree for lau in current_snapshot(patron).laureates] == [None]


def test_demo_rubrics_describe_their_levels_and_one_category_has_a_scored_practice(app):
    program = load_demo(password="demo password 2025")
    for category in program.categories:
        for criterion in category.criteria:
            assert [(lv["low"], lv["high"]) for lv in criterion.levels] == [(0, 3), (4, 6), (7, 10)]
            assert all({"kk", "ru", "en"} <= set(lv["label"]) for lv in criterion.levels)
    patron, partner = program.categories
    assert practice_entry(patron) is None
    summary = practice_summary(partner)
    assert summary.submitted == summary.assigned == len(program_judges(program))
    ranked = [row.nomination for row in category_results(partner).rows]
    assert summary.entry not in ranked and len(ranked) == len(SOCIAL_PARTNERS)

import pytest

from awards.accounts import organizations
from awards.audit import queries as audit_queries
from awards.audit.models import AuditEntry
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import scoring
from awards.nominations import linking
from awards.nominations import services as nominations
from awards.programs import services as programs
from awards.results import services
from awards.results.ranking import category_results
from tests.judging.fixtures import JUDGING


def ids(jury, *names):
    return [jury["entries"][name].id for name in names]


def test_ranking_puts_the_best_first_and_marks_the_tie(scored):
    rows = category_results(scored["program"].categories[0]).rows
    assert [(r.nomination.nominee_name, r.rank, r.tie) for r in rows] == [
        ("Kazzinc Nominee", 1, False),
        ("Polyana Nominee", 2, True),
        ("Ulba Nominee", 2, True),
    ] or [(r.nomination.nominee_name, r.rank, r.tie) for r in rows] == [
        ("Kazzinc Nominee", 1, False),
        ("Ulba Nominee", 2, True),
        ("Polyana Nominee", 2, True),
    ]
    assert rows[0].score == pytest.approx(100 * 28 / 30)


def test_confirming_the_top_needs_no_reason_and_freezes_a_hashed_snapshot(scored):
    category = scored["program"].categories[0]
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=ids(scored, "Kazzinc Nominee")
    )
    assert snapshot.version == 1 and len(snapshot.sha256) == 64
    assert snapshot.sha256 == services.digest(snapshot.content)
    assert [lau.nomination_id for lau in snapshot.laureates] == ids(scored, "Kazzinc Nominee")
    assert len(snapshot.content["scorecards"]) == 9
    assert db.session.query(AuditEntry).filter_by(action="confirmed").count() == 1


def test_cutting_through_a_tie_needs_a_reason(scored):
    category = scored["program"].categories[0]
    category.max_laureates = 2
    chosen = ids(scored, "Kazzinc Nominee", "Ulba Nominee")
    with pytest.raises(DomainError) as error:
        services.confirm_laureates(category=category, actor=scored["organizer"], chosen=chosen)
    assert error.value.field == "reason"
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=chosen,
        reason="Ульба обучила больше студентов",
    )  # fmt: skip
    assert snapshot.laureates[1].reason == "Ульба обучила больше студентов"


def test_skipping_the_top_needs_a_reason(scored):
    category = scored["program"].categories[0]
    with pytest.raises(DomainError):
        services.confirm_laureates(
            category=category, actor=scored["organizer"], chosen=ids(scored, "Ulba Nominee")
        )


def test_more_than_the_maximum_is_refused(scored):
    category = scored["program"].categories[0]
    with pytest.raises(DomainError) as error:
        services.confirm_laureates(
            category=category, actor=scored["organizer"],
            chosen=ids(scored, "Kazzinc Nominee", "Ulba Nominee", "Polyana Nominee"), reason="all",
        )  # fmt: skip
    assert error.value.field == "laureates"


def test_changed_scorecard_makes_the_snapshot_stale(scored):
    category = scored["program"].categories[0]
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=ids(scored, "Kazzinc Nominee")
    )
    assert not services.snapshot_is_stale(snapshot)
    card = scoring.find_scorecard(scored["judges"]["judge@x.kz"], scored["entries"]["Ulba Nominee"])
    scoring.reopen_scorecard(scorecard=card, actor=scored["organizer"], reason="typo", now=JUDGING)
    assert services.snapshot_is_stale(snapshot)


def test_unfreezing_needs_a_reason_and_allows_a_new_version(scored):
    category = scored["program"].categories[0]
    services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=ids(scored, "Kazzinc Nominee")
    )
    with pytest.raises(DomainError):
        services.unfreeze_results(category=category, actor=scored["organizer"], reason=" ")
    services.unfreeze_results(category=category, actor=scored["organizer"], reason="Жалоба")
    assert services.current_snapshot(category) is None
    again = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=ids(scored, "Kazzinc Nominee")
    )
    assert again.version == 2


def test_publishing_needs_a_confirmed_category_and_shows_only_frozen_names(scored):
    program, category = scored["program"], scored["program"].categories[0]
    with pytest.raises(DomainError):
        services.publish_results(program=program, actor=scored["organizer"])
    services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=ids(scored, "Kazzinc Nominee")
    )
    assert services.published_laureates(program) == []
    services.publish_results(program=program, actor=scored["organizer"])
    ((shown_category, items),) = services.published_laureates(program)
    assert shown_category == category and items[0]["nominee"]["ru"] == "Kazzinc Nominee"


def test_conflicted_scorecard_does_not_count(scored):
    from awards.judging import conflicts

    entry, judge = scored["entries"]["Kazzinc Nominee"], scored["judges"]["judge2@x.kz"]
    conflicts.record_conflict(nomination=entry, judge=judge, actor=scored["organizer"], reason="x")
    row = category_results(scored["program"].categories[0]).rows[0]
    assert row.nomination == entry and row.scorecards == 2 and row.too_few


def test_every_decision_is_in_the_audit_log_about_its_category_or_program(scored):
    program, category, organizer = scored["program"], scored["program"].categories[0], \
        scored["organizer"]  # fmt: skip
    kazzinc = ids(scored, "Kazzinc Nominee")
    snapshot = services.confirm_laureates(category=category, actor=organizer, chosen=kazzinc)
    services.publish_results(program=program, actor=organizer)
    services.unfreeze_results(category=category, actor=organizer, reason="Жалоба")
    log = audit_queries.program_log(
        program=program, kinds=services.DECISION_SUBJECTS, actions=services.DECISIONS
    )
    assert [(e.action, e.subject, e.actor, e.reason) for e in log] == [
        ("unfrozen", ("category", category.id), organizer, "Жалоба"),
        ("published", ("program", program.id), organizer, ""),
        ("confirmed", ("category", category.id), organizer, ""),
    ]  # fmt: skip
    assert log[0].old == {"version": 1}
    assert log[2].new == {"version": 1, "sha256": snapshot.sha256, "laureates": kazzinc}


def test_a_person_is_printed_by_the_name_in_each_language(program):
    organizer = program.roles[0].user
    member = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
    category = programs.add_category(
        program=program, actor=organizer, slug="best-mentor", nominee_kind="person",
        title={"kk": "Тәлімгер", "ru": "Наставник"},
    )  # fmt: skip
    person = nominations.create_nomination(
        program=program, category=category, actor=member,
        person_name={"kk": "Әсел Нұрланқызы", "ru": "Асель Нурлановна", "en": ""},
    )  # fmt: skip
    assert services.nominee_names(person) == {"kk": "Әсел Нұрланқызы", "ru": "Асель Нурлановна"}
    # An entry made with one name prints it in every language, as before.
    nominations.update_nomination(nomination=person, actor=member, person_name="Асель")
    assert services.nominee_names(person) == {"ru": "Асель"}


def test_an_organization_is_printed_with_its_confirmed_names_where_none_was_typed(program):
    organizer = program.roles[0].user
    member = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
    college = member.organization
    organizations.update_organization(
        organization=college, names={"kk": "Өскемен колледжі", "ru": "Усть-Каменогорский колледж"},
        bin=None, actor=organizer,
    )  # fmt: skip
    entry = nominations.create_nomination(
        program=program, category=program.categories[0], actor=member,
        org_name={"kk": "Өскемен колледжі"},
    )  # fmt: skip
    assert services.nominee_names(entry) == {"kk": "Өскемен колледжі"}
    linking.confirm_organization(nomination=entry, organization=college, actor=organizer)
    assert services.nominee_names(entry) == {
        "kk": "Өскемен колледжі", "ru": "Усть-Каменогорский колледж"
    }  # fmt: skip

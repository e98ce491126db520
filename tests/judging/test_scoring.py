import pytest

from awards.errors import DomainError
from awards.extensions import db
from awards.judging import conflicts, scoring
from awards.judging.models import Scorecard, ScorecardEvent
from tests.judging.fixtures import AFTER_JUDGING, JUDGING, add_judge


def criteria_of(entry):
    return entry.category.criteria


def full_points(entry, value=8):
    return {criterion.id: str(value) for criterion in criteria_of(entry)}


def save(entry, judge, points, **kwargs):
    kwargs.setdefault("now", JUDGING)
    return scoring.save_scorecard(nomination=entry, actor=judge, points=points, **kwargs)


def test_draft_then_submit_locks_the_scorecard(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    card = save(entry, judge, {})
    assert card.state == "draft" and card.version == 1
    card = save(entry, judge, full_points(entry), version=card.version, submit=True)
    assert card.is_submitted and card.points == {c.id: 8.0 for c in criteria_of(entry)}
    with pytest.raises(DomainError):
        save(entry, judge, full_points(entry, 9), version=card.version)


def test_events_record_old_and_new_values(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    criterion = criteria_of(entry)[0]
    card = save(entry, judge, {criterion.id: "5"})
    card = save(entry, judge, {criterion.id: "7"}, version=card.version)
    events = db.session.query(ScorecardEvent).order_by(ScorecardEvent.id).all()
    assert [e.action for e in events] == ["created", "changed"]
    assert events[1].old["points"] == {str(criterion.id): 5.0}
    assert events[1].new["points"] == {str(criterion.id): 7.0}
    assert events[1].actor_id == judge.id


def test_stale_form_gets_conflict_message_not_overwrite(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    criterion = criteria_of(entry)[0]
    first_tab = save(entry, judge, {criterion.id: "5"}).version
    save(entry, judge, {criterion.id: "6"}, version=first_tab)
    with pytest.raises(DomainError, match="another tab"):
        save(entry, judge, {criterion.id: "9"}, version=first_tab)
    assert scoring.find_scorecard(judge, entry).points == {criterion.id: 6.0}


@pytest.mark.parametrize(
    ("raw", "message"),
    [("11", "from 0 to 10"), ("-1", "from 0 to 10"), ("abc", "Enter a number"),
     ("7.5", "steps of 1"), ("nan", "from 0 to 10"), ("inf", "from 0 to 10")],
)  # fmt: skip
def test_bad_points_are_refused_beside_the_criterion(jury, raw, message):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    criterion = criteria_of(entry)[0]
    with pytest.raises(scoring.InvalidScores) as error:
        save(entry, judge, {criterion.id: raw})
    assert message in error.value.errors[criterion.id]
    assert db.session.query(Scorecard).count() == 0


def test_decimal_comma_and_half_steps(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    criterion = criteria_of(entry)[0]
    criterion.step = 0.5
    card = save(entry, judge, {criterion.id: "7,5"})
    assert card.points == {criterion.id: 7.5}


def test_submit_needs_every_criterion(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    with pytest.raises(scoring.InvalidScores) as error:
        save(entry, judge, {}, submit=True)
    assert set(error.value.errors) == {c.id for c in criteria_of(entry)}


def test_unassigned_judge_is_refused_and_nothing_stored(jury):
    entry = jury["entries"]["Ulba Nominee"]
    outsider = add_judge(jury["program"], "unassigned@x.kz", "Somewhere")
    with pytest.raises(DomainError):
        save(entry, outsider, full_points(entry))
    assert db.session.query(Scorecard).count() == 0


def test_conflicted_judge_is_refused_and_nothing_stored(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge2@x.kz"]
    conflicts.declare_conflict(nomination=entry, actor=judge, reason="Бывший сотрудник")
    with pytest.raises(DomainError):
        save(entry, judge, full_points(entry))
    assert db.session.query(Scorecard).count() == 0


def test_scoring_after_judging_closes_is_refused(jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    with pytest.raises(DomainError, match="closed"):
        save(entry, judge, full_points(entry), submit=True, now=AFTER_JUDGING)
    assert db.session.query(Scorecard).count() == 0


def test_reopen_needs_reason_and_emails_the_judge(jury, outbox):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    card = save(entry, judge, full_points(entry), submit=True)
    with pytest.raises(DomainError):
        scoring.reopen_scorecard(scorecard=card, actor=jury["organizer"], reason="")
    scoring.reopen_scorecard(scorecard=card, actor=jury["organizer"], reason="Опечатка в баллах")
    db.session.commit()
    assert card.state == "draft" and card.submitted_at is None
    assert card.events[-1].action == "reopened" and card.events[-1].reason == "Опечатка в баллах"
    (message,) = [m for m in outbox() if m["To"] == judge.email]
    assert "Опечатка в баллах" in message.get_content()
    save(entry, judge, full_points(entry, 9), version=card.version, submit=True)

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awards.audit.models import AuditEntry
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import conflicts, scoring
from awards.judging.models import Scorecard
from awards.programs.models import Criterion
from tests.judging.fixtures import AFTER_JUDGING, JUDGING, add_judge
from tests.smtp import new_mail, sent_ids


def criteria_of(entry):
    return entry.category.criteria


def full_points(entry, value=8):
    return {criterion.id: str(value) for criterion in criteria_of(entry)}


def scorecard_log(card=None):
    """The audit log's entries about scorecards (or about ``card``), oldest first."""
    query = db.session.query(AuditEntry).filter_by(subject_kind="scorecard")
    if card is not None:
        query = query.filter_by(subject_id=card.id)
    return query.order_by(AuditEntry.id).all()


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
    events = scorecard_log()
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
    before = sent_ids(outbox)  # the judges were told of their assignments
    card = save(entry, judge, full_points(entry), submit=True)
    with pytest.raises(DomainError):
        scoring.reopen_scorecard(scorecard=card, actor=jury["organizer"], reason="")
    scoring.reopen_scorecard(scorecard=card, actor=jury["organizer"], reason="Опечатка в баллах")
    db.session.commit()
    assert card.state == "draft" and card.submitted_at is None
    last = scorecard_log(card)[-1]
    assert last.action == "reopened" and last.reason == "Опечатка в баллах"
    (message,) = [m for m in new_mail(outbox, before) if m["To"] == judge.email]
    assert "Опечатка в баллах" in message.get_content()
    save(entry, judge, full_points(entry, 9), version=card.version, submit=True)


HALVES = Criterion(max_points=10, step=0.5)


@pytest.mark.parametrize(
    ("raw", "points"),
    [("2.5", 2.5), ("2,5", 2.5), (" 10 ", 10.0), ("0", 0.0), ("-0", 0.0), ("5e-1", 0.5),
     (".5", 0.5), (7.5, 7.5), ("2.500000000000000000000000000000000000", 2.5)],
)  # fmt: skip
def test_parse_points_accepts_exact_multiples_of_the_step(raw, points):
    assert scoring.parse_points(HALVES, raw) == (points, None)


@pytest.mark.parametrize(
    ("raw", "message"),
    [("0.0000001", "Use steps of 0.5."), ("2.5000000000000000000000000000000001", "Use steps"),
     ("1e-999999999999", "Use steps of 0.5."), (1e-7, "Use steps of 0.5."),
     ("1e309", "Enter a number from 0 to 10."), ("nan", "Enter a number from 0 to 10."),
     ("inf", "Enter a number from 0 to 10."), ("-Infinity", "Enter a number from 0 to 10."),
     ("-0.5", "Enter a number from 0 to 10."), ("10.5", "Enter a number from 0 to 10."),
     ("1e9999999999999999999999", "Enter a number."), ("1_0", "Enter a number."),
     ("٣", "Enter a number."), ("2.5.1", "Enter a number."), ("0x1", "Enter a number.")],
)  # fmt: skip
def test_parse_points_refuses_anything_else(raw, message):
    points, error = scoring.parse_points(HALVES, raw)
    assert points is None and error.startswith(message)


def test_parse_points_is_not_fooled_by_float_noise():
    tenths = Criterion(max_points=10, step=0.1)
    assert scoring.parse_points(tenths, "0.3") == (0.3, None)
    assert scoring.parse_points(tenths, 0.1 + 0.2)[1] == "Use steps of 0.1."  # 0.30000000000000004


STEPS = ["0.1", "0.2", "0.25", "0.3", "0.5", "1", "2", "2.5", "0.05", "0.01"]


@given(st.sampled_from(STEPS), st.integers(1, 100), st.decimals(-50, 150, places=4))
def test_parse_points_accepts_exactly_the_multiples_of_the_step_in_range(step, top, value):
    criterion = Criterion(max_points=top, step=float(step))
    points, error = scoring.parse_points(criterion, str(value))
    expected = 0 <= value <= top and value % Decimal(step) == 0
    assert (error is None) == expected
    assert points == (float(value) if expected else None)


@given(st.sampled_from(STEPS), st.integers(1, 100), st.data())
def test_parse_points_accepts_every_multiple_of_the_step(step, top, data):
    count = int(top / Decimal(step))
    multiple = Decimal(step) * data.draw(st.integers(0, count))
    criterion = Criterion(max_points=top, step=float(step))
    assert scoring.parse_points(criterion, str(multiple)) == (float(multiple), None)

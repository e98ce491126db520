"""Scorecards: saving drafts, submitting, reopening, with every change in the history.

Scoring is allowed only to an assigned judge without a conflict, only while judging is open,
checked in the same transaction as the write. A form loaded before someone else saved the same
scorecard (another tab) is refused rather than silently overwriting.
"""

import re
from datetime import datetime
from decimal import Decimal, DivisionByZero, Inexact, InvalidOperation, localcontext

from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.formats import number
from awards.i18n import utcnow
from awards.judging.conflicts import has_conflict
from awards.judging.models import Assignment, Score, Scorecard, ScorecardState
from awards.judging.rounds import is_in_play, waiting_round
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Criterion, Program, Role
from awards.programs.permissions import roles_in


def stale_message() -> str:
    return _(
        "This scorecard was changed in another tab or window after you opened it. "
        "Reload the page to see the latest version, then make your changes again."
    )


class InvalidScores(DomainError):
    """Points that cannot be saved; ``errors`` maps each criterion id to its message, and the
    form shows each beside that criterion's points (``points_<id>``)."""

    def __init__(self, errors: dict[int, str]) -> None:
        fields = {f"points_{criterion_id}": message for criterion_id, message in errors.items()}
        super().__init__(_("Some points need your attention."), fields=fields)
        self.errors = errors


def judging_is_open(program: Program, now: datetime) -> bool:
    opens, closes = program.judging_open_at, program.judging_close_at
    return (opens is None or opens <= now) and (closes is None or now < closes)


def check_judging_open(program: Program, now: datetime) -> None:
    if program.judging_open_at is not None and now < program.judging_open_at:
        raise DomainError(_("Judging has not opened yet."))
    if not judging_is_open(program, now):
        raise DomainError(_("Judging has closed; scorecards can no longer be changed."))


def find_scorecard(judge: User, nomination: Nomination) -> Scorecard | None:
    return db.session.scalar(
        select(Scorecard).filter_by(judge_id=judge.id, nomination_id=nomination.id)
    )


def is_assigned(judge: User, nomination: Nomination) -> bool:
    query = select(Assignment.id).filter_by(judge_id=judge.id, nomination_id=nomination.id)
    return db.session.scalar(query) is not None


def check_in_play(nomination: Nomination) -> None:
    """Refuse an entry the scored round leaves out: its category's qualifying round is not
    decided yet, or the entry did not advance from it."""
    if is_in_play(nomination):
        return
    if waiting_round(nomination.category) is not None:
        raise DomainError(
            _("Scoring in this category starts once its qualifying round is decided.")
        )
    raise DomainError(_("This entry did not advance from the qualifying round."))


def practice_pending(judge: User, nomination: Nomination) -> Nomination | None:
    """The practice entry of ``nomination``'s category when the judge, assigned to it, has not
    submitted its scorecard yet (the other entries wait for it); None otherwise."""
    if nomination.is_practice:
        return None
    practice = db.session.scalar(
        select(Nomination)
        .join(Assignment, Assignment.nomination_id == Nomination.id)
        .where(
            Nomination.category_id == nomination.category_id,
            Nomination.is_practice.is_(True),
            Nomination.state == NominationState.ACCEPTED,
            Assignment.judge_id == judge.id,
        )
    )
    if practice is None:
        return None
    card = find_scorecard(judge, practice)
    return None if card is not None and card.is_submitted else practice


def practice_first_message() -> str:
    return _(
        "Score the practice entry of this category first. It never counts: once you submit "
        "it, you see how your points compare with the other judges', and the other entries "
        "open."
    )


def check_may_score(judge: User, nomination: Nomination, *, practice_first: bool = True) -> None:
    """Refuse anyone but an assigned, unconflicted judge of an accepted entry in play (the
    judge learns why an entry left play only once they may otherwise score it); and, with
    ``practice_first``, a judge who has not yet submitted the category's practice entry."""
    allowed = (
        Role.JUDGE in roles_in(judge, nomination.program)
        and nomination.state == NominationState.ACCEPTED
        and is_assigned(judge, nomination)
        and not has_conflict(judge, nomination)
    )
    if not allowed:
        raise DomainError(_("You cannot score this nomination."))
    check_in_play(nomination)
    if practice_first and practice_pending(judge, nomination) is not None:
        raise DomainError(practice_first_message())


# Plain decimal notation in ASCII digits, with an optional exponent (5e-1 is 0.5): Decimal alone
# would also take "1_000", other scripts' digits, "NaN" and "Infinity".
NUMBER_RE = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def _is_multiple(value: Decimal, step: Decimal) -> bool:
    """Exactly; a remainder that cannot be computed exactly (a value far below any step, or
    too many steps to count) is not a multiple."""
    with localcontext() as context:
        context.prec = 200
        context.traps[Inexact] = True
        try:
            return value % step == 0
        except (InvalidOperation, Inexact, DivisionByZero):
            return False


def parse_points(criterion: Criterion, raw) -> tuple[float | None, str | None]:
    """(points, None) or (None, message): a number from 0 to the maximum that is exactly a
    multiple of the rubric's step, in decimal arithmetic on what was typed (so 0.3 is a multiple
    of 0.1, and 0.0000001 is not one of 0.5). Empty input is (None, None)."""
    text = str(raw if raw is not None else "").strip().replace(",", ".")
    if not text:
        return None, None
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, _("Enter a number.")
    out_of_range = _("Enter a number from 0 to %(max)d.", max=criterion.max_points)
    if not value.is_finite():
        return None, out_of_range
    if not NUMBER_RE.fullmatch(text):
        return None, _("Enter a number.")
    if value < 0 or value > criterion.max_points:
        return None, out_of_range
    if not _is_multiple(value, Decimal(str(criterion.step))):
        return None, _("Use steps of %(step)s.", step=number(criterion.step))
    return (float(value) if value else 0.0), None


def clean_points(criteria: list[Criterion], raw: dict, *, complete: bool) -> dict[int, float]:
    points, errors = {}, {}
    for criterion in criteria:
        value, error = parse_points(criterion, raw.get(criterion.id))
        if error:
            errors[criterion.id] = error
        elif value is None and complete:
            errors[criterion.id] = _("Give points for this criterion before submitting.")
        elif value is not None:
            points[criterion.id] = value
    if errors:
        raise InvalidScores(errors)
    return points


def _snapshot(scorecard: Scorecard) -> dict:
    return {
        "state": scorecard.state,
        "points": {str(s.criterion_id): s.points for s in scorecard.scores},
        "comments": {str(s.criterion_id): s.comment for s in scorecard.scores if s.comment},
        "overall_comment": scorecard.overall_comment,
    }


def _event(scorecard, *, actor, action, old, reason="", now) -> None:
    record(
        actor=actor, program=scorecard.nomination.program,
        subject=(SubjectKind.SCORECARD, scorecard.id), action=action, old=old,
        new=_snapshot(scorecard), reason=reason, now=now,
    )  # fmt: skip


def _claim_version(scorecard: Scorecard, version: int | None, now: datetime) -> None:
    """Move the scorecard from the version the form was loaded with to the next one, in one
    conditional UPDATE: of two concurrent saves from the same version, only one succeeds."""
    result = db.session.execute(
        update(Scorecard)
        .where(Scorecard.id == scorecard.id, Scorecard.version == version)
        .values(version=Scorecard.version + 1, updated_at=now)
    )
    if result.rowcount != 1:
        raise DomainError(stale_message())
    db.session.refresh(scorecard, ["version", "updated_at"])


def _new_scorecard(nomination: Nomination, judge: User, now: datetime) -> Scorecard:
    """A new scorecard row, or the stale-tab refusal when another request of the same judge
    created it since this one looked (the database's unique constraint says so)."""
    scorecard = Scorecard(nomination=nomination, judge=judge, created_at=now)
    try:
        with db.session.begin_nested():
            db.session.add(scorecard)
    except IntegrityError as exc:
        raise DomainError(stale_message()) from exc
    return scorecard


def _write_scores(scorecard: Scorecard, points: dict[int, float], comments: dict) -> None:
    by_criterion = {score.criterion_id: score for score in scorecard.scores}
    for criterion_id in set(by_criterion) | set(points):
        score = by_criterion.get(criterion_id)
        comment = (comments.get(criterion_id) or "").strip()
        if criterion_id not in points:
            if score is not None:
                scorecard.scores.remove(score)
            continue
        if score is None:
            score = Score(criterion_id=criterion_id, points=points[criterion_id])
            scorecard.scores.append(score)
        score.points, score.comment = points[criterion_id], comment


def save_scorecard(
    *, nomination: Nomination, actor: User, points: dict, comments: dict | None = None,
    overall_comment: str = "", version: int | None = None, submit: bool = False,
    comments_shareable: bool | None = None, now: datetime | None = None,
) -> Scorecard:  # fmt: skip
    """Save the judge's points as a draft, or submit them, which locks the scorecard.

    ``version`` is the version the form was loaded with (None for a new scorecard).
    ``comments_shareable``: whether the nominators may read the comments in their feedback
    letter (None leaves it as it is; a new scorecard's are not shareable).
    Side effects: creates or updates the scorecard and its scores; records a 'created',
    'changed' or 'submitted' event with old and new values; flushes.
    """
    now = now or utcnow()
    check_judging_open(nomination.program, now)
    return write_scorecard(
        nomination=nomination, judge=actor, actor=actor, points=points, comments=comments,
        overall_comment=overall_comment, version=version, submit=submit,
        comments_shareable=comments_shareable, now=now,
    )  # fmt: skip


def write_scorecard(
    *, nomination: Nomination, judge: User, actor: User, points: dict,
    comments: dict | None = None, overall_comment: str = "", version: int | None = None,
    submit: bool = False, reason: str = "", comments_shareable: bool | None = None,
    now: datetime, practice_first: bool = True,
) -> Scorecard:  # fmt: skip
    """The write behind online scoring and paper-ballot import: every rule but the judging
    window, which the caller checks (or an organizer overrides with ``reason``); paper
    ballots, typed in any order, skip the practice-first rule (``practice_first``).

    Side effects: as save_scorecard; the event names ``actor`` (the organizer for imports).
    """
    check_may_score(judge, nomination, practice_first=practice_first)
    scorecard = find_scorecard(judge, nomination)
    if scorecard is not None and scorecard.is_submitted:
        raise DomainError(_("This scorecard has been submitted and is locked."))
    if scorecard is not None:
        _claim_version(scorecard, version, now)
    clean = clean_points(nomination.category.criteria, points, complete=submit)
    old = _snapshot(scorecard) if scorecard else {}
    if scorecard is None:
        scorecard = _new_scorecard(nomination, judge, now)
    _write_scores(scorecard, clean, comments or {})
    scorecard.overall_comment = (overall_comment or "").strip()
    if comments_shareable is not None:
        scorecard.comments_shareable = bool(comments_shareable)
    scorecard.updated_at = now
    if submit:
        scorecard.state, scorecard.submitted_at = ScorecardState.SUBMITTED, now
    db.session.flush()
    action = "submitted" if submit else ("changed" if old else "created")
    _event(scorecard, actor=actor, action=action, old=old, reason=reason, now=now)
    db.session.flush()
    return scorecard


def reopen_scorecard(
    *, scorecard: Scorecard, actor: User, reason: str, now: datetime | None = None
) -> Scorecard:
    """An organizer unlocks a submitted scorecard so the judge can change it.

    Side effects: state back to draft; a 'reopened' event with the reason; emails the judge.
    """
    now = now or utcnow()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the scorecard is reopened."), field="reason")
    if not scorecard.is_submitted:
        raise DomainError(_("Only a submitted scorecard can be reopened."))
    old = _snapshot(scorecard)
    scorecard.state, scorecard.submitted_at, scorecard.updated_at = ScorecardState.DRAFT, None, now
    db.session.flush()
    _event(scorecard, actor=actor, action="reopened", old=old, reason=reason, now=now)
    queue_email(
        db.session(), to=scorecard.judge.email, locale=scorecard.judge.locale,
        template="judging/reopened", scorecard=scorecard, reason=reason,
        link=external_url(
            "judging.nomination", slug=scorecard.nomination.program.slug,
            nomination_id=scorecard.nomination_id,
        ),
    )  # fmt: skip
    db.session.flush()
    return scorecard

"""Setting up a category's qualifying rounds, voting in them and deciding them. Each function
takes ``actor=``, flushes and never commits; every change of a round is in the audit log
under its category."""

import hashlib
import json
import re
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError, FieldErrors
from awards.extensions import db
from awards.i18n import clean_texts, utcnow
from awards.judging.conflicts import has_conflict
from awards.judging.models import (
    JudgingRound,
    QualifyingVote,
    RoundJuror,
    RoundKind,
    RoundOutcome,
    Scorecard,
    Verdict,
)
from awards.judging.qualifying import ADVANCES, TIE, majority_share, outcome
from awards.judging.rounds import (
    earlier_undecided,
    is_round_juror,
    judges_of_program,
    round_board,
    round_entries,
    round_window,
)
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination
from awards.programs.models import Category, NomineeKind

NAME_RE = re.compile(r"[a-z0-9][a-z0-9-]{0,39}")
MAJORITIES = (0.5, 0.6, 2 / 3, 0.75)


def _settings(judging_round: JudgingRound) -> dict:
    return {
        "name": judging_round.name, "title": judging_round.title,
        "majority": judging_round.majority,
        "opens_at": judging_round.opens_at.isoformat() if judging_round.opens_at else None,
        "closes_at": judging_round.closes_at.isoformat() if judging_round.closes_at else None,
        "jurors": sorted(juror.judge_id for juror in judging_round.jurors),
    }  # fmt: skip


def _log(judging_round: JudgingRound, *, actor, action, old=None, new=None, reason="", now=None):
    record(
        actor=actor, program=judging_round.category.program,
        subject=(SubjectKind.CATEGORY, judging_round.category_id), action=action,
        old=old, new=new, reason=reason or None, now=now,
    )  # fmt: skip


def scoring_started(category: Category) -> bool:
    query = (
        select(Scorecard.id)
        .join(Nomination, Nomination.id == Scorecard.nomination_id)
        .where(Nomination.category_id == category.id)
        .limit(1)
    )
    return db.session.scalar(query) is not None


def _check_settings(category, *, name, majority, opens_at, closes_at, juror_ids, current=None):
    errors = FieldErrors()
    if not NAME_RE.fullmatch(name or ""):
        errors.add(DomainError(
            _("Use 1 to 40 small Latin letters, digits and hyphens, such as qualifying."),
            field="name",
        ))  # fmt: skip
    else:
        taken = select(JudgingRound.id).filter_by(category_id=category.id, name=name)
        if current is not None:
            taken = taken.where(JudgingRound.id != current.id)
        if name == RoundKind.SCORED or db.session.scalar(taken) is not None:
            errors.add(DomainError(_("This category already has a round of that name."),
                                   field="name"))  # fmt: skip
    if not any(abs(majority - allowed) < 1e-9 for allowed in MAJORITIES):
        errors.add(DomainError(_("Choose one of the majorities offered."), field="majority"))
    if opens_at and closes_at and opens_at >= closes_at:
        errors.add(DomainError(_("The round must close after it opens."), field="closes_at"))
    judges = {judge.id for judge in judges_of_program(category.program)}
    if any(juror_id not in judges for juror_id in juror_ids):
        errors.add(DomainError(_("Only members of the jury can be assigned."), field="jurors"))
    errors.raise_any()


def add_round(
    *, category: Category, actor: User, name: str, title: dict | None = None,
    majority: float = 0.5, opens_at: datetime | None = None, closes_at: datetime | None = None,
    juror_ids: list[int] | None = None, now: datetime | None = None,
) -> JudgingRound:  # fmt: skip
    """Add a qualifying round after the category's others, before its scored round.

    Refused once scoring has started in the category (a new round would take entries away from
    scorecards already written). Side effects: adds the round and its jurors; logged; flushes.
    """
    name, juror_ids = (name or "").strip().lower(), sorted(set(juror_ids or []))
    if scoring_started(category):
        raise DomainError(_("Scoring has started in this category: a round can no longer be "
                            "added before it."))  # fmt: skip
    _check_settings(category, name=name, majority=majority, opens_at=opens_at,
                    closes_at=closes_at, juror_ids=juror_ids)  # fmt: skip
    position = db.session.scalar(
        select(func.coalesce(func.max(JudgingRound.position), 0)).where(
            JudgingRound.category_id == category.id
        )
    )
    judging_round = JudgingRound(
        category=category, position=position + 1, kind=RoundKind.QUALIFYING, name=name,
        title=clean_texts(title), majority=majority, opens_at=opens_at, closes_at=closes_at,
        jurors=[RoundJuror(judge_id=judge_id) for judge_id in juror_ids],
    )  # fmt: skip
    db.session.add(judging_round)
    db.session.flush()
    _log(judging_round, actor=actor, action="round-added", new=_settings(judging_round), now=now)
    return judging_round


def change_round(
    *, judging_round: JudgingRound, actor: User, name: str, title: dict | None = None,
    majority: float, opens_at: datetime | None, closes_at: datetime | None,
    juror_ids: list[int], now: datetime | None = None,
) -> JudgingRound:  # fmt: skip
    """Change an undecided round's name, title, window, majority and jurors.

    Side effects: votes of jurors taken off the round stay but no longer count; logged; flushes.
    """
    if judging_round.is_decided:
        raise DomainError(_("This round has been decided and can no longer be changed."))
    name, juror_ids = (name or "").strip().lower(), sorted(set(juror_ids))
    _check_settings(judging_round.category, name=name, majority=majority, opens_at=opens_at,
                    closes_at=closes_at, juror_ids=juror_ids, current=judging_round)  # fmt: skip
    old = _settings(judging_round)
    judging_round.name, judging_round.title = name, clean_texts(title)
    judging_round.majority = majority
    judging_round.opens_at, judging_round.closes_at = opens_at, closes_at
    kept = {juror.judge_id: juror for juror in judging_round.jurors}
    judging_round.jurors = [kept.get(i) or RoundJuror(judge_id=i) for i in juror_ids]
    db.session.flush()
    _log(judging_round, actor=actor, action="round-changed", old=old,
         new=_settings(judging_round), now=now)  # fmt: skip
    return judging_round


def remove_round(*, judging_round: JudgingRound, actor: User, now: datetime | None = None) -> None:
    """Remove an undecided round with its votes. Side effects: deleted; logged; flushes."""
    if judging_round.is_decided:
        raise DomainError(_("This round has been decided and can no longer be changed."))
    _log(judging_round, actor=actor, action="round-removed", old=_settings(judging_round), now=now)
    db.session.delete(judging_round)
    db.session.flush()


def check_may_vote(judging_round: JudgingRound, judge: User, nomination: Nomination, now) -> None:
    """Refuse a vote outside the round's window, by anyone off its jury, on an entry not in the
    round or one the juror has a conflict of interest with."""
    state = round_window(judging_round, now)
    if judging_round.is_decided:
        raise DomainError(_("This round has been decided; votes can no longer be changed."))
    if state == "not_open" or earlier_undecided(judging_round):
        raise DomainError(_("This round has not opened yet."))
    if state == "closed":
        raise DomainError(_("This round has closed; votes can no longer be changed."))
    if (
        not is_round_juror(judging_round, judge)
        or nomination.category_id != judging_round.category_id
        or nomination not in round_entries(judging_round)
        or has_conflict(judge, nomination)
    ):
        raise DomainError(_("You cannot vote on this entry."))


def cast_vote(
    *, judging_round: JudgingRound, nomination: Nomination, actor: User, verdict: str,
    comment: str = "", now: datetime | None = None,
) -> QualifyingVote:  # fmt: skip
    """Record (or change) the juror's verdict on an entry, with their comment.

    Side effects: adds or updates the vote (its times say when); flushes. Votes are not in the
    audit log one by one: the decision freezes every vote that counted.
    """
    now = now or utcnow()
    if verdict not in set(Verdict):
        raise DomainError(_("Choose advance, do not advance or abstain."), field="verdict")
    check_may_vote(judging_round, actor, nomination, now)
    vote = db.session.scalar(
        select(QualifyingVote).filter_by(
            round_id=judging_round.id, nomination_id=nomination.id, judge_id=actor.id
        )
    )
    if vote is None:
        vote = QualifyingVote(round_id=judging_round.id, nomination_id=nomination.id,
                              judge_id=actor.id, created_at=now)  # fmt: skip
        db.session.add(vote)
    vote.verdict, vote.comment, vote.updated_at = verdict, (comment or "").strip(), now
    db.session.flush()
    return vote


def digest(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def _names(entry: Nomination) -> dict:
    """The nominee's names per language, as the results snapshot keeps them."""
    if entry.nominee_kind == NomineeKind.PERSON:
        return dict(entry.person_name_texts) or {"ru": ""}
    return entry.org_name_texts or {"ru": entry.nominee_name}


def _entry_content(entry, tally, result, votes, jury, tie) -> dict:
    return {
        "nomination_id": entry.id, "nominee": _names(entry),
        "advance": tally.advance, "reject": tally.reject, "abstain": tally.abstain,
        "not_voted": tally.not_voted, "result": result,
        "advanced": result == ADVANCES if tie is None else tie[0],
        "tie_reason": None if tie is None else tie[1],
        "votes": [
            {"juror": judge.email, "verdict": votes[(entry.id, judge.id)].verdict,
             "comment": votes[(entry.id, judge.id)].comment}
            for judge in jury if (entry.id, judge.id) in votes
        ],
    }  # fmt: skip


def _tie_decisions(board, results, ties: dict) -> dict[int, tuple[bool, str]]:
    """The decision on every tie, each with its reason, or a refusal naming those missing."""
    errors, decided = FieldErrors(), {}
    for entry in board.entries:
        if results[entry.id] != TIE:
            continue
        choice, reason = ties.get(entry.id, (None, ""))
        reason = (reason or "").strip()
        if choice is None:
            errors.add(DomainError(_("Decide whether this entry advances."),
                                   field=f"tie_{entry.id}"))  # fmt: skip
        elif not reason:
            errors.add(DomainError(_("Say why the tie is decided this way."),
                                   field=f"reason_{entry.id}"))  # fmt: skip
        else:
            decided[entry.id] = (bool(choice), reason)
    errors.raise_any()
    return decided


def decide_round(
    *, judging_round: JudgingRound, actor: User, ties: dict[int, tuple[bool | None, str]]
    | None = None, now: datetime | None = None,
) -> JudgingRound:  # fmt: skip
    """Freeze the round's outcome: who advances, each entry's tally and votes, and every tie
    decided (``ties`` maps the entry's id to (advances, reason)).

    Refused when decided already or while an earlier round waits. Side effects: the round's
    content, SHA-256, decided_at/by; an outcome row per entry; logged; flushes.
    """
    now = now or utcnow()
    if judging_round.is_decided:
        raise DomainError(_("This round has been decided already."))
    if earlier_undecided(judging_round):
        raise DomainError(_("Decide the earlier rounds first."))
    board = round_board(judging_round)
    results = {e.id: outcome(board.tallies[e.id], judging_round.majority) for e in board.entries}
    decided = _tie_decisions(board, results, ties or {})
    entries = [
        _entry_content(entry, board.tallies[entry.id], results[entry.id], board.votes,
                       board.jury, decided.get(entry.id))
        for entry in board.entries
    ]  # fmt: skip
    content = {
        "category_id": judging_round.category_id, "round": judging_round.name,
        "title": judging_round.title, "position": judging_round.position,
        "majority": majority_share(judging_round.majority),
        "jury": [judge.email for judge in board.jury], "entries": entries,
        "advanced": [entry["nomination_id"] for entry in entries if entry["advanced"]],
        "decided_by": actor.email, "decided_at": now.isoformat(),
    }  # fmt: skip
    for entry in entries:
        db.session.add(RoundOutcome(
            round_id=judging_round.id, nomination_id=entry["nomination_id"],
            advanced=entry["advanced"], tie_reason=entry["tie_reason"],
        ))  # fmt: skip
    judging_round.content, judging_round.sha256 = content, digest(content)
    judging_round.decided_at, judging_round.decided_by_id = now, actor.id
    db.session.flush()
    _log(judging_round, actor=actor, action="round-decided",
         new={"round": judging_round.name, "advanced": content["advanced"],
              "sha256": judging_round.sha256}, now=now)  # fmt: skip
    return judging_round


def remind_jurors(*, judging_round: JudgingRound, actor: User, now: datetime | None = None) -> int:
    """Email every juror with entries of an open round still waiting for their vote.

    Returns how many were reminded. Side effects: one email each (sent on commit); logged.
    """
    now = now or utcnow()
    if round_window(judging_round, now) != "open":
        raise DomainError(_("The round is not open: nobody can vote now."))
    board = round_board(judging_round)
    entries = {entry.id: entry for entry in board.entries}
    program = judging_round.category.program
    reminded = 0
    for judge in board.jury:
        missing = [entries[i] for i in board.waiting.get(judge.id, [])]
        if not missing:
            continue
        queue_email(
            db.session(), to=judge.email, locale=judge.locale, template="judging/round_reminder",
            program=program, round=judging_round, judge=judge, missing=missing,
            link=external_url("judging.round_votes", slug=program.slug, round_id=judging_round.id),
        )  # fmt: skip
        reminded += 1
    if not reminded:
        raise DomainError(_("Every juror has voted on every entry."))
    _log(judging_round, actor=actor, action="round-reminded", new={"jurors": reminded}, now=now)
    return reminded

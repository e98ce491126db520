"""Deciding results: confirming laureates into a frozen snapshot, unfreezing, publishing.

Every decision is written to the audit log with who, when and why.
"""

import hashlib
import json
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.programs.models import Category, NomineeKind, Program
from awards.results.announcements import announce_results, published_before
from awards.results.models import DecisionVote, DissentingOpinion, Laureate, ResultsSnapshot
from awards.results.ranking import CategoryResults, category_results
from awards.results.votes import check_votes, decision_content

METHODS = ("mean", "normalized", "trimmed")


def current_snapshot(category: Category) -> ResultsSnapshot | None:
    return db.session.scalar(
        select(ResultsSnapshot)
        .where(ResultsSnapshot.category_id == category.id, ResultsSnapshot.unfrozen_at.is_(None))
        .order_by(ResultsSnapshot.version.desc())
    )


def current_snapshots(categories: list[Category]) -> dict[int, ResultsSnapshot | None]:
    """current_snapshot of each category, in one statement whatever their number."""
    found: dict[int, ResultsSnapshot | None] = {category.id: None for category in categories}
    for snapshot in db.session.scalars(
        select(ResultsSnapshot)
        .where(ResultsSnapshot.category_id.in_(list(found)), ResultsSnapshot.unfrozen_at.is_(None))
        .order_by(ResultsSnapshot.version)
    ):
        found[snapshot.category_id] = snapshot  # the highest version comes last
    return found


# The decisions log of the results page: these actions, about a category or the whole program.
DECISIONS = ("confirmed", "unfrozen", "published", "unpublished")
DECISION_SUBJECTS = (SubjectKind.CATEGORY, SubjectKind.PROGRAM)


def _log(program, *, actor, action, category=None, reason="", old=None, new=None, now) -> None:
    subject = (SubjectKind.CATEGORY, category.id) if category else (SubjectKind.PROGRAM, program.id)
    record(
        actor=actor, program=program, subject=subject, action=action, old=old, new=new,
        reason=reason, now=now,
    )  # fmt: skip


def set_scoring_method(*, program: Program, method: str, actor: User) -> Program:
    """Choose how scorecards become scores for the whole program. Side effects: flushes."""
    if method not in METHODS:
        raise DomainError(_("Choose one of the listed methods."), field="method")
    program.scoring_method = method
    db.session.flush()
    return program


def scorecards_fingerprint(results: CategoryResults) -> list[dict]:
    """What the results were computed from: each countable scorecard and its points."""
    return sorted(
        (
            {"id": c.id, "judge_id": c.judge_id, "nomination_id": c.nomination_id,
             "points": {str(k): v for k, v in sorted(c.points.items())},
             "submitted_at": c.submitted_at.isoformat() if c.submitted_at else None}
            for c in results.scorecards
        ),
        key=lambda item: item["id"],
    )  # fmt: skip


def _expected_reason(results: CategoryResults, chosen: list[int]) -> bool:
    """Whether the choice departs from the ranking or cuts through a tie."""
    ranked = [row for row in results.rows if row.score is not None]
    top = [row.nomination.id for row in ranked[: len(chosen)]]
    if set(top) != set(chosen):
        return True
    boundary = ranked[len(chosen) - 1] if chosen else None
    following = ranked[len(chosen)] if len(ranked) > len(chosen) else None
    return bool(boundary and following and boundary.rank == following.rank)


def _check_choice(category: Category, results: CategoryResults, chosen: list[int]) -> None:
    scored = {row.nomination.id for row in results.rows if row.score is not None}
    if not chosen:
        raise DomainError(_("Choose at least one laureate."), field="laureates")
    if len(set(chosen)) != len(chosen) or not set(chosen) <= scored:
        raise DomainError(_("Only scored nominations of this category can be laureates."))
    if category.max_laureates and len(chosen) > category.max_laureates:
        raise DomainError(
            _("This category has at most %(n)d laureates.", n=category.max_laureates),
            field="laureates",
        )


def nominee_names(nomination) -> dict:
    """The nominee's name per language as it must be printed: an organization's legal names
    (see Nomination.org_name_texts), a person's full names; a team has one name."""
    if nomination.nominee_kind == NomineeKind.PERSON:
        return dict(nomination.person_name_texts) or {"ru": ""}
    return nomination.org_name_texts or {"ru": nomination.nominee_name}


def _content(category, results, chosen, reason, actor, now) -> dict:
    rows = {row.nomination.id: row for row in results.rows}
    return {
        "program": category.program.slug, "category": category.slug,
        "category_title": category.title, "method": results.method,
        "scorecards": scorecards_fingerprint(results),
        "ranking": [
            {"nomination_id": r.nomination.id, "nominee": nominee_names(r.nomination),
             "score": r.score, "rank": r.rank, "tie": r.tie, "scorecards": r.scorecards}
            for r in results.rows
        ],
        "laureates": [
            {"nomination_id": n, "nominee": nominee_names(rows[n].nomination), "position": i}
            for i, n in enumerate(chosen, start=1)
        ],
        "decision_reason": reason, "confirmed_by": actor.email, "confirmed_at": now.isoformat(),
    }  # fmt: skip


def digest(content: dict) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def confirm_laureates(
    *, category: Category, actor: User, chosen: list[int], reason: str = "",
    votes: dict[tuple[int, int], str] | None = None, dissents: dict[int, str] | None = None,
    now: datetime | None = None,
) -> ResultsSnapshot:  # fmt: skip
    """Freeze the category's results with these laureates (in this order): the decision the
    organizer or the jury's chair records at the jury's meeting.

    A reason is required when the choice departs from the ranking or decides a tie.
    ``votes`` (nomination id, judge id) -> vote and ``dissents`` judge id -> text, when given,
    are checked by awards/results/votes.py (every juror of the panel on every laureate, a
    conflicted juror recused) and kept in the snapshot's content, so its SHA-256 covers them.
    Side effects: a new snapshot version with its laureates, votes and dissenting opinions;
    any current snapshot must have been unfrozen first; a 'confirmed' event; flushes.
    """
    now = now or utcnow()
    if current_snapshot(category) is not None:
        raise DomainError(
            _("The results of this category are already confirmed; unfreeze them first.")
        )
    results = category_results(category)
    _check_choice(category, results, chosen)
    reason = (reason or "").strip()
    if _expected_reason(results, chosen) and not reason:
        raise DomainError(
            _("This choice departs from the ranking or decides a tie: give the reason."),
            field="reason",
        )
    nominations = {row.nomination.id: row.nomination for row in results.rows}
    decision = check_votes(
        category=category, laureates=[nominations[n] for n in chosen], votes=votes,
        dissents=dissents,
    )  # fmt: skip
    content = _content(category, results, chosen, reason, actor, now) | decision_content(decision)
    version = (
        db.session.scalar(
            select(func.max(ResultsSnapshot.version)).where(
                ResultsSnapshot.category_id == category.id
            )
        )
        or 0
    ) + 1
    content["version"] = version
    snapshot = ResultsSnapshot(
        category=category, version=version, method=results.method, content=content,
        sha256=digest(content), created_by_id=actor.id, created_at=now,
    )  # fmt: skip
    for position, nomination_id in enumerate(chosen, start=1):
        snapshot.laureates.append(
            Laureate(nomination_id=nomination_id, position=position, reason=reason)
        )
    snapshot.votes = [
        DecisionVote(nomination_id=n, judge_id=j, vote=vote) for n, j, vote in decision.votes
    ]
    snapshot.dissents = [DissentingOpinion(judge_id=j, text=text) for j, text in decision.dissents]
    db.session.add(snapshot)
    data = {"version": version, "sha256": snapshot.sha256, "laureates": chosen}
    if decision.votes:
        data["votes"] = len(decision.votes)
    if decision.dissents:
        data["dissents"] = len(decision.dissents)
    _log(category.program, actor=actor, action="confirmed", category=category, reason=reason,
         new=data, now=now)  # fmt: skip
    db.session.flush()
    return snapshot


def snapshot_is_stale(snapshot: ResultsSnapshot, *, live: CategoryResults | None = None) -> bool:
    """A scorecard counted in the snapshot changed, or a new one counts now. ``live``: the
    category's live results if already computed (by any method: the scorecards are the same)."""
    if live is None:
        live = category_results(snapshot.category, snapshot.method)
    return scorecards_fingerprint(live) != snapshot.content["scorecards"]


def unfreeze_results(
    *, category: Category, actor: User, reason: str, now: datetime | None = None
) -> ResultsSnapshot:
    """Reopen a confirmed category. Side effects: the snapshot stays as history, marked
    unfrozen with the reason; an 'unfrozen' event; flushes."""
    now = now or utcnow()
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("Say why the results are unfrozen."), field="reason")
    snapshot = current_snapshot(category)
    if snapshot is None:
        raise DomainError(_("The results of this category are not confirmed."))
    snapshot.unfrozen_at, snapshot.unfrozen_by_id, snapshot.unfrozen_reason = now, actor.id, reason
    _log(category.program, actor=actor, action="unfrozen", category=category, reason=reason,
         old={"version": snapshot.version}, now=now)  # fmt: skip
    db.session.flush()
    return snapshot


def publish_results(
    *, program: Program, actor: User, now: datetime | None = None, notify: bool = True
) -> Program:
    """Make the confirmed laureates public.

    Side effects: published time set; event; the first time, unless ``notify`` is false (the
    demo notifies nobody), the nominating committees and the laureates are emailed
    (awards/results/announcements.py); flushes.
    """
    now = now or utcnow()
    if not any(current_snapshot(category) for category in program.categories):
        raise DomainError(_("Confirm the laureates of at least one category first."))
    first_time = not published_before(program)
    program.results_published_at = now
    _log(program, actor=actor, action="published", now=now)
    db.session.flush()
    if first_time and notify:
        laureates = published_laureates(program)
        announce_results(program, laureates={i["nomination_id"] for _, li in laureates for i in li})
    return program


def unpublish_results(*, program: Program, actor: User, now: datetime | None = None) -> Program:
    """Take the public results page down again. Side effects: event; flushes."""
    now = now or utcnow()
    program.results_published_at = None
    _log(program, actor=actor, action="unpublished", now=now)
    db.session.flush()
    return program


def published_laureates(program: Program) -> list[tuple[Category, list[dict]]]:
    """For the public page: each category's laureates as frozen, only once published."""
    if program.results_published_at is None:
        return []
    snapshots = current_snapshots(program.categories)
    return [
        (category, snapshots[category.id].content["laureates"])
        for category in program.categories
        if snapshots[category.id] is not None
    ]

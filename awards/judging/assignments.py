"""Forming the jury: assigning judges to nominations, by hand or by a balanced proposal."""

import hashlib

from flask_babel import gettext as _
from sqlalchemy import insert, select

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.balancing import propose_assignments
from awards.judging.conflicts import conflicted_pairs, has_conflict
from awards.judging.models import Assignment
from awards.judging.rounds import entries_in_play
from awards.judging.scoring import check_in_play, judging_is_open
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category, Program, ProgramRole, Role


def program_judges(program: Program) -> list[User]:
    query = (
        select(User)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(ProgramRole.program_id == program.id, ProgramRole.role == Role.JUDGE)
        .order_by(User.name, User.id)
    )
    return list(db.session.scalars(query))


def assigned_pairs(category: Category) -> set[tuple[int, int]]:
    """The category's assignments as (nomination id, judge id), without loading each row."""
    query = (
        select(Assignment.nomination_id, Assignment.judge_id)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .where(Nomination.category_id == category.id)
    )
    return set(db.session.execute(query).tuples())


def assignments_in(category: Category) -> list[Assignment]:
    query = (
        select(Assignment)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .where(Nomination.category_id == category.id)
    )
    return list(db.session.scalars(query))


def _check_assignable(nomination: Nomination, judge: User) -> None:
    if judge not in program_judges(nomination.program):
        raise DomainError(_("Only members of the jury can be assigned."), field="judge")
    if nomination.state != NominationState.ACCEPTED:
        raise DomainError(_("Only accepted nominations are judged."))
    check_in_play(nomination)
    if has_conflict(judge, nomination):
        raise DomainError(
            _(
                "%(judge)s has a conflict of interest with this nomination.",
                judge=judge.display_name,
            ),
            field="judge",
        )


def _add(nomination: Nomination, judge: User, actor: User) -> tuple[Assignment, bool]:
    """The judge's assignment to the nomination, and whether it is new."""
    _check_assignable(nomination, judge)
    existing = db.session.scalar(
        select(Assignment).filter_by(nomination_id=nomination.id, judge_id=judge.id)
    )
    if existing is not None:
        return existing, False
    assignment = Assignment(nomination=nomination, judge=judge, assigned_by_id=actor.id)
    db.session.add(assignment)
    db.session.flush()
    return assignment, True


def _practice_pairs(pairs: list[tuple[Nomination, User]]) -> list[tuple[Nomination, User]]:
    """(practice entry, judge) for each judge given an entry of a category with a practice
    entry: every judge of a category scores its practice entry first. One statement."""
    categories = {nomination.category_id for nomination, _judge in pairs}
    if not categories:
        return []
    practices = {
        entry.category_id: entry
        for entry in db.session.scalars(
            select(Nomination).where(
                Nomination.category_id.in_(categories),
                Nomination.is_practice.is_(True),
                Nomination.state == NominationState.ACCEPTED,
            )
        )
    }
    wanted = {(practices[n.category_id], judge.id): judge for n, judge in pairs
              if n.category_id in practices and not n.is_practice}  # fmt: skip
    return [(practice, judge) for (practice, _id), judge in wanted.items()]


def _add_many(pairs: list[tuple[Nomination, User]], actor: User) -> list[tuple[Nomination, User]]:
    """_add for many (nomination, judge) pairs at once, with the same checks, in a few
    statements whatever their number: the new pairs, in the order given, after the judges' new
    assignments to their categories' practice entries (skipped where there is a conflict)."""
    pairs = [*_practice_pairs(pairs), *pairs]
    if not pairs:
        return []
    jury = {judge.id for judge in program_judges(pairs[0][0].program)}
    nominations = list({nomination.id: nomination for nomination, _judge in pairs}.values())
    judges = list({judge.id: judge for _nomination, judge in pairs}.values())
    for judge in judges:
        if judge.id not in jury:
            raise DomainError(_("Only members of the jury can be assigned."), field="judge")
    if any(nomination.state != NominationState.ACCEPTED for nomination in nominations):
        raise DomainError(_("Only accepted nominations are judged."))
    conflicted = conflicted_pairs(judges, nominations)
    taken = set(
        db.session.execute(
            select(Assignment.nomination_id, Assignment.judge_id).where(
                Assignment.nomination_id.in_([nomination.id for nomination in nominations])
            )
        ).tuples()
    )
    new = []
    for nomination, judge in pairs:
        if (nomination.id, judge.id) in conflicted:
            if nomination.is_practice:
                continue  # that judge calibrates without it
            raise DomainError(
                _("%(judge)s has a conflict of interest with this nomination.",
                  judge=judge.display_name),
                field="judge",
            )  # fmt: skip
        if (nomination.id, judge.id) in taken:
            continue
        taken.add((nomination.id, judge.id))
        new.append((nomination, judge))
    if new:  # one executemany, not one INSERT per pair
        db.session.execute(
            insert(Assignment),
            [{"nomination_id": nomination.id, "judge_id": judge.id, "assigned_by_id": actor.id}
             for nomination, judge in new],
        )  # fmt: skip
    db.session.flush()
    return new


def assign_practice_entry(*, entry: Nomination, judges: list[User], actor: User) -> int:
    """Put a practice entry in these judges' queues (not a judge in conflict with it); how
    many were added. Side effects: adds assignments; flushes."""
    return len(_add_many([(entry, judge) for judge in judges], actor))


def tell_assigned(judge: User, nominations: list[Nomination]) -> None:
    """Email ``judge``, in their language, the nominations just added to their queue."""
    if not nominations:
        return
    program = nominations[0].program
    queue_email(
        db.session(), to=judge.email, locale=judge.locale, template="judging/assigned",
        program=program, judge=judge, nominations=nominations,
        judging_open=judging_is_open(program, utcnow()),
        link=external_url("judging.queue", slug=program.slug),
    )  # fmt: skip


def assign_judge(*, nomination: Nomination, judge: User, actor: User) -> Assignment:
    """Ask ``judge`` to score ``nomination`` (once).

    Side effects: adds the assignment, and the one to the category's practice entry when there
    is one; emails the judge (unless it existed); flushes.
    """
    assignment, new = _add(nomination, judge, actor)
    practice = _add_many(_practice_pairs([(nomination, judge)]), actor)
    if new:
        tell_assigned(judge, [*(entry for entry, _judge in practice), nomination])
    return assignment


def assign_to_category(
    *, category: Category, judge: User, actor: User, notify: bool = True
) -> tuple[int, int]:
    """Assign ``judge`` to every accepted nomination in play (see rounds.in_play) of the
    category they have no conflict with.

    Returns (assigned, skipped for conflicts). Side effects: adds assignments; emails the judge
    the new ones in one message unless ``notify`` is false (the demo notifies nobody); flushes.
    """
    nominations = entries_in_play(category)
    conflicted = {nomination_id for nomination_id, _ in conflicted_pairs([judge], nominations)}
    free = [nomination for nomination in nominations if nomination.id not in conflicted]
    assigned = [nomination for nomination, _judge in _add_many([(n, judge) for n in free], actor)]
    skipped = len(nominations) - len(free)
    if notify:
        tell_assigned(judge, assigned)
    return len(assigned), skipped


def unassign(*, assignment: Assignment, actor: User) -> None:
    """Take a nomination off a judge's queue; their scorecard, if any, stays in the history."""
    db.session.delete(assignment)
    db.session.flush()


def propose_for_category(category: Category) -> list[tuple[Nomination, User]]:
    """What "assign automatically" would add: every accepted nomination in play reaches the
    program's number of judges where enough unconflicted judges exist, with the load balanced."""
    nominations = entries_in_play(category)
    judges = program_judges(category.program)
    conflicts = conflicted_pairs(judges, nominations)
    existing = assigned_pairs(category)
    pairs = propose_assignments(
        nominations=[n.id for n in nominations], judges=[j.id for j in judges],
        k=category.program.judges_per_nomination, conflicts=conflicts, existing=existing,
    )  # fmt: skip
    by_nomination = {n.id: n for n in nominations}
    by_judge = {j.id: j for j in judges}
    return [(by_nomination[n], by_judge[j]) for n, j in pairs]


def proposal_fingerprint(pairs: list[tuple[Nomination, User]]) -> str:
    """A short digest of a proposal, so that what is saved is what the organizer saw."""
    text = ",".join(f"{n.id}:{j.id}" for n, j in sorted(pairs, key=lambda p: (p[0].id, p[1].id)))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def apply_proposal(*, category: Category, actor: User, fingerprint: str) -> int:
    """Save the automatic proposal the organizer reviewed.

    Refused when the proposal has changed since (new nominations, judges or conflicts).
    Side effects: adds the proposed assignments; emails each judge their new ones in one
    message; flushes. Returns how many were added.
    """
    pairs = propose_for_category(category)
    if proposal_fingerprint(pairs) != fingerprint:
        raise DomainError(_("The proposal has changed since you saw it. Review it again."))
    added: dict[User, list[Nomination]] = {}
    for nomination, judge in _add_many(pairs, actor):
        added.setdefault(judge, []).append(nomination)
    for judge, nominations in added.items():
        tell_assigned(judge, nominations)
    return len(pairs)

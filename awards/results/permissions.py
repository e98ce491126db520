"""Who may see and decide results: one can_<verb> per rule.

Rankings, scores and judge statistics are the organizers' and the jury's chair's (who runs
the jury's meeting and records its decision); choosing the scoring method, unfreezing and
publishing stay the organizers'. Committees learn only the outcome of their own entries, and
only once results are published; the public sees the laureates.
"""

from sqlalchemy import select

from awards.extensions import db
from awards.nominations.models import Nomination
from awards.programs.models import Category, Program, Role
from awards.programs.permissions import can_manage_program, roles_in
from awards.results.models import FeedbackRelease


def is_chair(user, program: Program) -> bool:
    return Role.CHAIR in roles_in(user, program)


def can_view_results(user, program: Program) -> bool:
    """The results overview and each category's ranking: to decide, or to run the meeting."""
    return can_manage_program(user, program) or is_chair(user, program)


def can_record_decision(user, category: Category) -> bool:
    """Confirm a category's laureates with the jury's votes: its organizers or the chair."""
    program = category.program
    return can_manage_program(user, program) or is_chair(user, program)


def can_decide_results(user, program: Program) -> bool:
    """The scoring method, unfreezing and publishing: organizers only."""
    return can_manage_program(user, program)


def can_view_own_outcomes(user, program: Program) -> bool:
    return Role.COMMITTEE in roles_in(user, program) and program.results_published_at is not None


def can_view_own_distribution(user, program: Program) -> bool:
    """A judge sees their own totals against the panel's aggregates (never a scorecard of
    another judge), category by category once they have submitted all of theirs."""
    return Role.JUDGE in roles_in(user, program)


def can_view_public_results(program: Program) -> bool:
    return program.results_published_at is not None


def can_export_results(user, program: Program) -> bool:
    """Organizers download rankings and every scorecard; no one else does, judges included."""
    return can_manage_program(user, program)


def can_view_meeting_list(user, program: Program) -> bool:
    """The entries flagged for discussion, with their scores' spread: the organizers' and the
    chair's, who runs the meeting."""
    return can_manage_program(user, program) or is_chair(user, program)


def can_release_feedback(user, program: Program) -> bool:
    """Release the feedback letters to the nominating committees: organizers only."""
    return can_manage_program(user, program)


def can_download_feedback(user, entry: Nomination) -> bool:
    """An entry's feedback letter: a committee member of an organization that nominated it,
    once the results are published and the letter released."""
    program = entry.program
    return (
        program.results_published_at is not None
        and Role.COMMITTEE in roles_in(user, program)
        and user.organization_id is not None
        and user.organization_id in {org.id for org in entry.supporting_organizations}
        and db.session.scalar(
            select(FeedbackRelease.id).where(FeedbackRelease.nomination_id == entry.id)
        )
        is not None
    )

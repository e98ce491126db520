"""Who may see and decide results: one can_<verb> per rule.

Rankings, scores and judge statistics are the organizers' and the jury's chair's (who runs
the jury's meeting and records its decision); choosing the scoring method, unfreezing and
publishing stay the organizers'. Committees learn only the outcome of their own entries, and
only once results are published; the public sees the laureates.
"""

from awards.programs.models import Category, Program, Role
from awards.programs.permissions import can_manage_program, roles_in


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

"""Who may see and decide results: one can_<verb> per rule.

Rankings, scores and judge statistics are the organizers'; committees learn only the outcome
of their own entries, and only once results are published; the public sees the laureates.
"""

from awards.programs.models import Program, Role
from awards.programs.permissions import can_manage_program, roles_in


def can_view_results(user, program: Program) -> bool:
    return can_manage_program(user, program)


def can_decide_results(user, program: Program) -> bool:
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

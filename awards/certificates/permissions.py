"""Who may issue, revoke and download certificates: one can_<verb> per rule."""

from awards.programs.models import Program
from awards.programs.permissions import can_manage_program


def can_issue_certificates(user, program: Program) -> bool:
    """Organizers issue, revoke, reissue and download; verification pages are public."""
    return can_manage_program(user, program)

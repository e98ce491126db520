"""Who may set up, issue, revoke and download certificates: one can_<verb> per rule."""

from awards.programs.models import Program
from awards.programs.permissions import can_manage_program


def can_issue_certificates(user, program: Program) -> bool:
    """Organizers issue, revoke, reissue and download; verification pages are public."""
    return can_manage_program(user, program)


def can_configure_certificates(user, program: Program) -> bool:
    """Organizers set signatories, seal, citations and printed names, and preview designs."""
    return can_manage_program(user, program)

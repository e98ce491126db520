"""Who may set up, produce and download the jury's protocol: one can_<verb> per rule.
Verification pages are public."""

from awards.programs.models import Program, Role
from awards.programs.permissions import can_manage_program, roles_in


def can_issue_protocol(user, program: Program) -> bool:
    """Organizers and the jury's chair enter the meeting's details and produce the protocol."""
    return can_manage_program(user, program) or Role.CHAIR in roles_in(user, program)


def can_download_protocol(user, program: Program) -> bool:
    """Whoever produces the protocol downloads every version of it."""
    return can_issue_protocol(user, program)

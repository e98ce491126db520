"""Who may prepare the ceremony: one can_<verb> per rule."""

from awards.programs.models import Program
from awards.programs.permissions import can_manage_program


def can_prepare_ceremony(user, program: Program) -> bool:
    """Organizers edit the running order and the partners and download the program booklet."""
    return can_manage_program(user, program)


def can_run_ceremony(user, program: Program) -> bool:
    """Organizers move the hall screen and hand out (or revoke) its link."""
    return can_manage_program(user, program)

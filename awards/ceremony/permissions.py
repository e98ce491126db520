"""Who may prepare the ceremony: one can_<verb> per rule."""

from awards.programs.models import Program
from awards.programs.permissions import can_manage_program


def can_prepare_ceremony(user, program: Program) -> bool:
    """Organizers edit the running order and the partners and download the program booklet."""
    return can_manage_program(user, program)


def can_print_stage_papers(user, program: Program) -> bool:
    """Organizers download the presenter's script, the cue cards, the envelopes and the
    hand-out sheet (they name the laureates before the ceremony) and edit how names are read."""
    return can_manage_program(user, program)


def can_manage_guests(user, program: Program) -> bool:
    """Organizers invite the laureates, see their answers and give seats."""
    return can_manage_program(user, program)


def can_run_ceremony(user, program: Program) -> bool:
    """Organizers move the hall screen and hand out (or revoke) its link."""
    return can_manage_program(user, program)

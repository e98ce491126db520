"""Who may do what with programs: one can_<verb> per rule, used by views, exports and tests."""

from sqlalchemy import select

from awards.extensions import db
from awards.programs.models import Program, ProgramRole, Role


def roles_in(user, program: Program) -> set[str]:
    """The roles ``user`` holds in ``program`` (empty for anonymous users)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    return set(
        db.session.scalars(
            select(ProgramRole.role).where(
                ProgramRole.program_id == program.id, ProgramRole.user_id == user.id
            )
        )
    )


def can_create_program(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_admin)


def can_view_program(user, program: Program) -> bool:
    """Anyone with a role in the program (and site administrators) sees its overview."""
    return can_create_program(user) or bool(roles_in(user, program))


def can_manage_program(user, program: Program) -> bool:
    """Organizers edit the program, its categories, rubrics and people."""
    return can_create_program(user) or Role.ORGANIZER in roles_in(user, program)

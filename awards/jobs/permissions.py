"""Who may see and retry background jobs: one can_<verb> per rule."""

from awards.jobs.models import Job
from awards.programs.models import Program
from awards.programs.permissions import can_manage_program


def can_list_jobs(user, program: Program) -> bool:
    """Organizers see every job of their program."""
    return can_manage_program(user, program)


def can_view_job(user, job: Job) -> bool:
    """The program's organizers as they are now; for anyone else, its starter too once they
    stop being one, the job does not exist (its result holds the program's data)."""
    return can_manage_program(user, job.program)


def can_retry_job(user, job: Job) -> bool:
    """Running the work again is an organizer's decision, like starting it."""
    return can_manage_program(user, job.program)

"""Who may do what in judging: one can_<verb> per rule.

A judge sees a nomination only while assigned to it and free of any conflict of interest;
otherwise, for them, it does not exist (404).
"""

from awards.judging.conflicts import has_conflict
from awards.judging.models import Scorecard
from awards.judging.scoring import is_assigned
from awards.nominations.models import Document, Nomination, NominationState
from awards.programs.models import Program, Role
from awards.programs.permissions import can_manage_program, roles_in


def is_judge(user, program: Program) -> bool:
    return Role.JUDGE in roles_in(user, program)


def can_view_queue(user, program: Program) -> bool:
    return is_judge(user, program)


def can_judge_nomination(user, nomination: Nomination) -> bool:
    """See, score and declare a conflict on: assigned, accepted, no conflict."""
    return (
        is_judge(user, nomination.program)
        and nomination.state == NominationState.ACCEPTED
        and is_assigned(user, nomination)
        and not has_conflict(user, nomination)
    )


def can_download_as_judge(user, document: Document) -> bool:
    return can_judge_nomination(user, document.nomination)


def can_see_nominators(user, nomination: Nomination) -> bool:
    """Under blind judging, judges do not learn who nominated an entry."""
    return can_manage_program(user, nomination.program) or not nomination.program.blind_judging


def can_manage_jury(user, program: Program) -> bool:
    return can_manage_program(user, program)


def can_reopen_scorecard(user, scorecard: Scorecard) -> bool:
    """Only a scorecard its judge may still work on: a conflicted or unassigned judge must not
    be sent back (nor emailed about) that nomination."""
    return (
        can_manage_program(user, scorecard.nomination.program)
        and scorecard.is_submitted
        and can_judge_nomination(scorecard.judge, scorecard.nomination)
    )


def can_open_and_close_judging(user, program: Program) -> bool:
    """The program's organizers decide when judges may score."""
    return can_manage_jury(user, program)

"""Who may do what in judging: one can_<verb> per rule.

A judge sees a nomination only while assigned to it and free of any conflict of interest;
otherwise, for them, it does not exist (404). The same holds for an entry the scored round
leaves out (it did not advance from a qualifying round, or that round is not decided yet).
"""

from awards.judging.conflicts import has_conflict
from awards.judging.models import JudgingRound, Scorecard
from awards.judging.rounds import is_in_play, is_round_juror
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
        and is_in_play(nomination)
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


def can_manage_rounds(user, program: Program) -> bool:
    """Add, change and remove a category's qualifying rounds and choose their jurors."""
    return can_manage_jury(user, program)


def can_vote_in_round(user, judging_round: JudgingRound) -> bool:
    """Open the round's voting page: a judge of the program on the round's jury (which entries
    they may vote on, and when, the service decides)."""
    return is_judge(user, judging_round.category.program) and is_round_juror(judging_round, user)


def can_decide_round(user, judging_round: JudgingRound) -> bool:
    """See the tally and freeze the outcome, deciding ties: the organizers. (The jury chair,
    once that role exists, joins here: ``or Role.CHAIR in roles_in(user, program)``.)"""
    program = judging_round.category.program
    return can_manage_program(user, program)

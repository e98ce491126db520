"""Who may do what in judging: one can_<verb> per rule.

A judge sees a nomination only while assigned to it and free of any conflict of interest;
otherwise, for them, it does not exist (404). The same holds for an entry the scored round
leaves out (it did not advance from a qualifying round, or that round is not decided yet).
"""

from datetime import datetime

from awards.i18n import utcnow
from awards.judging.conflicts import has_conflict
from awards.judging.models import JudgingRound, Scorecard
from awards.judging.rounds import is_in_play, is_round_juror
from awards.judging.scoring import find_scorecard, is_assigned
from awards.nominations.models import Document, Nomination, NominationState
from awards.programs.models import Category, Program, RevealScores, Role
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


def reveal_policy(category: Category) -> RevealScores:
    """When the category's jurors see each other's scores: the one place that reads the
    setting (it is the category's today; it moves to a round with rounds)."""
    return RevealScores(category.reveal_scores)


def can_see_panel_scores(user, nomination: Nomination, *, now: datetime | None = None) -> bool:
    """The entry's other submitted scorecards, as the reveal policy allows: never to a juror
    who may not judge the entry (conflicted, unassigned); after their own submitted scorecard,
    or once the judging window has closed."""
    # The policy first: "never" (the default) costs the judge's page no query.
    policy = reveal_policy(nomination.category)
    if policy == RevealScores.AFTER_OWN:
        own = find_scorecard(user, nomination)
        revealed = own is not None and own.is_submitted
    elif policy == RevealScores.AFTER_CLOSE:
        closes = nomination.program.judging_close_at
        revealed = closes is not None and (now or utcnow()) >= closes
    else:
        revealed = False
    return revealed and can_judge_nomination(user, nomination)


def can_discuss(user, nomination: Nomination) -> bool:
    """Read and post in the jury's discussion of an entry: its jurors (assigned, free of
    conflict), the program's organizers, and the jury's chair unless in conflict with it."""
    program = nomination.program
    chair = Role.CHAIR in roles_in(user, program) and not has_conflict(user, nomination)
    return can_manage_program(user, program) or chair or can_judge_nomination(user, nomination)


def juror_labels(user, program: Program) -> dict:
    """How ``user`` sees the jurors who wrote in a discussion: {"juror_letters", "juror_names"}.
    Organizers see both (the letters of the reveal and the meeting list, and who they are).
    Under blind judging jurors see only the letters, the same as in the reveal; otherwise
    names without letters, so that the reveal's letters are never matched with names."""
    manage = can_manage_program(user, program)
    return {
        "juror_letters": manage or program.blind_judging,
        "juror_names": manage or not program.blind_judging,
    }


def can_manage_rounds(user, program: Program) -> bool:
    """Add, change and remove a category's qualifying rounds and choose their jurors."""
    return can_manage_jury(user, program)


def can_vote_in_round(user, judging_round: JudgingRound) -> bool:
    """Open the round's voting page: a judge of the program on the round's jury (which entries
    they may vote on, and when, the service decides)."""
    return is_judge(user, judging_round.category.program) and is_round_juror(judging_round, user)


def can_decide_round(user, judging_round: JudgingRound) -> bool:
    """See the tally and freeze the outcome, deciding ties: the organizers and the jury's
    chair."""
    program = judging_round.category.program
    return can_manage_program(user, program) or Role.CHAIR in roles_in(user, program)

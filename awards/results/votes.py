"""The jury's vote on a category's laureates: who sits on the category's panel, who is recused
from which laureate, the checks on the votes and dissenting opinions a chair records, and the
tally the frozen results show.

A juror with a conflict of interest on an entry (declared, recorded or automatic, see
awards/judging/conflicts.py) is recused from it: their vote on it is stored as ``recused``
whatever the form sent, and any other vote for them is refused.
"""

from collections import Counter
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.judging.conflicts import conflicted_pairs
from awards.judging.models import Assignment, Conflict
from awards.nominations.models import Nomination
from awards.programs.models import Category
from awards.results.models import VoteChoice

# What a juror may vote when not recused.
CAST = (VoteChoice.FOR, VoteChoice.AGAINST, VoteChoice.ABSTAIN)
DISSENT_MAX = 5000


def category_panel(category: Category) -> list[User]:
    """The category's jurors, by name: every judge assigned to one of its entries, and every
    judge who declared or was recorded a conflict on one (which took that assignment away)."""
    in_category = select(Nomination.id).where(Nomination.category_id == category.id)
    assigned = select(Assignment.judge_id).where(Assignment.nomination_id.in_(in_category))
    conflicted = select(Conflict.judge_id).where(Conflict.nomination_id.in_(in_category))
    query = select(User).where(User.id.in_(assigned.union(conflicted))).order_by(User.name, User.id)
    return list(db.session.scalars(query))


def recusals(panel: list[User], nominations: list[Nomination]) -> set[tuple[int, int]]:
    """(nomination id, judge id) of each juror kept out of the vote on an entry by a conflict."""
    if not panel or not nominations:
        return set()
    return conflicted_pairs(panel, nominations)


@dataclass
class Decision:
    """The votes and dissenting opinions, checked: each (nomination id, judge id, vote) and
    each (judge id, text), in the laureates' and the panel's order."""

    votes: list[tuple[int, int, str]]
    dissents: list[tuple[int, str]]
    jurors: dict[int, User]


def _refuse(message: str, field: str = "votes"):
    raise DomainError(message, fields={field: message})


def _vote_of(given: dict, nomination: Nomination, judge: User, recused: bool) -> str:
    vote = given.get((nomination.id, judge.id))
    if recused:
        if vote not in (None, "", VoteChoice.RECUSED):
            _refuse(_(
                "%(judge)s has a conflict of interest with %(nominee)s and cannot vote on it.",
                judge=judge.display_name, nominee=nomination.nominee_name,
            ))  # fmt: skip
        return VoteChoice.RECUSED
    if vote == VoteChoice.RECUSED:
        _refuse(_(
            "%(judge)s has no conflict of interest recorded with %(nominee)s: record the "
            "conflict first, or record their vote.",
            judge=judge.display_name, nominee=nomination.nominee_name,
        ))  # fmt: skip
    if vote not in CAST:
        _refuse(_(
            "Record the vote of %(judge)s on %(nominee)s: for, against or abstaining.",
            judge=judge.display_name, nominee=nomination.nominee_name,
        ))  # fmt: skip
    return str(vote)


def check_votes(
    *, category: Category, laureates: list[Nomination], votes: dict | None, dissents: dict | None
) -> Decision:
    """The decision as it will be stored, or a DomainError naming the first broken rule.

    ``votes`` maps (nomination id, judge id) to a vote, for every laureate and every juror
    of the panel (a recused juror's may be left out); ``dissents`` maps a juror's id to their
    opinion (blank ones are dropped). ``votes`` None: no votes recorded.
    """
    panel = category_panel(category) if votes is not None or dissents else []
    jurors = {judge.id for judge in panel}
    decision = Decision(votes=[], dissents=[], jurors={judge.id: judge for judge in panel})
    if votes is not None:
        if not panel:
            _refuse(_("No juror is assigned to this category: there are no votes to record."))
        chosen = {nomination.id for nomination in laureates}
        if any(n not in chosen or j not in jurors for n, j in votes):
            _refuse(_("Votes can be recorded only for the laureates, by the category's jurors."))
        recused = recusals(panel, laureates)
        decision.votes = [
            (n.id, j.id, _vote_of(votes, n, j, (n.id, j.id) in recused))
            for n in laureates
            for j in panel
        ]
    for judge in panel:
        text = ((dissents or {}).get(judge.id) or "").strip()
        if len(text) > DISSENT_MAX:
            _refuse(
                _("A dissenting opinion has at most %(n)d characters.", n=DISSENT_MAX), "dissents"
            )
        if text:
            decision.dissents.append((judge.id, text))
    if dissents and set(dissents) - jurors:
        _refuse(_("Only the category's jurors can give a dissenting opinion."), "dissents")
    return decision


def decision_content(decision: Decision) -> dict:
    """The votes and dissents as the snapshot's content keeps them (covered by its SHA-256);
    each juror by name and by email, as the archive finds them again."""

    def juror(judge_id: int) -> dict:
        judge = decision.jurors[judge_id]
        return {"judge_id": judge_id, "judge": judge.display_name, "email": judge.email}

    return {
        "votes": [{"nomination_id": n, **juror(j), "vote": vote} for n, j, vote in decision.votes],
        "dissents": [{**juror(j), "text": text} for j, text in decision.dissents],
    }


@dataclass
class Tally:
    """How the jury voted on one laureate."""

    votes: dict[str, int]

    @property
    def split(self) -> bool:
        """Not everyone who could vote voted for."""
        cast = sum(self.votes[choice] for choice in CAST)
        return self.votes[VoteChoice.FOR] < cast


def tallies(content: dict) -> dict[int, Tally]:
    """Per laureate's nomination id, the count of each vote in a snapshot's content (empty
    when no votes were recorded)."""
    counts: dict[int, Counter] = {}
    for item in content.get("votes", []):
        counts.setdefault(item["nomination_id"], Counter())[item["vote"]] += 1
    return {
        nomination_id: Tally({choice.value: counter[choice.value] for choice in VoteChoice})
        for nomination_id, counter in counts.items()
    }


def vote_grid(content: dict) -> tuple[list[tuple[int, str]], dict[tuple[int, int], str]]:
    """A snapshot's votes as a table: the jurors (id, name) in the order voted, and each
    (nomination id, judge id)'s vote."""
    jurors: dict[int, str] = {}
    grid = {}
    for item in content.get("votes", []):
        jurors.setdefault(item["judge_id"], item["judge"])
        grid[item["nomination_id"], item["judge_id"]] = item["vote"]
    return list(jurors.items()), grid

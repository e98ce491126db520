"""The feedback letter to an entry's nominators, from plain values: the entry's percentage per
criterion beside the category's average, and the comments its jurors chose to share, each
signed with a letter ("Juror A") instead of a name. Imports neither Flask nor SQLAlchemy.

What a letter may contain is decided here, once: only scorecards the results count (submitted,
by a juror still on the entry's panel and free of conflict with it), and of those only the
comments their juror marked shareable. A draft, a conflicted juror's scorecard or a comment not
marked shareable never reaches a letter; nor does any juror's name, id or email (the letter
knows jurors only by their letter).
"""

import hashlib
import string
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from statistics import fmean

from awards.results import aggregation as agg


@dataclass(frozen=True, slots=True)
class Card:
    """One juror's scorecard of one entry, as plain values.

    ``excluded``: the results leave it out although submitted (its juror is in conflict with
    the entry, recorded, declared or automatic, or no longer on its panel)."""

    judge: Hashable
    nomination: Hashable
    submitted: bool
    excluded: bool
    shareable: bool
    points: Mapping[Hashable, float]
    comments: Mapping[Hashable, str] = field(default_factory=dict)  # per criterion
    overall_comment: str = ""

    @property
    def counts(self) -> bool:
        return self.submitted and not self.excluded


@dataclass(frozen=True, slots=True)
class CriterionLine:
    criterion: Hashable
    percentage: float  # the entry's mean points as a percentage of the criterion's maximum
    average: float  # the same, averaged over the category's entries with scorecards


@dataclass(frozen=True, slots=True)
class Comment:
    juror: str  # "A", "B", …: stable for the entry, different from one entry to the next
    criterion: Hashable | None  # None: the juror's overall comment
    text: str


@dataclass(frozen=True, slots=True)
class Letter:
    nomination: Hashable
    scorecards: int  # the scorecards counted
    criteria: tuple[CriterionLine, ...]  # in rubric order
    comments: tuple[Comment, ...]  # by juror, then rubric order, the overall comment last


def juror_letter(index: int) -> str:
    """A, B, …, Z, AA, AB, …"""
    letters = string.ascii_uppercase
    if index < len(letters):
        return letters[index]
    return juror_letter(index // 26 - 1) + letters[index % 26]


def _place(nomination: Hashable, judge: Hashable) -> bytes:
    # Salted apart from the panel's letters (judging/panel.py): a nominator's "Juror A" is not
    # the jurors' own "Juror A" of the deliberation.
    return hashlib.sha256(f"feedback:{nomination}:{judge}".encode()).digest()


def category_averages(
    percentages: Mapping[Hashable, Mapping[Hashable, float]], criteria: Sequence[agg.Criterion]
) -> dict[Hashable, float]:
    """{criterion: the mean over the entries of their percentage}: each entry counts once,
    however many scorecards it has. Entries without scorecards are not in ``percentages``."""
    if not percentages:
        return {}
    return {c.id: fmean(per[c.id] for per in percentages.values()) for c in criteria}


def _shared(cards: list[Card], criteria: Sequence[agg.Criterion], nomination) -> tuple:
    order = [c.id for c in sorted(criteria, key=lambda c: c.position)]
    texts: dict[Hashable, list[tuple[Hashable | None, str]]] = defaultdict(list)
    for card in cards:
        if not (card.counts and card.shareable):
            continue
        for criterion in order:
            text = (card.comments.get(criterion) or "").strip()
            if text:
                texts[card.judge].append((criterion, text))
        overall = (card.overall_comment or "").strip()
        if overall:
            texts[card.judge].append((None, overall))
    jurors = sorted(texts, key=lambda judge: _place(nomination, judge))
    return tuple(
        Comment(juror_letter(index), criterion, text)
        for index, judge in enumerate(jurors)
        for criterion, text in texts[judge]
    )


def feedback_letters(
    cards: Iterable[Card], criteria: Sequence[agg.Criterion], nominations: Iterable[Hashable]
) -> dict[Hashable, Letter]:
    """{nomination: Letter} for each of ``nominations`` (a category's entries), the
    percentages computed from the counted scorecards exactly as the results compute them
    (aggregation.criterion_percentages); an entry without counted scorecards has no lines."""
    cards = list(cards)
    counted = [card for card in cards if card.counts]
    plain = [agg.Scorecard(card.judge, card.nomination, card.points) for card in counted]
    percentages = agg.criterion_percentages(plain, criteria) if criteria else {}
    averages = category_averages(percentages, criteria)
    by_entry: dict[Hashable, list[Card]] = defaultdict(list)
    for card in cards:
        by_entry[card.nomination].append(card)
    rubric = sorted(criteria, key=lambda c: c.position)
    letters = {}
    for nomination in nominations:
        own = percentages.get(nomination)
        lines = tuple(CriterionLine(c.id, own[c.id], averages[c.id]) for c in rubric) if own else ()
        entry_cards = by_entry.get(nomination, [])
        letters[nomination] = Letter(
            nomination=nomination,
            scorecards=sum(1 for card in entry_cards if card.counts),
            criteria=lines,
            comments=_shared(entry_cards, criteria, nomination),
        )
    return letters

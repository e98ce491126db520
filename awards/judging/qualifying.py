"""The majority rule of a qualifying round, as pure arithmetic (no database, no Flask).

An entry advances when the jurors who said "advance" are MORE than the round's majority share of
those who said "advance" or "do not advance"; abstentions and jurors who did not vote are not
counted. Exactly that share is a tie, and so is an entry nobody voted on either way: ties go to
the chair (or the organizer), who decides with a written reason. With the usual majority of 0.5:
3 of 5 advances, 2 of 4 is a tie, 1 of 3 does not advance.
"""

from dataclasses import dataclass
from fractions import Fraction

ADVANCES, REJECTED, TIE = "advances", "rejected", "tie"


@dataclass(frozen=True)
class VoteTally:
    advance: int = 0
    reject: int = 0
    abstain: int = 0
    not_voted: int = 0

    @property
    def cast(self) -> int:
        """The votes that count: advance or do not advance."""
        return self.advance + self.reject


def majority_fraction(majority: float) -> Fraction:
    """The stored share as an exact fraction (0.6667 is two thirds)."""
    return Fraction(majority).limit_denominator(100)


def outcome(tally: VoteTally, majority: float) -> str:
    """ADVANCES, REJECTED or TIE for ``tally`` under the rule above."""
    if tally.cast == 0:
        return TIE
    share = Fraction(tally.advance, tally.cast)
    needed = majority_fraction(majority)
    if share > needed:
        return ADVANCES
    return TIE if share == needed else REJECTED


def majority_share(majority: float) -> str:
    """The share as people write it: 1/2, 3/5, 2/3, 3/4."""
    fraction = majority_fraction(majority)
    return f"{fraction.numerator}/{fraction.denominator}"

"""Proposing jury assignments: at least k judges per nomination, balanced load, no conflicts.

Pure: works on ids and sets, imports neither Flask nor SQLAlchemy.
"""

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Set


def propose_assignments(
    *,
    nominations: Iterable[Hashable],
    judges: Iterable[Hashable],
    k: int,
    conflicts: Set[tuple[Hashable, Hashable]] = frozenset(),
    existing: Set[tuple[Hashable, Hashable]] = frozenset(),
) -> list[tuple[Hashable, Hashable]]:
    """New (nomination, judge) pairs so that each nomination has k judges where it can.

    Nominations with the fewest eligible judges are served first, and each takes the eligible
    judges with the lightest load (existing assignments count), ties by the order given.
    A conflicted pair is never proposed; a nomination with fewer than k eligible judges gets
    them all.
    """
    judges = list(dict.fromkeys(judges))
    nominations = list(dict.fromkeys(nominations))
    load = Counter(judge for _, judge in existing)
    have: Mapping[Hashable, set] = {n: set() for n in nominations}
    for nomination, judge in existing:
        if nomination in have:
            have[nomination].add(judge)
    nomination_position = {n: position for position, n in enumerate(nominations)}
    judge_position = {j: position for position, j in enumerate(judges)}

    def eligible(nomination):
        return [j for j in judges if (nomination, j) not in conflicts and j not in have[nomination]]

    order = sorted(
        nominations, key=lambda n: (len(eligible(n)) + len(have[n]), nomination_position[n])
    )
    proposal = []
    for nomination in order:
        needed = k - len(have[nomination])
        candidates = sorted(eligible(nomination), key=lambda j: (load[j], judge_position[j]))
        for judge in candidates[: max(needed, 0)]:
            proposal.append((nomination, judge))
            have[nomination].add(judge)
            load[judge] += 1
    return proposal

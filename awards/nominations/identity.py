"""Which entries are about the same nominee: entries that share an identity key. Pure.

The keys themselves (BIN, name skeletons, a confirmed organization) are awards.accounts.identity's.
"""

from collections import defaultdict
from collections.abc import Iterable


def find_duplicates(entries: Iterable[tuple[int, int, set[str]]]) -> dict[int, set[int]]:
    """For (id, group, keys) entries: each id's other ids sharing a group and any key."""
    seen: dict[tuple[int, str], set[int]] = defaultdict(set)
    for entry_id, group, keys in entries:
        for key in keys:
            seen[(group, key)].add(entry_id)
    duplicates: dict[int, set[int]] = defaultdict(set)
    for ids in seen.values():
        for entry_id in ids:
            duplicates[entry_id] |= ids - {entry_id}
    return {entry_id: others for entry_id, others in duplicates.items() if others}

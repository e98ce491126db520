"""Who a nominee is: the BIN/IIN check digit and names normalized for duplicate detection.

Pure functions: no Flask, no database.
"""

import re
from collections import defaultdict
from collections.abc import Iterable

BIN_WEIGHTS = (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)
BIN_SECOND_WEIGHTS = (3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2)
# Legal-form words in Russian, Kazakh and English (see DOMAIN.md), compared after casefold.
LEGAL_FORMS = frozenset(
    word.casefold()
    for word in ("ТОО", "ЖШС", "LLP", "АО", "АҚ", "JSC", "ГКП", "МКК", "КГУ", "КММ", "ИП", "ЖК")
)
QUOTES = "«»\"“”„'‘’"
_QUOTES_RE = re.compile(f"[{re.escape(QUOTES)}]")
_SPACE_RE = re.compile(r"\s+")


def bin_check_digit(first_eleven: str) -> int | None:
    """The twelfth digit of a BIN/IIN, or None when no digit can be valid."""
    digits = [int(ch) for ch in first_eleven]
    remainder = sum(d * w for d, w in zip(digits, BIN_WEIGHTS, strict=True)) % 11
    if remainder == 10:
        remainder = sum(d * w for d, w in zip(digits, BIN_SECOND_WEIGHTS, strict=True)) % 11
    return None if remainder == 10 else remainder


def bin_is_valid(value: str | None) -> bool:
    """Twelve ASCII digits whose last one is the official check digit."""
    if not value or len(value) != 12 or not (value.isascii() and value.isdigit()):
        return False
    return bin_check_digit(value[:11]) == int(value[11])


def normalize_name(name: str | None) -> str:
    """A name with case, quotes, legal-form words and spacing made irrelevant.

    «Казцинк» ТОО, ТОО "Казцинк" and тоо  “КАЗЦИНК” all become "казцинк".
    """
    text = _QUOTES_RE.sub(" ", (name or "").casefold())
    words = [word for word in _SPACE_RE.split(text) if word and word not in LEGAL_FORMS]
    return " ".join(words)


def identity_keys(*, bin: str | None, names: Iterable[str | None]) -> set[str]:
    """Keys under which two entries about the same nominee meet: the BIN and each name."""
    keys = {f"name:{key}" for key in map(normalize_name, names) if key}
    if bin:
        keys.add(f"bin:{bin}")
    return keys


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

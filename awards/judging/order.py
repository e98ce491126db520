"""Each judge's own order of the entries: a stable shuffle, different for every judge, so that
no entry is always read first or last, when judges are fresh or tired (order bias). Pure: the
same program, judge and entries give the same order on every request, page and ballot."""

import hashlib
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")


def order_key(program_id: int, judge_id: int, nomination_id: int) -> str:
    """Where the entry falls in the judge's order: the SHA-256 of the three ids."""
    return hashlib.sha256(f"{program_id}:{judge_id}:{nomination_id}".encode()).hexdigest()


def judge_order(
    program_id: int, judge_id: int, items: Iterable[T], nomination_id: Callable[[T], int] = int
) -> list[T]:
    """``items`` (entries, rows or ids; ``nomination_id`` reads an item's entry id) in the
    judge's own order."""
    return sorted(items, key=lambda item: order_key(program_id, judge_id, nomination_id(item)))

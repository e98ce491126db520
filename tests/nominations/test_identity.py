"""Grouping entries that share an identity key, without an app."""

from awards.nominations.identity import find_duplicates


def test_find_duplicates_only_within_a_group():
    entries = [
        (1, 10, {"name:kaзциhk"}),
        (2, 10, {"name:kaзциhk", "bin:1"}),
        (3, 10, {"bin:1"}),
        (4, 11, {"name:kaзциhk"}),
        (5, 10, {"name:yлbбa"}),
    ]
    assert find_duplicates(entries) == {1: {2}, 2: {1, 3}, 3: {2}}

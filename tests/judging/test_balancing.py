from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from awards.judging.balancing import propose_assignments


def test_every_nomination_gets_k_judges_and_load_is_even():
    pairs = propose_assignments(nominations=range(6), judges="abcd", k=2)
    per_nomination = Counter(n for n, _ in pairs)
    per_judge = Counter(j for _, j in pairs)
    assert set(per_nomination.values()) == {2}
    assert sorted(per_judge.values()) == [3, 3, 3, 3]


def test_conflicted_pairs_are_never_proposed():
    conflicts = {(0, "a"), (1, "a"), (1, "b")}
    pairs = propose_assignments(nominations=[0, 1], judges="abc", k=2, conflicts=conflicts)
    assert not conflicts & set(pairs)
    assert sorted(pairs) == [(0, "b"), (0, "c"), (1, "c")]


def test_existing_assignments_count_towards_k_and_load():
    existing = {(0, "a"), (1, "a")}
    pairs = propose_assignments(nominations=[0, 1], judges="abc", k=2, existing=existing)
    assert sorted(pairs) == [(0, "b"), (1, "c")]


@given(
    st.integers(1, 12),
    st.integers(1, 6),
    st.integers(1, 4),
    st.sets(st.tuples(st.integers(0, 11), st.integers(0, 5)), max_size=20),
)
def test_proposal_properties(n_nominations, n_judges, k, conflicts):
    nominations, judges = list(range(n_nominations)), list(range(n_judges))
    pairs = propose_assignments(nominations=nominations, judges=judges, k=k, conflicts=conflicts)
    assert len(pairs) == len(set(pairs))
    assert not set(pairs) & conflicts
    per_nomination = Counter(n for n, _ in pairs)
    for nomination in nominations:
        free = sum(1 for j in judges if (nomination, j) not in conflicts)
        assert per_nomination[nomination] == min(k, free)
    if not conflicts:
        loads = Counter(j for _, j in pairs)
        counts = [loads[j] for j in judges]
        assert max(counts) - min(counts) <= 1

"""How sure a ranking is: the bootstrap over each entry's scorecards, by worked examples and
by properties (reproducible with its seed, "first" sums to 1, "laureate" to the places)."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awards.results import robustness
from awards.results.aggregation import Method, aggregate
from awards.results.robustness import DEFAULT_RESAMPLES, bootstrap


def totals(**entries):
    """{entry: {judge: total}} from entry=[totals by judges j0, j1, ...]."""
    return {name: {f"j{i}": t for i, t in enumerate(values)} for name, values in entries.items()}


def test_a_clear_winner_is_first_in_every_resample():
    figures = bootstrap(totals(a=[90, 92, 91], b=[50, 55, 52], c=[40, 42, 45]), laureates=1)
    assert figures.resamples == DEFAULT_RESAMPLES == 2000
    assert figures.p_first == {"a": 1.0, "b": 0.0, "c": 0.0}
    assert figures.p_laureate == {"a": 1.0, "b": 0.0, "c": 0.0}
    assert not figures.first_uncertain and figures.border == ()
    assert figures.contenders == ("a",)
    assert figures.too_close is False


def test_identical_scorecards_share_first_place_and_are_too_close():
    figures = bootstrap(totals(a=[70, 70, 70], b=[70, 70, 70], c=[20, 30, 25]))
    assert figures.p_first == {"a": 0.5, "b": 0.5, "c": 0.0}
    assert figures.p_laureate is None  # no limit of laureates
    assert figures.first_uncertain and figures.too_close
    assert set(figures.contenders) == {"a", "b"}


def test_identical_but_spread_scorecards_are_about_even():
    figures = bootstrap(totals(a=[60, 80, 70, 75], b=[60, 80, 70, 75]), laureates=1)
    assert figures.p_first["a"] == pytest.approx(0.5, abs=0.05)
    assert figures.p_first["a"] + figures.p_first["b"] == pytest.approx(1)
    assert figures.too_close


def test_an_uncertain_border_of_the_laureate_places_is_too_close():
    # Two places: a is clearly in, b and c are equal for the second place, d clearly out.
    figures = bootstrap(
        totals(a=[95, 90, 92], b=[70, 70, 70], c=[70, 70, 70], d=[30, 35, 20]), laureates=2
    )
    assert figures.p_first["a"] == 1.0 and not figures.first_uncertain
    assert figures.p_laureate == {"a": 1.0, "b": 0.5, "c": 0.5, "d": 0.0}
    assert set(figures.border) == {"b", "c"}
    assert figures.too_close


def test_separated_laureate_places_are_settled():
    figures = bootstrap(totals(a=[95, 90], b=[80, 82], c=[60, 50], d=[30, 35]), laureates=2)
    assert figures.p_laureate == {"a": 1.0, "b": 1.0, "c": 0.0, "d": 0.0}
    assert not figures.too_close


def test_more_places_than_entries_makes_every_entry_a_laureate():
    figures = bootstrap(totals(a=[90], b=[10]), laureates=5)
    assert figures.p_laureate == {"a": 1.0, "b": 1.0}
    assert figures.p_first == {"a": 1.0, "b": 0.0}


def test_entries_without_scorecards_are_left_out():
    figures = bootstrap({"a": {"j0": 50}, "b": {}}, laureates=1)
    assert figures.p_first == {"a": 1.0}
    assert bootstrap({}).p_first == {} and not bootstrap({}).too_close


def test_normalization_resamples_z_scores_within_each_judge():
    # j0 is lenient, j1 harsh; each entry has one scorecard, so every resample is the data.
    data = {"a": {"j0": 90}, "c": {"j0": 80}, "b": {"j1": 60}, "d": {"j1": 20}}
    assert bootstrap(data, Method.MEAN).p_first["a"] == 1.0
    normalized = bootstrap(data, Method.NORMALIZED)  # a and b are each their judge's best
    assert aggregate(data, Method.NORMALIZED)["a"] == aggregate(data, Method.NORMALIZED)["b"]
    assert normalized.p_first == {"a": 0.5, "c": 0.0, "b": 0.5, "d": 0.0}


def test_trimming_drops_the_extremes_of_each_resample():
    # Every draw of a's five scorecards is 80, every draw of b's is 90 but one lone judge's 0
    # could be drawn: trimmed, one 0 is dropped; the mean would often put a first.
    data = totals(a=[80, 80, 80, 80, 80], b=[90, 90, 90, 90, 90])
    assert bootstrap(data, Method.TRIMMED).p_first == {"a": 0.0, "b": 1.0}
    outlier = totals(a=[80, 80, 80, 80, 80], b=[100, 100, 100, 100, 0])
    trimmed = bootstrap(outlier, Method.TRIMMED).p_first["b"]
    mean = bootstrap(outlier, Method.MEAN).p_first["b"]
    assert trimmed > mean


def test_too_close_means_first_or_border_unsettled():
    first = robustness.Robustness({}, None, 1, 1, True, (), ())
    border = robustness.Robustness({}, None, 1, 1, False, (), ("x",))
    settled = robustness.Robustness({}, None, 1, 1, False, ("x",), ())
    assert first.too_close and border.too_close and not settled.too_close


categories = st.dictionaries(
    st.integers(1, 60),
    st.lists(st.integers(0, 20).map(lambda n: n * 5.0), min_size=1, max_size=7),
    min_size=1,
    max_size=8,
).map(lambda entries: {n: {f"j{i}": t for i, t in enumerate(v)} for n, v in entries.items()})


@settings(max_examples=40, deadline=None)
@given(
    data=categories,
    method=st.sampled_from(list(Method)),
    places=st.integers(0, 4),
    seed=st.integers(0, 2**32),
)
def test_the_same_seed_gives_the_same_figures(data, method, places, seed):
    once = bootstrap(data, method, laureates=places, resamples=60, seed=seed)
    robustness._bootstrap.cache_clear()  # computed again, not read from the cache
    again = bootstrap(data, method, laureates=places, resamples=60, seed=seed)
    assert again is not once
    assert again == once


@settings(max_examples=60, deadline=None)
@given(
    data=categories,
    method=st.sampled_from(list(Method)),
    places=st.integers(1, 4),
    seed=st.integers(0, 2**32),
)
def test_first_sums_to_one_and_laureate_to_the_places(data, method, places, seed):
    figures = bootstrap(data, method, laureates=places, resamples=60, seed=seed)
    assert math.isclose(sum(figures.p_first.values()), 1.0, abs_tol=1e-9)
    assert math.isclose(sum(figures.p_laureate.values()), min(places, len(data)), abs_tol=1e-9)
    for entry, p in figures.p_first.items():
        assert 0 <= p <= figures.p_laureate[entry] <= 1

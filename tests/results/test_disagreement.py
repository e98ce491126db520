"""Disagreement flags: worked examples for each rule and its edges, and properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awards.results.disagreement import DEFAULT_THRESHOLD, disagreement, flagged_entries


def outlier_judges(verdict):
    return [outlier.judge for outlier in verdict.outliers]


def test_default_threshold_is_thirty_points():
    assert DEFAULT_THRESHOLD == 30


def test_spread_above_threshold_flags_and_names_the_outlier():
    # C: the rest {80, 75} has mean 77.5 and sd √12.5 = 3.54, raised to the floor of 10
    # points; 77.5 − 45 = 32.5 → 3.25 σ.
    verdict = disagreement({"A": 80, "B": 75, "C": 45})
    assert verdict.spread == 35
    assert verdict.spread_exceeded
    assert outlier_judges(verdict) == ["C"]
    assert verdict.outliers[0].sigmas == pytest.approx(3.25)
    assert verdict.flagged


def test_spread_equal_to_threshold_is_not_flagged():
    verdict = disagreement({"A": 70, "B": 40})
    assert verdict.spread == 30
    assert not verdict.spread_exceeded
    assert not verdict.flagged


def test_threshold_is_the_programs():
    assert disagreement({"A": 80, "B": 60}, threshold=15).flagged
    assert not disagreement({"A": 80, "B": 60}, threshold=25).flagged


def test_outlier_flags_a_small_spread():
    # Spread 24 < 30, but D is 22 points from the rest {70, 72, 74} (mean 72, sd 2 → 10): 2.2 σ.
    verdict = disagreement({"A": 70, "B": 72, "C": 74, "D": 50})
    assert not verdict.spread_exceeded
    assert outlier_judges(verdict) == ["D"]
    assert verdict.outliers[0].sigmas == pytest.approx(2.2)


def test_outlier_measured_by_the_rests_own_sigma_when_above_the_floor():
    # D: the rest {40, 60, 80} has mean 60 and sd 20; 100 − 60 = 40 → exactly 2 σ, not more.
    assert outlier_judges(disagreement({"A": 40, "B": 60, "C": 80, "D": 100})) == []
    # 40.02 points away: 2.001 σ.
    verdict = disagreement({"A": 40, "B": 60, "C": 80, "D": 100.02})
    assert outlier_judges(verdict) == ["D"]
    assert verdict.outliers[0].sigmas == pytest.approx(2.001)


def test_exactly_two_sigma_is_not_an_outlier():
    # 90 is 20 points from {60, 70, 80} (sd 10) and 60 from {70, 80, 90}: both exactly 2 σ.
    assert not disagreement({"A": 60, "B": 70, "C": 80, "D": 90}).flagged


def test_a_close_panel_is_not_flagged_for_a_point_or_two():
    # The rest of C is {80, 79}: sd 0.71 would make 81 "2.1 σ" away; the floor (10) says 0.15 σ.
    assert not disagreement({"A": 80, "B": 79, "C": 81}).flagged


def test_rest_in_exact_agreement_counts_as_the_floor():
    # The rest of C is {80, 80}: σ = 0 counts as 10 points; 20 points away is exactly 2 σ.
    assert not disagreement({"A": 80, "B": 80, "C": 60}).flagged
    verdict = disagreement({"A": 80, "B": 80, "C": 55})
    assert not verdict.spread_exceeded
    assert outlier_judges(verdict) == ["C"]
    assert verdict.outliers[0].sigmas == pytest.approx(2.5)


def test_two_scorecards_only_the_spread_rule():
    verdict = disagreement({"A": 90, "B": 40})
    assert verdict.spread_exceeded
    assert verdict.outliers == ()
    assert not disagreement({"A": 90, "B": 85}).flagged


def test_one_or_no_scorecard_never_flagged():
    assert disagreement({"A": 100}) == disagreement({}) == disagreement({"B": 0})
    assert not disagreement({"A": 100}).flagged


def test_both_ends_of_a_split_panel_are_outliers_farthest_first():
    # 0 vs the rest {50, 100}: mean 75, sd 35.36 → 2.12 σ; the same for 100; 50 sits on the mean.
    verdict = disagreement({"A": 0, "B": 50, "C": 100.5})
    assert sorted(outlier_judges(verdict)) == ["A", "C"]
    assert verdict.outliers[0].sigmas >= verdict.outliers[1].sigmas


def test_flagged_entries_keeps_only_flagged():
    totals = {1: {"A": 80, "B": 75, "C": 45}, 2: {"A": 80, "B": 78, "C": 81}, 3: {"A": 50}}
    assert list(flagged_entries(totals)) == [1]
    assert list(flagged_entries(totals, threshold=1)) == [1, 2]


# Totals in thousandths of a point (as they are compared), so that adding a constant is exact.
points = st.integers(0, 100_000).map(lambda units: units / 1000)
panels = st.lists(points, min_size=0, max_size=8)


def judged(totals):
    return {f"j{index}": total for index, total in enumerate(totals)}


def summary(verdict):
    return verdict.spread_exceeded, sorted(outlier_judges(verdict)), round(verdict.spread, 6)


@given(points, st.integers(1, 9), st.integers(0, 60))
def test_identical_scorecards_never_flagged(total, count, threshold):
    assert not disagreement(judged([total] * count), threshold=threshold).flagged


@given(panels, st.randoms(use_true_random=False), st.integers(0, 60))
def test_flags_do_not_depend_on_the_order_of_scorecards(totals, random, threshold):
    panel = judged(totals)
    shuffled = list(panel.items())
    random.shuffle(shuffled)
    assert summary(disagreement(dict(shuffled), threshold=threshold)) == summary(
        disagreement(panel, threshold=threshold)
    )


@given(panels, st.integers(-50_000, 50_000).map(lambda units: units / 1000), st.integers(0, 60))
def test_adding_a_constant_to_every_total_changes_nothing(totals, constant, threshold):
    shifted = judged([total + constant for total in totals])
    before = disagreement(judged(totals), threshold=threshold)
    after = disagreement(shifted, threshold=threshold)
    assert summary(after) == summary(before)
    sigmas = [outlier.sigmas for outlier in before.outliers]
    assert [outlier.sigmas for outlier in after.outliers] == pytest.approx(sigmas)


@given(st.lists(points, min_size=2, max_size=2), st.integers(0, 60))
def test_two_scorecards_flag_exactly_when_apart_by_more_than_the_threshold(totals, threshold):
    first, second = totals
    expected = round(abs(first - second) * 1000) > threshold * 1000
    assert disagreement(judged(totals), threshold=threshold).flagged == expected


@given(panels, st.integers(0, 59))
def test_a_higher_threshold_never_adds_a_flag(totals, threshold):
    panel = judged(totals)
    if disagreement(panel, threshold=threshold + 1).flagged:
        assert disagreement(panel, threshold=threshold).flagged

"""The arithmetic of results, checked against cases computed by hand and by properties."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awards.results.aggregation import (
    Agreement,
    Criterion,
    Method,
    Scorecard,
    aggregate,
    agreement_level,
    average_ranks,
    judge_statistics,
    kendalls_w,
    rank,
    scorecard_total,
    totals_by_nomination,
)

# Weights 3 and 1, maxima 10 and 5: a perfect card is worth 3·10 + 1·5 = 35 weighted points.
RUBRIC = (Criterion("impact", 3, 10, 0), Criterion("reach", 1, 5, 1))


def card(judge, nomination, impact, reach):
    return Scorecard(judge, nomination, {"impact": impact, "reach": reach})


def test_scorecard_total_is_weighted_share_of_maximum():
    # 100 × (3·8 + 1·5) / 35 = 2900 / 35
    assert scorecard_total({"impact": 8, "reach": 5}, RUBRIC) == pytest.approx(82.857142857)


def test_scorecard_total_counts_missing_criterion_as_zero():
    assert scorecard_total({"impact": 10}, RUBRIC) == pytest.approx(100 * 30 / 35)


# Decimal weights: 0.1·1 + 0.2·1 and 0.3·1 are both 0.3 weighted points, 5 of 6 × 100 / 10.
DECIMAL_RUBRIC = (
    Criterion("a", 0.1, 10, 0),
    Criterion("b", 0.2, 10, 1),
    Criterion("c", 0.3, 10, 2),
)
EQUAL_ON_PAPER = ({"a": 1, "b": 1}, {"c": 1}, {"a": 3})


def test_totals_equal_on_paper_are_equal_with_decimal_weights():
    totals = {scorecard_total(points, DECIMAL_RUBRIC) for points in EQUAL_ON_PAPER}
    assert totals == {5.0}


def test_a_judge_giving_everyone_the_same_total_moves_nobody_when_normalized():
    cards = [Scorecard("flat", n, points) for n, points in zip("xyz", EQUAL_ON_PAPER, strict=True)]
    cards += [Scorecard("keen", "x", {"a": 10}), Scorecard("keen", "y", {"a": 0}),
              Scorecard("keen", "z", {"a": 5})]  # fmt: skip
    totals = totals_by_nomination(cards, DECIMAL_RUBRIC)
    (flat,) = [s for s in judge_statistics(totals) if s.judge == "flat"]
    assert flat.stdev == 0.0
    scores = aggregate(totals, Method.NORMALIZED)
    # Only the keen judge spreads them: z = +1.2247, −1.2247, 0, halved by the flat judge's 0.
    assert scores["z"] == 50.0
    assert scores["x"] == pytest.approx(50 + 10 * 1.224744871 / 2)


def test_kendalls_w_sees_totals_equal_on_paper_as_a_tie():
    flat = [scorecard_total(points, DECIMAL_RUBRIC) for points in EQUAL_ON_PAPER]
    assert (
        kendalls_w([flat, [3.0, 1.0, 2.0]]) == kendalls_w([[5.0, 5.0, 5.0], [3.0, 1.0, 2.0]]) == 0.5
    )


def test_mean_method_averages_totals():
    cards = [card("j1", "a", 10, 5), card("j2", "a", 5, 0)]  # 100 and 100·15/35
    scores = aggregate(totals_by_nomination(cards, RUBRIC), Method.MEAN)
    assert scores["a"] == pytest.approx((100 + 100 * 15 / 35) / 2)


def test_trimmed_method_drops_one_high_one_low_from_five():
    totals = {"a": {"j1": 10.0, "j2": 50.0, "j3": 60.0, "j4": 70.0, "j5": 100.0}}
    assert aggregate(totals, Method.TRIMMED)["a"] == pytest.approx(60.0)


def test_trimmed_method_keeps_all_below_five():
    totals = {"a": {"j1": 10.0, "j2": 50.0, "j3": 60.0, "j4": 100.0}}
    assert aggregate(totals, Method.TRIMMED)["a"] == pytest.approx(55.0)


def test_normalized_method_by_hand():
    # Judge 1 gives 80 and 60 (μ 70, σ 10): z = +1, −1. Judge 2 gives 40 and 30 (μ 35, σ 5):
    # z = +1, −1. Judge 3 scored one nomination only: z = 0.
    totals = {"a": {"j1": 80.0, "j2": 40.0, "j3": 90.0}, "b": {"j1": 60.0, "j2": 30.0}}
    scores = aggregate(totals, Method.NORMALIZED)
    assert scores["a"] == pytest.approx(50 + 10 * (1 + 1 + 0) / 3)
    assert scores["b"] == pytest.approx(50 + 10 * (-1 - 1) / 2)


def test_normalized_method_zero_spread_judge_counts_as_zero():
    totals = {"a": {"j1": 70.0}, "b": {"j1": 70.0}}
    assert aggregate(totals, Method.NORMALIZED) == {"a": 50.0, "b": 50.0}


def test_rank_orders_by_score_then_heaviest_criterion():
    # a: 3·8 + 1·2 = 26 of 35; b: 3·7 + 1·5 = 26 of 35: equal totals.
    # The heavier criterion (impact) decides: a has 80 %, b 70 %.
    cards = [card("j1", "a", 8, 2), card("j1", "b", 7, 5), card("j1", "c", 10, 5)]
    rows = rank(cards, RUBRIC)
    assert [(r.nomination, r.rank, r.tie) for r in rows] == [
        ("c", 1, False),
        ("a", 2, False),
        ("b", 3, False),
    ]


def test_rank_marks_true_ties_with_shared_rank():
    cards = [
        card("j1", "a", 10, 5),
        card("j1", "b", 6, 3),
        card("j1", "c", 6, 3),
        card("j1", "d", 2, 1),
    ]
    rows = rank(cards, RUBRIC)
    assert [(r.nomination, r.rank, r.tie) for r in rows] == [
        ("a", 1, False),
        ("b", 2, True),
        ("c", 2, True),
        ("d", 4, False),
    ]


def test_rank_compares_scores_at_two_decimals():
    fine = (Criterion("points", 1, 10000, 0),)
    cards = [Scorecard("j1", "a", {"points": 9999.0}), Scorecard("j1", "b", {"points": 9999.4})]
    rows = rank(cards, fine)  # 99.990 and 99.994: the same at two decimals
    assert [(r.rank, r.tie) for r in rows] == [(1, True), (1, True)]


def test_rank_lists_nominations_without_scorecards_last():
    rows = rank([card("j1", "a", 5, 5)], RUBRIC, nominations=["z", "a"])
    assert [(r.nomination, r.rank, r.score) for r in rows][-1] == ("z", None, None)


def test_judge_statistics_harshest_first():
    totals = {"a": {"harsh": 20.0, "kind": 90.0}, "b": {"harsh": 40.0, "kind": 100.0}}
    stats = judge_statistics(totals)
    assert [(s.judge, s.mean, s.stdev) for s in stats] == [
        ("harsh", 30.0, 10.0),
        ("kind", 95.0, 5.0),
    ]


def test_average_ranks_share_tied_positions():
    assert average_ranks([9, 7, 7, 3]) == [1, 2.5, 2.5, 4]


def test_kendalls_w_with_ties_by_hand():
    # Ranks (1 = best): J1 [1, 2.5, 2.5, 4], J2 [1.5, 1.5, 3, 4], J3 [1, 3, 2, 4].
    # Rank sums 3.5, 7, 7.5, 12; mean 7.5; S = 16 + 0.25 + 0 + 20.25 = 36.5.
    # Ties: J1 and J2 each have one pair, T = 2³ − 2 = 6 each, ΣT = 12.
    # W = 12·36.5 / (3²·(4³ − 4) − 3·12) = 438 / 504.
    ratings = [[9, 7, 7, 3], [8, 8, 6, 5], [10, 6, 8, 4]]
    assert kendalls_w(ratings) == pytest.approx(438 / 504)


def test_kendalls_w_matches_published_examples():
    # ProofWiki, "Kendall's Coefficient of Concordance/Examples/Arbitrary Example 1":
    # 4 judges rank 3 competitors (X, Y, Z); W = 1/16.
    judges = [[1, 3, 2], [1, 2, 3], [2, 3, 1], [3, 1, 2]]
    assert kendalls_w(judges) == pytest.approx(1 / 16)
    # "The Kendall's coefficient of concordance W", Example 1: 4 judges rank 10 projects;
    # the squared deviations of the rank sums add up to 1048, so W = 12·1048 / (4²·10·99).
    by_project = [
        (1, 2, 3, 4), (3, 1, 2, 2), (4, 4, 1, 3), (5, 5, 5, 1), (2, 6, 7, 6),
        (8, 3, 4, 7), (6, 8, 6, 5), (7, 7, 8, 9), (10, 10, 9, 8), (9, 9, 10, 10),
    ]  # fmt: skip
    by_judge = [list(column) for column in zip(*by_project, strict=True)]
    assert kendalls_w(by_judge) == pytest.approx(12 * 1048 / (16 * 10 * 99))


def test_kendalls_w_perfect_agreement_is_one_and_reversal_is_zero():
    assert kendalls_w([[4, 3, 2, 1], [40, 30, 20, 10]]) == pytest.approx(1.0)
    assert kendalls_w([[4, 3, 2, 1], [1, 2, 3, 4]]) == pytest.approx(0.0)


def test_kendalls_w_undefined_cases():
    assert kendalls_w([[1, 2, 3]]) is None
    assert kendalls_w([[5, 5], [5, 5]]) is None
    assert kendalls_w([[1, 2], [1]]) is None


def test_agreement_levels():
    assert agreement_level(0.1) is Agreement.WEAK
    assert agreement_level(0.5) is Agreement.MODERATE
    assert agreement_level(0.87) is Agreement.STRONG


points = st.integers(min_value=0, max_value=10)


@st.composite
def juries(draw):
    """Every judge scores every nomination, as in a small category."""
    judges = [f"j{i}" for i in range(draw(st.integers(2, 5)))]
    nominations = [f"n{i}" for i in range(draw(st.integers(2, 6)))]
    return [
        card(judge, nomination, draw(points), draw(st.integers(0, 5)))
        for judge in judges
        for nomination in nominations
    ]


@given(juries(), st.sampled_from(["j0", "j1"]), st.integers(-30, 30))
def test_normalized_ranking_ignores_a_judges_constant_shift(cards, judge, shift):
    totals = totals_by_nomination(cards, RUBRIC)
    shifted = {
        n: {j: t + (shift if j == judge else 0) for j, t in per.items()}
        for n, per in totals.items()
    }
    before, after = aggregate(totals, Method.NORMALIZED), aggregate(shifted, Method.NORMALIZED)
    assert before.keys() == after.keys()
    for nomination in before:
        assert after[nomination] == pytest.approx(before[nomination], abs=1e-9)


@given(juries(), st.randoms(use_true_random=False), st.sampled_from(list(Method)))
def test_reordering_judges_changes_nothing(cards, random, method):
    shuffled = list(cards)
    random.shuffle(shuffled)
    original = [(r.nomination, r.rank, r.tie) for r in rank(cards, RUBRIC, method)]
    reordered = [(r.nomination, r.rank, r.tie) for r in rank(shuffled, RUBRIC, method)]
    # Tied rows may come in any order among themselves; compare as sets per rank.
    assert sorted(original, key=str) == sorted(reordered, key=str)


@given(juries())
def test_kendalls_w_between_zero_and_one(cards):
    judges = sorted({c.judge for c in cards})
    nominations = sorted({c.nomination for c in cards})
    totals = totals_by_nomination(cards, RUBRIC)
    w = kendalls_w([[totals[n][j] for n in nominations] for j in judges])
    assert w is None or -1e-9 <= w <= 1 + 1e-9

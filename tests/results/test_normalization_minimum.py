"""Normalization's minimum of scorecards per judge, and the ranks with and without it."""

import json
from collections import defaultdict
from statistics import fmean, pstdev

import pytest
import time_machine
from hypothesis import given
from hypothesis import strategies as st

from awards.errors import DomainError
from awards.extensions import db
from awards.judging import scoring
from awards.programs import services as programs
from awards.results import services
from awards.results.aggregation import Method, _z_scores, aggregate, below_minimum
from awards.results.exports import results_document
from awards.results.ranking import category_results
from awards.results.robustness import bootstrap
from tests.judging.fixtures import JUDGING


def z_scores_before_the_minimum(totals):
    """_z_scores as it was before the setting existed (every judge on their own scale)."""
    by_judge = defaultdict(list)
    for per_judge in totals.values():
        for judge, total in per_judge.items():
            by_judge[judge].append(total)
    stats = {j: (fmean(v), pstdev(v), len(v)) for j, v in by_judge.items()}
    return {
        n: {
            j: 0.0 if stats[j][1] == 0 or stats[j][2] < 2 else (t - stats[j][0]) / stats[j][1]
            for j, t in per_judge.items()
        }
        for n, per_judge in totals.items()
    }


totals_strategy = st.dictionaries(
    st.sampled_from("abcdefg"),
    st.dictionaries(
        st.sampled_from(["j1", "j2", "j3", "j4"]),
        st.floats(min_value=0, max_value=100, allow_nan=False),
        max_size=4,
    ),
    max_size=7,
)


@given(totals_strategy)
def test_the_default_minimum_computes_exactly_what_was_computed_before(totals):
    assert _z_scores(totals) == _z_scores(totals, 2) == z_scores_before_the_minimum(totals)


# j1 scored six entries (mean 70); j2 only two, a narrow 75 and 65 (mean 70, σ 5). Every total
# of the category: 80 60 80 60 70 70 75 65, mean 70, σ √(450/8) = 7.5.
SIX_AND_TWO = {
    "a": {"j1": 80.0, "j2": 75.0}, "b": {"j1": 60.0, "j2": 65.0}, "c": {"j1": 80.0},
    "d": {"j1": 60.0}, "e": {"j1": 70.0}, "f": {"j1": 70.0},
}  # fmt: skip


def test_a_judge_below_the_minimum_is_measured_on_the_panels_scale():
    own = _z_scores(SIX_AND_TWO, 2)
    assert own["a"]["j2"] == pytest.approx(1.0) and own["b"]["j2"] == pytest.approx(-1.0)
    panel = _z_scores(SIX_AND_TWO, 3)
    assert panel["a"]["j2"] == pytest.approx((75 - 70) / 7.5)
    assert panel["b"]["j2"] == pytest.approx((65 - 70) / 7.5)
    # j1 has 6 scorecards, at least the minimum: still on their own scale.
    j1 = pstdev([80, 60, 80, 60, 70, 70])
    assert panel["a"]["j1"] == own["a"]["j1"] == pytest.approx(10 / j1)
    assert below_minimum(SIX_AND_TWO, 3) == ["j2"] and below_minimum(SIX_AND_TWO, 2) == []
    scores = aggregate(SIX_AND_TWO, Method.NORMALIZED, minimum=3)
    assert scores["a"] == pytest.approx(50 + 10 * (10 / j1 + 5 / 7.5) / 2)


def test_a_single_scorecard_counts_as_average_at_the_default_and_on_the_panel_above_it():
    totals = {"a": {"j1": 80.0, "j2": 90.0}, "b": {"j1": 60.0}}  # j2: one card
    assert _z_scores(totals)["a"]["j2"] == 0.0
    every = [80.0, 60.0, 90.0]
    expected = (90 - fmean(every)) / pstdev(every)
    assert _z_scores(totals, 3)["a"]["j2"] == pytest.approx(expected)


def test_the_bootstrap_uses_the_same_minimum():
    at_three = bootstrap(SIX_AND_TWO, Method.NORMALIZED, minimum=3, resamples=50)
    at_two = bootstrap(SIX_AND_TWO, Method.NORMALIZED, resamples=50)
    assert at_three.p_first != at_two.p_first or at_three == at_two  # computed, not mixed up
    by_hand = bootstrap(SIX_AND_TWO, Method.NORMALIZED, minimum=3, resamples=50)
    assert by_hand == at_three


# Judge 1 spreads widely (10, 0, 5), judges 2 and 3 narrowly (5, 6, 7): by the mean Kazzinc
# is first (6.67 against Polyana's 6.33); normalized, judges 2 and 3 put Polyana on top.
SPREAD = {
    "Kazzinc Nominee": (10, 5, 5),
    "Ulba Nominee": (0, 6, 6),
    "Polyana Nominee": (5, 7, 7),
}


@pytest.fixture
def spread(jury):
    criterion = jury["program"].categories[0].criteria[0]
    with time_machine.travel(JUDGING, tick=False):
        for name, points in SPREAD.items():
            for judge, value in zip(jury["judges"].values(), points, strict=True):
                scoring.save_scorecard(
                    nomination=jury["entries"][name], actor=judge,
                    points={criterion.id: str(value)}, submit=True,
                )  # fmt: skip
    jury["program"].scoring_method = "normalized"
    db.session.commit()
    return jury


def ranks(results):
    return {r.nomination.nominee_name: (r.rank, r.plain_rank, r.rank_shift) for r in results.rows}


def test_the_ranks_with_and_without_normalization_side_by_side(spread):
    results = category_results(spread["program"].categories[0])
    assert ranks(results) == {
        "Polyana Nominee": (1, 2, 1), "Kazzinc Nominee": (2, 1, -1), "Ulba Nominee": (3, 3, 0),
    }  # fmt: skip
    mean = category_results(spread["program"].categories[0], "mean")
    assert {r.plain_rank for r in mean.rows} == {None}


def test_the_results_json_carries_both_ranks(spread):
    document = results_document(spread["program"])
    rows = {
        n["nominee"]: (n["rank"], n["rank_by_mean"])
        for n in document["categories"][0]["nominations"]
    }
    assert rows == {"Polyana Nominee": (1, 2), "Kazzinc Nominee": (2, 1), "Ulba Nominee": (3, 3)}
    assert document["normalization_min_scorecards"] == 2
    assert "rank_by_mean" not in json.dumps(results_document(spread["program"], "mean"))


def test_the_page_shows_both_ranks_and_the_judges_below_the_minimum(spread, auth, client):
    program = spread["program"]
    url = f"/programs/{program.slug}/results/{program.categories[0].id}"
    auth.login("organizer@x.kz")
    page = client.get(url).text
    assert "Rank by the mean" in page and "↑1" in page and "↓1" in page
    assert "below-minimum" not in page
    programs.update_program(
        program=program, actor=spread["organizer"], normalization_min_scorecards=5
    )
    db.session.commit()
    page = client.get(url).text
    assert "3 judges below the minimum of 5 scorecards" in page
    # Every judge on the panel's one scale: normalized ranks as the mean does, no arrows.
    assert "Rank by the mean" in page and "↑" not in page and "↓" not in page
    assert ranks(category_results(program.categories[0]))["Kazzinc Nominee"] == (1, 1, 0)


def test_the_minimum_is_at_least_two(spread):
    with pytest.raises(DomainError) as error:
        programs.update_program(
            program=spread["program"], actor=spread["organizer"], normalization_min_scorecards=1
        )
    assert error.value.field == "normalization_min_scorecards"


def test_a_snapshot_with_the_default_minimum_has_the_content_it_always_had(spread):
    category = spread["program"].categories[0]
    chosen = [spread["entries"]["Polyana Nominee"].id]
    snapshot = services.confirm_laureates(
        category=category, actor=spread["organizer"], chosen=chosen
    )
    assert set(snapshot.content) == {
        "program",
        "category",
        "category_title",
        "method",
        "scorecards",
        "ranking",
        "laureates",
        "decision_reason",
        "confirmed_by",
        "confirmed_at",
        "version",
    }
    assert set(snapshot.content["ranking"][0]) == {
        "nomination_id",
        "nominee",
        "score",
        "rank",
        "tie",
        "scorecards",
    }
    assert set(snapshot.content["laureates"][0]) == {"nomination_id", "nominee", "position"}


def test_a_snapshot_with_another_minimum_says_so(spread):
    category = spread["program"].categories[0]
    spread["program"].normalization_min_scorecards = 4
    snapshot = services.confirm_laureates(
        category=category, actor=spread["organizer"],
        chosen=[category_results(category).rows[0].nomination.id],
    )  # fmt: skip
    assert snapshot.content["normalization_min_scorecards"] == 4

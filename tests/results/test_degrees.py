"""Degrees of the laureates' diplomas: the rules by rank and by score band, worked by hand,
and how confirming proposes, changes (with a reason) and freezes them."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awards.errors import DomainError
from awards.extensions import db
from awards.programs import services as programs
from awards.results import services
from awards.results.degrees import by_band, by_rank, proposed_degrees
from awards.results.ranking import category_results


def test_by_rank_one_two_three():
    ranks = {name: rank for rank, name in enumerate("abcdefg", start=1)}
    assert by_rank(ranks, [1, 2, 3]) == {
        "a": 1, "b": 2, "c": 2, "d": 3, "e": 3, "f": 3, "g": None,
    }  # fmt: skip


def test_by_rank_counts_places_among_the_laureates_and_ties_share_the_degree():
    # Ranks 1, 2, 4 (the third of the ranking was not chosen): places 1, 2, 3.
    assert by_rank({"a": 1, "b": 2, "d": 4}, [1, 1, 1]) == {"a": 1, "b": 2, "d": 3}
    # Two tied first: both at place 1, both I (splitting them is a decision, not the rule's).
    assert by_rank({"a": 1, "b": 1, "c": 3}, [1, 1, 1]) == {"a": 1, "b": 1, "c": 3}


def test_by_band_at_the_thresholds_exactly():
    shares = {"at90": 90.0, "rounds_up": 89.995, "just_below": 89.994, "at70": 70.0, "low": 69.99}
    assert by_band(shares, [90, 80, 70]) == {
        "at90": 1, "rounds_up": 1, "just_below": 2, "at70": 3, "low": None,
    }  # fmt: skip
    assert by_band({"x": 80.0}, [90, 80, 70]) == {"x": 2}
    assert by_band({"x": 79.99}, [90, 80, 70]) == {"x": 3}


def test_no_rule_proposes_nothing():
    assert proposed_degrees("none", None, ranks={"a": 1}, shares={"a": 99.0}) == {}


def set_degrees(scored, rule, limits):
    category = scored["program"].categories[0]
    programs.update_category(
        category=category, actor=scored["organizer"], degree_rule=rule, degree_limits=limits
    )
    category.max_laureates = 3
    db.session.commit()
    return category


def ranked_ids(category):
    return [row.nomination.id for row in category_results(category).rows]


def test_the_category_rule_is_checked(scored):
    category = scored["program"].categories[0]
    organizer = scored["organizer"]
    wrong = (
        ("band", [80, 90, 70]), ("band", [90, 80]), ("rank", [0, 1, 1]), ("rank", [1, -1, 0]),
        ("best", None), ("band", [101, 80, 70]),
    )  # fmt: skip
    for rule, limits in wrong:
        with pytest.raises(DomainError) as error:
            programs.update_category(
                category=category, actor=organizer, degree_rule=rule, degree_limits=limits
            )
        assert error.value.field in ("degree_limits", "degree_rule")
    programs.update_category(
        category=category, actor=organizer, degree_rule="band", degree_limits=[90, 80.5, 70]
    )
    assert category.degree_limits == [90.0, 80.5, 70.0]
    programs.update_category(category=category, actor=organizer, degree_rule="none")
    assert category.degree_limits is None


def test_confirming_gives_the_proposed_degrees_by_rank(scored):
    # Kazzinc first, Ulba and Polyana tied second: with 1-1-1 both tied get II.
    category = set_degrees(scored, "rank", [1, 1, 1])
    chosen = ranked_ids(category)
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=chosen, reason="Оба равны",
    )  # fmt: skip
    assert [lau.degree for lau in snapshot.laureates] == [1, 2, 2]
    assert [item["degree"] for item in snapshot.content["laureates"]] == [1, 2, 2]
    assert snapshot.content["degrees"] == {"rule": "rank", "limits": [1, 1, 1]}


def test_confirming_by_band(scored):
    # Totals: Kazzinc 93.33 (28 of 30), Ulba and Polyana 73.33 (22 of 30).
    category = set_degrees(scored, "band", [93.33, 80, 73.33])
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=ranked_ids(category)[:1]
    )
    assert snapshot.laureates[0].degree == 1
    services.unfreeze_results(category=category, actor=scored["organizer"], reason="Ещё раз")
    programs.update_category(
        category=category, actor=scored["organizer"], degree_rule="band",
        degree_limits=[95, 93.34, 50],
    )  # fmt: skip
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=ranked_ids(category)[:1]
    )
    assert snapshot.laureates[0].degree == 3  # 93.33 is just below 93.34


def test_changing_a_degree_needs_a_reason_and_is_frozen(scored):
    category = set_degrees(scored, "rank", [1, 2, 0])
    kazzinc = ranked_ids(category)[0]
    with pytest.raises(DomainError) as error:
        services.confirm_laureates(
            category=category, actor=scored["organizer"], chosen=[kazzinc], degrees={kazzinc: 2}
        )
    assert error.value.field == "reason"
    # Choosing what the rule proposes is no change.
    same = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc], degrees={kazzinc: 1}
    )
    assert same.laureates[0].degree == 1
    services.unfreeze_results(category=category, actor=scored["organizer"], reason="Ещё раз")
    changed = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc], degrees={kazzinc: 2},
        reason="Решение жюри: работа не завершена",
    )  # fmt: skip
    assert changed.laureates[0].degree == 2
    item = changed.content["laureates"][0]
    assert (item["degree"], item["proposed_degree"]) == (2, 1)
    # The degree is in the hashed content: another degree, another SHA-256.
    other = {**changed.content, "laureates": [{**item, "degree": 1}]}
    assert services.digest(other) != changed.sha256 == services.digest(changed.content)


def test_a_category_without_degrees_refuses_one_and_keeps_its_content(scored):
    category = scored["program"].categories[0]
    kazzinc = ranked_ids(category)[0]
    with pytest.raises(DomainError):
        services.confirm_laureates(
            category=category, actor=scored["organizer"], chosen=[kazzinc], degrees={kazzinc: 1}
        )
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc]
    )
    assert "degrees" not in snapshot.content and "degree" not in snapshot.content["laureates"][0]
    assert snapshot.laureates[0].degree is None


def test_the_confirm_form_proposes_and_takes_a_degree(scored, auth, client):
    category = set_degrees(scored, "rank", [1, 1, 1])
    program = scored["program"]
    url = f"/programs/{program.slug}/results/{category.id}"
    auth.login("organizer@x.kz")
    page = client.get(url).text
    assert "as the rule proposes: I" in page and "as the rule proposes: II" in page
    kazzinc = ranked_ids(category)[0]
    response = client.post(url, data={"laureates": [str(kazzinc)], f"degree-{kazzinc}": "3"})
    assert response.status_code == 200 and "needs a written reason" in response.text
    response = client.post(
        url, data={"laureates": [str(kazzinc)], f"degree-{kazzinc}": "3", "reason": "Так решили"}
    )
    assert response.status_code == 302
    assert services.current_snapshot(category).laureates[0].degree == 3
    page = client.get(url).text
    assert '<td class="degree">III</td>' in page


@given(
    st.lists(st.integers(min_value=1, max_value=30), min_size=1, max_size=25),
    st.lists(st.integers(min_value=0, max_value=6), min_size=3, max_size=3),
)
def test_by_rank_never_gives_a_lower_rank_a_better_degree(ranks, limits):
    limits[0] = max(limits[0], 1)
    degrees = by_rank(dict(enumerate(ranks)), limits)
    order = sorted(range(len(ranks)), key=lambda i: ranks[i])
    worse = [4 if degrees[i] is None else degrees[i] for i in order]
    assert worse == sorted(worse)
    assert sum(1 for d in degrees.values() if d == 1) >= min(limits[0], len(ranks))

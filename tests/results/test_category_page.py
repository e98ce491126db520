"""The organizer's category results page at scale: the ranking a page at a time with the
laureate zone on every page, confirming from any page, the chart and the judges' table."""

import re

import pytest

from awards.extensions import db
from awards.judging.models import Assignment, Score, Scorecard
from awards.nominations import services as entries
from awards.programs.models import Role
from awards.programs.services import grant_role
from awards.results import services
from tests import factories
from tests.judging.fixtures import JUDGING, SUBMITTED

BASE = "/programs/test-awards/results"

# The worked example: 60 entries, two judges giving each entry the same points. "Entry 00" has
# 10, "Entry 01" and "Entry 02" tie on 9 (the border of a zone of 2), the 57 others have 8 down
# to 0 (ranks 4 to 60); the jury fixture's three entries have no scorecard and come last,
# unranked. With max_laureates = 2 the zone is entries 00, 01 and 02 on every page; the other
# 60 rows make page 1 (ranks 4–53) and page 2 (ranks 54–60 and the three unranked).
POINTS = [10, 9, 9, *(8 - (index % 9) for index in range(57))]


def _name(index: int) -> str:
    return f"Entry {index:02d}"


def scored_category(jury, points=POINTS, judges=2, max_laureates=2):
    """The jury fixture's first category with one accepted entry per value of ``points``, each
    scored by ``judges`` new judges with those points."""
    program, organizer = jury["program"], jury["organizer"]
    category = program.categories[0]
    category.max_laureates = max_laureates
    criterion = category.criteria[0]
    panel = []
    for index in range(judges):
        judge = factories.user(
            f"panel{index}@x.kz", organization=factories.organization(f"P{index}")
        )
        grant_role(program=program, user=judge, role=Role.JUDGE, actor=organizer)
        panel.append(judge)
    made = {}
    for index, value in enumerate(points):
        entry = entries.create_nomination(
            program=program, category=category, actor=jury["committee"], now=SUBMITTED,
            org_name={"ru": _name(index)}, justification="x", contact_name="c", contact_phone="1",
        )  # fmt: skip
        entry.state, entry.submitted_at, entry.accepted_at = "accepted", SUBMITTED, SUBMITTED
        for judge in panel:
            db.session.add(Assignment(nomination=entry, judge=judge))
            card = Scorecard(nomination=entry, judge=judge, state="submitted", submitted_at=JUDGING)
            card.scores.append(Score(criterion_id=criterion.id, points=value))
            db.session.add(card)
        made[_name(index)] = entry
    db.session.commit()
    return category, made


def _section(page: str, element_id: str) -> str:
    start = page.index(f'id="{element_id}"')
    return page[start : page.index("</tbody>", start)]


def _names(html: str) -> list[str]:
    return re.findall(r'data-nominee="([^"]+)"', html)


@pytest.fixture
def sixty(jury, auth):
    category, made = scored_category(jury)
    auth.login("organizer@x.kz")
    return category, made


def test_page_two_keeps_the_laureate_zone_and_the_tie_at_its_border(client, jury, sixty):
    category, _made = sixty
    page = client.get(f"{BASE}/{category.id}?page=2").get_data(as_text=True)
    zone = _section(page, "laureate-zone")
    assert _names(zone) == ["Entry 00", "Entry 01", "Entry 02"]
    assert zone.count('class="tie"') == 2 and zone.count(">tie</span>") == 2
    rest = _names(_section(page, "ranking-page"))
    assert len(rest) == 10 and rest[-3:] == ["Kazzinc Nominee", "Ulba Nominee", "Polyana Nominee"]
    assert "Entry 00" not in rest
    assert "Further down the ranking" in page
    assert 'data-page="2" data-pages="2"' in page and "51–60 of 60" in page
    first = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    assert _names(_section(first, "laureate-zone")) == ["Entry 00", "Entry 01", "Entry 02"]
    assert len(_names(_section(first, "ranking-page"))) == 50
    assert "Further down the ranking" not in first


def test_the_zone_rows_are_chosen_on_every_page(client, sixty):
    category, made = sixty
    page = client.get(f"{BASE}/{category.id}?page=2").get_data(as_text=True)
    checked = re.findall(r'value="(\d+)" id="laureate-\d+"[^>]*checked', page)
    assert checked == [str(made["Entry 00"].id), str(made["Entry 01"].id)]
    assert 'name="laureates" value' not in page.replace('type="checkbox" name="laureates"', "")


def test_confirming_from_page_two_a_laureate_not_shown_on_it(client, sixty):
    category, made = sixty
    further_up = made["Entry 03"]  # rank 4: on page 1, not on page 2
    url = f"{BASE}/{category.id}?page=2"
    assert f'id="laureate-{further_up.id}"' not in client.get(url).get_data(as_text=True)
    response = client.post(
        url, data={"laureates": [str(made["Entry 00"].id), str(further_up.id)],
                   "reason": "Entry 03 leads the region"},
    )  # fmt: skip
    assert response.status_code == 302 and response.headers["Location"].endswith("?page=2")
    snapshot = services.current_snapshot(category)
    assert [item.nomination_id for item in snapshot.laureates] == [
        made["Entry 00"].id, further_up.id,
    ]  # fmt: skip
    assert snapshot.content["decision_reason"] == "Entry 03 leads the region"
    assert len(snapshot.content["ranking"]) == 63


def test_a_search_finds_an_entry_further_down_and_keeps_the_zone(client, sixty):
    category, made = sixty
    page = client.get(f"{BASE}/{category.id}?page=2&q=entry 45").get_data(as_text=True)
    assert _names(_section(page, "ranking-page")) == ["Entry 45"]
    assert _names(_section(page, "laureate-zone")) == ["Entry 00", "Entry 01", "Entry 02"]
    assert f'id="laureate-{made["Entry 45"].id}"' in page
    assert "Entries matching “entry 45”" in page
    nothing = client.get(f"{BASE}/{category.id}?q=Nobody").get_data(as_text=True)
    assert "No other entry matches the search." in nothing


def test_a_refused_choice_keeps_what_was_chosen_off_the_page(client, sixty):
    category, made = sixty
    further_up = made["Entry 03"]
    page = client.post(
        f"{BASE}/{category.id}?page=2",
        data={"laureates": [str(made["Entry 00"].id), str(further_up.id)], "reason": ""},
    ).get_data(as_text=True)
    assert 'id="reason-error"' in page
    assert f'<input type="hidden" name="laureates" value="{further_up.id}">' in page
    assert "Also chosen, not shown on this page: Entry 03" in page
    assert services.current_snapshot(category) is None


def test_a_large_category_shows_the_distribution_of_mean_totals(client, sixty):
    category, _made = sixty
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    chart = page[page.index('id="chart"') : page.index("</section>", page.index('id="chart"'))]
    assert 'id="distribution"' in chart and "<circle" not in chart
    assert "Mean scorecard totals of 60 entries" in chart
    assert "3 entries have no scorecard yet." in chart
    # Entry 00 (10 of 10) is alone in the top bar; the two 9s share the 90–95 bar.
    assert 'data-low="95" data-count="1"' in chart and 'data-low="90" data-count="2"' in chart
    assert "<script" not in chart


def test_a_small_category_keeps_one_row_of_dots_per_entry(client, auth, scored):
    category = scored["program"].categories[0]
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    chart = page[page.index('id="chart"') : page.index("</section>", page.index('id="chart"'))]
    assert 'id="distribution"' not in chart and chart.count("<circle") == 9
    assert 'id="ranking-search"' not in page and 'class="pager"' not in page


def test_the_judges_table_is_paged(client, jury, auth):
    category, _made = scored_category(jury, points=[7, 5], judges=25)
    auth.login("organizer@x.kz")
    first = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    judges = first[first.index('id="judges"') : first.index('id="judges-pager"')]
    assert judges.count("<tr>") == 21  # the head and 20 judges
    assert 'data-page="1" data-pages="2"' in first
    second = client.get(f"{BASE}/{category.id}?judges_page=2").get_data(as_text=True)
    judges = second[second.index('id="judges"') : second.index('id="judges-pager"')]
    assert judges.count("<tr>") == 6


def _row(page: str, name: str) -> str:
    start = page.index(f'data-nominee="{name}"')
    return page[start : page.index("</tr>", start)]


def test_how_sure_the_ranking_is_shows_beside_each_entry_and_warns_of_the_border(client, sixty):
    # Every entry's two scorecards are equal, so every resample is the data itself: Entry 00
    # is always first, Entry 01 and 02 share the second laureate place in every draw.
    category, _made = sixty
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    assert ">How sure</th>" in page
    assert "first&nbsp;100" in _row(page, "Entry 00") and "laureate&nbsp;100" in _row(
        page, "Entry 00"
    )
    assert "first&nbsp;0" in _row(page, "Entry 01") and "laureate&nbsp;50" in _row(page, "Entry 01")
    assert "laureate&nbsp;0" in _row(page, "Entry 03")
    last = client.get(f"{BASE}/{category.id}?page=2").get_data(as_text=True)
    assert 'class="num sure">—' in _row(last, "Kazzinc Nominee")  # no scorecard
    warning = page[
        page.index('id="too-close"') : page.index("</div>", page.index('id="too-close"'))
    ]
    assert "Too close to call." in warning and "2,000 times" in warning
    assert 'id="first-overlaps"' not in warning
    border = re.sub(r"\s+", " ", warning[warning.index('id="border-overlaps"') :])
    assert "The border of the 2 laureate places overlaps" in border
    assert re.search(r"Entry 01 \(50\W*%\); Entry 02 \(50\W*%\)\.", border)


def test_a_settled_ranking_has_no_warning(client, jury, auth):
    category, _made = scored_category(jury, points=[10, 8, 6, 4], max_laureates=2)
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    assert 'id="too-close"' not in page and ">How sure</th>" in page


def test_a_first_place_too_close_to_call_is_no_longer_flagged_once_confirmed(client, jury, auth):
    category, made = scored_category(jury, points=[9, 9, 5], max_laureates=1)
    auth.login("organizer@x.kz")
    url = f"{BASE}/{category.id}"
    page = client.get(url).get_data(as_text=True)
    assert 'id="too-close"' in page and 'id="first-overlaps"' in page
    assert 'id="border-overlaps"' not in page  # one place: its border is first place, said once
    assert re.search(r"Most often first: Entry 00 \(50\W*%\); Entry 01 \(50\W*%\)\.", page)
    services.confirm_laureates(
        category=category, actor=jury["organizer"], chosen=[made["Entry 00"].id], reason="Vote"
    )
    db.session.commit()
    confirmed = client.get(url).get_data(as_text=True)
    assert 'id="too-close"' not in confirmed and ">How sure</th>" in confirmed

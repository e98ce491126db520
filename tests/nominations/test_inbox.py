"""The organizer's inbox a page at a time: search, filters, flags, sort, exact counts, and the
bulk review that returns to the page it was sent from."""

import re

import pytest

from awards.extensions import db
from awards.nominations import services
from awards.nominations.models import Nomination, NominationState
from awards.paging import PER_PAGE
from awards.programs import services as programs
from tests.nominations.conftest import make_nomination, organization_fields, valid_bin

S = NominationState
PROGRAM = "/programs/test-awards"
ROW = re.compile(r'<td class="num row-number">(\d+)</td>')


def _rows(client, path: str) -> list[int]:
    return [int(found) for found in ROW.findall(client.get(path).get_data(as_text=True))]


def _count(page: str, state: str) -> int:
    return int(re.search(f'data-state="{state}">([0-9 ,\u00a0]+)<', page)[1].replace(",", ""))


@pytest.fixture
def crowd(program, people):
    """More entries than a page holds: the first and the last are about one company, under
    two spellings, so they land on different pages."""
    committee = people["committee@x.kz"]
    names = ["ТОО «Казцинк»", *(f"Колледж № {number}" for number in range(1, PER_PAGE + 4)),
             "«Казцинк» ТОО"]  # fmt: skip
    entries = []
    for name in names:
        entry = services.create_nomination(
            program=program, category=program.categories[0], actor=committee,
            **organization_fields(name),
        )  # fmt: skip
        services.submit_nomination(nomination=entry, actor=committee)
        entries.append(entry)
    db.session.commit()
    return entries


def test_a_page_at_a_time_with_exact_counts_and_duplicates_across_pages(client, auth, crowd):
    auth.login("organizer@x.kz")
    first = client.get(f"{PROGRAM}/inbox").get_data(as_text=True)
    assert ROW.findall(first) == [str(entry.id) for entry in crowd[:PER_PAGE]]
    assert _count(first, "submitted") == len(crowd) == PER_PAGE + 5
    assert f"1–{PER_PAGE}" in first and f"of {len(crowd)}" in first
    second = client.get(f"{PROGRAM}/inbox?page=2").get_data(as_text=True)
    assert ROW.findall(second) == [str(entry.id) for entry in crowd[PER_PAGE:]]
    assert _count(second, "submitted") == len(crowd)
    # Past the end: the last page.
    assert _rows(client, f"{PROGRAM}/inbox?page=99") == [entry.id for entry in crowd[PER_PAGE:]]
    # Duplicates are the whole program's: the first entry's is on the second page.
    kazzinc, again = crowd[0], crowd[-1]
    assert f'data-duplicates="{again.id}"' in first
    assert f'data-duplicates="{kazzinc.id}"' in second
    flagged = client.get(f"{PROGRAM}/inbox?flag=duplicate").get_data(as_text=True)
    assert ROW.findall(flagged) == [str(kazzinc.id), str(again.id)]
    assert _count(flagged, "submitted") == 2


def test_bulk_review_from_page_two_returns_to_page_two_as_filtered(client, auth, crowd):
    auth.login("organizer@x.kz")
    here = f"{PROGRAM}/inbox?state=submitted&sort=-number&page=2"
    page = client.get(here).get_data(as_text=True)
    on_page = [int(found) for found in ROW.findall(page)]
    assert on_page == sorted((entry.id for entry in crowd), reverse=True)[PER_PAGE:]
    assert f'name="next" value="{here.replace("&", "&amp;")}"' in page
    ticked = on_page[:2]
    response = client.post(
        f"{PROGRAM}/inbox/review", data={"entries": ticked, "action": "accept", "next": here}
    )
    assert response.location == here
    assert {db.session.get(Nomination, entry_id).state for entry_id in ticked} == {S.ACCEPTED}
    after = client.get(here).get_data(as_text=True)
    assert "2 entries have been accepted." in after
    assert _count(after, "submitted") == len(crowd) - 2 and _count(after, "accepted") == 2
    assert ROW.findall(after) == [str(entry_id) for entry_id in on_page[2:]]


def test_bulk_review_refuses_an_entry_of_another_program(client, auth, program, people):
    entry = make_nomination(program, people["committee@x.kz"], submit=True)
    other = programs.create_program(
        slug="other-awards", title={"ru": "Другая", "kk": "Басқа"}, actor=people["organizer@x.kz"]
    )
    db.session.commit()
    auth.login("organizer@x.kz")
    response = client.post(
        f"/programs/{other.slug}/inbox/review",
        data={"entries": [entry.id], "action": "accept"},
    )
    assert response.location == f"/programs/{other.slug}/inbox"
    assert db.session.get(Nomination, entry.id).state == S.SUBMITTED


def test_search_finds_an_entry_by_bin_number_and_names_in_each_language(
    client, auth, program, people
):
    bin_ = valid_bin()
    kazzinc = make_nomination(program, people["committee@x.kz"], submit=True, bin=bin_,
                              org_name={"ru": "ТОО «Казцинк»", "kk": "«Қазмырыш» ЖШС"})  # fmt: skip
    ulba = make_nomination(program, people["rival@x.kz"], submit=True, name="АО «Ульба»")
    auth.login("organizer@x.kz")
    assert _rows(client, f"{PROGRAM}/inbox?q={bin_}") == [kazzinc.id]
    assert _rows(client, f"{PROGRAM}/inbox?q={bin_[:6]}") == [kazzinc.id]
    assert _rows(client, f"{PROGRAM}/inbox?q=қазмырыш") == [kazzinc.id]  # Kazakh, any case
    assert _rows(client, f"{PROGRAM}/inbox?q=КАЗЦИНК") == [kazzinc.id]  # Russian
    assert _rows(client, f"{PROGRAM}/inbox?q=Казмырыш") == [kazzinc.id]  # typed without ә, қ
    assert _rows(client, f"{PROGRAM}/inbox?q=%23{ulba.id}") == [ulba.id]
    assert _rows(client, f"{PROGRAM}/inbox?q=Rival+College") == [ulba.id]  # who submitted it
    assert _rows(client, f"{PROGRAM}/inbox?q=Ульба+Казцинк") == []  # every word must match
    page = client.get(f"{PROGRAM}/inbox?q=Ульба").get_data(as_text=True)
    assert 'value="Ульба"' in page
    assert _count(page, "submitted") == 1  # the counts are the search's


def test_search_finds_a_person_by_the_name_in_kazakh_or_russian(client, auth, program, people):
    category = programs.add_category(
        program=program, actor=people["organizer@x.kz"], slug="best-mentor",
        nominee_kind="person", title={"kk": "Тәлімгер", "ru": "Наставник"},
    )  # fmt: skip
    committee = people["committee@x.kz"]
    mentor = services.create_nomination(
        program=program, category=category, actor=committee,
        person_name={"kk": "Әсел Нұрланқызы", "ru": "Асель Нурлановна"},
        person_position="Мастер", person_workplace="Колледж", justification="Наставник",
        contact_name="Айдана", contact_phone="+7 700",
    )  # fmt: skip
    services.submit_nomination(nomination=mentor, actor=committee)
    make_nomination(program, committee, submit=True)
    db.session.commit()
    auth.login("organizer@x.kz")
    assert _rows(client, f"{PROGRAM}/inbox?q=Нұрланқызы") == [mentor.id]
    assert _rows(client, f"{PROGRAM}/inbox?q=асель") == [mentor.id]
    assert _rows(client, f"{PROGRAM}/inbox?q=асель&category={program.categories[0].id}") == []


def test_filters_by_category_state_and_unconfirmed_organization(client, auth, program, people):
    committee, rival = people["committee@x.kz"], people["rival@x.kz"]
    looks_known = make_nomination(program, committee, submit=True, name="Rival College")
    accepted = make_nomination(program, rival, submit=True, name="АО «Ульба»")
    waiting = make_nomination(program, rival, submit=True, name="Кафе «Поляна»")
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{accepted.id}/accept")
    assert _rows(client, f"{PROGRAM}/inbox?state=accepted") == [accepted.id]
    page = client.get(f"{PROGRAM}/inbox?flag=unconfirmed").get_data(as_text=True)
    assert ROW.findall(page) == [str(looks_known.id)]
    assert "This looks like Rival College" in page
    assert _rows(client, f"{PROGRAM}/inbox?flag=unconfirmed&state=accepted") == []
    category = program.categories[0].id
    assert _rows(client, f"{PROGRAM}/inbox?category={category}&state=submitted") == [
        looks_known.id, waiting.id,
    ]  # fmt: skip
    # The counts follow the category, the search and the flag, never the state itself.
    page = client.get(f"{PROGRAM}/inbox?state=accepted&q=Поляна").get_data(as_text=True)
    assert _count(page, "submitted") == 1 and _count(page, "accepted") == 0
    assert "state=accepted" in page.split('data-state="accepted"')[0].rsplit("<a", 1)[1]


def test_sorting_by_each_column_head(client, auth, program, people):
    committee, rival = people["committee@x.kz"], people["rival@x.kz"]
    b = make_nomination(program, committee, submit=True, name="ТОО «Бета»")
    c = make_nomination(program, rival, submit=True, name="ТОО «Вега»")
    a = make_nomination(program, rival, submit=True, name="ТОО «Альфа»")
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{c.id}/accept")
    inbox = f"{PROGRAM}/inbox"
    assert _rows(client, inbox) == [b.id, c.id, a.id]  # oldest first
    assert _rows(client, f"{inbox}?sort=nominee") == [a.id, b.id, c.id]
    assert _rows(client, f"{inbox}?sort=-nominee") == [c.id, b.id, a.id]
    assert _rows(client, f"{inbox}?sort=-number") == [a.id, c.id, b.id]
    assert _rows(client, f"{inbox}?sort=state") == [b.id, a.id, c.id]  # waiting, then accepted
    page = client.get(f"{inbox}?sort=nominee&q=ТОО").get_data(as_text=True)
    assert 'aria-sort="ascending"' in page
    assert 'href="/programs/test-awards/inbox?sort=-nominee&amp;q=%D0%A2%D0%9E%D0%9E"' in page
    # A phone's stacked table hides the column heads: the filters offer the same sorts.
    page = client.get(f"{inbox}?sort=-nominee").get_data(as_text=True)
    assert '<option value="-nominee" selected>' in page
    assert page.count("<option value=") - page.count('<option value="">') >= 8
    # Anything unknown is ignored, not an error.
    assert _rows(client, f"{inbox}?sort=bogus&flag=x&state=y&page=z") == [b.id, c.id, a.id]


def test_bulk_review_refuses_odd_ticks_without_an_error(client, auth, program, people):
    entry = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("organizer@x.kz")
    for ticked in (["abc"], ["9" * 5000], [str(2**40)], [str(entry.id)] * 501):
        response = client.post(
            f"{PROGRAM}/inbox/review", data={"entries": ticked, "action": "accept"}
        )
        assert response.status_code == 302, ticked[0][:10]
    assert db.session.get(Nomination, entry.id).state == S.SUBMITTED
    page = client.get(f"{PROGRAM}/inbox").get_data(as_text=True)
    assert "Tick entries that are waiting for review" in page

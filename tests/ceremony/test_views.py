import io
import re
from datetime import datetime, time

import pytest
from pypdf import PdfReader

from awards.accounts.models import User
from awards.ceremony import services
from awards.ceremony.models import CeremonyPartner, RunningOrderItem
from awards.extensions import db
from awards.programs import services as programs
from awards.programs.models import Role
from tests import factories
from tests.ceremony.conftest import add_point
from tests.certificates import print_shop

ENGLISH = {"Accept-Language": "en"}
BASE = "/programs/test-awards/ceremony"


def point_form(**fields):
    return {"starts_at": "10:15", "title_kk": "Сөз", "title_ru": "Выступление",
            "category": "", **fields}  # fmt: skip


def titles(program):
    return [item.title["ru"] for item in services.running_order(program)]


@pytest.fixture
def organizer_client(client, auth, program):
    auth.login("organizer@x.kz")
    return client


def test_editor_lists_points_categories_partners_and_the_download(
    organizer_client, program, running_order
):
    services.add_partner(program=program, actor=None, name={"kk": "Vosca", "ru": "Vosca"})
    html = organizer_client.get(BASE, headers=ENGLISH).get_data(as_text=True)
    assert html.index("10:00") < html.index("10:30") < html.index("11:00")
    assert 'id="stage-order"' in html and "Best Patron" in html
    assert "Vosca" in html and "Download the program (PDF)" in html
    assert 'value="classic"' in html and 'value="modern"' in html
    # The first point cannot move up, the last cannot move down.
    first, last = running_order[0].id, running_order[-1].id
    assert 'aria-label="Move up: Открытие"' not in html
    assert 'aria-label="Move down: Открытие"' in html
    assert 'aria-label="Move down: Закрытие"' not in html
    assert f'id="item-{first}"' in html and f'id="item-{last}"' in html


def test_adding_a_point_through_the_form(organizer_client, program, running_order):
    category = program.categories[0]
    response = organizer_client.post(
        f"{BASE}/items",
        data=point_form(presenter_kk="Облыс әкімі", presenter_ru="Аким области",
                        category=str(category.id)),
    )  # fmt: skip
    assert response.status_code == 302
    assert response.location.endswith(f"{BASE}#running-order")
    assert titles(program) == ["Открытие", "Выступление", "Награждение", "Закрытие"]
    added = services.running_order(program)[1]
    assert added.starts_at == time(10, 15) and added.category_id == category.id
    assert added.presenter == {"kk": "Облыс әкімі", "ru": "Аким области"}


def error_after(html: str, field_id: str) -> str:
    """The error message shown beside the input ``field_id``, before the next field."""
    start = html.index(f'id="{field_id}"')
    end = html.find('class="field', start)
    match = re.search(r'<p class="error"[^>]*>([^<]+)', html[start : end if end > 0 else None])
    assert match, f"no error beside {field_id}"
    return match.group(1)


def test_bad_point_is_shown_again_with_errors_beside_the_fields(organizer_client, program):
    response = organizer_client.post(
        f"{BASE}/items", headers=ENGLISH,
        data=point_form(starts_at="25:61", title_ru="", presenter_kk="Жүргізуші"),
    )  # fmt: skip
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert error_after(html, "starts_at")
    assert error_after(html, "title_ru") == "This field is required."
    assert 'value="25:61"' in html and 'value="Сөз"' in html and 'value="Жүргізуші"' in html
    assert services.running_order(program) == []


def test_presenter_in_one_language_is_refused_beside_the_other(organizer_client, program):
    response = organizer_client.post(
        f"{BASE}/items", headers=ENGLISH, data=point_form(presenter_ru="Ведущий")
    )
    html = response.get_data(as_text=True)
    assert "Fill in the Kazakh and Russian versions, or leave all of them empty." in (
        error_after(html, "presenter_kk")
    )
    assert 'value="Ведущий"' in html and services.running_order(program) == []


def test_category_of_another_program_is_refused(organizer_client, program, organizer):
    other = programs.create_program(
        actor=organizer, slug="other-awards", year=2025, title={"kk": "Басқа", "ru": "Другой"}
    )
    foreign = programs.add_category(
        program=other, actor=organizer, slug="foreign", title={"kk": "Шет", "ru": "Чужая"}
    )
    response = organizer_client.post(
        f"{BASE}/items", headers=ENGLISH, data=point_form(category=str(foreign.id))
    )
    assert response.status_code == 200 and error_after(response.get_data(as_text=True), "category")
    assert services.running_order(program) == []


def test_editing_a_point_shows_its_values_and_saves(organizer_client, program, running_order):
    award = running_order[1]
    page = organizer_client.get(f"{BASE}/items/{award.id}").get_data(as_text=True)
    assert 'value="10:30"' in page and 'value="Награждение"' in page
    assert f'<option selected value="{program.categories[0].id}">' in page
    organizer_client.post(
        f"{BASE}/items/{award.id}",
        data=point_form(starts_at="10:40", title_kk="Марапаттау рәсімі", title_ru="Церемония"),
    )
    stored = db.session.get(RunningOrderItem, award.id)
    assert (stored.starts_at, stored.title["ru"], stored.category_id) == (time(10, 40), "Церемония",
                                                                         None)  # fmt: skip


def test_edit_with_bad_input_keeps_what_was_typed(organizer_client, running_order):
    award = running_order[1]
    response = organizer_client.post(
        f"{BASE}/items/{award.id}", headers=ENGLISH, data=point_form(title_kk="", title_ru="Новое")
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and error_after(html, "title_kk")
    assert 'value="Новое"' in html
    assert db.session.get(RunningOrderItem, award.id).title["ru"] == "Награждение"


def test_move_and_delete_buttons(organizer_client, program, running_order):
    opening, award, closing = running_order
    response = organizer_client.post(f"{BASE}/items/{closing.id}/move", data={"direction": "up"})
    assert response.location.endswith(f"#item-{closing.id}")
    assert titles(program) == ["Открытие", "Закрытие", "Награждение"]
    organizer_client.post(f"{BASE}/items/{opening.id}/delete")
    assert titles(program) == ["Закрытие", "Награждение"]
    assert organizer_client.post(f"{BASE}/items/{award.id}/move").status_code == 400
    bad = organizer_client.post(f"{BASE}/items/{award.id}/move", data={"direction": "left"})
    assert bad.status_code == 400


def test_partners_through_the_forms(organizer_client, program):
    organizer_client.post(f"{BASE}/partners", data={"name_kk": "«Қазмырыш» ЖШС",
                                                    "name_ru": "ТОО «Казцинк»"})  # fmt: skip
    organizer_client.post(f"{BASE}/partners", data={"name_kk": "Vosca", "name_ru": "Vosca"})
    kazzinc, vosca = services.ceremony_partners(program)
    organizer_client.post(f"{BASE}/partners/{vosca.id}/move", data={"direction": "up"})
    organizer_client.post(
        f"{BASE}/partners/{kazzinc.id}",
        data={"name_kk": "«Қазмырыш» ЖШС", "name_ru": "ТОО «Казцинк»", "name_en": "Kazzinc LLP"},
    )
    listed = services.ceremony_partners(program)
    assert [p.name["ru"] for p in listed] == ["Vosca", "ТОО «Казцинк»"]
    assert listed[1].name["en"] == "Kazzinc LLP"
    organizer_client.post(f"{BASE}/partners/{vosca.id}/delete")
    assert [p.name["ru"] for p in services.ceremony_partners(program)] == ["ТОО «Казцинк»"]


def test_bad_partner_is_shown_again_with_the_error(organizer_client, program):
    response = organizer_client.post(
        f"{BASE}/partners", headers=ENGLISH, data={"name_kk": "", "name_ru": "Только русский"}
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and error_after(html, "name_kk")
    assert 'value="Только русский"' in html
    assert db.session.query(CeremonyPartner).count() == 0


def ceremony_urls(item_id: int, partner_id: int) -> list[tuple[str, str]]:
    return [
        ("GET", BASE), ("POST", f"{BASE}/items"), ("GET", f"{BASE}/items/{item_id}"),
        ("POST", f"{BASE}/items/{item_id}"), ("POST", f"{BASE}/items/{item_id}/delete"),
        ("POST", f"{BASE}/items/{item_id}/move"), ("POST", f"{BASE}/partners"),
        ("GET", f"{BASE}/partners/{partner_id}"), ("POST", f"{BASE}/partners/{partner_id}"),
        ("POST", f"{BASE}/partners/{partner_id}/delete"),
        ("POST", f"{BASE}/partners/{partner_id}/move"), ("GET", f"{BASE}/booklet.pdf"),
        ("GET", f"{BASE}/booklet.pdf?layout=print_shop"),
        ("GET", f"{BASE}/booklet.pdf?layout=sheets"),
        ("GET", f"{BASE}/stage.pdf?paper=script"), ("GET", f"{BASE}/stage.pdf?paper=handout"),
        ("GET", f"{BASE}/pronunciation"), ("POST", f"{BASE}/pronunciation"),
    ]  # fmt: skip


@pytest.fixture
def partner(program):
    partner = services.add_partner(program=program, actor=None, name={"kk": "Vosca", "ru": "Vosca"})
    db.session.commit()
    return partner


@pytest.mark.parametrize(("email", "status"), [("committee@x.kz", 403), ("judge@x.kz", 403),
                                               ("outsider@x.kz", 404)])  # fmt: skip
def test_only_organizers_prepare_the_ceremony(
    client, auth, program, running_order, partner, email, status
):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login(email)
    for method, url in ceremony_urls(running_order[0].id, partner.id):
        data = {"direction": "up", **point_form(), "name_kk": "X", "name_ru": "X"}
        response = client.open(url, method=method, data=data if method == "POST" else None)
        assert response.status_code == status, (method, url)
    assert titles(program) == ["Открытие", "Награждение", "Закрытие"]
    assert [p.name["ru"] for p in services.ceremony_partners(program)] == ["Vosca"]


def test_anonymous_visitors_are_sent_to_log_in(client, running_order, partner):
    for method, url in ceremony_urls(running_order[0].id, partner.id):
        response = client.open(url, method=method)
        assert response.status_code == 302 and "/login" in response.location, (method, url)


def test_a_point_or_partner_of_another_program_is_not_found(organizer_client, organizer):
    other = programs.create_program(
        actor=organizer, slug="other-awards", year=2025, title={"kk": "Басқа", "ru": "Другой"}
    )
    foreign = add_point(other, "10:00", "Ашылуы", "Открытие")
    partner = services.add_partner(program=other, actor=None, name={"kk": "Vosca", "ru": "Vosca"})
    db.session.commit()
    for method, url in ceremony_urls(foreign.id, partner.id):
        if "/items/" in url or "/partners/" in url:
            response = organizer_client.open(url, method=method, data={"direction": "up"})
            assert response.status_code == 404, (method, url)
    assert db.session.get(RunningOrderItem, foreign.id).position == 0


def test_an_organizer_who_is_not_a_site_admin_prepares_the_ceremony(client, auth, program):
    member = factories.user("second-organizer@x.kz")
    programs.grant_role(program=program, user=member, role=Role.ORGANIZER, actor=None)
    db.session.commit()
    auth.login("second-organizer@x.kz")
    assert client.get(BASE).status_code == 200
    client.post(f"{BASE}/items", data=point_form())
    assert titles(program) == ["Выступление"]


def test_program_page_links_to_the_ceremony_for_organizers_only(client, auth, program):
    auth.login("organizer@x.kz")
    assert f'href="{BASE}"' in client.get("/programs/test-awards").get_data(as_text=True)
    auth.logout()
    auth.login("committee@x.kz")
    assert f'href="{BASE}"' not in client.get("/programs/test-awards").get_data(as_text=True)


def test_post_without_csrf_token_is_refused(app, organizer_client, program, running_order):
    app.config["WTF_CSRF_ENABLED"] = True
    opening = running_order[0]
    assert organizer_client.post(f"{BASE}/items/{opening.id}/delete").status_code == 400
    page = organizer_client.get(BASE).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    url = f"{BASE}/items/{opening.id}/delete"
    response = organizer_client.post(url, data={"csrf_token": token})
    assert response.status_code == 302
    assert titles(program) == ["Награждение", "Закрытие"]


def test_download_the_booklet_in_the_chosen_design(client, auth, ceremony):
    auth.login("organizer@x.kz")
    response = client.get(f"{BASE}/booklet.pdf?theme=modern")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"] == "attachment; filename=test-awards-program.pdf"
    text = print_shop.flat(print_shop.text(response.data))
    assert "Kazzinc Nominee" in text and "ҮМІТКЕРЛЕР / НОМИНАНТЫ" in text


def test_download_the_booklet_for_a_print_shop_and_as_sheets_to_fold(client, auth, ceremony):
    auth.login("organizer@x.kz")
    pages = client.get(f"{BASE}/booklet.pdf?theme=modern&layout=pages")
    shop = client.get(f"{BASE}/booklet.pdf?theme=modern&layout=print_shop")
    sheets = client.get(f"{BASE}/booklet.pdf?theme=modern&layout=sheets")

    disposition = "attachment; filename=test-awards-program{}.pdf"
    assert pages.headers["Content-Disposition"] == disposition.format("")
    assert shop.headers["Content-Disposition"] == disposition.format("-print")
    assert sheets.headers["Content-Disposition"] == disposition.format("-sheets")
    booklet, shop_pages, sides = (
        PdfReader(io.BytesIO(r.data)).pages for r in (pages, shop, sheets)
    )
    assert len(booklet) % 4 == 0 and len(shop_pages) == len(booklet)
    assert len(sides) == len(booklet) // 2
    mm = 72 / 25.4
    for page in shop_pages:  # the A5 page, 3 mm of bleed, 12 mm of media around it
        assert float(page.trimbox.width) == pytest.approx(148 * mm, abs=0.01)
        assert float(page.bleedbox.width) == pytest.approx(154 * mm, abs=0.01)
        assert float(page.mediabox.width) == pytest.approx(172 * mm, abs=0.01)
    for side in sides:
        assert float(side.mediabox.width) == pytest.approx(297 * mm, abs=0.01)
        assert float(side.mediabox.height) == pytest.approx(210 * mm, abs=0.01)


def test_the_booklet_layouts_are_offered_in_the_readers_language(client, auth, ceremony):
    organizer = db.session.query(User).filter_by(email="organizer@x.kz").one()
    organizer.locale = "ru"
    db.session.commit()
    auth.login("organizer@x.kz")
    html = client.get(BASE).get_data(as_text=True)
    assert 'name="layout"' in html
    assert "Для типографии: вылеты 3 мм и метки обреза" in html


@pytest.mark.parametrize(
    ("query", "message"),
    [("?theme=gothic", "Choose one of the listed designs."),
     ("?layout=poster", "Choose one of the listed layouts."),
     ("", "Fill in the organizing body, the venue and the ceremony date of the program first.")],
)  # fmt: skip
def test_booklet_that_cannot_print_says_why(client, auth, program, query, message):
    auth.login("organizer@x.kz")
    if query:  # a program ready to print, asked for an unknown design
        programs.update_program(
            program=program, actor=None, organizing_body={"kk": "Басқарма", "ru": "Управление"},
            venue={"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск"},
            ceremony_at=datetime(2026, 5, 20, 5, 0),
        )  # fmt: skip
    response = client.get(f"{BASE}/booklet.pdf{query}", headers=ENGLISH)
    assert response.status_code == 302 and response.location.endswith(f"{BASE}#booklet")
    assert message in client.get(BASE, headers=ENGLISH).get_data(as_text=True)


def test_a_break_is_added_through_the_form_and_shown_in_the_list(organizer_client, program):
    response = organizer_client.post(f"{BASE}/items", data=point_form(break_minutes="10"))
    assert response.status_code == 302
    assert services.running_order(program)[0].break_minutes == 10
    html = organizer_client.get(BASE, headers=ENGLISH).get_data(as_text=True)
    assert "break, 10 min" in html and f"{BASE}/screen" in html
    refused = organizer_client.post(f"{BASE}/items", headers=ENGLISH,
                                    data=point_form(break_minutes="0"))  # fmt: skip
    assert "A break lasts from 1 to 240 minutes." in refused.get_data(as_text=True)

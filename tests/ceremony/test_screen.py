"""The hall screen: its slides from a real program, the control page, the screen's secret link
and its JSON, the keyboard's moves, and the 16:9 PDF checked the way a print shop would."""

import io
import re

import pytest
from PIL import Image
from pypdf import PdfReader

from awards.ceremony import screen, services
from awards.ceremony.models import CeremonyScreen
from awards.extensions import db
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs
from awards.programs.services import get_program_by_slug
from awards.results import services as results
from tests.ceremony.conftest import add_point
from tests.certificates import print_shop

ENGLISH = {"Accept-Language": "en"}
THEMES = ["classic", "modern"]


def control_url(program) -> str:
    return f"/programs/{program.slug}/ceremony/screen"


def prepare(ceremony):
    """The scored program with Kazzinc confirmed: an opening, a break, the award."""
    program = ceremony["program"]
    add_point(program, "10:00", "Форумның ашылуы", "Открытие форума")
    screen_break = add_point(program, "10:20", "Үзіліс", "Кофе-брейк")
    screen_break.break_minutes = 10
    add_point(program, "10:30", "Жылдың үздік меценатын марапаттау", "Награждение мецената",
              category=program.categories[0],
              presenter={"kk": "Облыс әкімі", "ru": "Аким области"})  # fmt: skip
    db.session.commit()
    return program


def kinds(program) -> list[str]:
    return [slide.kind for slide in screen.program_slides(program)]


@pytest.fixture
def organizer_client(client, auth):
    auth.login("organizer@x.kz")
    return client


@pytest.fixture
def hall(app, ceremony, organizer_client):
    """The prepared program with its screen made by a first visit of the control page; the
    screen's link."""
    program = prepare(ceremony)
    assert organizer_client.get(control_url(program)).status_code == 200
    state = screen.find_screen(program)
    return {"program": program, "screen": state, "link": f"/screen/{state.token}"}


def test_slides_of_a_program_reveal_the_frozen_laureate_after_the_nominees(ceremony):
    program = prepare(ceremony)
    slides = screen.program_slides(program)
    assert kinds(program) == ["title", "point", "break", "category", "nominees", "reveal"]
    nominees, reveal = slides[4], slides[5]
    assert [name[0] for name in nominees.names] == [
        "Kazzinc Nominee", "Ulba Nominee", "Polyana Nominee",
    ]  # fmt: skip
    assert reveal.names == (("Kazzinc Nominee",),)
    # The break counts down to the award, in the program's time zone (Almaty, UTC+5).
    assert slides[2].until == "10:30"
    assert screen.break_end_ms(slides[2], program) == 1779255000000  # 2026-05-20 05:30 UTC
    assert slides[0].texts[:2] == [
        "Шығыс Қазақстан облысының білім басқармасы",
        "Управление образования Восточно-Казахстанской области",
    ]


def test_a_category_whose_results_are_reopened_loses_its_reveal(ceremony):
    program = prepare(ceremony)
    results.unfreeze_results(category=program.categories[0], actor=ceremony["organizer"],
                             reason="Пересчёт")  # fmt: skip
    db.session.commit()
    assert "reveal" not in kinds(program)
    assert screen.unrevealed_categories(program) == [program.categories[0]]


def test_control_page_shows_the_current_and_next_slide_and_the_link(hall, organizer_client):
    html = organizer_client.get(control_url(hall["program"]), headers=ENGLISH).get_data(True)
    assert re.search(r'id="slide" class="slide slide-title" data-position="0"', html)
    assert 'id="next"' in html and 'id="previous"' not in html
    assert f"/screen/{hall['screen'].token}" in html
    assert "Slide 1 of 6" in html
    assert "Open the screen: Modern" in html
    # It reloads itself when the screen's keyboard moved it (static/js/screen-control.js).
    assert f'data-state-url="/screen/{hall["screen"].token}/state.json"' in html
    assert "js/screen-control.js" in html


@pytest.mark.parametrize("who", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_run_the_screen(hall, client, auth, who):
    auth.logout()
    auth.login(who)
    program = hall["program"]
    assert client.get(control_url(program)).status_code == 403
    assert client.post(f"{control_url(program)}/move", data={"position": 1}).status_code == 403
    assert client.get(f"{control_url(program)}/slides.pdf").status_code == 403


def test_anonymous_people_are_sent_to_log_in(app, ceremony):
    client = app.test_client()
    response = client.get(control_url(ceremony["program"]))
    assert response.status_code == 302 and "/login" in response.location


def test_a_wrong_or_revoked_screen_link_is_not_found(hall, organizer_client, app):
    anonymous = app.test_client()
    assert anonymous.get("/screen/not-the-token").status_code == 404
    assert anonymous.get("/screen/not-the-token/state.json").status_code == 404
    old = hall["link"]
    assert anonymous.get(f"{old}/state.json").status_code == 200
    response = organizer_client.post(f"{control_url(hall['program'])}/link")
    assert response.status_code == 302
    assert anonymous.get(f"{old}/state.json").status_code == 404
    assert anonymous.get(f"/screen/{hall['screen'].token}/state.json").status_code == 200


def test_moves_stay_within_the_slides_and_the_screen_follows(hall, organizer_client, app):
    anonymous = app.test_client()
    program, move = hall["program"], f"{control_url(hall['program'])}/move"
    state = anonymous.get(f"{hall['link']}/state.json").get_json()
    assert (state["position"], state["version"]) == (0, 0)
    assert anonymous.get(f"{hall['link']}/state.json").headers["Cache-Control"] == "no-store"
    for asked, shown in ((4, 4), (99, 5), (-1, None), (2, 2)):
        response = organizer_client.post(move, data={"position": asked})
        assert response.status_code == (400 if shown is None else 302)
        if shown is not None:
            assert anonymous.get(f"{hall['link']}/state.json").get_json()["position"] == shown
    assert screen.find_screen(program).version == 3


def test_the_screen_receives_only_the_slide_shown(hall, organizer_client, app):
    anonymous = app.test_client()
    move = f"{control_url(hall['program'])}/move"
    page = anonymous.get(hall["link"]).get_data(as_text=True)
    assert 'src="/static/js/screen.js"' in page and "<style" not in page
    assert "Kazzinc Nominee" not in page
    organizer_client.post(move, data={"position": 4})
    nominees = anonymous.get(f"{hall['link']}/slide").get_data(as_text=True)
    assert 'data-position="4"' in nominees and 'data-kind="nominees"' in nominees
    assert "Kazzinc Nominee" in nominees and "slide-reveal" not in nominees
    organizer_client.post(move, data={"position": 5})
    reveal = anonymous.get(f"{hall['link']}/slide").get_data(as_text=True)
    assert 'data-kind="reveal"' in reveal and "Kazzinc Nominee" in reveal
    assert "Ulba Nominee" not in reveal


def test_a_screen_past_its_slides_shows_the_last(hall, organizer_client, app):
    organizer_client.post(f"{control_url(hall['program'])}/move", data={"position": 5})
    services.delete_running_order_item(item=services.running_order(hall["program"])[0], actor=None)
    db.session.commit()
    html = app.test_client().get(f"{hall['link']}/slide").get_data(as_text=True)
    assert 'data-position="4" data-count="5"' in html and 'data-kind="reveal"' in html


def test_the_break_slide_carries_its_end_for_the_countdown(hall, organizer_client, app):
    organizer_client.post(f"{control_url(hall['program'])}/move", data={"position": 2})
    html = app.test_client().get(f"{hall['link']}/slide").get_data(as_text=True)
    assert 'data-ends-at="1779255000000"' in html and 'class="countdown"' in html


def test_the_screen_keyboard_moves_with_the_page_csrf_token(hall, app):
    app.config["WTF_CSRF_ENABLED"] = True  # the tests' config turns it off
    anonymous = app.test_client()
    page = anonymous.get(hall["link"]).get_data(as_text=True)
    token = re.search(r'data-csrf-token="([^"]+)"', page).group(1)
    assert anonymous.post(f"{hall['link']}/move", data={"position": 1}).status_code == 400
    response = anonymous.post(f"{hall['link']}/move", data={"position": 1, "csrf_token": token})
    assert response.get_json()["position"] == 1
    assert db.session.get(CeremonyScreen, hall["screen"].id).position == 1


def test_the_screen_page_runs_under_the_content_security_policy(hall, app):
    response = app.test_client().get(hall["link"])
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.get_data(as_text=True)
    assert " style=" not in html and "<script>" not in html
    assert 'href="/static/css/screen.css"' in html
    font = app.test_client().get("/screen-fonts/PTSans-Bold.ttf")
    assert font.status_code == 200 and font.mimetype.startswith("font/")
    assert app.test_client().get("/screen-fonts/..%2Fclassic%2Ftheme.toml").status_code == 404


@pytest.mark.parametrize("theme", THEMES)
def test_slides_pdf_passes_the_print_shop(ceremony, theme):
    program = prepare(ceremony)
    slides = screen.program_slides(program)
    pdf = screen.slides_pdf(program, theme=theme)
    fonts = print_shop.fonts(pdf)
    assert fonts and all(font["embedded"] for font in fonts)
    info = print_shop.info(pdf)
    assert info["Pages"] == str(len(slides))
    width, height = (float(side) for side in re.findall(r"[\d.]+", info["Page size"])[:2])
    assert width / height == pytest.approx(16 / 9, abs=0.001)
    for number, slide in enumerate(slides, start=1):
        text = print_shop.flat(print_shop.text(pdf, page=number))
        for line in slide.texts:
            assert print_shop.flat(line) in text, (number, line)
    assert "10:30" in print_shop.text(pdf, page=3)


def test_demo_shows_every_kind_of_slide(app):
    app.test_cli_runner().invoke(args=["demo"])
    program = get_program_by_slug(DEMO_SLUG)
    found = kinds(program)
    assert set(found) == {"title", "point", "break", "category", "nominees", "reveal", "partners"}
    # Each category: its title, its nominees, then its laureates.
    for category in ("best-patron", "best-social-partner"):
        own = [s.kind for s in screen.program_slides(program) if s.category == category]
        assert own == sorted(own, key=["category", "nominees", "reveal"].index)
        assert own[0] == "category" and own[-1] == "reveal"


def test_the_program_logo_shows_on_the_screen_and_in_the_pdf(hall, app):
    program = hall["program"]
    picture = io.BytesIO()
    Image.new("RGB", (120, 120), "#1f4e79").save(picture, "PNG")
    picture.seek(0)
    programs.set_program_logo(program=program, actor=None, stream=picture)
    db.session.commit()
    html = app.test_client().get(hall["link"]).get_data(as_text=True)
    assert '<img class="screen-logo" src="data:image/png;base64,iVBOR' in html
    first = PdfReader(io.BytesIO(screen.slides_pdf(program, theme="modern"))).pages[0]
    assert len(first.images) == 1

"""The hall screen: the page the hall's computer opens full-screen, with no login, through the
secret link the control page hands out (a wrong or revoked link: 404).

It follows the control page by short polling: every second a GET of a few bytes
({position, version}), then, on a change, a GET of the one slide now shown. Polling rather
than server-sent events: a hall's network often goes through a proxy or a captive portal that
buffers or cuts long-lived responses, a sync worker would be held by each open stream, and a
poll that fails is simply tried again the next second. The screen never receives a slide
before it is shown: the laureates reach the hall's computer at their reveal, not before.
"""

from flask import Blueprint, Response, abort, jsonify, make_response, render_template, request

from awards.ceremony import booklet, screen
from awards.ceremony.forms import ScreenMoveForm
from awards.ceremony.slides import clamp
from awards.extensions import limiter
from awards.i18n import utcnow
from awards.pages import committed
from awards.printing.screen import theme_file
from awards.printing.themes import available_themes

bp = Blueprint("screen", __name__)

DEFAULT_THEME = "classic"


def load_screen(token: str):
    found = screen.screen_by_token(token)
    if found is None:
        abort(404)
    return found


def _theme() -> str:
    names = {theme.name for theme in available_themes()}
    chosen = request.args.get("theme") or DEFAULT_THEME
    return chosen if chosen in names else DEFAULT_THEME


def _no_store(response):
    # The position changes every few seconds; no proxy or browser may keep an old one.
    response = make_response(response)
    response.headers["Cache-Control"] = "no-store"
    return response


def _current(state):
    slides = screen.program_slides(state.program)
    position = clamp(state.position, len(slides))
    return slides, position


@bp.get("/screen/<token>")
def show(token: str):
    state = load_screen(token)
    slides, position = _current(state)
    # data-seen: the stored position and version the page compares each poll with.
    return _no_store(render_template(
        "ceremony/screen.html", program=state.program, token=token, theme=_theme(),
        slide=slides[position], position=position, count=len(slides), state=state,
        logo=booklet.logo_data_uri(state.program), form=ScreenMoveForm(),
        ends_at=screen.break_end_ms(slides[position], state.program),
    ))  # fmt: skip


def _state(state):
    """The position as stored (the slide holds it within the slides there are now): one
    statement, so that a poll a second stays cheap whatever the program's size."""
    return jsonify(
        position=state.position, version=state.version,
        # The hall computer's clock may be wrong: a break's countdown runs on the server's.
        now=int(utcnow().timestamp() * 1000),
    )  # fmt: skip


@bp.get("/screen/<token>/state.json")
@limiter.exempt  # one small read a second from the one screen that has the link
def state(token: str):
    return _no_store(_state(load_screen(token)))


@bp.get("/screen/<token>/slide")
def slide(token: str):
    """The slide shown now, and only that one."""
    found = load_screen(token)
    slides, position = _current(found)
    return _no_store(render_template(
        "ceremony/_slide.html", slide=slides[position], position=position, count=len(slides),
        version=found.version, slide_id="slide",
        ends_at=screen.break_end_ms(slides[position], found.program),
    ))  # fmt: skip


@bp.post("/screen/<token>/move")
def move(token: str):
    """The screen's own keyboard moves it when the control page is out of reach. The page
    carries a CSRF token like any form (the hall's computer has a session of its own)."""
    found = load_screen(token)
    form = ScreenMoveForm()
    if not form.validate_on_submit():
        abort(400)
    count = len(screen.program_slides(found.program))
    committed(lambda: screen.move_screen(
        screen=found, actor=None, position=form.position.data, count=count,
    ))  # fmt: skip
    return _no_store(_state(found))


@bp.get("/screen-fonts/<filename>")
def font(filename: str):
    """The shared certificate fonts (PT Sans, PT Serif: open licence) for the screen, served
    here so that a hall without internet shows them; no link needed, they are no secret."""
    found = theme_file("fonts", filename)
    if found is None:
        abort(404)
    path, content_type = found
    response = Response(path.read_bytes(), mimetype=content_type)
    response.headers["Cache-Control"] = "public, max-age=86400"
    return response

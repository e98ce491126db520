"""The hall screen: its slides gathered from a program (the running order, the frozen results,
the partners) and where the screen stands. Needs an app context, never a request.

The reveal shows the frozen laureates (the category's current snapshot) whether or not the
results are published yet: the ceremony is where they are announced. Writes flush, never
commit.
"""

import secrets
from dataclasses import asdict
from datetime import UTC, datetime

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.ceremony import slides as slide_maths
from awards.ceremony.booklet import check_theme, logo_data_uri
from awards.ceremony.models import CeremonyScreen
from awards.ceremony.services import ceremony_partners, running_order, stage_order
from awards.extensions import db
from awards.i18n import to_local, to_utc, utcnow
from awards.nominations.queries import accepted_nominations_by_category
from awards.printing.dates import format_long_date
from awards.printing.documents import render_slides
from awards.programs.models import Category, Program
from awards.results.services import current_snapshots, nominee_names

TOKEN_BYTES = 24  # 32 characters of URL-safe base64


def _texts(value: dict | None) -> dict:
    """Every slide language filled: a name typed in one language shows the same in others."""
    value = {code: text for code, text in (value or {}).items() if text}
    fallback = value.get("ru") or value.get("kk") or next(iter(value.values()), "")
    return {code: value.get(code) or fallback for code in slide_maths.SLIDE_LANGUAGES}


# The screen's fixed headings, shown in every slide language whatever the reader's.
LABELS = {
    "nominees": _l("Nominees"),
    "laureates": _l("Laureates"),
    "partners": _l("Our partners"),
    "break": _l("Break"),
}


def slide_labels() -> dict:
    """LABELS in each slide language."""
    labels: dict = {key: {} for key in LABELS}
    for code in slide_maths.SLIDE_LANGUAGES:
        with force_locale(code):
            for key, message in LABELS.items():
                labels[key][code] = str(message)
    return labels


def _category(category: Category, snapshot, nominations: list) -> slide_maths.Category:
    laureates = snapshot.content["laureates"] if snapshot is not None else None
    return slide_maths.Category(
        slug=category.slug, title=_texts(category.title),
        nominees=[_texts(nominee_names(n)) for n in nominations],
        laureates=[_texts(laureate["nominee"]) for laureate in laureates]
        if laureates is not None else None,
    )  # fmt: skip


def program_slides(program: Program) -> list[slide_maths.Slide]:
    """The program's slides (slides.build_slides), read from the database in the same number
    of statements whatever the number of categories and entries."""
    categories = stage_order(program)
    snapshots = current_snapshots(categories)
    nominations = accepted_nominations_by_category(categories)
    by_id = {
        category.id: _category(category, snapshots[category.id], nominations[category.id])
        for category in categories
    }
    points = running_order(program)
    named = {item.category_id for item in points}
    day = to_local(program.ceremony_at, program.timezone).date() if program.ceremony_at else None
    dates = {code: format_long_date(day, code) for code in slide_maths.SLIDE_LANGUAGES}
    return slide_maths.build_slides(
        program={"title": _texts(program.title), "organizing_body": _texts(program.organizing_body),
                 "venue": _texts(program.venue), "date": dates if day else None},
        points=[
            slide_maths.Point(
                starts_at=item.starts_at, title=_texts(item.title),
                presenter=_texts(item.presenter) if item.presenter else {},
                break_minutes=item.break_minutes, category=by_id.get(item.category_id),
            )
            for item in points
        ],
        unnamed=[by_id[category.id] for category in categories if category.id not in named],
        partners=[_texts(partner.name) for partner in ceremony_partners(program)],
        labels=slide_labels(), day=day,
    )  # fmt: skip


def unrevealed_categories(program: Program) -> list[Category]:
    """The categories without frozen results: the screen shows their nominees but no reveal."""
    snapshots = current_snapshots(program.categories)
    return [category for category in program.categories if snapshots[category.id] is None]


def break_end_ms(slide: slide_maths.Slide, program: Program) -> int | None:
    """When a break slide's countdown reaches zero, in milliseconds since the epoch (what a
    browser's clock counts)."""
    if slide.ends_at is None:
        return None
    return int(to_utc(slide.ends_at, program.timezone).replace(tzinfo=UTC).timestamp() * 1000)


def find_screen(program: Program) -> CeremonyScreen | None:
    return db.session.scalar(select(CeremonyScreen).where(CeremonyScreen.program_id == program.id))


def screen_by_token(token: str) -> CeremonyScreen | None:
    """The screen whose link carries ``token``, or None (a revoked or mistyped link)."""
    if not token or len(token) > 64:
        return None
    screen = db.session.scalar(select(CeremonyScreen).where(CeremonyScreen.token == token))
    # The index found it; compare in constant time all the same.
    if screen is None or not secrets.compare_digest(screen.token, token):
        return None
    return screen


def open_screen(*, program: Program, actor: User | None, now: datetime | None = None):
    """The program's screen, made at its first slide with a new link if it has none.

    Side effects: may add the screen; flushes.
    """
    screen = find_screen(program)
    if screen is None:
        screen = CeremonyScreen(
            program_id=program.id, position=0, version=0,
            token=secrets.token_urlsafe(TOKEN_BYTES), changed_at=now or utcnow(),
        )  # fmt: skip
        db.session.add(screen)
        db.session.flush()
    return screen


def regenerate_screen_link(*, program: Program, actor: User, now: datetime | None = None):
    """A new secret for the screen's link: a screen opened with the old one stops following.

    Side effects: the token changes; an audit entry; flushes.
    """
    screen = open_screen(program=program, actor=actor, now=now)
    screen.token = secrets.token_urlsafe(TOKEN_BYTES)
    screen.version += 1
    record(actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
           action="screen_link_regenerated", now=now)  # fmt: skip
    db.session.flush()
    return screen


def move_screen(
    *, screen: CeremonyScreen, actor: User | None, position: int, count: int,
    now: datetime | None = None,
) -> CeremonyScreen:  # fmt: skip
    """Show the slide at ``position``, held within the ``count`` slides there are. ``actor`` is
    None when the screen's own keyboard moves it. Not audited: a ceremony moves a hundred times.

    Side effects: position, version and changed_at change; flushes.
    """
    screen.position = slide_maths.clamp(position, count)
    screen.version += 1
    screen.changed_at = now or utcnow()
    db.session.flush()
    return screen


def slides_pdf(program: Program, *, theme: str = "classic") -> bytes:
    """The program's slides as a 16:9 PDF in ``theme``, one page a slide.

    Raises DomainError for an unknown design and PrintingError when WeasyPrint could not
    print them faithfully.
    """
    check_theme(theme)
    slides = [asdict(slide) for slide in program_slides(program)]
    return render_slides(theme, slides, logo=logo_data_uri(program))


def slides_file_name(program: Program) -> str:
    return f"{program.slug}-slides.pdf"

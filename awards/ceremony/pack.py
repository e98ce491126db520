"""Everything the ceremony day needs on paper and in files, in one folder: the presenter's
script, the cue cards, the envelopes, the stage assistants' hand-out sheet, the place cards
and the slides (PDF), the guest list (XLSX) and the ceremony in a calendar file (.ics).
Needs an app context, never a request (``flask --app awards ceremony pack``)."""

from flask_babel import force_locale
from flask_babel import gettext as _

from awards.ceremony import guests, screen, stage
from awards.ceremony.booklet import check_theme
from awards.ceremony.calendar import ceremony_invitation
from awards.errors import DomainError
from awards.i18n import localized, utcnow
from awards.mail import external_url
from awards.printing.documents import render_place_cards
from awards.programs.models import Program
from awards.spreadsheets import to_xlsx

PRINTED = ("kk", "ru")
STAGE_PAPERS = ("script", "cue_cards", "envelopes", "handout")


def _lines(texts: dict | None) -> list[str]:
    """Kazakh then Russian, each once ("VK Development Group" needs no second line)."""
    texts = texts or {}
    found = [texts[code] for code in PRINTED if texts.get(code)] or [
        text for text in texts.values() if text
    ][:1]
    return list(dict.fromkeys(found))


def place_cards(program: Program) -> list[dict]:
    """A card for each representative who comes, in stage order."""
    return [
        {
            "name": _lines(row.guest.representative_name),
            "position": _lines(row.guest.representative_position),
            "laureate": _lines(row.nominee),
            "seat_row": row.guest.seat_row,
            "seat_number": row.guest.seat_number,
        }
        for row in guests.guest_rows(program)
        if row.state == "coming" and row.guest.representative_name
    ]


def calendar_file(program: Program) -> bytes:
    if program.ceremony_at is None:
        raise DomainError(_("Set the ceremony's date and time in the program first."))
    link = external_url("results.public", slug=program.slug)
    return ceremony_invitation(
        uid=f"ceremony-{program.slug}@awards", title=localized(program.title, "kk"),
        starts_at=program.ceremony_at, timezone=program.timezone,
        location=localized(program.venue, "kk"), description=localized(program.title, "ru"),
        url=link, stamp=utcnow(),
    )  # fmt: skip


def ceremony_pack(program: Program, *, theme: str = "classic", language: str = "ru") -> dict:
    """{file name: bytes} of every paper and file; the guest list in ``language``. A paper that
    cannot be made (no place card without a representative who comes) is left out.

    Raises DomainError for an unknown design or a program not ready to print.
    """
    check_theme(theme)
    files = {
        stage.stage_paper_file_name(program, paper): stage.stage_paper_pdf(
            program, paper, theme=theme
        )
        for paper in STAGE_PAPERS
    }
    cards = place_cards(program)
    if cards:
        files[f"{program.slug}-place-cards.pdf"] = render_place_cards(theme, cards)
    files[screen.slides_file_name(program)] = screen.slides_pdf(program, theme=theme)
    with force_locale(language):
        table = guests.guest_list(program, guests.guest_rows(program), language=language)
        files[f"{program.slug}-guests.xlsx"] = to_xlsx([table])
    files[f"{program.slug}-ceremony.ics"] = calendar_file(program)
    return files

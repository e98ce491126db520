"""The stage papers of a ceremony: the presenter's script, the cue cards, the envelopes and the
stage assistants' hand-out sheet, gathered from the running order, the frozen results and the
issued certificates, and printed through the program's print themes.

Needs an app context (the database), never a request: views, commands and tests call the
same functions. A category's laureates are read from its frozen results as soon as they are
confirmed (the papers are for the organizers and the stage, not the public); until then the
script says the laureates are still to be announced and the envelope is printed without them.
"""

from flask_babel import gettext as _
from sqlalchemy import select

from awards.ceremony import models
from awards.ceremony.booklet import (
    PRINTED_LANGUAGES,
    check_ready,
    check_theme,
    logo_data_uri,
    printed_texts,
)
from awards.ceremony.services import ceremony_partners, running_order, stage_order
from awards.certificates.models import IssuedCertificate
from awards.certificates.registry import valid_program_certificates
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import to_local
from awards.nominations.models import Nomination
from awards.nominations.queries import accepted_nominations
from awards.printing.documents import STAGE_PAPERS, render_stage_paper
from awards.programs.models import Category, Program
from awards.results.services import current_snapshots, nominee_names


def _file_names() -> dict[str, str]:
    """The file name of each paper after the program's short name, in the reader's language
    (awards/downloads.py sends Kazakh and Russian names as they are)."""
    return {
        "script": _("presenter-script"), "cue_cards": _("cue-cards"),
        "envelopes": _("envelopes"), "handout": _("stage-hand-out"),
    }  # fmt: skip


def _notes(value: dict | None) -> dict | None:
    notes = {code: text for code, text in (value or {}).items() if text}
    return notes or None


def _name(texts: dict, note: dict | None = None) -> dict:
    return {"text": printed_texts(texts), "note": _notes(note)}


def representatives_for(program: Program) -> dict[int, dict]:
    """Who comes on stage for each laureate, by nomination id: {"name": {...}, "position":
    {...}}, from the guests' answers (ceremony.models.LaureateGuest) where the app has them;
    empty otherwise, and for a laureate nobody has been named for."""
    guest = getattr(models, "LaureateGuest", None)
    if guest is None:
        return {}
    query = (
        select(guest)
        .join(Nomination, Nomination.id == guest.nomination_id)
        .where(Nomination.program_id == program.id)
    )
    return {
        row.nomination_id: {
            "name": row.representative_name, "position": row.representative_position,
        }
        for row in db.session.scalars(query)
        if _notes(row.representative_name)
    }  # fmt: skip


def _representative(found: dict | None) -> dict | None:
    if not found or not _notes(found.get("name")):
        return None
    position = _notes(found.get("position"))
    return {
        "text": printed_texts(found["name"]), "note": None,
        "position": printed_texts(position) if position else None,
    }  # fmt: skip


def _category(category: Category, snapshot, representatives: dict) -> dict:
    nominations = accepted_nominations(category)
    notes = {nomination.id: nomination.pronunciation for nomination in nominations}
    laureates = snapshot.content["laureates"] if snapshot else []
    return {
        "title": printed_texts(category.title),
        "description": printed_texts(category.description) if category.description else None,
        "nominees": [_name(nominee_names(n), n.pronunciation) for n in nominations],
        "frozen": snapshot is not None,
        "laureates": [
            {
                "name": _name(laureate["nominee"], notes.get(laureate["nomination_id"])),
                "representative": _representative(representatives.get(laureate["nomination_id"])),
            }
            for laureate in laureates
        ],
    }


def _points(program: Program, categories: list[Category]) -> list[dict]:
    """The running order's points; a point awards its category at the category's first
    appearance. Categories the running order never names are awarded after its last point."""
    index = {category.id: i for i, category in enumerate(categories)}
    points, awarded = [], set()
    for item in running_order(program):
        awards = item.category_id in index and item.category_id not in awarded
        awarded.add(item.category_id)
        presenter = _name(item.presenter, item.presenter_pronunciation) if item.presenter else None
        points.append({
            "time": item.starts_at, "title": printed_texts(item.title), "presenter": presenter,
            "category": index[item.category_id] if awards else None,
        })  # fmt: skip
    for category in categories:
        if category.id not in awarded:
            points.append({
                "time": None, "title": printed_texts(category.title), "presenter": None,
                "category": index[category.id],
            })  # fmt: skip
    return points


def _heading(program: Program) -> dict:
    return {
        "languages": PRINTED_LANGUAGES,
        "title": printed_texts(program.title),
        "organizing_body": printed_texts(program.organizing_body),
        "venue": printed_texts(program.venue),
        "date": to_local(program.ceremony_at, program.timezone).date(),
        "logo": logo_data_uri(program),
    }


def stage_values(program: Program, *, representatives: dict[int, dict] | None = None) -> dict:
    """What the script, the cue cards and the envelopes print (awards/printing/stage.py):
    the points of the running order, each category in stage order with its accepted entries
    and, once its results are frozen, its laureates with who receives each award (from
    ``representatives``: nomination id -> {"name": {...}, "position": {...}}), the partners.
    Every name carries its pronunciation note. Plain values only.

    Raises DomainError when the program has no organizing body, venue or ceremony date.
    """
    check_ready(program)
    representatives = representatives or {}
    categories = stage_order(program)
    snapshots = current_snapshots(categories)
    return {
        **_heading(program),
        "points": _points(program, categories),
        "categories": [_category(c, snapshots[c.id], representatives) for c in categories],
        "partners": [printed_texts(partner.name) for partner in ceremony_partners(program)],
    }


def _handout_row(certificate: IssuedCertificate, representatives: dict) -> dict:
    category = certificate.category
    return {
        "serial": certificate.serial,
        "category": printed_texts(category.title) if category else None,
        "recipient": printed_texts(certificate.recipient),
        "representative": _representative(representatives.get(certificate.nomination_id)),
    }


def handout_values(program: Program, *, representatives: dict[int, dict] | None = None) -> dict:
    """What the hand-out sheet prints: every valid laureate certificate in the order of the
    combined certificate PDF (certificates.registry), its serial, whom it is awarded to and
    who comes on stage to receive it. Raises DomainError as stage_values does."""
    check_ready(program)
    certificates = valid_program_certificates(program, "laureate")
    return {
        **_heading(program),
        "rows": [_handout_row(c, representatives or {}) for c in certificates],
    }


def stage_paper_pdf(program: Program, paper: str, *, theme: str = "classic") -> bytes:
    """One of the stage papers (script, cue_cards, envelopes, handout) as a PDF in ``theme``,
    with the representatives the guests named.

    Raises DomainError for an unknown paper or design, a program not ready to print or
    envelopes without a category, and PrintingError when WeasyPrint could not print it.
    """
    if paper not in STAGE_PAPERS:
        raise DomainError(_("Choose one of the listed papers."), field="paper")
    check_theme(theme)
    representatives = representatives_for(program)
    if paper == "handout":
        return render_stage_paper(
            theme, paper, handout_values(program, representatives=representatives)
        )
    values = stage_values(program, representatives=representatives)
    if paper == "envelopes" and not values["categories"]:
        raise DomainError(_("The program has no categories to put in envelopes."))
    return render_stage_paper(theme, paper, values)


def stage_paper_file_name(program: Program, paper: str) -> str:
    """ "working-professions-2025-сценарий-ведущего.pdf" and the like."""
    return f"{program.slug}-{_file_names().get(paper, paper)}.pdf"

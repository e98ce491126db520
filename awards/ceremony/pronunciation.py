"""How the ceremony's names are read aloud: the pronunciation notes of the running order's
presenters and of the accepted entries' nominees (laureates first), which the presenter's script
prints beside each name. The organizer edits them on one paged form.

Every write flushes and never commits.
"""

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.ceremony.models import RunningOrderItem
from awards.ceremony.services import running_order, stage_order
from awards.errors import DomainError, FieldErrors
from awards.extensions import db
from awards.i18n import localized
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Program
from awards.results.services import current_snapshots, nominee_names

NOTE_MAX = 200
NOTE_LANGUAGES = ("kk", "ru")


@dataclass(frozen=True)
class NameRow:
    """One name on the form: its key ("presenter-3", "nomination-12"), the name as printed,
    what it is (presenter, laureate or nominee), its category and its current note."""

    key: str
    name: str
    role: str
    category: str
    note: dict


def _presenters(program: Program) -> dict[str, list[RunningOrderItem]]:
    """The running order's points by presenter (the same person at several points is one
    name), in running order."""
    found: dict[str, list[RunningOrderItem]] = {}
    for item in running_order(program):
        if item.presenter:
            found.setdefault(localized(item.presenter), []).append(item)
    return found


def _nominations(program: Program) -> list[Nomination]:
    query = select(Nomination).where(
        Nomination.program_id == program.id, Nomination.state == NominationState.ACCEPTED
    )
    return list(db.session.scalars(query))


def name_rows(program: Program) -> list[NameRow]:
    """Every name the script reads: the presenters, then each category's entries in stage
    order, its laureates (once confirmed) first."""
    rows = [
        NameRow(
            f"presenter-{items[0].id}", name, "presenter", "",
            dict(items[0].presenter_pronunciation),
        )
        for name, items in _presenters(program).items()
    ]  # fmt: skip
    snapshots = current_snapshots(list(program.categories))
    crowned = {
        laureate["nomination_id"]
        for snapshot in snapshots.values() if snapshot
        for laureate in snapshot.content["laureates"]
    }  # fmt: skip
    titles = {category.id: localized(category.title) for category in program.categories}
    for nomination in _laureates_first(program, _nominations(program), crowned):
        rows.append(NameRow(
            f"nomination-{nomination.id}", localized(nominee_names(nomination)),
            "laureate" if nomination.id in crowned else "nominee",
            titles.get(nomination.category_id, ""), dict(nomination.pronunciation),
        ))  # fmt: skip
    return rows


def _laureates_first(program: Program, nominations: list, crowned: set) -> list[Nomination]:
    order = {category.id: i for i, category in enumerate(stage_order(program))}
    return sorted(
        nominations, key=lambda n: (order.get(n.category_id, 0), n.id not in crowned, n.id)
    )


def _clean_note(value: dict | None, key: str) -> dict:
    note = {code: " ".join(str((value or {}).get(code) or "").split()) for code in NOTE_LANGUAGES}
    if any(len(text) > NOTE_MAX for text in note.values()):
        raise DomainError(
            _("A pronunciation note has at most %(n)d characters.", n=NOTE_MAX), field=key
        )
    return {code: text for code, text in note.items() if text}


def save_pronunciations(*, program: Program, actor: User | None, notes: dict[str, dict]) -> int:
    """Set the notes of the names given (``notes``: row key -> {kk, ru}; a key not on the
    form is ignored, an empty note removes one). A presenter's note goes to every point they
    present. Returns how many names changed.

    Side effects: the changed notes; an audit entry "pronunciation_changed" on the program
    per changed name (the entry's id or the presenter with the old and new note); flushes. Raises
    DomainError (with the row's key as the field) for a note too long, changing nothing.
    """
    problems = FieldErrors()
    cleaned = {key: problems.run(_clean_note, value, key) for key, value in notes.items()}
    problems.raise_any()
    presenters = {f"presenter-{items[0].id}": items for items in _presenters(program).values()}
    nominations = {f"nomination-{n.id}": n for n in _nominations(program)}
    changed = 0
    for key, note in cleaned.items():
        if key in presenters:
            changed += _set_presenter(program, actor, presenters[key], note)
        elif key in nominations:
            changed += _set_nominee(program, actor, nominations[key], note)
    db.session.flush()
    return changed


def _set_presenter(program, actor, items: list[RunningOrderItem], note: dict) -> int:
    old = dict(items[0].presenter_pronunciation or {})
    if old == note and all(item.presenter_pronunciation == note for item in items):
        return 0
    for item in items:
        item.presenter_pronunciation = dict(note)
    record(
        actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
        action="pronunciation_changed", old={"presenter": items[0].presenter, "note": old},
        new={"presenter": items[0].presenter, "note": note},
    )  # fmt: skip
    return 1


def _set_nominee(program, actor, nomination: Nomination, note: dict) -> int:
    old = dict(nomination.pronunciation or {})
    if old == note:
        return 0
    nomination.pronunciation = dict(note)
    # Logged on the program: an entry's own log is its history of states.
    record(
        actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
        action="pronunciation_changed", old={"nomination_id": nomination.id, "note": old},
        new={"nomination_id": nomination.id, "note": note},
    )  # fmt: skip
    return 1

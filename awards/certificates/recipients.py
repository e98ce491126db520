"""Who receives each kind of certificate, and their names as printed.

Laureates and participants come from each category's current frozen results snapshot (names
as frozen there), judges from the program's jury. The organizer may override a name per
language (a Russian dative form, an official full name) before issuing.
"""

from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from awards.accounts.models import User
from awards.certificates.models import KINDS, IssuedCertificate, PrintedName
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import clean_texts, utcnow
from awards.judging.assignments import program_judges
from awards.judging.models import Scorecard, ScorecardState
from awards.nominations.models import Nomination
from awards.programs.models import Category, Program
from awards.results.models import ResultsSnapshot
from awards.results.services import current_snapshots

NAME_MAX_LENGTH = 300
# How a letter of thanks addresses its recipient unless the organizer writes it otherwise:
# Russian leaves the gender to the organizer ("Уважаемая Гүлнар Төлеуовна!").
SALUTATIONS = {"kk": "Құрметті {name}!", "ru": "Уважаемый(-ая) {name}!", "en": "Dear {name},"}


def default_salutation(names: dict) -> dict:
    """The salutation made from the printed name in each language (Russian's when a language
    has none)."""
    fallback = names.get("ru") or names.get("kk") or ""
    return {
        code: pattern.format(name=names.get(code) or fallback)
        for code, pattern in SALUTATIONS.items()
    }


@dataclass
class Recipient:
    """One person or organization that gets (or got) a certificate of ``kind``."""

    kind: str
    key: str
    default_names: dict
    names: dict = field(default_factory=dict)
    overridden: bool = False
    category: Category | None = None
    snapshot: ResultsSnapshot | None = None
    nomination_id: int | None = None
    user_id: int | None = None
    holder: IssuedCertificate | None = None
    salutation_override: dict | None = None
    degree: int | None = None  # a laureate's degree (1 to 3) as frozen with the results

    @property
    def salutation(self) -> dict:
        """How a letter of thanks addresses the recipient, per language."""
        return self.salutation_override or default_salutation(self.names)

    @property
    def category_title(self) -> dict | None:
        """The category's title as frozen with the results."""
        if self.snapshot is not None:
            return self.snapshot.content.get("category_title") or self.category.title
        return self.category.title if self.category else None


def recipient_key(*, nomination_id: int | None = None, user_id: int | None = None) -> str:
    return f"nomination-{nomination_id}" if nomination_id else f"judge-{user_id}"


def check_kind(kind: str) -> str:
    if kind not in KINDS:
        raise DomainError(_("Choose one of the listed kinds of certificate."), field="kind")
    return kind


def _name_order(item: dict) -> str:
    names = item["nominee"]
    return (names.get("ru") or names.get("kk") or next(iter(names.values()), "")).casefold()


def _entrants(program: Program, kind: str) -> list[Recipient]:
    """Laureates in their confirmed order, or every other accepted entry of the frozen ranking
    by name (a participant's diploma says nothing about their rank)."""
    found = []
    snapshots = current_snapshots(program.categories)
    for category in program.categories:
        snapshot = snapshots[category.id]
        if snapshot is None:
            continue
        laureates = snapshot.content["laureates"]
        if kind == "laureate":
            items = laureates
        else:
            chosen = {item["nomination_id"] for item in laureates}
            others = [i for i in snapshot.content["ranking"] if i["nomination_id"] not in chosen]
            items = sorted(others, key=_name_order)
        found += [
            Recipient(
                kind=kind, key=recipient_key(nomination_id=item["nomination_id"]),
                default_names=dict(item["nominee"]), category=category, snapshot=snapshot,
                nomination_id=item["nomination_id"],
                degree=item.get("degree") if kind == "laureate" else None,
            )
            for item in items
        ]  # fmt: skip
    return found


def _thanked_judges(program: Program) -> list[Recipient]:
    """Every judge of the program who submitted at least one scorecard, by name."""
    submitted = set(
        db.session.scalars(
            select(Scorecard.judge_id)
            .join(Nomination, Nomination.id == Scorecard.nomination_id)
            .where(
                Nomination.program_id == program.id,
                Nomination.is_practice.is_(False),  # scoring only the practice earns no thanks
                Scorecard.state == ScorecardState.SUBMITTED,
            )
            .distinct()
        )
    )
    return [
        Recipient(
            kind="judge_thanks", key=recipient_key(user_id=judge.id),
            default_names=dict.fromkeys(("kk", "ru", "en"), judge.display_name),
            user_id=judge.id,
        )
        for judge in program_judges(program)
        if judge.id in submitted
    ]  # fmt: skip


def _overrides(program: Program) -> dict[str, PrintedName]:
    rows = db.session.scalars(select(PrintedName).where(PrintedName.program_id == program.id))
    return {
        recipient_key(nomination_id=row.nomination_id, user_id=row.user_id): row for row in rows
    }


def _holders(program: Program, kind: str) -> dict[str, IssuedCertificate]:
    rows = db.session.scalars(
        select(IssuedCertificate).where(
            IssuedCertificate.program_id == program.id,
            IssuedCertificate.kind == kind,
            IssuedCertificate.revoked_at.is_(None),
            IssuedCertificate.superseded_by_id.is_(None),
        )
    )
    return {
        recipient_key(nomination_id=row.nomination_id, user_id=row.user_id): row for row in rows
    }


def recipients_of(program: Program, kind: str) -> list[Recipient]:
    """Everyone who gets a certificate of ``kind`` now, in stage order, with the names to print
    and the valid certificate of that kind each already holds (if any)."""
    check_kind(kind)
    found = _thanked_judges(program) if kind == "judge_thanks" else _entrants(program, kind)
    overrides, holders = _overrides(program), _holders(program, kind)
    for recipient in found:
        override = overrides.get(recipient.key)
        recipient.overridden = override is not None
        recipient.names = {**recipient.default_names, **(override.names if override else {})}
        recipient.salutation_override = override.salutation if override else None
        recipient.holder = holders.get(recipient.key)
    return found


def _printed_name_row(program: Program, *, nomination_id, user_id) -> PrintedName | None:
    return db.session.scalar(
        select(PrintedName).where(
            PrintedName.program_id == program.id,
            PrintedName.nomination_id.is_(None)
            if nomination_id is None
            else PrintedName.nomination_id == nomination_id,
            PrintedName.user_id.is_(None) if user_id is None else PrintedName.user_id == user_id,
        )
    )


def _check_recipient(program: Program, *, nomination_id, user_id) -> None:
    if (nomination_id is None) == (user_id is None):
        raise ValueError("name either a nomination or a judge")
    if nomination_id is not None:
        nomination = db.session.get(Nomination, nomination_id)
        if nomination is None or nomination.program_id != program.id:
            raise DomainError(_("This entry is not part of the program."))
    elif user_id not in {judge.id for judge in program_judges(program)}:
        raise DomainError(_("This person is not a judge of the program."))


def _checked_salutation(salutation: dict | None, names: dict) -> dict | None:
    """The salutation to store: None when left empty or as made from the names (it then
    follows the name); else Kazakh and Russian required."""
    texts = clean_texts(salutation)
    if not texts or texts == {k: v for k, v in default_salutation(names).items() if k in texts}:
        return None
    if "kk" not in texts or "ru" not in texts:
        raise DomainError(_("Fill in the Kazakh and Russian versions."), field="salutation")
    if any(len(text) > NAME_MAX_LENGTH for text in texts.values()):
        raise DomainError(
            _("A salutation has at most %(n)d characters.", n=NAME_MAX_LENGTH), field="salutation"
        )
    return texts


def save_printed_name(
    *, program: Program, actor: User | None, names: dict, nomination_id: int | None = None,
    user_id: int | None = None, salutation: dict | None = None, now: datetime | None = None,
) -> PrintedName:  # fmt: skip
    """Print the recipient's name this way from now on (issued certificates stay as they are),
    and address a letter of thanks with ``salutation`` (None or as made from the names: the
    salutation follows the name).

    Kazakh and Russian are required, English is optional; each on one line. Side effects:
    adds or updates the recipient's printed name; flushes.
    """
    _check_recipient(program, nomination_id=nomination_id, user_id=user_id)
    texts = clean_texts(names)
    if "kk" not in texts or "ru" not in texts:
        raise DomainError(_("Fill in the Kazakh and Russian versions."), field="names")
    if any(len(text) > NAME_MAX_LENGTH for text in texts.values()):
        raise DomainError(
            _("A name has at most %(n)d characters.", n=NAME_MAX_LENGTH), field="names"
        )
    checked_salutation = _checked_salutation(salutation, texts)
    row = _printed_name_row(program, nomination_id=nomination_id, user_id=user_id)
    if row is None:
        row = PrintedName(program_id=program.id, nomination_id=nomination_id, user_id=user_id)
        db.session.add(row)
    row.names = texts
    row.salutation = checked_salutation
    row.updated_by_id = actor.id if actor else None
    row.updated_at = now or utcnow()
    db.session.flush()
    return row


def reset_printed_name(
    *, program: Program, actor: User | None, nomination_id: int | None = None,
    user_id: int | None = None,
) -> None:  # fmt: skip
    """Print the nominee's (or judge's) own name again. Side effects: deletes the override."""
    _check_recipient(program, nomination_id=nomination_id, user_id=user_id)
    row = _printed_name_row(program, nomination_id=nomination_id, user_id=user_id)
    if row is not None:
        db.session.delete(row)
        db.session.flush()

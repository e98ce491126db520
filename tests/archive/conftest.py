"""Archive fixtures: a program with every kind of record, and another installation to move it to;
counting what an installation holds, and importing as the command does."""

import io
from datetime import datetime, time
from pathlib import Path

import pytest
from flask import current_app
from sqlalchemy import func, select

from awards import create_app
from awards.accounts.models import Organization, User
from awards.archive.importing import import_program
from awards.archive.schema import parse_archive
from awards.archive.writing import archive_json
from awards.audit.models import AuditEntry
from awards.ceremony import services as ceremony
from awards.ceremony.models import CeremonyPartner, RunningOrderItem
from awards.certificates.models import CertificateImage, CertificateSettings, CertificateSignatory
from awards.certificates.settings import DEFAULT_CITATIONS, SignatoryInput
from awards.certificates.settings import save_certificate_settings as save_settings
from awards.extensions import db
from awards.judging import assignments, conflicts, scoring
from awards.judging.models import Assignment, Conflict, Score, Scorecard
from awards.nominations import services as nominations
from awards.nominations.models import Nomination
from awards.programs import services as programs
from awards.programs.models import Category, Criterion, Program, ProgramRole
from awards.results import services as results
from awards.results.models import DecisionVote, DissentingOpinion, Laureate, ResultsSnapshot
from tests.certificates import pictures
from tests.judging.fixtures import JUDGING, SUBMITTED, accepted_nomination

DISSENT = "Менің ойымша, «Ульба» да лайықты еді."
MODELS = (
    Program, Category, Criterion, ProgramRole, Organization, User, Nomination, Assignment,
    Conflict, Scorecard, Score, ResultsSnapshot, Laureate, RunningOrderItem, CeremonyPartner,
    CertificateSettings, CertificateSignatory, CertificateImage, DecisionVote, DissentingOpinion,
)  # fmt: skip


def counts() -> dict[str, int]:
    found = {m.__name__: db.session.scalar(select(func.count()).select_from(m)) for m in MODELS}
    nomination_history = select(func.count()).where(AuditEntry.subject_kind == "nomination")
    found["nomination history"] = db.session.scalar(nomination_history)
    return found


def stored_files() -> list[Path]:
    """Every file in the current installation's upload folder."""
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    return sorted(path for path in folder.rglob("*") if path.is_file())


def bring(document: dict, **options):
    """Import the archive as the command does: read its text, import, commit."""
    imported = import_program(
        document=parse_archive(archive_json(document).encode()), actor=None, **options
    )
    db.session.commit()
    return imported


DECIDED = datetime(2026, 5, 5)
# Points per nominee for each of the three judges on (Impact 0–10 ×2, Reach 0–5 in halves ×1).
POINTS = {
    "Kazzinc Nominee": ((9, 4.5), (10, 5), (9, 4)),
    "Ulba Nominee": ((7, 3), (8, 3.5), (7, 3)),
    "Polyana Nominee": ((6, 2), (8, 3), (7, 2.5)),
}


def submitted_entry(program, committee, name):
    entry = nominations.create_nomination(
        program=program, category=program.categories[0], actor=committee, now=SUBMITTED,
        org_name={"ru": name, "kk": name}, justification="Вклад.", contact_name="Контакт",
        contact_phone="+7 700 000 00 00",
    )  # fmt: skip
    nominations.submit_nomination(nomination=entry, actor=committee, now=SUBMITTED)
    return entry


def _entries_in_every_state(jury):
    """A duplicate merged into a later entry, a rejected entry, both with their history."""
    program, committee, organizer = jury["program"], jury["committee"], jury["organizer"]
    duplicate = submitted_entry(program, committee, "Ulba Duplicate")
    keep = accepted_nomination(program, committee, "ТОО «Ульба» =1+1")
    nominations.merge_nominations(keep=keep, merge=duplicate, actor=organizer, now=SUBMITTED)
    rejected = submitted_entry(program, committee, "Too Late LLP")
    nominations.reject_nomination(
        nomination=rejected, actor=organizer, reason="Не подходит", now=SUBMITTED
    )
    return keep


LATE_GUEST = {"kk": "Құрметті қонақ", "ru": "Почётный гость", "en": "Guest of honour"}
PARTNERS = [{"kk": "«Қазмырыш» ЖШС", "ru": "ТОО «Казцинк»", "en": "Kazzinc LLP"},
            {"kk": "Үлбі", "ru": "Ульба"}]  # fmt: skip


def ceremony_and_certificates(program, organizer) -> None:
    """A logo, a running order with a point left out of time order (a late guest), two partners,
    and certificate settings printing English with two signatories, a signature and a seal."""
    programs.set_program_logo(
        program=program, actor=organizer, stream=io.BytesIO(pictures.signature_png(120, 80))
    )
    for at, title, category in (
        ("10:00", {"kk": "Ашылуы", "ru": "Открытие"}, None),
        ("10:30", {"kk": "Марапаттау", "ru": "Награждение"}, program.categories[0]),
        ("09:45", LATE_GUEST, None),
    ):
        ceremony.add_running_order_item(
            program=program, actor=organizer, starts_at=time.fromisoformat(at), title=title,
            presenter={"kk": "Жүргізуші", "ru": "Ведущий"} if category else None,
            category_id=category.id if category else None,
            position=len(ceremony.running_order(program)),
        )  # fmt: skip
    for name in PARTNERS:
        ceremony.add_partner(program=program, actor=organizer, name=name)
    save_settings(
        program=program, actor=organizer, theme="modern", print_english=True,
        citations=DEFAULT_CITATIONS, seal=io.BytesIO(pictures.seal_palette_png()),
        signatories=[
            SignatoryInput(name={"kk": "Б. Оспанов", "ru": "Б. Оспанов", "en": "B. Ospanov"},
                           title={"kk": "Басшы", "ru": "Руководитель", "en": "Head"},
                           signature=io.BytesIO(pictures.signature_png())),
            SignatoryInput(name={"kk": "А. Сейіт", "ru": "А. Сеит", "en": "A. Seit"},
                           title={"kk": "Хатшы", "ru": "Секретарь", "en": "Secretary"}),
        ],
    )  # fmt: skip


@pytest.fixture
def archived(jury):
    """The jury fixture with a two-criterion rubric, every scorecard submitted, a merged and a
    rejected entry, a conflict, a draft scorecard, Kazzinc confirmed as laureate, published;
    with the ceremony and certificate setup of ceremony_and_certificates."""
    program, organizer, judges = jury["program"], jury["organizer"], jury["judges"]
    category = program.categories[0]
    impact = category.criteria[0]
    reach = programs.add_criterion(
        category=category, actor=organizer, name={"kk": "Қамту", "ru": "Охват"}, weight=1,
        max_points=5, step=0.5,
    )  # fmt: skip
    for name, cards in POINTS.items():
        for judge, (first, second) in zip(judges.values(), cards, strict=True):
            scoring.save_scorecard(
                nomination=jury["entries"][name], actor=judge, now=JUDGING, submit=True,
                points={impact.id: str(first), reach.id: str(second)},
                comments={impact.id: "Хорошо"}, overall_comment="Сильная заявка",
            )  # fmt: skip
    keep = _entries_in_every_state(jury)
    conflicts.record_conflict(
        nomination=keep, judge=judges["judge@x.kz"], actor=organizer, reason="Бывший работодатель"
    )
    assignments.assign_judge(nomination=keep, judge=judges["judge2@x.kz"], actor=organizer)
    scoring.save_scorecard(
        nomination=keep, actor=judges["judge2@x.kz"], now=JUDGING, points={impact.id: "5"}
    )
    kazzinc = jury["entries"]["Kazzinc Nominee"]
    votes = {(kazzinc.id, judge.id): "for" for judge in judges.values()}
    votes[kazzinc.id, judges["judge2@x.kz"].id] = "against"
    results.confirm_laureates(
        category=category, actor=organizer, chosen=[kazzinc.id], now=DECIDED, votes=votes,
        dissents={judges["judge2@x.kz"].id: DISSENT},
    )  # fmt: skip
    results.publish_results(program=program, actor=organizer, now=DECIDED)
    ceremony_and_certificates(program, organizer)
    db.session.commit()
    return jury


@pytest.fixture
def elsewhere(tmp_path, database_url):
    """Another installation with its own empty database (enter its ``app_context()``)."""
    other = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_OUTBOX": tmp_path / "elsewhere-outbox",
            "UPLOAD_FOLDER": tmp_path / "elsewhere-uploads",
            "INSTANCE_DIR": tmp_path,
        }
    )
    with other.app_context():
        db.create_all()
    yield other
    with other.app_context():
        db.engine.dispose()

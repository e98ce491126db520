"""Loading the demo program: the 2025 forum closing East Kazakhstan's "Year of Working
Professions" (its texts are in demo_texts.py), from the nominations to the ceremony."""

import hashlib
import io
from datetime import datetime, time, timedelta

from awards.accounts import organizations
from awards.accounts import services as accounts
from awards.accounts.models import User
from awards.ceremony import guests as ceremony_guests
from awards.ceremony import pronunciation
from awards.ceremony import services as ceremony
from awards.certificates import settings as certificate_settings
from awards.extensions import db
from awards.i18n import to_utc
from awards.judging import assignments as judging_assignments
from awards.judging import conflicts as judging_conflicts
from awards.judging import discussion, round_services, scoring
from awards.judging import practice as judging_practice
from awards.mail import discard_queued_email
from awards.nominations import documents as nomination_documents
from awards.nominations import inbox, linking
from awards.nominations import services as nominations
from awards.nominations.models import Nomination
from awards.nominations.queries import accepted_nominations
from awards.operations.demo_artwork import demo_pdf, demo_seal, demo_signature
from awards.operations.demo_texts import (
    CATEGORIES,
    CEREMONY_PARTNERS,
    CEREMONY_RUNNING_ORDER,
    DEMO_CHAIR,
    DEMO_DISSENT,
    DEMO_DISSENTER,
    DEMO_FEEDBACK,
    DEMO_LEVELS,
    DEMO_NOT_COMING,
    DEMO_PEOPLE,
    DEMO_REPRESENTATIVES,
    DEMO_SIGNATORY,
    DEMO_SLUG,
    DISCUSSION_HIGH,
    DISCUSSION_LOW,
    DISCUSSION_ORGANIZER,
    DOCUMENTS_ATTACHED,
    EDUCATION_DEPARTMENT,
    GOVERNOR,
    KAZZINC,
    KAZZINC_JUSTIFICATION,
    KAZZINC_PLANT,
    PARTNER_JUSTIFICATION,
    SOCIAL_PARTNERS,
    TZ,
)
from awards.programs import services as programs
from awards.programs.models import Program, Role
from awards.protocols import services as protocols
from awards.results import meeting
from awards.results import services as results
from awards.results.ranking import category_results
from awards.results.votes import category_panel, recusals

# The category whose judges scored a practice entry first.
PRACTICE_CATEGORY = "best-social-partner"


def _program_dates() -> dict:
    def at(*parts):
        return datetime(*parts)

    dates = {
        "nominations_open_at": at(2025, 10, 1, 9, 0),
        "nominations_close_at": at(2025, 11, 20, 18, 0),
        "judging_open_at": at(2025, 11, 21, 9, 0),
        "judging_close_at": at(2025, 12, 10, 18, 0),
        "ceremony_at": at(2025, 12, 19, 10, 0),
    }
    return {name: to_utc(value, TZ) for name, value in dates.items()}


def _people(password: str) -> dict:
    users = {}
    for email, role, name, locale, org_name in DEMO_PEOPLE:
        organization = accounts.find_or_create_organization(name=org_name, actor=None)
        users[email] = accounts.create_user(
            email=email, name=name, password=password, locale=locale,
            organization=organization, is_admin=role == Role.ORGANIZER, actor=None,
        )  # fmt: skip
    return users


def load_demo(*, password: str) -> Program:
    """Create the demo program, its categories and rubrics, the nominees and the demo people.

    Side effects: adds organizations, users, the program and its roles; flushes.
    """
    users = _people(password)
    organizer = users["organizer@demo.kz"]
    program = programs.create_program(
        actor=organizer, slug=DEMO_SLUG, year=2025, timezone=TZ,
        title={"kk": "«Жұмысшы мамандықтары жылы» қорытынды форумының марапаттары",
               "ru": "Награды форума по итогам Года рабочих профессий",
               "en": "Year of Working Professions Forum Awards"},
        organizing_body=EDUCATION_DEPARTMENT,
        venue={"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск", "en": "Ust-Kamenogorsk"},
        **_program_dates(),
    )  # fmt: skip
    for spec in CATEGORIES:
        category = programs.add_category(
            program=program, actor=organizer, slug=spec["slug"], title=spec["title"],
            description=spec["description"], max_laureates=spec["max_laureates"],
            nominee_kind="organization", **spec.get("degrees", {}),
        )  # fmt: skip
        for name, weight in spec["criteria"]:
            programs.add_criterion(
                category=category,
                actor=organizer,
                name=name,
                weight=weight,
                max_points=10,
                levels=DEMO_LEVELS,
            )
    for email, role, *_ in DEMO_PEOPLE:
        programs.grant_role(program=program, user=users[email], role=role, actor=organizer)
    programs.grant_role(program=program, user=users[DEMO_CHAIR], role=Role.CHAIR, actor=organizer)
    for name in (KAZZINC, *SOCIAL_PARTNERS):
        accounts.find_or_create_organization(name=name, actor=organizer)
    load_demo_nominations(program, committee=users["committee@demo.kz"], organizer=organizer)
    load_demo_identity(program, organizer=organizer)
    load_demo_qualifying_round(program, organizer=organizer, judges=users)
    load_demo_scores(program, organizer=organizer)
    load_demo_deliberation(program, organizer=organizer)
    load_demo_results(program, organizer=organizer)
    load_demo_jury_meeting(program, organizer=organizer)
    load_demo_certificate_settings(program, organizer=organizer)
    load_demo_ceremony(program, organizer=organizer)
    load_demo_guests(program, organizer=organizer)
    return program


def load_demo_nominations(program: Program, *, committee, organizer) -> None:
    """Accepted entries for every 2025 laureate, submitted by the demo committee inside the
    (past) nomination window and accepted by the organizer after it closed.

    Side effects: adds nominations, their events and a few documents (files in UPLOAD_FOLDER);
    the notification emails these transitions queue are discarded, not sent.
    """
    patron, partner = program.categories
    entries = [(patron, KAZZINC, KAZZINC_JUSTIFICATION)]
    entries += [(partner, name, PARTNER_JUSTIFICATION) for name in SOCIAL_PARTNERS]
    submitted = program.nominations_open_at + timedelta(days=10)
    accepted = program.nominations_close_at + timedelta(hours=16)
    for number, (category, name, justification) in enumerate(entries):
        when = submitted + timedelta(hours=5 * number)
        nomination = nominations.create_nomination(
            program=program, category=category, actor=committee, now=when, org_name=name,
            city="Катонқарағай ауданы" if "Катон" in name["ru"] else "Өскемен",
            justification=justification, contact_name=committee.name,
            contact_email=committee.email,
        )  # fmt: skip
        if number < DOCUMENTS_ATTACHED:
            pdf = demo_pdf(["Demo supporting document", name["en"], program.title["en"]])
            nomination_documents.add_document(
                nomination=nomination, actor=committee, stream=io.BytesIO(pdf),
                filename=f"{name['en']}.pdf", now=when,
            )  # fmt: skip
        nominations.submit_nomination(nomination=nomination, actor=committee, now=when)
        nominations.accept_nomination(
            nomination=nomination, actor=organizer, now=accepted + timedelta(minutes=number)
        )
    discard_queued_email(db.session())


def load_demo_identity(program: Program, *, organizer) -> None:
    """Kazzinc goes by its short name too, and its entry is confirmed to be about it: its judge
    (judge2@demo.kz works there) conflicts with it whatever name a committee types.

    Side effects: an alias, the entry's link to the organization and its history line; flushes.
    """
    kazzinc = accounts.find_or_create_organization(name=KAZZINC, actor=organizer)
    organizations.add_organization_alias(organization=kazzinc, name=KAZZINC_PLANT, actor=organizer)
    entry = next(n for n in inbox.inbox_entries(program) if n.org_name == KAZZINC)
    linking.confirm_organization(
        nomination=entry, organization=kazzinc, actor=organizer,
        now=program.nominations_close_at + timedelta(hours=17),
    )  # fmt: skip


# The Best Social Partner round: every entry advances (the 2025 laureates are all sixteen), one
# by a split vote, one after a tie the organizer decided. Each juror writes in their language.
QUALIFYING_TITLE = {"kk": "Іріктеу кезеңі", "ru": "Отборочный тур", "en": "Qualifying round"}
SPLIT_ENTRY, TIED_ENTRY = "Кафе «Поляна»", "Ресторан казахской кухни Qurt & Wine"
SPLIT_VOTES = [
    ("advance", "Кафе принимает студентов колледжа общественного питания на практику."),
    ("advance", "Колледж түлектерін жұмысқа алады."),
    ("reject", "A café: the entry says little about training for working professions."),
]
TIED_VOTES = [
    ("advance", "Ресторан проводит мастер-классы для студентов по специальности «Повар»."),
    ("reject", "Тағылымдама туралы нақты дерек жоқ."),
    ("abstain", "I know the owners personally; I leave this one to the others."),
]
TIE_REASON = (
    "Ресторан ежегодно принимает на практику студентов Высшего колледжа питания; заявка "
    "допущена к оценке."
)


def load_demo_qualifying_round(program: Program, *, organizer, judges: dict) -> None:
    """A qualifying round before the scored one in Best Social Partner, by three jurors, decided
    the evening judging opened; every entry advances, so the final results are the real ones.

    Side effects: the round, its jurors and votes, its frozen outcome; logged; flushes.
    """
    category = program.categories[1]
    jurors = [judges[email] for email in ("judge1@demo.kz", "judge2@demo.kz", "judge3@demo.kz")]
    opens = program.judging_open_at + timedelta(hours=3)
    judging_round = round_services.add_round(
        category=category, actor=organizer, name="qualifying", title=QUALIFYING_TITLE,
        majority=0.5, opens_at=opens, closes_at=opens + timedelta(hours=8),
        juror_ids=[juror.id for juror in jurors], now=opens - timedelta(hours=1),
    )  # fmt: skip
    tied = None
    for n, entry in enumerate(accepted_nominations(category)):
        votes = {SPLIT_ENTRY: SPLIT_VOTES, TIED_ENTRY: TIED_VOTES}.get(
            entry.org_name["ru"], [("advance", "")] * 3
        )
        tied = entry if entry.org_name["ru"] == TIED_ENTRY else tied
        for j, (juror, (verdict, comment)) in enumerate(zip(jurors, votes, strict=True)):
            round_services.cast_vote(
                judging_round=judging_round, nomination=entry, actor=juror, verdict=verdict,
                comment=comment, now=opens + timedelta(minutes=10 * n + j),
            )  # fmt: skip
    round_services.decide_round(
        judging_round=judging_round, actor=organizer, ties={tied.id: (True, TIE_REASON)},
        now=opens + timedelta(hours=9),
    )  # fmt: skip


def demo_points(nomination_index: int, judge_index: int, criterion_index: int) -> int:
    """Points from 6 to 10 that differ between entries, judges and criteria, the same every run."""
    seed = f"{nomination_index}-{judge_index}-{criterion_index}".encode()
    return 6 + hashlib.sha256(seed).digest()[0] % 5


def load_demo_scores(program: Program, *, organizer) -> None:
    """The demo jury scores every accepted entry inside the 2025 judging window.

    judge2@demo.kz works at Kazzinc, so the automatic conflict of interest keeps them away from
    Kazzinc's entry: the demo shows a conflict at work. Best Social Partner has a practice entry
    every judge scored first (it never counts: the results are the same without it). On Best
    Patron's entries three jurors write comments, two of them shareable with the nominators
    (DEMO_FEEDBACK): the comments change no points, so the results stay the same.
    Side effects: the practice entry; assignments, submitted scorecards and their history.
    """
    opened = program.judging_open_at + timedelta(days=1)
    judges = judging_assignments.program_judges(program)
    for category in program.categories:
        for judge in judges:
            judging_assignments.assign_to_category(
                category=category, judge=judge, actor=organizer, notify=False
            )
        if category.slug == PRACTICE_CATEGORY:
            _score_practice(category, judges, organizer=organizer, now=opened)
        entries = accepted_nominations(category)
        for n, nomination in enumerate(entries):
            for j, judge in enumerate(judges):
                if judging_conflicts.has_conflict(judge, nomination):
                    continue
                points = {
                    criterion.id: demo_points(n, j, c)
                    for c, criterion in enumerate(category.criteria)
                }
                comment, overall, shareable = (
                    DEMO_FEEDBACK[j] if category is program.categories[0] and j < 3
                    else ("", "", False)
                )  # fmt: skip
                scoring.save_scorecard(
                    nomination=nomination, actor=judge, points=points, submit=True,
                    comments={category.criteria[0].id: comment}, overall_comment=overall,
                    comments_shareable=shareable, now=opened + timedelta(hours=n + j),
                )  # fmt: skip


def _jury_vote(category, chosen: list[int]) -> dict:
    """The Best Patron vote at the jury's meeting: everyone for, but judge4 against (a split
    vote); judge2, who works at Kazzinc, is recused by the automatic conflict."""
    panel = category_panel(category)
    laureates = [n for n in accepted_nominations(category) if n.id in chosen]
    recused = recusals(panel, laureates)
    return {
        (n.id, judge.id): "against" if judge.email == DEMO_DISSENTER else "for"
        for n in laureates
        for judge in panel
        if (n.id, judge.id) not in recused
    }


def load_demo_deliberation(program: Program, *, organizer) -> None:
    """Best Social Partner's jurors see each other's scorecards once they have submitted their
    own; they discuss the entry they disagree on most. Scores are untouched (the results and
    laureates stay the same): the demo's scores already hold such a disagreement.

    Side effects: the category's reveal setting, three messages and their audit entries.
    """
    partner = program.categories[1]
    discussion.set_reveal_scores(category=partner, policy="after-own", actor=organizer)
    flagged = [row for row in meeting.flagged_in_program(program) if row.category_id == partner.id]
    if not flagged:
        return
    entry_id = flagged[0].nomination_id  # the widest spread comes first
    _category, panel = meeting.program_totals(program)[entry_id]
    nomination = db.session.get(Nomination, entry_id)
    low, high = (
        db.session.get(User, judge)
        for judge in (min(panel, key=panel.get), max(panel, key=panel.get))
    )
    when = program.judging_close_at - timedelta(days=3)
    for hours, author, text in (
        (0, low, DISCUSSION_LOW[_language(low)]), (3, high, DISCUSSION_HIGH[_language(high)]),
        (20, organizer, DISCUSSION_ORGANIZER),
    ):  # fmt: skip
        discussion.post_message(
            nomination=nomination, actor=author, text=text, now=when + timedelta(hours=hours)
        )


def _language(user) -> str:
    return "kk" if user.locale == "kk" else "ru"


def _score_practice(category, judges, *, organizer, now) -> None:
    """The category's practice entry, scored by each of its judges before anything else."""
    entry = judging_practice.add_practice_entry(
        category=category, actor=organizer, now=category.program.judging_open_at
    )
    for j, judge in enumerate(judges):
        if judging_conflicts.has_conflict(judge, entry):
            continue
        points = {c.id: demo_points(99, j, i) for i, c in enumerate(category.criteria)}
        scoring.save_scorecard(
            nomination=entry, actor=judge, points=points, submit=True,
            now=now - timedelta(hours=2) + timedelta(minutes=j),
        )  # fmt: skip


def load_demo_results(program: Program, *, organizer) -> None:
    """The real 2025 laureates, confirmed after judging closed and published on the ceremony day:
    Kazzinc as Best Patron, recorded by the jury's chair with the jury's split vote and a
    dissenting opinion; all sixteen listed organizations as Best Social Partner.

    Side effects: a frozen results snapshot per category; the program's results published.
    """
    decided = program.judging_close_at + timedelta(days=2)
    chair = next(role.user for role in program.roles if role.role == Role.CHAIR)
    for index, category in enumerate(program.categories):
        ranked = [row for row in category_results(category).rows if row.score is not None]
        limit = category.max_laureates or len(ranked)
        chosen = [row.nomination.id for row in ranked[:limit]]
        if index == 0:
            dissenter = next(r.user for r in program.roles if r.user.email == DEMO_DISSENTER)
            results.confirm_laureates(
                category=category, actor=chair, now=decided, chosen=chosen,
                votes=_jury_vote(category, chosen), dissents={dissenter.id: DEMO_DISSENT},
            )  # fmt: skip
            continue
        results.confirm_laureates(category=category, actor=organizer, now=decided, chosen=chosen)
    results.publish_results(program=program, actor=organizer, now=program.ceremony_at, notify=False)


# Where the 2025 jury met to decide, the afternoon the laureates were confirmed.
DEMO_MEETING_PLACE = {
    "kk": "Өскемен қ., Шығыс Қазақстан облысының білім басқармасы, мәжіліс залы",
    "ru": "г. Усть-Каменогорск, управление образования Восточно-Казахстанской области, "
    "зал заседаний",
    "en": "Ust-Kamenogorsk, East Kazakhstan Region Education Department, meeting room",
}


def load_demo_jury_meeting(program: Program, *, organizer) -> None:
    """The jury's meeting: the whole jury present, in the education department, on the day the
    laureates were confirmed; the organizer produces the protocol from the results page.

    Side effects: the program's jury meeting; an audit entry; flushes.
    """
    protocols.save_meeting(
        program=program, actor=organizer, held_at=datetime(2025, 12, 12, 15, 0),
        place=DEMO_MEETING_PLACE, absent_ids=[],
    )  # fmt: skip


def load_demo_ceremony(program: Program, *, organizer) -> None:
    """The 2025 ceremony's running order (a coffee break among its points), both categories
    awarded at their point, and the partners.
    Side effects: adds running-order points and partners; flushes."""
    categories = {category.slug: category.id for category in program.categories}
    for starts_at, title, presenter, category, *break_minutes in CEREMONY_RUNNING_ORDER:
        ceremony.add_running_order_item(
            program=program, actor=organizer, starts_at=time.fromisoformat(starts_at),
            title=title, presenter=presenter, category_id=categories.get(category),
            break_minutes=break_minutes[0] if break_minutes else None,
        )  # fmt: skip
    for name in CEREMONY_PARTNERS:
        ceremony.add_partner(program=program, actor=organizer, name=name)
    load_demo_pronunciations(program, organizer=organizer)


# How the presenter reads a few names ("+" before the stressed vowel), by their Russian
# form: the governor's stressed surname, and two Latin names read in Kazakh and in Russian.
DEMO_PRONUNCIATIONS = {
    GOVERNOR["ru"]: {"kk": "Нұрымбет Сақтаған+ов", "ru": "Нурымб+ет Сактаг+анов"},
    "VK Development Group": {"kk": "Ви-Кей Дев+елопмент Груп", "ru": "Ви-К+ей Дев+елопмент Гр+уп"},
    "Ресторан казахской кухни Qurt & Wine": {"kk": "Құрт энд Уайн", "ru": "К+урт энд В+айн"},
}


def load_demo_pronunciations(program: Program, *, organizer) -> None:
    """Pronunciation notes for a few names, so the presenter's script shows them.
    Side effects: as pronunciation.save_pronunciations."""
    notes = {}
    for item in ceremony.running_order(program):
        note = DEMO_PRONUNCIATIONS.get((item.presenter or {}).get("ru"))
        if note:
            notes.setdefault(f"presenter-{item.id}", note)
    for category in program.categories:
        for nomination in accepted_nominations(category):
            note = DEMO_PRONUNCIATIONS.get(nomination.org_name.get("ru"))
            if note:
                notes[f"nomination-{nomination.id}"] = note
    pronunciation.save_pronunciations(program=program, actor=organizer, notes=notes)


def load_demo_certificate_settings(program: Program, *, organizer) -> None:
    """The certificates' signatory with a signature, and the seal; nothing issued.

    Side effects: the program's certificate settings and their pictures; flushes.
    """
    certificate_settings.save_certificate_settings(
        program=program, actor=organizer, theme="classic", print_english=False,
        citations=certificate_settings.DEFAULT_CITATIONS, seal=io.BytesIO(demo_seal()),
        signatories=[certificate_settings.SignatoryInput(
            **DEMO_SIGNATORY, signature=io.BytesIO(demo_signature()))],
    )  # fmt: skip


def load_demo_guests(program: Program, *, organizer) -> None:
    """Every laureate invited ten days before the ceremony; three named who came on stage and
    got a seat, one could not come, the others never answered (nobody is emailed).

    Side effects: an invitation per laureate, answers and seats; flushes.
    """
    invited = program.ceremony_at - timedelta(days=10)
    ceremony_guests.invite_laureates(program=program, actor=organizer, now=invited)
    discard_queued_email(db.session())
    for row in ceremony_guests.guest_rows(program):
        name = row.nominee.get("ru")
        answered = invited + timedelta(days=2)
        if name in DEMO_REPRESENTATIVES:
            person, position, guests, (seat_row, seat_number) = DEMO_REPRESENTATIVES[name]
            ceremony_guests.answer_invitation(
                guest=row.guest, attending=True, name=person, position=position, guests=guests,
                now=answered,
            )  # fmt: skip
            ceremony_guests.assign_seat(
                guest=row.guest, actor=organizer, row=seat_row, number=seat_number, now=answered
            )
        elif name == DEMO_NOT_COMING:
            ceremony_guests.answer_invitation(
                guest=row.guest, attending=False, name={}, position={}, guests=0, now=answered
            )

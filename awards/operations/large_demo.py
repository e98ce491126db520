"""Demo data at scale: a national program of 2,000 nominations, 100 judges and 30,000
scorecards to measure pages against (``flask --app awards demo --scale large``).

The many rows go in as SQLAlchemy Core executemany inserts inside the caller's transaction: about
8 s on SQLite where one ORM object per row took 35 s. The program, its categories and rubrics go
through the services. The same seed gives the same rows; only the dates follow the day of
loading, so that judging is open and some scorecards are still to be written. People and
organizations are invented.
"""

import random
from datetime import datetime, timedelta

from awards.accounts.models import Organization, User
from awards.accounts.services import hash_password
from awards.audit.models import AuditEntry, SubjectKind
from awards.extensions import db
from awards.i18n import utcnow
from awards.nominations.history import action_for
from awards.nominations.models import Nomination
from awards.operations.demo_texts import CATEGORIES as FORUM_CATEGORIES
from awards.operations.large_demo_jury import jury, scorecards
from awards.operations.large_demo_world import (
    CITIES,
    COLLEGE_KINDS,
    DEFAULT_SCALE,
    DOMAIN,
    JUSTIFICATIONS,
    LARGE_DEMO_SLUG,
    MORE_CATEGORIES,
    ORGANIZER_EMAIL,
    ORGANIZING_BODY,
    ROOTS,
    SECTORS,
    SEED,
    Entry,
    Scale,
    brand_names,
    college,
    committee_email,
    insert_rows,
    judge_email,
    person,
    random_bin,
)
from awards.programs import services as programs
from awards.programs.models import Program, ProgramRole, Role

# What callers (the CLI, the benchmarks, the tests) use of the large demo, all from here.
__all__ = [
    "DOMAIN",
    "LARGE_DEMO_SLUG",
    "ORGANIZER_EMAIL",
    "Scale",
    "committee_email",
    "judge_email",
    "large_demo_logins",
    "load_large_demo",
]


def large_demo_logins(scale: Scale = DEFAULT_SCALE) -> list[str]:
    """Lines for the operator: who can log in to the large demo."""
    return [
        f"  {ORGANIZER_EMAIL:<32} organizer",
        f"  {committee_email(1)} … {committee_email(scale.committees)}  committee",
        f"  {judge_email(1)} … {judge_email(scale.judges)}  judge",
    ]


def _plan_entries(rng: random.Random, scale: Scale, pool: list[dict]) -> list[Entry]:
    """Entries per category: most accepted, a few rejected, one in a hundred a second
    committee's entry about the same nominee, merged into the first."""
    entries: list[Entry] = []
    for category in range(scale.categories):
        count = scale.nominations // scale.categories
        count += int(category < scale.nominations % scale.categories)
        # Rounded up, so that even a small program shows each kind.
        merged, rejected = (-(-count // 100), -(-count * 3 // 200)) if count >= 10 else (0, 0)
        own = [
            Entry(len(entries) + n, category, brand, rng.randrange(scale.committees))
            for n, brand in enumerate(rng.sample(pool, count - merged))
        ]
        for entry in rng.sample(own, rejected):
            entry.state = "rejected"
        entries += own
        accepted = [entry for entry in own if entry.state == "accepted"]
        for target in rng.sample(accepted, merged):
            other = (target.committee + 1 + rng.randrange(scale.committees - 1)) % scale.committees
            entries.append(Entry(len(entries), category, target.brand, other, "merged",
                                  merged_into=target.index))  # fmt: skip
    return entries


UNIVERSITY_CITIES = CITIES[:12]


def _organization_row(name: dict, bin: str, today: datetime) -> dict:
    return {"name": name, "bin": bin, "city": None, "created_at": today}


def _organization_rows(rng, scale, bins, today) -> list[dict]:
    """The committees' colleges, the universities, the organizing body (last)."""
    colleges = [(city, kind) for city in CITIES for kind in COLLEGE_KINDS]
    rng.shuffle(colleges)
    names = [college(city, kind) for city, kind in colleges[: scale.committees]]
    names += [
        {"kk": f"{kk} техникалық университеті", "ru": f"Технический университет города {ru}",
         "en": f"{en} Technical University"} for kk, ru, en in UNIVERSITY_CITIES
    ]  # fmt: skip
    names.append(ORGANIZING_BODY)
    return [_organization_row(name, random_bin(rng, bins), today) for name in names]


def _employer(judge: int, scale: Scale, entries: list[Entry]) -> tuple[str, object]:
    """A tenth of the jury works at a nominating college, a twentieth at a nominee (their
    entries are automatic conflicts of interest); the rest at universities."""
    if judge % 10 == 3:
        return "college", (judge // 10) % scale.committees
    if judge % 20 == 7:
        accepted = [entry for entry in entries if entry.state == "accepted"]
        return "nominee", accepted[(judge * 13) % len(accepted)].brand
    return "university", judge % len(UNIVERSITY_CITIES)


def _people(rng, scale, entries, password_hash, bins, today) -> dict:
    """Organizations and accounts, all able to log in with the one demo password."""
    org_ids = insert_rows(
        Organization, _organization_rows(rng, scale, bins, today), returning_ids=True
    )
    employers = [_employer(judge, scale, entries) for judge in range(scale.judges)]
    brands = {brand["bin"]: brand for kind, brand in employers if kind == "nominee"}
    rows = [_organization_row(brand["name"], bin, today) for bin, brand in brands.items()]
    brand_ids = dict(zip(brands, insert_rows(Organization, rows, returning_ids=True), strict=True))
    universities = org_ids[scale.committees : -1]

    def organization_id(kind: str, value) -> int:
        if kind == "college":
            return org_ids[value]
        return brand_ids[value["bin"]] if kind == "nominee" else universities[value]

    judge_orgs = [organization_id(kind, value) for kind, value in employers]
    user = {"password_hash": password_hash, "activated_at": today, "created_at": today,
            "is_admin": False, "last_login_at": None}  # fmt: skip
    rows = [{**user, "email": ORGANIZER_EMAIL, "name": "Айгерім Сейітқали", "locale": "ru",
             "organization_id": org_ids[-1], "is_admin": True}]  # fmt: skip
    rows += [{**user, "email": committee_email(n + 1), "name": person(rng),
              "locale": ("kk", "ru")[n % 2], "organization_id": org_ids[n]}
             for n in range(scale.committees)]  # fmt: skip
    rows += [{**user, "email": judge_email(n + 1), "name": person(rng),
              "locale": ("kk", "ru", "ru", "en")[n % 4], "organization_id": judge_orgs[n]}
             for n in range(scale.judges)]  # fmt: skip
    ids = insert_rows(User, rows, returning_ids=True)
    return {
        "organizer": ids[0], "committees": ids[1 : 1 + scale.committees],
        "committee_orgs": org_ids[: scale.committees], "judges": ids[1 + scale.committees :],
        "judge_orgs": judge_orgs, "rows": rows,
    }  # fmt: skip


def _program(scale: Scale, people: dict, today: datetime) -> Program:
    organizer = db.session.get(User, people["organizer"])
    program = programs.create_program(
        actor=organizer, slug=LARGE_DEMO_SLUG, year=today.year, timezone="Asia/Almaty",
        title={"kk": "«Жұмысшы мамандықтары жылы» республикалық байқауы",
               "ru": "Республиканский конкурс «Год рабочих профессий»",
               "en": "Year of Working Professions National Awards"},
        organizing_body=ORGANIZING_BODY,
        venue={"kk": "Астана қ.", "ru": "г. Астана", "en": "Astana"},
        nominations_open_at=today - timedelta(days=75),
        nominations_close_at=today - timedelta(days=15),
        judging_open_at=today - timedelta(days=10), judging_close_at=today + timedelta(days=20),
        ceremony_at=today + timedelta(days=30), judges_per_nomination=scale.judges_per_nomination,
    )  # fmt: skip
    specs = [(c["slug"], c["title"], c["criteria"]) for c in FORUM_CATEGORIES]
    specs += [(slug, dict(zip(("kk", "ru", "en"), title, strict=True)), criteria)
              for slug, title, criteria in MORE_CATEGORIES]  # fmt: skip
    for slug, title, criteria in specs[: scale.categories]:
        category = programs.add_category(
            program=program, actor=organizer, slug=slug, title=title, max_laureates=3,
            nominee_kind="organization",
        )  # fmt: skip
        for name, weight in criteria:
            programs.add_criterion(
                category=category, actor=organizer, name=name, weight=weight, max_points=10
            )
    roles = [(user_id, Role.COMMITTEE) for user_id in people["committees"]]
    roles += [(user_id, Role.JUDGE) for user_id in people["judges"]]
    insert_rows(ProgramRole, [{"program_id": program.id, "user_id": user_id, "role": str(role),
                           "created_at": today} for user_id, role in roles])  # fmt: skip
    return program


def _nomination_row(rng, entry: Entry, program: Program, people: dict, when: dict) -> dict:
    committee = people["rows"][1 + entry.committee]
    language = committee["locale"]
    justification = JUSTIFICATIONS[language].format(
        since=rng.randint(2012, 2023), n=rng.randint(8, 240), m=rng.randint(2, 60),
        k=rng.randint(1, 25),
    )  # fmt: skip
    state = entry.state
    return {
        "program_id": program.id, "category_id": program.categories[entry.category].id,
        "state": state, "nominee_kind": "organization", "org_name": entry.brand["name"],
        "bin": entry.brand["bin"], "city": entry.brand["city"][0], "website": "",
        "person_name": "", "person_position": "", "person_workplace": "", "team_name": "",
        "team_members": [], "justification": justification, "achievements": [],
        "contact_name": committee["name"], "contact_email": committee["email"],
        "contact_phone": f"+7 7{rng.randint(0, 99):02d} {rng.randint(100, 999)} "
                         f"{rng.randint(10, 99)} {rng.randint(10, 99)}",
        "submitting_organization_id": people["committee_orgs"][entry.committee],
        "created_by_id": people["committees"][entry.committee],
        "merged_into_id": None, "created_at": when["created"], "updated_at": when["decided"],
        "submitted_at": when["submitted"], "returned_at": None,
        "accepted_at": when["decided"] if state == "accepted" else None,
        "rejected_at": when["decided"] if state == "rejected" else None,
        "withdrawn_at": None, "merged_at": when["decided"] if state == "merged" else None,
    }  # fmt: skip


def _nominations(rng, entries: list[Entry], program: Program, people: dict) -> None:
    """Insert the entries (merged ones after their targets) with their three state changes."""
    opens, closes = program.nominations_open_at, program.nominations_close_at
    span = int((closes - opens).total_seconds()) - 86400
    rows, events = {}, []
    for entry in entries:
        submitted = opens + timedelta(seconds=rng.randrange(span))
        when = {
            "created": submitted - timedelta(hours=rng.randint(1, 72)),
            "submitted": submitted,
            "decided": closes + timedelta(hours=rng.randint(1, 90)),
        }
        rows[entry.index] = _nomination_row(rng, entry, program, people, when)
        actor = people["committees"][entry.committee]
        for old, new, at, by in (
            (None, "draft", "created", actor),
            ("draft", "submitted", "submitted", actor),
            ("submitted", entry.state, "decided", people["organizer"]),
        ):
            events.append((entry, {"actor_id": by, "at": when[at], "from_state": old,
                                   "to_state": new, "reason": ""}))  # fmt: skip
    for merging in (False, True):
        batch = [entry for entry in entries if (entry.state == "merged") == merging]
        for entry in batch:
            if merging:
                rows[entry.index]["merged_into_id"] = entries[entry.merged_into].id
        ids = insert_rows(Nomination, [rows[e.index] for e in batch], returning_ids=True)
        for entry, new_id in zip(batch, ids, strict=True):
            entry.id = new_id
    for entry, event in events:
        if entry.state == "rejected" and event["to_state"] == "rejected":
            event["reason"] = "Организация не отвечает условиям номинации."
        elif entry.state == "merged" and event["to_state"] == "merged":
            event["reason"] = f"Объединена с заявкой №{entries[entry.merged_into].id}."
    insert_rows(AuditEntry, [_logged(program, entry, **event) for entry, event in events])


def _logged(program, entry, *, from_state, to_state, **fields) -> dict:
    """A state change as the audit log keeps it."""
    return {
        "program_id": program.id, "subject_kind": SubjectKind.NOMINATION, "subject_id": entry.id,
        "action": action_for(from_state, to_state), "new": {"state": to_state},
        "old": {"state": from_state} if from_state else {}, **fields,
    }  # fmt: skip


def load_large_demo(
    *, password: str, scale: Scale = DEFAULT_SCALE, seed: int = SEED, now: datetime | None = None
) -> Program:
    """A national program: ``scale`` nominations from many colleges in several categories,
    a jury with conflicts of interest, and most of the scorecards written, judging still open.

    Side effects: adds organizations, accounts (one password hash shared by all), the program
    with its categories, rubrics and roles, nominations with their state changes, conflicts,
    assignments, scorecards with points and history; flushes, never commits.
    """
    today = (now or utcnow()).replace(hour=0, minute=0, second=0, microsecond=0)
    rng = random.Random(seed)  # noqa: S311  (repeatable demo data, not secrets)
    bins: set[str] = set()
    pool = brand_names(rng, len(ROOTS) * len(SECTORS), bins)
    entries = _plan_entries(rng, scale, pool)
    people = _people(rng, scale, entries, hash_password(password), bins, today)
    program = _program(scale, people, today)
    _nominations(rng, entries, program, people)
    pairs = jury(rng, scale, entries, program, people)
    scorecards(rng, scale, pairs, program, people, today)
    db.session.flush()
    return program

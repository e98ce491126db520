"""The practice entry of a category: a fictitious example every judge of the category scores
first and that never counts; once a judge has submitted it, they see how their points compare
with the median of the other judges' (the calibration moment).

It is an accepted Nomination with ``is_practice``: the judges' queue, scorecards and paper
ballots treat it as an entry; results, rankings, exports, certificates, the ceremony, public
pages, the inbox and the progress totals leave it out (each of their queries says so)."""

import statistics
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select

from awards.accounts import services as accounts
from awards.accounts.models import User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging.assignments import assign_practice_entry
from awards.judging.models import Assignment, Scorecard, ScorecardState
from awards.nominations.models import Nomination, NominationState
from awards.nominations.queries import practice_entry
from awards.programs.models import Category, NomineeKind

# The fictitious example: every language, so it reads naturally whatever the judge's.
EXAMPLE_NAME = {
    "kk": "Жаттығу өтінімі: «Мысал» ЖШС",
    "ru": "Тренировочная заявка: ТОО «Пример»",
    "en": "Practice entry: Example LLP",
}
EXAMPLE_ORGANIZATION = {
    "kk": "«Мысал» ЖШС (жаттығу өтінімі)",
    "ru": "ТОО «Пример» (тренировочная заявка)",
    "en": "Example LLP (practice entry)",
}
EXAMPLE_PERSON = {
    "kk": "Жаттығу өтінімі: Әсел Мысалова",
    "ru": "Тренировочная заявка: Асель Примерова",
    "en": "Practice entry: Asel Example",
}
EXAMPLE_JUSTIFICATION = (
    "Жаттығу өтінімі — ойдан шығарылған мысал, ол ешқашан есепке алынбайды. Кәсіпорын "
    "колледжге екі шеберхана жабдықтап берді, жыл сайын 12 студентті практикаға алады, екі "
    "тәлімгер бөлді; түлектердің үшеуі жұмысқа орналасты. WorldSkills өңірлік чемпионатына "
    "демеушілік жасады, бірақ құжатпен расталған нәтижелері аз.\n\n"
    "Тренировочная заявка — вымышленный пример, она никогда не учитывается. Предприятие "
    "оснастило колледжу две мастерские, ежегодно принимает на практику 12 студентов, выделило "
    "двух наставников; трое выпускников трудоустроены. Спонсировало региональный чемпионат "
    "WorldSkills, но документально подтверждённых результатов немного."
)


def _example_fields(kind: str) -> dict:
    if kind == NomineeKind.PERSON:
        return {"person_names": dict(EXAMPLE_PERSON), "person_name": EXAMPLE_PERSON["ru"],
                "person_workplace": EXAMPLE_NAME["ru"]}  # fmt: skip
    if kind == NomineeKind.TEAM:
        return {"team_name": EXAMPLE_NAME["ru"], "team_members": []}
    return {"org_name": dict(EXAMPLE_NAME), "city": "Өскемен"}


def _category_judges(category: Category) -> list[User]:
    """The judges with an entry of the category in their queue."""
    query = (
        select(User)
        .join(Assignment, Assignment.judge_id == User.id)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .where(Nomination.category_id == category.id, Nomination.is_practice.is_(False))
        .distinct()
    )
    return list(db.session.scalars(query))


def add_practice_entry(
    *, category: Category, actor: User, now: datetime | None = None
) -> Nomination:
    """Give the category its practice entry, a fictitious example, and put it first in the
    queue of every judge of the category (and of each judge assigned to it later).

    Side effects: adds the entry, accepted, on behalf of the example's organization (made once);
    assigns it to the category's judges (not to a judge in conflict with it); a 'practice_added'
    line in the category's history; flushes.
    """
    now = now or utcnow()
    if practice_entry(category) is not None:
        raise DomainError(_("This category already has a practice entry."))
    # Nominated by the example's own organization, not the organizer's: a fictitious entry puts
    # no judge in a conflict of interest (the organizer's colleagues often sit on the jury).
    organization = accounts.find_or_create_organization(name=EXAMPLE_ORGANIZATION, actor=actor)
    entry = Nomination(
        program=category.program, category=category, nominee_kind=category.nominee_kind,
        state=NominationState.ACCEPTED, is_practice=True, justification=EXAMPLE_JUSTIFICATION,
        submitting_organization=organization, created_by=actor, created_at=now, updated_at=now,
        submitted_at=now, accepted_at=now, **_example_fields(category.nominee_kind),
    )  # fmt: skip
    db.session.add(entry)
    db.session.flush()
    assign_practice_entry(entry=entry, judges=_category_judges(category), actor=actor)
    record(
        actor=actor, program=category.program, subject=(SubjectKind.CATEGORY, category.id),
        action="practice_added", new={"nomination": entry.id}, now=now,
    )  # fmt: skip
    return entry


@dataclass(frozen=True)
class CalibrationRow:
    """One criterion of the practice entry: the judge's points, the median of the other
    judges' (None before any other judge has submitted) and how many they are."""

    criterion_id: int
    mine: float | None
    others_median: float | None
    others: int


def calibration_rows(
    criteria_ids: list[int], mine: dict[int, float], others: list[dict[int, float]]
) -> list[CalibrationRow]:
    """Pure: per criterion, the judge's points against the median of the others' points."""
    rows = []
    for criterion_id in criteria_ids:
        points = [card[criterion_id] for card in others if criterion_id in card]
        median = statistics.median(points) if points else None
        rows.append(CalibrationRow(criterion_id, mine.get(criterion_id), median, len(points)))
    return rows


def calibration(judge: User, practice: Nomination) -> list[CalibrationRow] | None:
    """The judge's practice points against the other judges' medians, once the judge has
    submitted the practice scorecard (None before). Never another judge's own points."""
    cards = db.session.scalars(
        select(Scorecard).where(
            Scorecard.nomination_id == practice.id, Scorecard.state == ScorecardState.SUBMITTED
        )
    ).all()
    mine = next((card for card in cards if card.judge_id == judge.id), None)
    if mine is None:
        return None
    others = [card.points for card in cards if card.judge_id != judge.id]
    return calibration_rows([c.id for c in practice.category.criteria], mine.points, others)


@dataclass(frozen=True)
class PracticeSummary:
    entry: Nomination
    assigned: int  # judges with it in their queue
    submitted: int  # of them, those who submitted it


def practice_summary(category: Category) -> PracticeSummary | None:
    """The category's practice entry and how many of its judges have submitted it, for the
    organizer (counted apart from the real entries); None without one. Three statements."""
    entry = practice_entry(category)
    if entry is None:
        return None
    assigned = db.session.scalar(
        select(func.count(Assignment.id)).where(Assignment.nomination_id == entry.id)
    )
    submitted = db.session.scalar(
        select(func.count(Scorecard.id)).where(
            Scorecard.nomination_id == entry.id, Scorecard.state == ScorecardState.SUBMITTED
        )
    )
    return PracticeSummary(entry, assigned, submitted)


def practice_tallies(program) -> dict[int, tuple[int, int]]:
    """Per category with a practice entry, (judges who submitted it, judges who have it): the
    progress page shows them apart, since the practice never counts. One statement."""
    submitted = Scorecard.state == ScorecardState.SUBMITTED
    query = (
        select(Nomination.category_id, func.count(Scorecard.id), func.count(Assignment.id))
        .select_from(Assignment)
        .join(Nomination, Nomination.id == Assignment.nomination_id)
        .outerjoin(
            Scorecard,
            (Scorecard.nomination_id == Assignment.nomination_id)
            & (Scorecard.judge_id == Assignment.judge_id)
            & submitted,
        )
        .where(Nomination.program_id == program.id, Nomination.is_practice.is_(True))
        .group_by(Nomination.category_id)
    )
    return {category: (done, given) for category, done, given in db.session.execute(query)}

"""Feedback to the nominators once the results are published: each entry's letter (what it
holds is decided in feedback.py, from plain values gathered here), printed as a PDF in a
nominating committee's language, released once by the organizers, emailed to the committees'
members and downloadable by them from then on.

Needs an app context (the database), never a request: views, commands and tests call the same
functions."""

from collections import defaultdict
from datetime import datetime

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from awards.accounts.models import Organization, User
from awards.audit.models import SubjectKind
from awards.audit.services import record
from awards.errors import DomainError
from awards.extensions import db
from awards.formats import number
from awards.i18n import localized, to_local, utcnow
from awards.judging.models import Score, Scorecard, ScorecardState
from awards.mail import external_url, queue_email
from awards.nominations.models import Nomination, NominationState
from awards.printing.dates import format_long_date
from awards.printing.plain import render_document
from awards.printing.themes import load_theme
from awards.programs.models import Category, Program, ProgramRole, Role
from awards.results import aggregation as agg
from awards.results.feedback import Card, Letter, feedback_letters
from awards.results.models import FeedbackRelease
from awards.results.ranking import category_entries, countable_scorecards
from awards.results.services import nominee_names

LETTER_LANGUAGES = ("kk", "ru")
PAGE_SIZE = "A4"
THEME = "classic"


def letter_language(locale: str | None) -> str:
    """A letter is printed in Kazakh or Russian: a reader of another language gets Kazakh."""
    return locale if locale in LETTER_LANGUAGES else LETTER_LANGUAGES[0]


def category_letters(category: Category) -> dict[int, Letter]:
    """{entry id: Letter} for the category's accepted entries, in five statements whatever
    their number: the entries, the countable scorecards (as the results count them), their
    judges, and every scorecard of the entries with its points and comments."""
    entries = category_entries(category)
    ids = [entry.id for entry in entries]
    if not ids:
        return {}
    counted, _judges = countable_scorecards(category, entries)
    counting = {card.id for card in counted}
    connection = db.session.connection()
    points: dict[int, dict] = defaultdict(dict)
    comments: dict[int, dict] = defaultdict(dict)
    for card_id, criterion_id, value, comment in connection.execute(
        select(Score.scorecard_id, Score.criterion_id, Score.points, Score.comment)
        .join(Scorecard, Scorecard.id == Score.scorecard_id)
        .where(Scorecard.nomination_id.in_(ids))
    ):
        points[card_id][criterion_id] = value
        comments[card_id][criterion_id] = comment or ""
    cards = []
    for card_id, judge_id, entry_id, state, shareable, overall in connection.execute(
        select(
            Scorecard.id, Scorecard.judge_id, Scorecard.nomination_id, Scorecard.state,
            Scorecard.comments_shareable, Scorecard.overall_comment,
        ).where(Scorecard.nomination_id.in_(ids))
    ):  # fmt: skip
        submitted = state == ScorecardState.SUBMITTED
        cards.append(Card(
            judge_id, entry_id, submitted=submitted, excluded=card_id not in counting,
            shareable=bool(shareable), points=points.get(card_id, {}),
            comments=comments.get(card_id, {}), overall_comment=overall or "",
        ))  # fmt: skip
    rubric = [agg.Criterion(c.id, c.weight, c.max_points, c.position) for c in category.criteria]
    return feedback_letters(cards, rubric, ids)


def _percent(value: float) -> str:
    return f"{number(value, 1)}\u00a0%"


def letter_values(
    entry: Nomination, letter: Letter, *, organization: Organization, language: str,
    today: datetime | None = None,
) -> dict:  # fmt: skip
    """What feedback.html receives (certificates/README.md, "A feedback letter"): every text
    in ``language``, the jurors as "Juror A", never a name."""
    program, category = entry.program, entry.category
    criteria = {criterion.id: criterion for criterion in category.criteria}
    day = to_local(today or utcnow(), program.timezone).date()
    with force_locale(language):
        names = {
            key: localized(criteria[key].name, language) for key in criteria
        }  # fmt: skip
        values = {
            "language": language,
            "program_title": localized(program.title, language),
            "organizing_body": localized(program.organizing_body, language),
            "organization": localized(organization.name, language),
            "nominee": localized(nominee_names(entry), language),
            "category": localized(category.title, language),
            "date": format_long_date(day, language),
            "scorecards": letter.scorecards,
            "rows": [
                {
                    "criterion": names[line.criterion],
                    "percentage": _percent(line.percentage),
                    "average": _percent(line.average),
                    "above": line.percentage >= line.average,
                }
                for line in letter.criteria
            ],
            "comments": [
                {
                    "juror": _("Juror %(letter)s", letter=comment.juror),
                    "about": names[comment.criterion]
                    if comment.criterion is not None
                    else _("Overall"),
                    "text": comment.text,
                }
                for comment in letter.comments
            ],
            "labels": {
                "title": _("Feedback of the jury"),
                "to": _("To %(organization)s", organization=localized(organization.name, language)),
                "intro": _(
                    "The results of %(program)s are published. Thank you for nominating "
                    "%(nominee)s in the category %(category)s. Here is how the jury scored "
                    "the entry, and the comments its jurors chose to share with you.",
                    program=localized(program.title, language),
                    nominee=localized(nominee_names(entry), language),
                    category=localized(category.title, language),
                ),
                "scores": _("Scores by criterion"),
                "criterion": _("Criterion"),
                "entry": _("This entry"),
                "average": _("Category average"),
                "explained": _(
                    "Each figure is the jurors' mean points on the criterion as a percentage "
                    "of its maximum; the category average is the mean over its entries."
                ),
                "no_scores": _("The entry has no scorecards that count."),
                "comments": _("Comments of the jury"),
                "no_comments": _("No juror chose to share a comment on this entry."),
                "anonymous": _(
                    "Jurors are named by letter only; each letter stands for the same juror "
                    "throughout this letter."
                ),
            },
        }
    return values


def render_letter(values: dict, *, theme: str = THEME) -> bytes:
    """The letter as a PDF in ``theme``'s feedback.html. ValueError for an unknown theme;
    PrintingError when WeasyPrint could not print it faithfully."""
    return render_document(load_theme(theme), "feedback.html", PAGE_SIZE, letter=values)


def letter_file_name(entry: Nomination, language: str) -> str:
    """ "Пікір — Ульба.pdf" and the like (downloads.py sends it with an ASCII fallback)."""
    with force_locale(language):
        title = _("Feedback")
    name = localized(nominee_names(entry), language).replace("/", "-").strip()
    return f"{title} — {name}.pdf"


def _letter_of(letters: dict[int, Letter], entry: Nomination) -> Letter:
    """The entry's letter; one without scores for an entry out of play (it did not advance
    from a qualifying round: the ranking never read its scorecards)."""
    return letters.get(entry.id) or Letter(entry.id, 0, (), ())


def letter_pdf(
    entry: Nomination, *, organization: Organization, language: str, now: datetime | None = None
) -> bytes:
    """The entry's letter to ``organization`` in ``language``, as a PDF."""
    letter = _letter_of(category_letters(entry.category), entry)
    return render_letter(
        letter_values(entry, letter, organization=organization, language=language, today=now)
    )


# Queries


def released_entries(program: Program) -> dict[int, FeedbackRelease]:
    """{entry id: its release} for the program, in one statement."""
    return {
        release.nomination_id: release
        for release in db.session.scalars(
            select(FeedbackRelease).where(FeedbackRelease.program_id == program.id)
        )
    }


def is_released(entry: Nomination) -> bool:
    return (
        db.session.scalar(
            select(FeedbackRelease.id).where(FeedbackRelease.nomination_id == entry.id)
        )
        is not None
    )


def releasable_entries(program: Program) -> list[Nomination]:
    """The accepted entries, by category, whose letters may be released, with their category
    and confirmed nominee (what the list shows), in three statements whatever their number."""
    return list(
        db.session.scalars(
            select(Nomination)
            .where(
                Nomination.program_id == program.id,
                Nomination.state == NominationState.ACCEPTED,
                Nomination.is_practice.is_(False),  # scored to calibrate, nominated by no one
            )
            .order_by(Nomination.category_id, Nomination.id)
            .options(
                selectinload(Nomination.category), selectinload(Nomination.nominee_organization)
            )
        )
    )


def _committee_members(program: Program) -> list[User]:
    return list(
        db.session.scalars(
            select(User)
            .join(ProgramRole, ProgramRole.user_id == User.id)
            .where(
                ProgramRole.program_id == program.id, ProgramRole.role == Role.COMMITTEE,
                User.activated_at.is_not(None), User.organization_id.is_not(None),
            )
            .order_by(User.id)
        )
    )  # fmt: skip


# Services


def release_feedback(*, program: Program, actor: User, now: datetime | None = None) -> int:
    """Release the letters of every accepted entry not released yet: each is released once.
    Every active member of a nominating committee is emailed, in their language, its
    organization's newly released letters as PDFs. Returns how many letters were released.

    Raises DomainError before the results are published, or when every letter is out already.
    Side effects: a release per entry; emails queued (sent after commit); a 'feedback released'
    entry in the program's history; flushes.
    """
    now = now or utcnow()
    if program.results_published_at is None:
        raise DomainError(_("The letters can be released once the results are published."))
    done = released_entries(program)
    entries = [entry for entry in releasable_entries(program) if entry.id not in done]
    if not entries:
        raise DomainError(_("Every letter has been released already."))
    for entry in entries:
        db.session.add(FeedbackRelease(
            program_id=program.id, nomination_id=entry.id, released_at=now, released_by=actor,
        ))  # fmt: skip
    db.session.flush()
    _email_letters(program, entries, now=now)
    record(
        actor=actor, program=program, subject=(SubjectKind.PROGRAM, program.id),
        action="feedback released", new={"entries": [entry.id for entry in entries]}, now=now,
    )  # fmt: skip
    return len(entries)


def _email_letters(program: Program, entries: list[Nomination], *, now: datetime) -> None:
    letters: dict[int, dict[int, Letter]] = {}
    pdfs: dict[tuple[int, int, str], bytes] = {}
    for user in _committee_members(program):
        theirs = [
            entry for entry in entries
            if user.organization_id in {org.id for org in entry.supporting_organizations}
        ]  # fmt: skip
        if not theirs:
            continue
        language = letter_language(user.locale)
        attachments = []
        for entry in theirs:
            key = (entry.id, user.organization_id, language)
            if key not in pdfs:
                if entry.category_id not in letters:
                    letters[entry.category_id] = category_letters(entry.category)
                values = letter_values(
                    entry, _letter_of(letters[entry.category_id], entry),
                    organization=user.organization,
                    language=language, today=now,
                )  # fmt: skip
                pdfs[key] = render_letter(values)
            attachments.append((letter_file_name(entry, language), "application/pdf", pdfs[key]))
        queue_email(
            db.session(), to=user.email, locale=language, template="results/feedback",
            program=program, user=user, entries=theirs, attachments=attachments,
            link=external_url("results.ours", slug=program.slug),
        )  # fmt: skip

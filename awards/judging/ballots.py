"""Paper ballots: scorecards typed into CSV or XLSX, checked row by row, the valid ones saved.

Columns: judge_email, category, nominee, criterion, points. The category is given by its short
name or exact title, the nominee by its exact name, the criterion by its name, in any language.
The same rules as online scoring apply; only the judging window may be overridden, with a
reason that is recorded in each scorecard's history.
"""

import contextlib
import csv
import io
import zipfile
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from openpyxl import load_workbook
from sqlalchemy import select

from awards.accounts.identity import name_skeleton
from awards.accounts.models import User
from awards.accounts.services import find_user_by_email
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import utcnow
from awards.judging import scoring
from awards.judging.assignments import program_judges
from awards.judging.conflicts import has_conflict
from awards.judging.progress import judge_queue
from awards.nominations.models import Nomination, NominationState
from awards.programs.levels import level_lines
from awards.programs.models import Category, Criterion, Program
from awards.spreadsheets import Column, Table

COLUMNS = ("judge_email", "category", "nominee", "criterion", "points")
MAX_ROWS = 20000
# progress(done, total, message): told how far a long import has got (see awards/jobs/tasks.py).
Progress = Callable[[int, int, str], None]


@dataclass
class BallotRow:
    line: int
    values: dict
    error: str | None = None
    judge: User | None = None
    nomination: Nomination | None = None
    criterion: Criterion | None = None
    points: float | None = None


@dataclass
class BallotCheck:
    rows: list[BallotRow] = field(default_factory=list)

    @property
    def valid(self) -> list[BallotRow]:
        return [row for row in self.rows if row.error is None]

    @property
    def invalid(self) -> list[BallotRow]:
        return [row for row in self.rows if row.error is not None]


def _text_rows(content: bytes) -> list[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DomainError(_("Save the CSV file in UTF-8."), field="file") from exc
    dialect = csv.excel
    with contextlib.suppress(csv.Error):  # one column, or nothing to sniff: plain commas
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    reader = csv.reader(io.StringIO(text), dialect)
    try:
        return list(reader)
    except csv.Error as exc:  # a cell past csv's field limit, a NUL byte, a stray quote
        raise DomainError(
            _(
                "Line %(line)d of the file cannot be read: a cell is too long or the quotes"
                " do not match. Check that line and save the file as CSV again.",
                line=reader.line_num,
            ),
            field="file",
        ) from exc


MAX_UNZIPPED_BYTES = 20 * 1024 * 1024
MAX_COLUMNS = 30


def _check_unzipped_size(content: bytes) -> None:
    """Refuse a spreadsheet that would unpack to far more than a ballot ever needs."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            unpacked = sum(item.file_size for item in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise DomainError(_("This spreadsheet cannot be read."), field="file") from exc
    if unpacked > MAX_UNZIPPED_BYTES:
        raise DomainError(_("This spreadsheet is too large to import."), field="file")


def _sheet_rows(content: bytes) -> list[list[str]]:
    _check_unzipped_size(content)
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001  openpyxl raises many kinds for a broken file
        raise DomainError(_("This spreadsheet cannot be read."), field="file") from exc
    sheet = workbook.worksheets[0]
    # The declared size is the file's claim, not its content: read a bounded window only.
    sheet.reset_dimensions()
    rows = []
    for row in sheet.iter_rows(max_col=MAX_COLUMNS, max_row=MAX_ROWS + 2, values_only=True):
        rows.append(["" if cell is None else str(cell) for cell in row])
    workbook.close()
    return rows


def read_rows(content: bytes) -> list[tuple[int, dict]]:
    """(line number, {column: text}) for each non-empty row; XLSX is recognized by content."""
    rows = _sheet_rows(content) if content[:4] == b"PK\x03\x04" else _text_rows(content)
    if not rows:
        raise DomainError(_("The file is empty."), field="file")
    header = [cell.strip().lower() for cell in rows[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise DomainError(
            _(
                "The first row must name the columns; missing: %(columns)s.",
                columns=", ".join(missing),
            ),
            field="file",
        )
    if sum(1 for row in rows[1:] if any(cell.strip() for cell in row)) > MAX_ROWS:
        raise DomainError(
            _("At most %(n)d rows can be imported at once.", n=MAX_ROWS), field="file"
        )
    index = {column: header.index(column) for column in COLUMNS}
    result = []
    for line, row in enumerate(rows[1:], start=2):
        values = {c: (row[i].strip() if i < len(row) else "") for c, i in index.items()}
        if any(values.values()):
            result.append((line, values))
    return result


def blank_ballot(program: Program, judge: User) -> Table:
    """The judge's ballot to fill in on paper and import back: a row per entry and criterion
    in the judge's own order (each category's practice entry first), the points empty, and
    beside them what each criterion's levels mean, in the reader's language (an extra column
    the import ignores)."""
    rows = [
        (judge.email, item.nomination.category.slug, item.nomination.nominee_name,
         criterion.display_name, None, " · ".join(level_lines(criterion.levels)))
        for item in judge_queue(judge, program)
        for criterion in item.nomination.category.criteria
    ]  # fmt: skip
    columns = tuple(Column(name) for name in (*COLUMNS, "levels"))
    return Table("ballot", _("Ballot"), columns, rows)


def _matches(texts: dict, wanted: str) -> bool:
    return any((text or "").strip().casefold() == wanted.casefold() for text in texts.values())


def _find_category(program: Program, wanted: str) -> Category | None:
    for category in program.categories:
        if category.slug == wanted or _matches(category.title, wanted):
            return category
    return None


def _find_nomination(category: Category, wanted: str) -> Nomination | None:
    key = name_skeleton(wanted)
    entries = db.session.scalars(
        select(Nomination).where(
            Nomination.category_id == category.id, Nomination.state == NominationState.ACCEPTED
        )
    )
    for entry in entries:
        names = [entry.person_name, *entry.person_names.values(), entry.team_name,
                 *entry.org_name.values()]  # fmt: skip
        if key and key in {name_skeleton(name) for name in names if name}:
            return entry
    return None


def _check_row(program: Program, row: BallotRow, judges: set[int], window_open: bool) -> None:
    values = row.values
    row.judge = find_user_by_email(values["judge_email"])
    if row.judge is None or row.judge.id not in judges:
        row.error = _("No judge of this program has this email.")
        return
    category = _find_category(program, values["category"])
    if category is None:
        row.error = _("No category with this short name or title.")
        return
    row.nomination = _find_nomination(category, values["nominee"])
    if row.nomination is None:
        row.error = _("No accepted nomination with this nominee in the category.")
        return
    row.criterion = next(
        (c for c in category.criteria if _matches(c.name, values["criterion"])), None
    )
    if row.criterion is None:
        row.error = _("No criterion with this name in the category's rubric.")
        return
    if has_conflict(row.judge, row.nomination) or not scoring.is_assigned(
        row.judge, row.nomination
    ):
        row.error = _("This judge may not score this nomination (not assigned, or a conflict).")
        return
    row.points, row.error = scoring.parse_points(row.criterion, values["points"])
    if row.points is None and row.error is None:
        row.error = _("Enter the points.")
    if row.error is None and not window_open:
        row.error = _("Judging is closed; an organizer may override this with a reason.")


def check_ballots(
    program: Program, content: bytes, *, override_reason: str = "", now: datetime | None = None,
    progress: Progress | None = None,
) -> BallotCheck:  # fmt: skip
    """Every row with what it refers to, or the reason it cannot be saved. Writes nothing.

    ``progress(done, total, message)``, when given, hears of each row checked."""
    now = now or utcnow()
    window_open = scoring.judging_is_open(program, now) or bool(override_reason.strip())
    judges = {judge.id for judge in program_judges(program)}
    check = BallotCheck()
    seen = set()
    rows = read_rows(content)
    for done, (line, values) in enumerate(rows, start=1):
        row = BallotRow(line=line, values=values)
        _check_row(program, row, judges, window_open)
        key = (row.judge, row.nomination, row.criterion)
        if row.error is None and key in seen:
            row.error = _("The same judge, nominee and criterion appear on an earlier row.")
        seen.add(key)
        check.rows.append(row)
        if progress:
            progress(done, len(rows), _("Checking the rows"))
    _refuse_locked(check)
    return check


def _refuse_locked(check: BallotCheck) -> None:
    for row in check.valid:
        card = scoring.find_scorecard(row.judge, row.nomination)
        if card is not None and card.is_submitted:
            row.error = _("This judge's scorecard for this nominee is already submitted.")


def import_ballots(
    *, program: Program, content: bytes, actor: User, override_reason: str = "",
    now: datetime | None = None, progress: Progress | None = None,
) -> BallotCheck:  # fmt: skip
    """Check the file and save its valid rows as scorecards: submitted where a judge's ballot
    for a nominee covers every criterion, draft otherwise.

    ``progress(done, total, message)``, when given, hears of each row checked, then of each
    judge's ballot saved; a background job commits there, so each call comes between ballots.

    Side effects: creates or updates scorecards with a history event naming the organizer (and
    the override reason, when given); flushes.
    """
    now = now or utcnow()
    check = check_ballots(
        program, content, override_reason=override_reason, now=now, progress=progress
    )
    ballots: dict[tuple, dict[int, float]] = defaultdict(dict)
    for row in check.valid:
        ballots[(row.judge, row.nomination)][row.criterion.id] = row.points
    for done, ((judge, nomination), points) in enumerate(ballots.items(), start=1):
        existing = scoring.find_scorecard(judge, nomination)
        merged = {**(existing.points if existing else {}), **points}
        complete = len(merged) == len(nomination.category.criteria)
        scoring.write_scorecard(
            nomination=nomination, judge=judge, actor=actor, points=merged,
            version=existing.version if existing else None, submit=complete,
            reason=override_reason.strip() or _("Imported from a paper ballot."), now=now,
            practice_first=False,  # a paper jury calibrated on paper, in any order of rows
        )  # fmt: skip
        if progress:
            progress(done, len(ballots), _("Saving the scorecards"))
    return check

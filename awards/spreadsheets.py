"""Every CSV and XLSX file the app writes: plain rows in, bytes out, and never a formula.

Text that a spreadsheet could take for a formula (``=``, ``+``, ``-``, ``@``, a tab, a line
break, even after leading spaces) is prefixed with a single quote, so a cell typed by a user
(a nominee's name, a refused ballot row) opens as the text it is, never as ``=HYPERLINK(…)``.
CSV files are UTF-8 with a BOM, separated by semicolons with decimal commas: what Excel expects
under Kazakh and Russian regional settings, where a comma separator leaves every row in one
column and "7.5" may turn into a date. Imports neither Flask nor the database.
"""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
CSV_DELIMITER, CSV_DECIMAL = ";", ","
MIN_WIDTH, MAX_WIDTH = 6, 60
XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_MIMETYPE = "text/csv"


@dataclass(frozen=True)
class Column:
    header: str
    number_format: str | None = None  # how Excel shows numbers and dates in this column


@dataclass(frozen=True)
class Table:
    name: str  # the file name part, e.g. "ranking"
    title: str  # the sheet's name
    columns: tuple[Column, ...]
    rows: list[tuple]


def safe_text(value: str) -> str:
    """Text a spreadsheet shows as typed: no control characters, never a formula."""
    value = ILLEGAL_CHARACTERS_RE.sub("", value)
    return "'" + value if value.lstrip(" ").startswith(FORMULA_STARTS) else value


def _cell(value):
    return safe_text(value) if isinstance(value, str) else value


def column_widths(table: Table) -> list[int]:
    """Each column as wide as its longest line of text, within sensible bounds."""
    widths = []
    for index, column in enumerate(table.columns):
        texts = [column.header, *(_plain(row[index]) for row in table.rows)]
        longest = max(len(line) for text in texts for line in text.split("\n"))
        widths.append(min(max(longest + 2, MIN_WIDTH), MAX_WIDTH))
    return widths


def _sheet_title(title: str) -> str:
    # Excel refuses these characters in sheet names and cuts names at 31 characters.
    return "".join(" " if char in "[]:*?/\\" else char for char in title)[:31]


def to_xlsx(tables: list[Table]) -> bytes:
    """One sheet per table: a bold, frozen header row with filters, then the rows."""
    workbook = Workbook()
    workbook.remove(workbook.active)
    bold = Font(bold=True)
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title))
        sheet.append([_cell(column.header) for column in table.columns])
        for cell in sheet[1]:
            cell.font = bold
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
        for index, (column, width) in enumerate(
            zip(table.columns, column_widths(table), strict=True), start=1
        ):
            letter = get_column_letter(index)
            sheet.column_dimensions[letter].width = width
            if column.number_format:
                for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                    cell.number_format = column.number_format
        sheet.freeze_panes = "A2"
        sheet.auto_filter.ref = sheet.dimensions
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _plain(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, float | int) and not isinstance(value, bool):
        # Numbers are ours, never formulas; only the decimal mark changes.
        return f"{value:.10g}".replace(".", CSV_DECIMAL)
    return str(value)


def to_csv(table: Table) -> bytes:
    """The table as CSV in UTF-8 with a BOM, semicolon-separated, with decimal commas."""
    stream = io.StringIO()
    writer = csv.writer(stream, delimiter=CSV_DELIMITER, lineterminator="\r\n")
    writer.writerow([safe_text(column.header) for column in table.columns])
    for row in table.rows:
        writer.writerow([safe_text(v) if isinstance(v, str) else _plain(v) for v in row])
    return stream.getvalue().encode("utf-8-sig")

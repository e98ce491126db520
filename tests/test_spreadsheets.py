"""The one writer of CSV and XLSX files: what users typed opens as text, never as a formula."""

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from awards import spreadsheets
from awards.spreadsheets import Column, Table

EVIL = '=HYPERLINK("http://evil","x")'


def table(*rows, headers=("Nominee", "Score")):
    return Table("ranking", "Ranking", tuple(Column(h) for h in headers), list(rows))


def read_csv(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


@pytest.mark.parametrize(
    "text", [EVIL, "+7 700", "-1", "@SUM(A1)", "\tx", "\rx", "\nx", "  =1+1", " @A1"]
)
def test_safe_text_quotes_what_could_be_a_formula(text):
    assert spreadsheets.safe_text(text) == "'" + text


@pytest.mark.parametrize("text", ["ТОО «Казцинк»", "1+1", "a=b", "", "'quoted"])
def test_safe_text_leaves_ordinary_text_alone(text):
    assert spreadsheets.safe_text(text) == text


def test_safe_text_drops_control_characters_before_checking():
    assert spreadsheets.safe_text("\x01=1+1") == "'=1+1"


def test_xlsx_keeps_a_formula_nominee_as_text():
    workbook = load_workbook(io.BytesIO(spreadsheets.to_xlsx([table((EVIL, 91.5))])))
    cell = workbook["Ranking"]["A2"]
    assert (cell.value, cell.data_type) == ("'" + EVIL, "s")
    assert workbook["Ranking"]["B2"].value == 91.5


def test_xlsx_has_one_sheet_per_table_with_a_bold_header_and_widths():
    second = Table("scorecards", "Scorecards: all [final]", (Column("Comment"),), [("x" * 200,)])
    workbook = load_workbook(
        io.BytesIO(spreadsheets.to_xlsx([table(("ТОО «Казцинк»", 80.0)), second]))
    )
    assert workbook.sheetnames == ["Ranking", "Scorecards  all  final "]
    sheet = workbook["Ranking"]
    assert [cell.font.bold for cell in sheet[1]] == [True, True]
    assert sheet.column_dimensions["A"].width == len("ТОО «Казцинк»") + 2
    assert workbook.worksheets[1].column_dimensions["A"].width == spreadsheets.MAX_WIDTH
    assert sheet.freeze_panes == "A2"


def test_csv_is_utf8_with_bom_semicolons_and_decimal_commas():
    content = spreadsheets.to_csv(table(("ТОО «Казцинк»; Өскемен", 91.5), ("Ulba", None)))
    assert content.startswith(b"\xef\xbb\xbf")
    assert read_csv(content) == [
        ["Nominee", "Score"], ["ТОО «Казцинк»; Өскемен", "91,5"], ["Ulba", ""],
    ]  # fmt: skip


def test_csv_neutralizes_text_but_not_negative_numbers():
    rows = read_csv(spreadsheets.to_csv(table((EVIL, -2.25), ("-x", 3))))
    assert rows[1:] == [["'" + EVIL, "-2,25"], ["'-x", "3"]]


def test_no_other_module_writes_csv_or_xlsx():
    package = Path(spreadsheets.__file__).parent
    writers = re.compile(r"csv\.(writer|DictWriter)\(|\bWorkbook\(")
    others = [
        path.relative_to(package).as_posix()
        for path in package.rglob("*.py")
        if path.name != "spreadsheets.py" and writers.search(path.read_text(encoding="utf-8"))
    ]
    assert others == []

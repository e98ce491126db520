"""The program booklet as a hall programme: a multiple of four pages for saddle stitching, every
list under its heading on each page, and the sheets an office printer folds into the booklet."""

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from awards.printing.documents import render_program, render_program_sheets
from awards.printing.imposition import saddle_stitch_order
from tests.certificates import print_shop, samples
from tests.printing.conftest import THEMES

MM = 72 / 25.4


def pages(pdf: bytes) -> list:
    return PdfReader(BytesIO(pdf)).pages


def with_nominees(count: int) -> dict:
    """The sample program whose second category has ``count`` nominees."""
    program = samples.program()
    names = [{"kk": f"Үміткер {n:02d} ЖШС", "ru": f"ТОО «Номинант {n:02d}»"} for n in range(count)]
    program["categories"][1] = {**program["categories"][1], "nominees": names}
    return program


def test_saddle_stitch_order_pairs_the_outside_pages_first():
    assert saddle_stitch_order(8) == [(8, 1), (2, 7), (6, 3), (4, 5)]
    assert saddle_stitch_order(4) == [(4, 1), (2, 3)]
    assert saddle_stitch_order(12)[:2] == [(12, 1), (2, 11)]
    for count in (0, 2, 6, 10):
        with pytest.raises(ValueError, match="multiple of 4"):
            saddle_stitch_order(count)


@pytest.mark.parametrize("nominees", [0, 30])
@pytest.mark.parametrize("theme", THEMES)
def test_every_booklet_has_a_multiple_of_four_pages(theme, nominees):
    assert len(pages(render_program(theme, with_nominees(nominees)))) % 4 == 0


@pytest.mark.parametrize("theme", THEMES)
def test_a_list_running_onto_another_page_takes_its_heading_along(theme):
    pdf = render_program(theme, with_nominees(75))

    pages_with_names = [
        n for n in range(1, len(pages(pdf)) + 1) if "Номинант" in print_shop.text(pdf, page=n)
    ]
    assert len(pages_with_names) >= 3
    for number in pages_with_names:
        text = print_shop.flat(print_shop.text(pdf, page=number))
        assert samples.SOCIAL_PARTNER["ru"] in text, f"page {number} lists names headless"


def foot_number(pdf: bytes, page: int, box: tuple[float, float, float, float]) -> str:
    left, top, width, height = box
    foot = 20 * MM
    found = print_shop.text_in(pdf, page, (left, top + height - foot, width, foot))
    return re.sub(r"\D", "", found)


@pytest.mark.parametrize("theme", THEMES)
def test_the_sheets_fold_into_the_booklet(theme):
    program = with_nominees(75)
    booklet = render_program(theme, program)
    sheets = render_program_sheets(theme, program)
    count = len(pages(booklet))

    assert count >= 8 and len(pages(sheets)) == count // 2
    for side in pages(sheets):
        assert (float(side.mediabox.width), float(side.mediabox.height)) == pytest.approx(
            (297 * MM, 210 * MM), abs=0.01
        )
    half = 297 * MM / 2
    for side, pair in enumerate(saddle_stitch_order(count), start=1):
        for number, left in zip(pair, (0, half), strict=True):
            box = (left, 0, half, 210 * MM)
            on_sheet = print_shop.flat(print_shop.text_in(sheets, side, box))
            assert on_sheet == print_shop.flat(print_shop.text(booklet, page=number)), number
            printed = foot_number(sheets, side, box)
            assert printed in ("", str(number)), (side, number, printed)
            assert printed or number in (1, count, count - 1), (side, number)

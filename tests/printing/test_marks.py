"""The print shop's copy: TrimBox, BleedBox and MediaBox on every page, and crop marks in the
slug around the bleed that nothing covers, on the plain and the fast path alike."""

from io import BytesIO

import pytest
from pypdf import PdfReader

from awards.printing.batch import combined_pdf, render_pages
from awards.printing.chunk import Options
from awards.printing.documents import render_certificates, render_program
from awards.printing.marks import BLEED_MM, MARK_LENGTH_MM, MARK_OFFSET_MM, SLUG_MM
from awards.printing.paper import paper_size
from awards.printing.qr import qr_matrix
from awards.printing.themes import load_theme
from awards.printing.values import certificate_context_without_qr
from tests.certificates import print_shop, samples
from tests.printing.conftest import THEMES

MM = 72 / 25.4
DPI = 100
OUTSIDE = BLEED_MM + SLUG_MM  # how far the media reaches past the trim


def boxes(pdf: bytes) -> list[dict[str, list[float]]]:
    """Each page's boxes in millimetres, measured from the trim's lower left corner."""
    found = []
    for page in PdfReader(BytesIO(pdf)).pages:
        trim = page.trimbox
        origin = (float(trim.left), float(trim.bottom))
        found.append({
            name: [round((float(value) - origin[i % 2]) / MM, 2) for i, value in enumerate(box)]
            for name, box in (("trim", page.trimbox), ("bleed", page.bleedbox),
                              ("media", page.mediabox))
        })  # fmt: skip
    return found


def expected_boxes(width: float, height: float) -> dict[str, list[float]]:
    def around(margin: float) -> list[float]:
        return [round(v, 2) for v in (-margin, -margin, width + margin, height + margin)]

    return {"trim": around(0), "bleed": around(BLEED_MM), "media": around(OUTSIDE)}


def px(mm: float) -> int:
    return round(mm / 25.4 * DPI)


def assert_marked_and_clean(pdf: bytes, page: int, width: float, height: float) -> None:
    """At each corner: both crop marks dark, the slug beside them and at the corner white
    (no band, frame or page colour reaching past the bleed over them)."""
    picture = print_shop.picture(pdf, page, DPI).convert("L")
    near, far = MARK_OFFSET_MM + 0.6, MARK_OFFSET_MM + MARK_LENGTH_MM - 0.6
    for corner_x, sign_x in ((OUTSIDE, -1), (OUTSIDE + width, 1)):
        for corner_y, sign_y in ((OUTSIDE, -1), (OUTSIDE + height, 1)):
            along_x = [corner_x + sign_x * d for d in (near, (near + far) / 2, far)]
            along_y = [corner_y + sign_y * d for d in (near, (near + far) / 2, far)]
            marks = [(x, corner_y) for x in along_x] + [(corner_x, y) for y in along_y]
            for x, y in marks:
                darkest = min(picture.getpixel((px(x), px(y) + d)) for d in (-1, 0, 1))
                darkest = min(darkest, *(picture.getpixel((px(x) + d, px(y))) for d in (-1, 1)))
                assert darkest < 140, f"page {page}: no crop mark at {x:.1f}, {y:.1f} mm"
            beside = [(x, corner_y + sign_y * 2) for x in along_x]
            beside += [(corner_x + sign_x * 2, y) for y in along_y]
            beside += [(corner_x + sign_x * (BLEED_MM + 0.7), corner_y + sign_y * (BLEED_MM + 0.7))]
            for x, y in beside:
                assert picture.getpixel((px(x), px(y))) > 240, (
                    f"page {page}: the slug is not white at {x:.1f}, {y:.1f} mm"
                )


def rendered(theme: str, fast: bool) -> tuple[list[bytes], bytes]:
    """Each kind of certificate for the print shop, as files and combined, by one path."""
    spec = load_theme(theme)
    certificates = [
        samples.certificate(logo=samples.LOGO, seal_image=samples.SEAL),
        samples.certificate(samples.KAZAKH_LETTERS_NAME, kind="participant", serial=2),
        samples.certificate(kind="judge_thanks", category=None, serial=3),
    ]
    contexts = [certificate_context_without_qr(c, spec, i) for i, c in enumerate(certificates)]
    options = Options(bleed=True, crop_marks=True, files=True, combined=True, fast=fast)
    chunk = render_pages(spec, contexts, [qr_matrix(c["verify_url"]) for c in contexts], options)
    assert chunk.fast == fast  # the path asked for, not a fallback
    return chunk.files, combined_pdf([chunk], [(0, page) for page in range(chunk.count)])


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
@pytest.mark.parametrize("theme", THEMES)
def test_print_shop_certificates_have_trim_bleed_and_slug_on_every_page(theme, fast):
    files, combined = rendered(theme, fast)
    size = paper_size(load_theme(theme).certificate_page_size)

    for pdf in [*files, combined]:
        assert boxes(pdf) == [expected_boxes(*size)] * len(boxes(pdf))
    assert len(boxes(combined)) == len(files) == 3


@pytest.mark.parametrize("theme", THEMES)
def test_crop_marks_lie_in_the_slug_where_nothing_covers_them(theme):
    pdf = render_certificates(theme, [samples.certificate(logo=samples.LOGO)], crop_marks=True)

    assert_marked_and_clean(pdf, 1, *paper_size(load_theme(theme).certificate_page_size))


def test_the_modern_band_bleeds_but_stops_at_the_bleed_box():
    pdf = render_certificates("modern", [samples.certificate()], crop_marks=True)
    picture = print_shop.picture(pdf, 1, DPI).convert("L")

    middle = px(OUTSIDE + 105)
    assert picture.getpixel((middle, px(OUTSIDE - BLEED_MM + 0.5))) < 100  # the band, in the bleed
    assert picture.getpixel((middle, px(OUTSIDE - BLEED_MM - 0.5))) > 240  # and not past it


@pytest.mark.parametrize("theme", THEMES)
def test_the_print_shop_booklet_has_its_boxes_and_marks_on_every_page(theme):
    pdf = render_program(theme, samples.program(), crop_marks=True)
    size = paper_size(load_theme(theme).program_page_size)

    found = boxes(pdf)
    assert len(found) % 4 == 0 and found == [expected_boxes(*size)] * len(found)
    # The cover (full-bleed teal in modern), a page of lists, the last page.
    for page in (1, 2, len(found)):
        assert_marked_and_clean(pdf, page, *size)


def test_bleed_without_marks_has_no_slug():
    pdf = render_certificates("classic", [samples.certificate()], bleed=True)
    width, height = paper_size(load_theme("classic").certificate_page_size)

    assert boxes(pdf) == [{**expected_boxes(width, height), "media": expected_boxes(
        width, height)["bleed"]}]  # fmt: skip

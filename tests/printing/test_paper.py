"""Paper sizes and @page rules read as CSS (tinycss2), not matched by patterns."""

import pytest

from awards.printing.paper import page_css, page_rule, paper_size


@pytest.mark.parametrize(
    ("page_size", "millimetres"),
    [
        ("A4 landscape", (297, 210)),
        ("A4 portrait", (210, 297)),
        ("A5", (148, 210)),
        ("letter", (215.9, 279.4)),
        ("200mm 100mm", (200, 100)),
        ("a4  Landscape", (297, 210)),  # CSS names are case-insensitive, spaces are spaces
        ("A4 /* for the frame */ landscape", (297, 210)),
        ("210.5mm 297mm", (210.5, 297)),
    ],
)
def test_paper_size_in_millimetres(page_size, millimetres):
    assert paper_size(page_size) == millimetres


@pytest.mark.parametrize(
    "page_size",
    ["A4 sideways", "B5", "210mm", "210px 297px", "0mm 297mm", "A4; } body { display: none",
     "landscape A4", "200mm 100mm landscape", ""],
)  # fmt: skip
def test_paper_size_refuses_what_is_not_a_paper(page_size):
    with pytest.raises(ValueError, match="is not like 'A4 landscape'"):
        paper_size(page_size)


def test_page_css_sets_the_size_the_bleed_and_room_for_the_marks():
    assert page_css("A5") == "@page { size: A5; }"
    assert page_css("A5", bleed=True) == "@page { size: A5; bleed: 3mm; }"
    # The slug around the bleed, where marks.py draws the marks (WeasyPrint's would lie under
    # a full-bleed band).
    assert page_css("A4 landscape", bleed=True, crop_marks=True) == (
        "@page { size: A4 landscape; bleed: 12mm; }"
    )


def test_page_rule_reads_the_declarations_of_one_named_page():
    css = """
    @page { margin: 1mm; }
    @page booklet { margin: 2mm; @bottom-center { content: counter(page); } }
    /* the sheet */
    @page certificate {
      margin: 22mm 34mm /* top and sides */ 19mm;
      background: url("data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'/>")
        no-repeat center / 297mm 210mm;
      color: red !important;
    }
    p { margin: 0; }
    """

    assert page_rule(css, "certificate") == [
        ("margin", "22mm 34mm  19mm"),
        ("background", "url(\"data:image/svg+xml;utf8,<svg xmlns='http://www.w3.org/2000/svg'/>\")"
                       "\n        no-repeat center / 297mm 210mm"),
        ("color", "red !important"),
    ]  # fmt: skip
    assert page_rule(css, "booklet") == [("margin", "2mm")]
    assert page_rule(css, "cover") == []

"""Certificates and programs as a print shop would check them: pages, fonts, text, QR codes."""

import logging
import re
from io import BytesIO

import pytest
from pypdf import PdfReader
from weasyprint.pdf import fonts as weasyprint_fonts

from awards.printing.documents import (
    render_certificate_files,
    render_certificates,
    render_program,
)
from awards.printing.errors import PageOverflowError, PrintingError
from awards.printing.prepared import clear_caches
from tests.certificates import print_shop, samples

KAZAKH_LETTERS = "ӘҒҚҢӨҰҮҺІәғқңөұүһі"
MM = 72 / 25.4


def pages(pdf: bytes) -> list:
    return PdfReader(BytesIO(pdf)).pages


def squeezed(value: str) -> str:
    """Letter-spaced capitals come out of pdftotext as "Н А Г РА Ж Д..."; compare without."""
    return re.sub(r"\s+", "", value).casefold()


def test_render_certificates_one_page_per_certificate(certificates_pdf, demo_certificates):
    assert len(pages(certificates_pdf)) == len(demo_certificates)


def test_render_certificates_embeds_only_theme_fonts(certificates_pdf):
    fonts = print_shop.fonts(certificates_pdf)

    assert len(fonts) >= 2
    for font in fonts:
        assert font["embedded"] and font["subset"] and font["unicode"], font
        assert re.fullmatch(r"[A-Z]{6}\+Awards-(Serif|Sans)(-Bold|-Italic)?", font["name"]), font


def test_render_certificates_prints_recipient_and_category_exactly(
    certificates_pdf, demo_certificates
):
    for number, certificate in enumerate(demo_certificates, start=1):
        text = print_shop.flat(print_shop.text(certificates_pdf, page=number))
        for language in ("kk", "ru"):
            assert certificate["recipient"][language] in text
            if certificate["category"]:
                assert certificate["category"][language] in text


def test_render_certificates_prints_every_kazakh_letter(certificates_pdf, demo_certificates):
    number = demo_certificates.index(
        next(c for c in demo_certificates if c["recipient"] == samples.KAZAKH_LETTERS_NAME)
    )
    text = print_shop.flat(print_shop.text(certificates_pdf, page=number + 1))

    for letter in KAZAKH_LETTERS:
        assert letter in text
    assert samples.KAZAKH_LETTERS_NAME["kk"] in text


def test_render_certificates_qr_decodes_to_verify_url(certificates_pdf, demo_certificates):
    for number in (1, len(demo_certificates)):
        url = demo_certificates[number - 1]["verify_url"]

        assert print_shop.decoded_qr_codes(certificates_pdf, number) == [url]
        assert squeezed(url) in squeezed(print_shop.text(certificates_pdf, page=number))


def test_render_certificates_kazakh_first_with_verb_last(certificates_pdf):
    text = squeezed(print_shop.text(certificates_pdf, page=1))
    kazakh = [
        squeezed(part)
        for part in (
            "Құрмет грамотасы",
            "«Қазмырыш» ЖШС",
            "Жылдың үздік меценаты",
            samples.CITATION["kk"],
            "марапатталады",
        )
    ]
    russian = [
        squeezed(part)
        for part in (
            "Почётная грамота",
            "награждается",
            "ТОО «Казцинк»",
            "в номинации «Лучший меценат года»",
            samples.CITATION["ru"],
        )
    ]

    assert [text.index(part) for part in kazakh] == sorted(text.index(p) for p in kazakh)
    assert [text.index(part) for part in russian] == sorted(text.index(p) for p in russian)
    assert text.index(kazakh[1]) < text.index(russian[2])


@pytest.mark.parametrize(
    ("kind", "titles"),
    [
        ("laureate", ("Құрмет грамотасы", "Почётная грамота")),
        ("participant", ("Қатысушы дипломы", "Диплом участника")),
        ("judge_thanks", ("Алғыс хат", "Благодарственное письмо")),
    ],
)
def test_render_certificates_title_follows_kind(kind, titles):
    pdf = render_certificates("classic", [samples.certificate(kind=kind)])

    text = squeezed(print_shop.text(pdf))
    assert all(squeezed(title) in text for title in titles)


def test_render_certificates_signatory_seal_mark_place_and_date(certificates_pdf):
    text = print_shop.flat(print_shop.text(certificates_pdf, page=1))

    for expected in (
        "Облыс әкімі",
        "Аким области",
        "Н. Сақтағанов",
        "Н. Сактаганов",
        "М.О. / М.П.",
        "Өскемен қ., 2025 жылғы 19 желтоқсан",
        "г. Усть-Каменогорск, 19 декабря 2025 г.",
        "WP-2025-0001",
    ):
        assert expected in text


@pytest.mark.parametrize("theme_name", ["classic", "modern"])
def test_render_certificates_longest_name_in_three_languages_fits_one_page(theme_name):
    certificate = samples.certificate(samples.KATON_KARAGAY, languages=["kk", "ru", "en"])

    pdf = render_certificates(theme_name, [certificate, certificate])

    assert len(pages(pdf)) == 2
    text = print_shop.flat(print_shop.text(pdf, page=1))
    assert all(samples.KATON_KARAGAY[code] in text for code in ("kk", "ru", "en"))


def test_render_certificates_text_too_long_even_in_the_smallest_type_raises():
    endless = " ".join(["Катон-Карагайский государственный национальный природный парк"] * 40)
    certificates = [
        samples.certificate(serial=1),
        samples.certificate({"kk": endless, "ru": endless}, serial=2),
    ]

    with pytest.raises(PageOverflowError, match="WP-2025-0002") as raised:
        render_certificates("classic", certificates)
    assert raised.value.indexes == [1] and raised.value.serials == ["WP-2025-0002"]


def test_render_certificates_markup_in_name_prints_as_text(caplog):
    name = '<img src="file:///etc/passwd">'
    clear_caches()  # the theme's files are fetched again, through the fetcher
    caplog.set_level(logging.DEBUG, logger="awards.printing.fetcher")

    pdf = render_certificates("classic", [samples.certificate({"kk": name, "ru": name})])

    assert squeezed(name) in squeezed(print_shop.text(pdf))  # wrapped after "/etc/"
    fetched = [record.getMessage() for record in caplog.records]
    assert any(message.endswith("/classic/theme.css") for message in fetched)
    assert not any("passwd" in message for message in fetched)


def test_render_certificates_missing_glyph_raises():
    # U+E000 is a private-use character: no font has a glyph for it.
    name = {"kk": "Қазмырыш \ue000", "ru": "Казцинк"}

    with pytest.raises(PrintingError, match=r"\.notdef glyph"):
        render_certificates("classic", [samples.certificate(name)])


def test_render_certificates_character_only_machine_fonts_have_raises():
    # PT Serif has no ◆; Pango would borrow it from a system font such as DejaVu.
    name = {"kk": "◆ Қазмырыш", "ru": "◆ Казцинк"}

    with pytest.raises(PrintingError, match="does not ship"):
        render_certificates("classic", [samples.certificate(name)])


def test_render_certificates_bleed_adds_three_millimetres_each_side():
    plain = pages(render_certificates("classic", [samples.certificate()]))[0]
    bled = pages(render_certificates("classic", [samples.certificate()], bleed=True))[0]

    assert float(plain.mediabox.width) == pytest.approx(297 * MM, abs=0.01)
    assert float(bled.mediabox.width) == pytest.approx(303 * MM, abs=0.01)
    assert float(bled.mediabox.height) == pytest.approx(216 * MM, abs=0.01)
    assert float(bled.trimbox.width) == pytest.approx(297 * MM, abs=0.01)


@pytest.mark.parametrize("name", ["../classic", "nope", "classic/../modern", ""])
def test_render_certificates_unknown_theme_raises(name):
    with pytest.raises(ValueError, match="unknown certificate theme"):
        render_certificates(name, [samples.certificate()])


def test_render_certificates_orm_object_raises_type_error():
    class Organization:
        name = "ТОО «Казцинк»"

    with pytest.raises(TypeError, match="plain values, not Organization"):
        render_certificates("classic", [samples.certificate({"kk": "x", "ru": Organization()})])


def test_render_certificates_missing_kazakh_text_raises():
    with pytest.raises(ValueError, match="recipient has no kk text"):
        render_certificates("classic", [samples.certificate({"ru": "ТОО «Казцинк»"})])


def test_render_certificates_language_theme_lacks_raises():
    with pytest.raises(ValueError, match="languages"):
        render_certificates("classic", [samples.certificate(languages=["kk", "de"])])


def test_render_certificates_image_not_data_uri_raises():
    with pytest.raises(ValueError, match="seal_image must be a data:image"):
        render_certificates("classic", [samples.certificate(seal_image="file:///etc/passwd")])


def test_harfbuzz_subsetting_is_used(certificates_pdf):
    # WeasyPrint 70 subsets each font in pdf.fonts.Font.subset with HarfBuzz when
    # libharfbuzz-subset loaded and HarfBuzz is 4.1.0 or newer; otherwise it falls back to
    # fontTools, about five times slower, and logs a warning (which the renderer refuses).
    assert weasyprint_fonts.harfbuzz_subset is not None, "install libharfbuzz-subset0"
    assert weasyprint_fonts.harfbuzz.hb_version_atleast(4, 1, 0)
    fonts = print_shop.fonts(certificates_pdf)
    assert fonts
    for font in fonts:  # "ABCDEF+Awards-Serif": a subset, as pdffonts reports it
        assert font["subset"] and re.match(r"[A-Z]{6}\+", font["name"]), font


def test_render_certificate_files_empty_list_gives_no_files():
    assert render_certificate_files("classic", []) == []


def test_render_program_cover_running_order_categories_partners(program_pdf):
    program = samples.program()
    text = print_shop.flat(print_shop.text(program_pdf))

    for expected in (
        program["title"]["kk"],
        program["title"]["ru"],
        program["venue"]["kk"],
        "2025 жылғы 19 желтоқсан",
        "19 декабря 2025 г.",
        "10:30",
        "Форумның ашылуы",
        "Открытие форума",
        samples.PATRON["kk"],
        samples.SOCIAL_PARTNER["ru"],
        samples.KATON_KARAGAY["kk"],
        samples.KATON_KARAGAY["ru"],
        "VK Development Group",
    ):
        assert expected in text


def test_render_program_numbers_pages_after_the_cover(program_pdf):
    count = len(pages(program_pdf))

    assert count >= 3
    assert not re.search(r"(?m)^\W*1\W*$", print_shop.text(program_pdf, page=1))
    for number in range(2, count + 1):
        assert re.search(rf"(?m)^\W*{number}\W*$", print_shop.text(program_pdf, page=number))


def test_render_program_a5_with_embedded_theme_fonts(program_pdf):
    first = pages(program_pdf)[0]

    assert float(first.mediabox.width) == pytest.approx(148 * MM, abs=0.01)
    assert float(first.mediabox.height) == pytest.approx(210 * MM, abs=0.01)
    assert all(font["embedded"] for font in print_shop.fonts(program_pdf))
    assert all("Awards-" in font["name"] for font in print_shop.fonts(program_pdf))


def test_render_program_missing_venue_raises():
    program = {**samples.program(), "venue": {"kk": "Өскемен қ."}}

    with pytest.raises(ValueError, match="venue has no ru text"):
        render_program("modern", program)

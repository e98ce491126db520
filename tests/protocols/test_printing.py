"""The protocol passes the certificates' print checks in both designs: every font embedded,
the Kazakh and Russian text extracted exactly, the QR code read back as its verification
address, the pages it should take and nothing past their edges. One rendering per design."""

import pytest

from awards.protocols.rendering import render_protocol
from tests.certificates import print_checks, print_shop
from tests.certificates.samples import KAZZINC, SOCIAL_PARTNERS
from tests.printing.conftest import THEMES
from tests.protocols import samples

PAGES = {"classic": 3, "modern": 3}
MM = 72 / 25.4


@pytest.fixture(scope="module", params=THEMES)
def printed(request):
    pdf = render_protocol(
        request.param, samples.content(), serial=samples.SERIAL, version=2,
        verify_url=samples.VERIFY_URL,
    )  # fmt: skip
    return request.param, pdf


def test_every_font_is_embedded_as_a_subset_with_its_unicode_map(printed):
    _theme, pdf = printed
    fonts = print_shop.fonts(pdf)
    assert fonts
    assert all(font["embedded"] and font["subset"] and font["unicode"] for font in fonts), fonts
    assert print_checks.document_problems(pdf) == []
    assert print_checks.subset_problems(pdf) == []


def test_the_qr_code_on_the_first_page_opens_the_verification_page(printed):
    _theme, pdf = printed
    assert print_shop.decoded_qr_codes(pdf, 1) == [samples.VERIFY_URL]
    assert samples.VERIFY_URL in print_shop.text(pdf, 1).split()


def test_the_protocol_takes_its_pages_each_with_the_serial_and_page_number(printed):
    theme, pdf = printed
    count = print_checks.page_count(pdf)
    assert count == PAGES[theme]
    for page in range(1, count + 1):
        text = print_shop.flat(print_shop.text(pdf, page))
        assert f"№ {samples.SERIAL}" in text
        assert f"{page} / {count}" in text


def test_nothing_runs_past_the_page_margins(printed):
    _theme, pdf = printed
    for page in range(1, print_checks.page_count(pdf) + 1):
        (width, height), words = print_shop.words(pdf, page)
        for text, left, top, right, bottom in words:
            assert left >= 10 * MM and right <= width - 10 * MM, (page, text)
            # The foot (serial, page number) sits in the bottom margin, 5 mm clear of the edge.
            assert top >= 10 * MM and bottom <= height - 5 * MM, (page, text)


def _text(pdf: bytes) -> str:
    return print_shop.flat(print_shop.text(pdf))


def test_the_kazakh_and_russian_words_are_extracted_exactly(printed):
    _theme, pdf = printed
    text = _text(pdf)
    for phrase in (
        "ҚАЗЫЛАР АЛҚАСЫ ОТЫРЫСЫНЫҢ ХАТТАМАСЫ", "ПРОТОКОЛ ЗАСЕДАНИЯ ЖЮРИ",
        "2025 жылғы 12 желтоқсан, 15:00", "12 декабря 2025 г., 15:00",
        "Қазылар алқасының 5 мүшесінің 4 мүшесі қатысты.", "Присутствовали 4 из 5 членов жюри.",
        "«Жылдың үздік меценаты» номинациясы бойынша лауреаттарды анықтау",
        "Определение лауреатов в номинации «Лучший меценат года»",
        "Алғашқы орындар тым жақын", "Первые места слишком близки",
        samples.REASON, samples.DISSENT, "Қарсы / Против: Петрова Анна Владимировна",
        "2-нұсқа", "версия 2",
    ):  # fmt: skip
        assert phrase in text, phrase
    for name in (KAZZINC, *SOCIAL_PARTNERS):
        assert name["kk"] in text and name["ru"] in text, name


def test_every_juror_has_a_signature_line_and_the_absent_one_is_marked(printed):
    _theme, pdf = printed
    last = print_checks.page_count(pdf)
    signatures = print_shop.flat(print_shop.text(pdf, last))
    signatures = signatures[signatures.index("Қолдар / Подписи") :]
    assert signatures.count("қолы / подпись") == 4
    assert "Қазылар алқасының төрағасы Председатель жюри" in signatures
    assert signatures.count("Қазылар алқасының мүшесі Член жюри") == 4
    assert "қатыспады / отсутствовал(а)" in signatures
    for juror in samples.JURORS:
        assert juror["name"] in signatures

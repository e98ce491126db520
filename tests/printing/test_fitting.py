"""Every certificate on one page, whatever it prints: each theme × kind × English on or off ×
one or two signatories × signatory titles of one to three lines × names from two letters to
200 characters or one unbroken 60-letter word; no word printed over another, none outside its
column; and what cannot fit even in the smallest type refused, naming the field."""

import itertools
from io import BytesIO

import pytest
from pypdf import PdfReader

from awards.operations.demo_texts import DEMO_SIGNATORY, EDUCATION_DEPARTMENT
from awards.printing.documents import overflowing_fields, render_certificate_files
from awards.printing.errors import PageOverflowError
from awards.printing.themes import load_theme
from tests.certificates import print_shop, samples
from tests.printing.conftest import THEMES

MM = 72 / 25.4
KINDS = ("laureate", "participant", "judge_thanks")
LANGUAGES = {"kk-ru": ["kk", "ru"], "kk-ru-en": ["kk", "ru", "en"]}
# The demo's head of department prints on two lines in the narrowest theme; a deputy's title
# on three.
DEPUTY = {
    "name": {"kk": "Әйгерім Нұрланқызы Сейітқазиева", "ru": "Айгерим Нурлановна Сеитказиева",
             "en": "Aigerim Nurlanovna Seitkaziyeva"},
    "title": {"kk": "Шығыс Қазақстан облысы білім басқармасы басшысының тәрбие жұмысы жөніндегі "
                    "орынбасары",
              "ru": "Заместитель руководителя управления образования Восточно-Казахстанской "
                    "области по воспитательной работе",
              "en": "Deputy Head of the Education Department of East Kazakhstan Region for "
                    "Upbringing and Youth Work"},
}  # fmt: skip
TITLES = {"one-line": samples.GOVERNOR, "demo": DEMO_SIGNATORY, "three-lines": DEPUTY}
# A school's official name, cut at the longest a printed name may be.
LONG_NAME = {
    "kk": "Шығыс Қазақстан облысы білім басқармасының Өскемен қаласы бойынша білім бөлімінің "
          "«Абай Құнанбайұлы атындағы №12 жалпы білім беретін мектеп-гимназиясы» коммуналдық "
          "мемлекеттік мекемесі және оның филиалдары",
    "ru": "Коммунальное государственное учреждение «Общеобразовательная школа-гимназия №12 "
          "имени Абая Кунанбаева» отдела образования по городу Усть-Каменогорску управления "
          "образования Восточно-Казахстанской области",
    "en": "Municipal State Institution “Abai Kunanbayev Comprehensive School-Gymnasium No. 12” "
          "of the Ust-Kamenogorsk City Education Office of the Education Department of East "
          "Kazakhstan Region and its branches",
}  # fmt: skip
LONG_NAME = {code: (name * 2)[:200].strip() for code, name in LONG_NAME.items()}
# One word, no space to break at: each language's its own letter, to find its pieces.
WORD_LETTERS = {"kk": "Ә", "ru": "Ж", "en": "W"}
NAMES = {
    "short": {"kk": "Ли", "ru": "Ли", "en": "Li"},
    "200-characters": LONG_NAME,
    "one-word": {code: letter * 60 for code, letter in WORD_LETTERS.items()},
}


def case(
    kind: str, languages: str, signatories: int, titles: str, name: str, degree: int | None = None
) -> dict:
    signatory = {**TITLES[titles], "signature_image": samples.SIGNATURE}
    second = {**samples.GOVERNOR, "signature_image": samples.SIGNATURE}
    extra = {"category": None, "citation": samples.JUDGE_CITATION} if kind == "judge_thanks" else {}
    if degree:
        extra["degree"] = degree
    return samples.certificate(
        NAMES[name], kind=kind, languages=LANGUAGES[languages],
        signatories=[signatory, second][:signatories], logo=samples.LOGO,
        seal_image=samples.SEAL, **extra,
    )  # fmt: skip


# English × signatories × titles × names in full, each kind in turn (they differ in their fixed
# words only), and every kind with the most of everything.
CASES = list(dict.fromkeys([
    *((KINDS[number % len(KINDS)], *combination)
      for number, combination in enumerate(itertools.product(LANGUAGES, (1, 2), TITLES, NAMES))),
    *((kind, languages, 2, "three-lines", name)
      for kind in KINDS for languages in LANGUAGES for name in ("200-characters", "one-word")),
    # A laureate's degree ("Диплом III степени") is one more line: with the most of the rest.
    *(("laureate", languages, 2, "three-lines", "200-characters", 3) for languages in LANGUAGES),
]))  # fmt: skip


@pytest.fixture(scope="module", params=THEMES)
def matrix(request):
    """Every case in one theme, rendered as the issuing does (a file each)."""
    certificates = [
        {**case(*combination), "serial": f"WP-2025-{number:04d}"}
        for number, combination in enumerate(CASES, start=1)
    ]
    files = render_certificate_files(request.param, certificates, workers=1)
    return request.param, dict(zip(CASES, files, strict=True))


def overlapping(words: list[tuple]) -> list[tuple]:
    """Pairs of words whose glyphs would touch: boxes taken a fifth of their height in from
    top and bottom (pdftotext's boxes are the fonts' full ascent and descent)."""

    def core(word):
        text, left, top, right, bottom = word
        inset = (bottom - top) / 5
        return left, top + inset, right, bottom - inset

    pairs = []
    for first, second in itertools.combinations(words, 2):
        a, b = core(first), core(second)
        if min(a[2], b[2]) - max(a[0], b[0]) > 0.3 and min(a[3], b[3]) - max(a[1], b[1]) > 0.3:
            pairs.append((first[0], second[0]))
    return pairs


def columns(theme: str, languages: list[str]) -> dict[str, tuple[float, float]]:
    """Where each language's name may print, in points from the left edge."""
    if theme == "classic":  # side by side between the page margins, 6 mm padding each
        width = (297 - 2 * 34) / len(languages)
        return {code: ((34 + i * width) * MM, (34 + (i + 1) * width) * MM)
                for i, code in enumerate(languages)}  # fmt: skip
    return dict.fromkeys(languages, (26 * MM, (210 - 26) * MM))  # one above the other


@pytest.mark.parametrize("combination", CASES, ids=lambda c: "-".join(map(str, c)))
def test_certificate_fits_one_page_with_no_words_overlapping(matrix, combination):
    theme, files = matrix
    pdf = files[combination]
    assert len(PdfReader(BytesIO(pdf)).pages) == 1
    (width, height), words = print_shop.words(pdf)
    assert overlapping(words) == []
    assert all(w[1] > 0 and w[2] > 0 and w[3] < width and w[4] < height for w in words)
    languages = LANGUAGES[combination[1]]
    if combination[-1] == "one-word":
        for code, (left, right) in columns(theme, languages).items():
            pieces = [w for w in words if w[0] and set(w[0]) == {WORD_LETTERS[code]}]
            assert sum(len(w[0]) for w in pieces) == 60, code
            assert all(left - 1 <= w[1] and w[3] <= right + 1 for w in pieces), code


@pytest.mark.parametrize("theme", THEMES)
def test_a_laureates_degree_prints_in_kazakh_and_russian(theme):
    certificates = [case("laureate", languages, 1, "demo", "short", 2) for languages in LANGUAGES]
    for number, certificate in enumerate(certificates, start=1):
        certificate["serial"] = f"WP-2025-{number:04d}"
    for pdf in render_certificate_files(theme, certificates, workers=1):
        assert len(PdfReader(BytesIO(pdf)).pages) == 1
        text = print_shop.flat(print_shop.text(pdf))
        assert "II дәрежелі диплом" in text and "Диплом II степени" in text
        assert text.index("II дәрежелі диплом") < text.index("Диплом II степени")


@pytest.mark.parametrize("theme", THEMES)
def test_demo_signatory_with_english_fits_every_kind(theme):
    """The issue as filed: the demo's signatory, English on, «Ли»: one page each."""
    certificates = [case(kind, "kk-ru-en", 1, "demo", "short") for kind in KINDS]
    for number, certificate in enumerate(certificates, start=1):
        certificate["serial"] = f"WP-2025-{number:04d}"
    files = render_certificate_files(theme, certificates, workers=1)
    assert [len(PdfReader(BytesIO(pdf)).pages) for pdf in files] == [1, 1, 1]
    text = print_shop.flat(print_shop.text(files[0]))
    for code in ("kk", "ru", "en"):
        assert DEMO_SIGNATORY["title"][code] in text
        assert EDUCATION_DEPARTMENT[code].upper() in text


@pytest.mark.parametrize("theme", THEMES)
def test_name_too_long_even_in_smallest_type_is_refused_naming_it(theme):
    name = {code: ("Қазақстан Республикасы " * 40)[:900] for code in ("kk", "ru", "en")}
    certificate = case("laureate", "kk-ru-en", 2, "three-lines", "short")
    certificate["recipient"] = name
    with pytest.raises(PageOverflowError) as raised:
        render_certificate_files(theme, [certificate], workers=1)
    assert raised.value.serials == [certificate["serial"]]
    assert overflowing_fields(load_theme(theme), certificate) == ["recipient"]


@pytest.mark.parametrize("theme", THEMES)
def test_signatory_title_too_long_is_refused_naming_it(theme):
    certificate = case("participant", "kk-ru-en", 2, "three-lines", "short")
    # the longest the settings take, in each language
    titles = [{code: (f"{code}{n} басқарма басшысының орынбасары " * 20)[:300]
               for code in ("kk", "ru", "en")} for n in (1, 2)]  # fmt: skip
    certificate["signatories"] = [
        {**signatory, "title": title}
        for signatory, title in zip(certificate["signatories"], titles, strict=True)
    ]
    with pytest.raises(PageOverflowError):
        render_certificate_files(theme, [certificate], workers=1)
    assert overflowing_fields(load_theme(theme), certificate) == ["signatories"]


@pytest.fixture(scope="module")
def demo_pdfs():
    """A laureate's certificate with the demo's signatory and English, in each theme."""
    made = {}
    for theme in THEMES:
        certificates = [case("laureate", "kk-ru-en", 1, "demo", "short")]
        made[theme] = render_certificate_files(theme, certificates, workers=1)
    return made


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("raw", [True, False], ids=["raw", "layout"])
def test_letter_spaced_capitals_extract_as_words(demo_pdfs, theme, raw):
    text = print_shop.text(demo_pdfs[theme][0], raw=raw)
    for words in ("ҚҰРМЕТ ГРАМОТАСЫ", "ПОЧЁТНАЯ ГРАМОТА", "CERTIFICATE OF HONOUR",
                  "НАГРАЖДАЕТСЯ", "IS PRESENTED TO", "МАРАПАТТАЛАДЫ"):  # fmt: skip
        assert words in text


@pytest.mark.parametrize("theme", THEMES)
def test_the_award_text_extracts_one_language_after_the_other(demo_pdfs, theme):
    text = print_shop.flat(print_shop.text(demo_pdfs[theme][0]))
    kazakh = text.index(print_shop.flat(samples.CITATION["kk"]))
    russian = text.index(print_shop.flat(samples.CITATION["ru"]))
    english = text.index(print_shop.flat(samples.CITATION["en"]))
    assert kazakh < text.index("МАРАПАТТАЛАДЫ") < text.index("НАГРАЖДАЕТСЯ") < russian
    assert russian < text.index("IS PRESENTED TO") < english


@pytest.mark.parametrize("theme", THEMES)
def test_no_citation_ends_with_a_word_alone_on_its_line(demo_pdfs, theme):
    lines = print_shop.text(demo_pdfs[theme][0]).splitlines()
    for citation in samples.CITATION.values():
        last = citation.split()[-1]
        (line,) = [line for line in lines if line.strip().endswith(last)]
        assert len(line.split()) > 1, line


def test_a_signatory_title_takes_a_line_a_language_in_modern(demo_pdfs):
    _, words = print_shop.words(demo_pdfs["modern"][0])
    for title in DEMO_SIGNATORY["title"].values():
        first, last = title.split()[0], title.split()[-1]
        tops = {round(w[2]) for w in words if w[0] in (first, last)}
        assert len(tops) == 1, title

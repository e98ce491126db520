"""The fast path held to the plain path: every theme, each kind of certificate, with and without
bleed, crop marks and English, pixel for pixel and word for word, as a file each and combined.

Nothing is masked: serials, verification addresses and dates are fixed."""

import pytest
from PIL import ImageChops

from awards.printing.batch import combined_pdf, render_pages
from awards.printing.chunk import Options
from awards.printing.qr import qr_matrix
from awards.printing.themes import load_theme
from awards.printing.values import certificate_context_without_qr
from tests.certificates import print_shop, samples
from tests.printing.conftest import THEMES

# What a theme is asked to print: plain, with 3 mm of bleed, and the print shop's copy.
PAPER = {
    "trimmed": {"bleed": False, "crop_marks": False},
    "bleed": {"bleed": True, "crop_marks": False},
    "print-shop": {"bleed": True, "crop_marks": True},
}


def every_kind(languages: list[str]) -> list[dict]:
    """A laureate with the pictures, a participant with every Kazakh letter, a judge's letter
    opening with a salutation."""
    signatory = {**samples.GOVERNOR, "signature_image": samples.SIGNATURE}
    # Neither theme fits a logo over three languages of the demo organizer on one page (so
    # the organizer cannot be given both yet): the logo only where it fits.
    logo = samples.LOGO if len(languages) == 2 else None
    return [
        samples.certificate(
            logo=logo, seal_image=samples.SEAL, signatories=[signatory], languages=languages
        ),
        samples.certificate(
            samples.KAZAKH_LETTERS_NAME, kind="participant", category=samples.SOCIAL_PARTNER,
            citation=samples.PARTNER_CITATION, serial=2, languages=languages,
        ),
        samples.certificate(
            {"kk": "Гүлнар Төлеуова", "ru": "Гүлнар Төлеуова", "en": "Gulnar Toleuova"},
            kind="judge_thanks", category=None, citation=samples.JUDGE_CITATION, serial=3,
            languages=languages, salutation={"kk": "Құрметті Гүлнар Төлеуқызы!",
                                             "ru": "Уважаемая Гүлнар Төлеуовна!",
                                             "en": "Dear Ms Toleuova,"},
        ),
    ]  # fmt: skip


def rendered(theme: str, certificates: list[dict], options: Options):
    spec = load_theme(theme)
    contexts = [certificate_context_without_qr(c, spec, i) for i, c in enumerate(certificates)]
    chunk = render_pages(spec, contexts, [qr_matrix(c["verify_url"]) for c in contexts], options)
    assert chunk.fast == options.fast  # the path asked for, not a fallback
    return chunk.files, combined_pdf([chunk], [(0, page) for page in range(chunk.count)])


def assert_same_page(fast: bytes, plain: bytes, page: int, where: str) -> None:
    difference = ImageChops.difference(
        print_shop.picture(fast, page), print_shop.picture(plain, page)
    )
    assert difference.getbbox() is None, f"{where}: differs in {difference.getbbox()}"
    assert print_shop.text(fast, page) == print_shop.text(plain, page), where


@pytest.mark.parametrize("english", [False, True], ids=["kk-ru", "kk-ru-en"])
@pytest.mark.parametrize("paper", PAPER)
@pytest.mark.parametrize("theme", THEMES)
def test_the_fast_path_prints_what_the_plain_path_prints(theme, paper, english):
    certificates = every_kind(["kk", "ru", "en"] if english else ["kk", "ru"])
    options = {**PAPER[paper], "files": True, "combined": True}

    fast_files, fast_combined = rendered(theme, certificates, Options(**options))
    plain_files, plain_combined = rendered(theme, certificates, Options(**options, fast=False))

    kinds = [certificate["kind"] for certificate in certificates]
    assert len(fast_files) == len(plain_files) == len(kinds)
    for kind, fast, plain in zip(kinds, fast_files, plain_files, strict=True):
        assert_same_page(fast, plain, 1, f"{kind}'s file")
    for page, kind in enumerate(kinds, start=1):
        assert_same_page(fast_combined, plain_combined, page, f"{kind} in the combined PDF")
    if english:
        assert "Dear Ms Toleuova," in print_shop.text(plain_combined, 3)

"""The verification address under the QR code: printed whole on one line (a line broken at its
hyphen reads as hyphenation and is typed wrong), the same address the QR code holds."""

import pytest

from awards.printing.documents import render_certificates
from awards.printing.errors import PrintingError
from awards.printing.themes import load_theme
from awards.printing.values import VERIFY_URL_SIZES, verify_url_size
from tests.certificates import print_checks, samples

OLD_TOKEN = "C-CagtI1x_9sQ2kLmN3pQrS4tUvW5xYz"  # secrets.token_urlsafe(24), issued before
NEW_TOKEN = "k7mq2xw9drt4hp8ncv3z"


@pytest.mark.parametrize(
    "url",
    [
        f"https://awards.example.kz/verify/{NEW_TOKEN}",
        f"https://awards.edu.vko.gov.kz/verify/{NEW_TOKEN}",
        f"https://vko.kz/verify/{OLD_TOKEN}",  # a hyphen and an underscore: never a break
    ],
)
def test_the_address_prints_whole_on_one_line_and_equals_the_qr_code(theme, url):
    certificate = samples.certificate(logo=samples.LOGO, seal_image=samples.SEAL)
    pdf = render_certificates(theme, [{**certificate, "verify_url": url}])
    assert print_checks.verification_problems(pdf, 1) == []


def test_a_shorter_address_prints_larger(theme):
    spec = load_theme(theme)
    short = verify_url_size(f"https://vko.kz/verify/{NEW_TOKEN}", spec)
    longer = verify_url_size(f"https://awards.edu.vko.gov.kz/verify/{NEW_TOKEN}", spec)
    assert VERIFY_URL_SIZES[0] >= short > longer >= VERIFY_URL_SIZES[-1]


def test_an_address_too_long_for_one_line_is_refused_before_printing(theme):
    url = f"https://certificates.awards.east-kazakhstan-region.example.kz/verify/{OLD_TOKEN}"
    certificate = {**samples.certificate(), "verify_url": url}
    with pytest.raises(PrintingError, match="too long for one line"):
        render_certificates(theme, [certificate])

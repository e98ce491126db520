"""Fixtures: the 2025 ceremony's certificates and program, rendered once per theme per session."""

import pytest

from awards.certificates.rendering import render_certificates, render_program
from tests.certificates import samples

THEMES = ["classic", "modern"]


@pytest.fixture(scope="session", params=THEMES)
def theme(request):
    return request.param


@pytest.fixture(scope="session")
def demo_certificates():
    """Every laureate named at the ceremony, plus a participant with every Kazakh letter and a
    judge's letter of thanks."""
    return [
        samples.certificate(logo=samples.LOGO, seal_image=samples.SEAL),
        *samples.social_partner_certificates(),
        samples.certificate(samples.KAZAKH_LETTERS_NAME, kind="participant", serial=90),
        samples.certificate(
            {"kk": "Гүлнар Төлеуова", "ru": "Гүлнар Төлеуова"},
            kind="judge_thanks",
            category=None,
            citation=samples.JUDGE_CITATION,
            serial=91,
        ),
    ]


@pytest.fixture(scope="session")
def certificates_pdf(theme, demo_certificates):
    return render_certificates(theme, demo_certificates)


@pytest.fixture(scope="session")
def program_pdf(theme):
    return render_program(theme, samples.program())

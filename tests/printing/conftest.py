"""Fixtures: the 2025 ceremony's certificates and program, rendered once per theme per session,
and folders of themes of one's own."""

import shutil
from pathlib import Path

import pytest

from awards.printing.documents import render_certificates, render_program
from awards.printing.themes import THEMES_DIR, available_themes
from tests import databases
from tests.certificates import samples

HERE = Path(__file__).parent


def pytest_collection_modifyitems(config, items):
    """The print engine reads no database (import-linter holds it to that): on the PostgreSQL
    pass its tests would only repeat the SQLite pass, so they run once."""
    if not databases.SERVER_URL:
        return
    once = pytest.mark.skip(reason="the print engine reads no database: run on the SQLite pass")
    for item in items:
        if HERE in item.path.parents:
            item.add_marker(once)


THEMES = [theme.name for theme in available_themes()]


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


@pytest.fixture
def themes_folder(tmp_path):
    """A folder of themes of one's own: the shared fonts and wording, and ``add(name, …)`` to put
    in a copy of the classic theme with more CSS or theme.toml (the renderer loads files from its
    theme's folder of themes only, so these are copies, not links)."""
    root = tmp_path / "certificates"
    root.mkdir()
    shutil.copytree(THEMES_DIR / "fonts", root / "fonts")
    shutil.copy(THEMES_DIR / "wording.toml", root / "wording.toml")

    def add(name: str, *, css: str = "", toml: str = "") -> Path:
        shutil.copytree(THEMES_DIR / "classic", root / name)
        with (root / name / "theme.css").open("a", encoding="utf-8") as stylesheet:
            stylesheet.write(css)
        with (root / name / "theme.toml").open("a", encoding="utf-8") as meta:
            meta.write(toml)
        return root

    return add

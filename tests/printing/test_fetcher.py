"""The URL fetcher: theme files and data: URIs only; WeasyPrint's complaints become errors."""

import logging
import socket

import pytest
from weasyprint import CSS, HTML

from awards.printing.errors import PrintingError
from awards.printing.fetcher import ForbiddenURLError, ThemeURLFetcher, strict_weasyprint
from awards.printing.themes import THEMES_DIR


@pytest.fixture
def sandbox(tmp_path):
    """A certificates folder with one theme, a file next to it outside, and a symlink out."""
    root = tmp_path / "certificates"
    (root / "theme").mkdir(parents=True)
    (root / "shared.css").write_text("p { color: #123456; }")
    (tmp_path / "outside.css").write_text("p { color: red; }")
    (root / "theme" / "escape.css").symlink_to(tmp_path / "outside.css")
    return root


def test_fetcher_refuses_etc_passwd():
    with pytest.raises(ForbiddenURLError):
        ThemeURLFetcher().fetch("file:///etc/passwd")


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:1/",
        "https://awards.example.kz/logo.png",
        "ftp://127.0.0.1/logo.png",
        "file://127.0.0.1/etc/passwd",
        "gopher://127.0.0.1/",
        "//127.0.0.1/logo.png",
    ],
)
def test_fetcher_refuses_other_schemes_and_hosts(url):
    with pytest.raises(ForbiddenURLError):
        ThemeURLFetcher().fetch(url)


def test_fetcher_refuses_http_without_connecting():
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        server.setblocking(False)
        port = server.getsockname()[1]

        with pytest.raises(ForbiddenURLError):
            ThemeURLFetcher().fetch(f"http://127.0.0.1:{port}/logo.png")
        with pytest.raises(BlockingIOError):
            server.accept()


@pytest.mark.parametrize(
    "relative",
    ["classic/../../config.py", "classic/%2e%2e/%2e%2e/config.py", "../etc/passwd"],
)
def test_fetcher_refuses_dot_dot_escape(relative):
    with pytest.raises(ForbiddenURLError):
        ThemeURLFetcher().fetch(f"{THEMES_DIR.as_uri()}/{relative}")


def test_fetcher_refuses_symlink_out_of_root(sandbox):
    with pytest.raises(ForbiddenURLError):
        ThemeURLFetcher(sandbox).fetch((sandbox / "theme" / "escape.css").as_uri())


@pytest.mark.parametrize("name", ["classic/theme.toml", "classic/certificate.html", "README.md"])
def test_fetcher_refuses_files_that_are_not_theme_resources(name):
    with pytest.raises(ForbiddenURLError):
        ThemeURLFetcher().fetch((THEMES_DIR / name).as_uri())


def test_fetcher_serves_fonts_through_dot_dot_inside_root():
    url = f"{THEMES_DIR.as_uri()}/classic/../fonts/PTSerif-Regular.ttf"

    response = ThemeURLFetcher().fetch(url)

    assert response.content_type == "font/ttf"
    assert response.read() == (THEMES_DIR / "fonts" / "PTSerif-Regular.ttf").read_bytes()


def test_fetcher_serves_data_uri():
    response = ThemeURLFetcher().fetch("data:text/css,p%20%7B%7D")

    assert response.read() == b"p {}"


def test_css_import_of_outside_file_stops_rendering(sandbox):
    (sandbox / "theme" / "theme.css").write_text('@import url("../../outside.css");')
    html = HTML(
        string='<link rel="stylesheet" href="theme.css"><p>Қазмырыш</p>',
        base_url=f"{sandbox / 'theme'}/",
        url_fetcher=ThemeURLFetcher(sandbox),
    )

    with pytest.raises(PrintingError) as raised, strict_weasyprint():
        html.write_pdf()
    assert isinstance(raised.value.__cause__, ForbiddenURLError)


def test_css_import_of_etc_passwd_stops_rendering():
    fetcher = ThemeURLFetcher()

    with pytest.raises(PrintingError) as raised, strict_weasyprint():
        CSS(string='@import url("file:///etc/passwd");', url_fetcher=fetcher)
    assert isinstance(raised.value.__cause__, ForbiddenURLError)


def test_css_import_inside_root_is_allowed(sandbox, caplog):
    caplog.set_level(logging.DEBUG, logger="awards.printing.fetcher")
    (sandbox / "theme" / "theme.css").write_text('@import url("../shared.css");')
    html = HTML(
        string='<link rel="stylesheet" href="theme.css"><p></p>',
        base_url=f"{sandbox / 'theme'}/",
        url_fetcher=ThemeURLFetcher(sandbox),
    )

    with strict_weasyprint():
        html.write_pdf()

    assert any(r.getMessage().endswith("/shared.css") for r in caplog.records)


def test_strict_weasyprint_turns_warnings_into_errors():
    with pytest.raises(PrintingError, match="colour"), strict_weasyprint():
        HTML(string="<p style='colour: red'>x</p>", url_fetcher=ThemeURLFetcher()).render()

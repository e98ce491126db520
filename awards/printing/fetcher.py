"""WeasyPrint locked down: it reads theme files and data: URIs only (the URL fetcher), and its
warnings are errors."""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from awards.printing.errors import PrintingError
from awards.printing.themes import THEMES_DIR

# Only what a theme needs; anything else (a README, theme.toml, a template) is refused.
CONTENT_TYPES = {
    ".css": "text/css",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}

logger = logging.getLogger(__name__)


class ForbiddenURLError(ValueError):
    """A template, stylesheet or image asked for something outside its folder of themes."""


class ThemeURLFetcher(URLFetcher):
    """Serve files under ``root`` (after resolving ``..`` and symlinks) and data: URIs.

    Every other URL raises ForbiddenURLError: http, https, ftp, file outside ``root``. With
    ``fail_on_errors`` WeasyPrint stops the rendering instead of printing a page without the
    resource, so a refusal never goes unnoticed.
    """

    def __init__(self, root: Path = THEMES_DIR):
        super().__init__(
            timeout=1, allowed_protocols={"data"}, allow_redirects=False, fail_on_errors=True
        )
        self.root = Path(root).resolve()

    def fetch(self, url, headers=None):
        scheme = url.partition(":")[0].lower()
        if scheme == "data":
            logger.debug("fetching a data: URI")
            return super().fetch(url, headers)
        if scheme == "file":
            return self._fetch_file(url)
        raise ForbiddenURLError(f"certificates may not load {url!r}")

    def _fetch_file(self, url: str) -> URLFetcherResponse:
        path = self.local_path(url)
        logger.debug("fetching %s", path)
        return URLFetcherResponse(
            url=path.as_uri(),
            body=path.read_bytes(),
            headers={"Content-Type": CONTENT_TYPES[path.suffix.lower()]},
        )

    def local_path(self, url: str) -> Path:
        """The real path of a file: URL, if it is a theme file under ``root``; else raise."""
        parts = urlsplit(url)
        # A host in a file: URL makes urllib fall back to FTP; only the local machine is allowed.
        if parts.netloc not in ("", "localhost"):
            raise ForbiddenURLError(f"certificates may not load {url!r}")
        path = Path(url2pathname(parts.path)).resolve()
        if not path.is_relative_to(self.root) or not path.is_file():
            raise ForbiddenURLError(f"certificates may not load {url!r}: not a file in {self.root}")
        if path.suffix.lower() not in CONTENT_TYPES:
            raise ForbiddenURLError(f"certificates may not load {url!r}: not a theme resource")
        return path


class _WeasyPrintProblems(logging.Handler):
    """Collects this thread's WeasyPrint warnings: a missing glyph, a bad CSS rule."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and record.getMessage() not in self.messages:
            self.messages.append(record.getMessage())


@contextmanager
def strict_weasyprint() -> Iterator[None]:
    """Turn WeasyPrint's warnings and refused fetches into PrintingError.

    WeasyPrint logs what it cannot do and carries on; a certificate with a .notdef box instead
    of "Ә", or without its seal, must not reach the stage.
    """
    problems = _WeasyPrintProblems()
    weasyprint_logger = logging.getLogger("weasyprint")
    weasyprint_logger.addHandler(problems)
    try:
        yield
    except FatalURLFetchingError as error:
        raise PrintingError(f"{error}: {error.__cause__}") from error.__cause__
    finally:
        weasyprint_logger.removeHandler(problems)
    if problems.messages:
        raise PrintingError("WeasyPrint: " + "; ".join(problems.messages))

"""What a print shop runs on a PDF before printing it: poppler's pdffonts, pdftotext, pdftoppm
and zbar's zbarimg, called on real files."""

import html
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from PIL import Image


def _tool(name: str) -> str:
    path = shutil.which(name)
    assert path, f"{name} is missing: `make test-system-deps` installs poppler-utils and zbar-tools"
    return path


def _run(*args: str) -> str:
    # Fixed programs found with shutil.which and file names we made: no shell, no user input.
    result = subprocess.run(args, capture_output=True, check=True, text=True)  # noqa: S603
    return result.stdout


def _with_file(pdf: bytes, work):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "document.pdf"
        path.write_bytes(pdf)
        return work(path)


def fonts(pdf: bytes) -> list[dict]:
    """pdffonts' table: one dict per font with name, type, embedded, subset and unicode."""
    output = _with_file(pdf, lambda path: _run(_tool("pdffonts"), str(path)))
    rows = output.splitlines()[2:]
    return [
        dict(zip(("name", "embedded", "subset", "unicode"), _font_row(row), strict=True))
        for row in rows
    ]


def info(pdf: bytes) -> dict[str, str]:
    """pdfinfo's lines (Pages, Page size, ...) as a dict."""
    output = _with_file(pdf, lambda path: _run(_tool("pdfinfo"), str(path)))
    pairs = (line.split(":", 1) for line in output.splitlines() if ":" in line)
    return {key.strip(): value.strip() for key, value in pairs}


def _font_row(row: str) -> tuple[str, bool, bool, bool]:
    # The name has no spaces; the yes/no flags are the three columns before the object id.
    parts = row.split()
    flags = [flag == "yes" for flag in parts[-5:-2]]
    return (parts[0], *flags)


def text(pdf: bytes, page: int | None = None, *, raw: bool = True) -> str:
    """pdftotext in content-stream order (a language column stays in one piece), or with
    ``raw=False`` as laid out on the page (pdftotext's default)."""
    options = ["-f", str(page), "-l", str(page)] if page else []
    options += ["-raw"] if raw else []
    return _with_file(pdf, lambda path: _run(_tool("pdftotext"), *options, str(path), "-"))


def text_in(pdf: bytes, page: int, box: tuple[float, float, float, float]) -> str:
    """pdftotext of the part of ``page`` in ``box``: left, top, width, height in points."""
    x, y, width, height = (str(round(value)) for value in box)
    return _with_file(pdf, lambda path: _run(
        _tool("pdftotext"), "-raw", "-r", "72", "-f", str(page), "-l", str(page), "-x", x, "-y", y,
        "-W", width, "-H", height, str(path), "-",
    ))  # fmt: skip


def flat(value: str) -> str:
    """Whitespace as one space; a line broken after a hyphen joined again."""
    return re.sub(r"\s+", " ", re.sub(r"-\s*\n\s*", "-", value)).strip()


def decoded_qr_codes(pdf: bytes, page: int) -> list[str]:
    """The QR codes zbarimg reads from ``page`` rendered at 200 dpi, as a phone would see it."""

    def scan(path: Path) -> list[str]:
        prefix = path.with_name("page")
        _run(_tool("pdftoppm"), "-r", "200", "-png", "-f", str(page), "-l", str(page),
             "-singlefile", str(path), str(prefix))  # fmt: skip
        return _run(_tool("zbarimg"), "--raw", "-q", str(prefix.with_suffix(".png"))).split()

    return _with_file(pdf, scan)


def picture(pdf: bytes, page: int, dpi: int = 60) -> Image.Image:
    """``page`` as pdftoppm renders it at ``dpi``, to compare pixel by pixel."""

    def render(path: Path) -> Image.Image:
        prefix = path.with_name("picture")
        _run(_tool("pdftoppm"), "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
             "-singlefile", str(path), str(prefix))  # fmt: skip
        with Image.open(prefix.with_suffix(".png")) as image:
            return image.convert("RGB")

    return _with_file(pdf, render)


def words(pdf: bytes, page: int = 1) -> tuple[tuple[float, float], list[tuple]]:
    """The page's size and each word pdftotext -bbox-layout finds on it, as (text, x_min,
    y_min, x_max, y_max) in points from the top left."""
    output = _with_file(
        pdf,
        lambda path: _run(_tool("pdftotext"), "-bbox-layout", "-f", str(page), "-l", str(page),
                          str(path), "-"),
    )  # fmt: skip
    size = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', output)
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        output,
    )
    return (
        (float(size[1]), float(size[2])),
        [(html.unescape(text), *map(float, box)) for *box, text in found],
    )

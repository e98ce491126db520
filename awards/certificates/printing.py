"""WeasyPrint set up once per process and theme, and certificate pages rendered with it:
stamped (stamping.py), or as one plain document when stamping cannot be exact."""

import logging
import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cache

import jinja2
from weasyprint import CSS, DEFAULT_OPTIONS, HTML
from weasyprint.pdf import generate_pdf
from weasyprint.text.fonts import FontConfiguration

from awards.certificates.assembly import info_dictionary
from awards.certificates.composition import Composer, Stamp, cut_shape
from awards.certificates.fetcher import (
    CERTIFICATES_DIR,
    CertificateRenderingError,
    CertificateURLFetcher,
    strict_weasyprint,
)
from awards.certificates.qr import qr_svg_data_uri
from awards.certificates.stamping import (
    Chunk,
    Layouts,
    StampingError,
    TooLongError,
    render_chunk,
)

BLEED = "3mm"
PAPER_MM = {"A3": (297, 420), "A4": (210, 297), "A5": (148, 210), "A6": (105, 148),
            "letter": (215.9, 279.4)}  # fmt: skip
LINK_RE = re.compile(r'<link rel="stylesheet" href="theme\.css">')

logger = logging.getLogger(__name__)
# WeasyPrint's fonts and caches are shared by the renderings of a process: one at a time.
_lock = threading.Lock()
_layouts: dict[str, tuple[tuple, Layouts]] = {}


@cache
def environment(theme_path) -> jinja2.Environment:
    """A theme's own Jinja environment: autoescaped, strict, blind to the web app's templates."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(theme_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_width_mm(page_size: str) -> float:
    """The width of a theme.toml page size such as "A4 landscape" or "200mm 100mm"."""
    name, _, orientation = page_size.partition(" ")
    if name not in PAPER_MM:
        return float(name.removesuffix("mm"))
    width, height = PAPER_MM[name]
    return height if orientation == "landscape" else width


def _files_stamp(theme) -> tuple:
    # A theme edited while the process runs is loaded again.
    folders = (theme.path, CERTIFICATES_DIR / "fonts")
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for f in folders for p in f.iterdir()))


def theme_layouts(theme) -> Layouts:
    """The theme's template, parsed theme.css and fonts, loaded once per process."""
    stamp = _files_stamp(theme)
    cached = _layouts.get(theme.name)
    if cached and cached[0] == stamp:
        return cached[1]
    font_config = FontConfiguration()
    fetcher = CertificateURLFetcher()
    stylesheet = CSS(
        url=(theme.path / "theme.css").as_uri(), url_fetcher=fetcher, font_config=font_config
    )
    layouts = Layouts(
        template=environment(theme.path).get_template("certificate.html"),
        theme={"name": theme.name, "title": theme.title},
        base_url=f"{theme.path}/",
        stylesheets=[stylesheet],
        font_config=font_config,
        url_fetcher=fetcher,
        image_cache={},
        page_width_mm=page_width_mm(theme.certificate_page_size),
        statics=OrderedDict(),
    )
    _layouts[theme.name] = (stamp, layouts)
    return layouts


def warm_up(theme) -> None:
    """Load the theme's stylesheet and fonts now rather than in the first rendering."""
    with _lock, strict_weasyprint():
        theme_layouts(theme)


def clear_caches() -> None:
    """Forget the themes, fonts and layouts this process has loaded."""
    with _lock:
        _layouts.clear()
        _page_stylesheet.cache_clear()


@cache
def _page_stylesheet(page_size: str, bleed: bool, crop_marks: bool) -> CSS:
    # theme.toml owns the page size; a user stylesheet sets it (theme.css must not).
    bleed_rule = f"bleed: {BLEED};" if bleed else ""
    marks = "marks: crop cross;" if crop_marks else ""
    return CSS(string=f"@page {{ size: {page_size}; {bleed_rule} {marks} }}")


def _check_fonts(theme, families: set[str]) -> None:
    # Pango quietly borrows a machine font for a character the theme's fonts lack; the PDF
    # would then look different on another server, so that is an error too.
    foreign = families - theme.font_families
    if foreign:
        raise CertificateRenderingError(
            f"the text needs fonts theme {theme.name!r} does not ship "
            f"({', '.join(sorted(foreign))}): look for unusual characters in the names"
        )


@dataclass(frozen=True)
class Options:
    bleed: bool = False
    crop_marks: bool = False
    files: bool = True  # one PDF per certificate
    part: bool = False  # the pages for the combined PDF
    stamped: bool = True  # False: one plain WeasyPrint document (what stamping must equal)


def render_pages(theme, contexts: list[dict], matrices: list, options: Options) -> Chunk:
    """The pages of ``contexts`` (whose QR codes are ``matrices``) in one chunk.

    Raises CertificateRenderingError when WeasyPrint refuses a resource, warns (a missing
    glyph), needs a font the theme does not ship, or a certificate needs two pages.
    """
    with _lock, strict_weasyprint():
        layouts = theme_layouts(theme)
        page = _page_stylesheet(theme.certificate_page_size, options.bleed, options.crop_marks)
        try:
            if not options.stamped:
                raise StampingError("asked for the plain way")
            chunk = render_chunk(
                layouts, contexts, matrices, page, files=options.files, part=options.part
            )
        except TooLongError as error:
            serials = ", ".join(contexts[index]["serial"] for index in error.args[0])
            raise CertificateRenderingError(f"too long for one page: {serials}") from None
        except StampingError as error:
            if options.stamped:
                logger.warning("rendering theme %s the plain way: %s", theme.name, error)
            chunk = _render_plain(layouts, contexts, matrices, page, options)
    _check_fonts(theme, chunk.font_families)
    return chunk


def _render_plain(layouts: Layouts, contexts: list[dict], matrices, page, options) -> Chunk:
    """One WeasyPrint document of the certificates, each page its own shape."""
    contexts = [{**context, "qr_image": qr_svg_data_uri(matrix)}
                for context, matrix in zip(contexts, matrices, strict=True)]  # fmt: skip
    html = LINK_RE.sub("", layouts.template.render(theme=layouts.theme, certificates=contexts))
    document = HTML(string=html, base_url=layouts.base_url, url_fetcher=layouts.url_fetcher)
    document = document.render(
        font_config=layouts.font_config, stylesheets=[*layouts.stylesheets, page],
        cache=layouts.image_cache,
    )  # fmt: skip
    _check_one_page_each(document, contexts)
    pdf = generate_pdf(document, None, 1, **DEFAULT_OPTIONS)
    composer = Composer.of(pdf, info_dictionary(document.metadata))
    for number in range(len(document.pages)):
        composer.shapes.append(cut_shape(*composer.page(number), {}, 0, qr=False))
    stamps = [Stamp(number, [], ()) for number in range(len(contexts))]
    return Chunk(
        len(stamps),
        composer.files(stamps) if options.files else [],
        composer.part(stamps) if options.part else None,
        {font.family for font in document.fonts.values()},
    )


def _check_one_page_each(document, contexts: list[dict]) -> None:
    if len(document.pages) == len(contexts):
        return
    first_page: dict[str, int] = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            first_page.setdefault(anchor, number)
    starts = [first_page.get(c["anchor"], -1) for c in contexts] + [len(document.pages)]
    spans = zip(contexts, starts, starts[1:], strict=False)
    too_long = [c["serial"] for c, start, end in spans if end - start > 1]
    raise CertificateRenderingError(
        f"{len(contexts)} certificates made {len(document.pages)} pages; too long for one "
        f"page: {', '.join(too_long) or 'unknown'}"
    )


def render_document(theme, template_name: str, page_size: str, **context) -> bytes:
    """A theme's template rendered as one plain document (the ceremony program)."""
    html = (
        environment(theme.path)
        .get_template(template_name)
        .render(theme={"name": theme.name, "title": theme.title}, **context)
    )
    fetcher = CertificateURLFetcher()
    font_config = FontConfiguration()
    with strict_weasyprint():
        stylesheet = CSS(string=f"@page {{ size: {page_size}; }}", font_config=font_config)
        document = HTML(string=html, base_url=f"{theme.path}/", url_fetcher=fetcher).render(
            font_config=font_config, stylesheets=[stylesheet]
        )
        pdf = document.write_pdf()
    _check_fonts(theme, {font.family for font in document.fonts.values()})
    return pdf

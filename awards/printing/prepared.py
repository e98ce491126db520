"""What WeasyPrint needs for a theme, loaded once per process: the certificate template, the
parsed theme.css, its fonts and the locked fetcher; and the lock renderings take turns on."""

import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from functools import cache

from weasyprint import CSS
from weasyprint.text.fonts import FontConfiguration

from awards.printing.environment import environment
from awards.printing.fetcher import ThemeURLFetcher, strict_weasyprint
from awards.printing.paper import page_css, paper_size
from awards.printing.themes import Theme

THEME_CSS_LINK = '<link rel="stylesheet" href="theme.css">'

# WeasyPrint's fonts and caches are shared by the renderings of a process: one at a time.
lock = threading.Lock()
_prepared: dict[str, tuple[tuple, "PreparedTheme"]] = {}


@dataclass
class PreparedTheme:
    """A theme's certificate template, stylesheet, fonts and fetcher, ready for WeasyPrint."""

    template: object
    theme: dict
    base_url: str
    stylesheets: list
    font_config: FontConfiguration
    url_fetcher: ThemeURLFetcher
    image_cache: dict
    page_width_mm: float
    # Documents the fast path laid out once and keeps for the next chunks.
    layouts: OrderedDict = field(default_factory=OrderedDict)

    def html(self, certificates: list[dict]) -> str:
        """certificate.html filled with ``certificates``, without its link to theme.css (which
        comes parsed, shared by every document of the process)."""
        html = self.template.render(theme=self.theme, certificates=certificates)
        return html.replace(THEME_CSS_LINK, "", 1)


def _files_stamp(theme: Theme) -> tuple:
    # A theme edited while the process runs is loaded again.
    folders = (theme.path, theme.root / "fonts")
    return tuple(sorted((str(p), p.stat().st_mtime_ns) for f in folders for p in f.iterdir()))


def prepare(theme: Theme) -> PreparedTheme:
    """The theme's template, parsed theme.css and fonts, loaded once per process."""
    stamp = _files_stamp(theme)
    cached = _prepared.get(str(theme.path))
    if cached and cached[0] == stamp:
        return cached[1]
    font_config = FontConfiguration()
    fetcher = ThemeURLFetcher(theme.root)
    stylesheet = CSS(
        url=(theme.path / "theme.css").as_uri(), url_fetcher=fetcher, font_config=font_config
    )
    prepared = PreparedTheme(
        template=environment(theme.path).get_template("certificate.html"),
        theme={"name": theme.name, "title": theme.title},
        base_url=f"{theme.path}/",
        stylesheets=[stylesheet],
        font_config=font_config,
        url_fetcher=fetcher,
        image_cache={},
        page_width_mm=paper_size(theme.certificate_page_size)[0],
    )
    _prepared[str(theme.path)] = (stamp, prepared)
    return prepared


def warm_up(theme: Theme) -> None:
    """Load the theme's stylesheet and fonts now rather than in the first rendering."""
    with lock, strict_weasyprint():
        prepare(theme)


def clear_caches() -> None:
    """Forget the themes, fonts and layouts this process has loaded."""
    with lock:
        _prepared.clear()
        page_stylesheet.cache_clear()


@cache
def page_stylesheet(page_size: str, bleed: bool, crop_marks: bool) -> CSS:
    """The certificates' @page rule (paper.page_css) as a user stylesheet."""
    return CSS(string=page_css(page_size, bleed=bleed, crop_marks=crop_marks))

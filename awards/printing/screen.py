"""A theme's certificate on screen: certificate.html as a web page on a sheet of its paper
(preview.css), and the theme files a browser may load for it."""

import re
from pathlib import Path

from awards.printing.environment import fill_template
from awards.printing.fetcher import CONTENT_TYPES
from awards.printing.paper import page_rule, paper_size
from awards.printing.themes import THEME_NAME_RE, THEMES_DIR, Theme
from awards.printing.values import certificate_context

SHEET_PROPERTIES = ("margin", "background")


def screen_html(theme: Theme, certificate: dict) -> str:
    """The theme's certificate.html for one certificate, as a browser shows it: relative links
    (theme.css, ../fonts/…) resolve to theme_file; preview.css draws the sheet of paper."""
    context = certificate_context(certificate, theme)
    html = fill_template(theme, "certificate.html", certificates=[context])
    html = html.replace("</head>", '<link rel="stylesheet" href="preview.css">\n</head>', 1)
    # The page box and its printable area, so that what the theme places in the margins (a
    # fixed band, a frame) lands where it prints.
    html = re.sub(
        r"(<body[^>]*>)", r'\1<div class="preview-sheet"><div class="preview-page-area">', html,
        count=1,
    )  # fmt: skip
    return html.replace("</body>", "</div></div>\n</body>", 1)


def _sheet_declarations(theme_css: str) -> str:
    """The margin (as padding) and background of the theme's @page certificate rule."""
    return "\n".join(
        f"  {name.replace('margin', 'padding')}: {value};"
        for name, value in page_rule(theme_css, "certificate")
        if name.startswith(SHEET_PROPERTIES) and value
    )


def screen_stylesheet(theme: Theme) -> str:
    """preview.css: one sheet of the theme's paper, its margins and background from theme.css."""
    size = theme.certificate_page_size
    width, height = paper_size(size)
    sheet = _sheet_declarations((theme.path / "theme.css").read_text(encoding="utf-8"))
    return f"""/* The screen preview of one certificate: a sheet of {size}. */
html {{ background: #8b9096; }}
body {{ margin: 0; padding: 8mm 0; }}
.preview-sheet {{
  box-sizing: border-box;
  width: {width:g}mm;
  height: {height:g}mm;
  margin: 0 auto;
  overflow: hidden;
  box-shadow: 0 1.5mm 6mm rgba(0, 0, 0, 0.35);
{sheet}
  background-color: #ffffff;
}}
/* Fixed elements sit in the printable area, as they do on a printed page. */
.preview-page-area {{ position: relative; height: 100%; transform: translateZ(0); }}
"""


def theme_file(folder: str, filename: str, root: Path = THEMES_DIR) -> tuple[Path, str] | None:
    """A file the screen preview may load, with its content type: only from a theme's folder or
    the shared fonts, with a known extension, never outside them. None for anything else."""
    try:
        if folder == "fonts":
            base = root / "fonts"
        elif THEME_NAME_RE.match(folder) and (root / folder / "theme.toml").is_file():
            base = root / folder
        else:
            return None
        base = base.resolve()
        path = (base / filename).resolve()
        content_type = CONTENT_TYPES.get(path.suffix.lower())
        if not path.is_relative_to(base) or not path.is_file() or content_type is None:
            return None
    except OSError:  # a name too long for the file system, or otherwise impossible
        return None
    return path, content_type

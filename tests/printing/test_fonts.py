"""The font families a theme declares, read from theme.css with tinycss2."""

import pytest

from awards.printing.errors import PrintingError
from awards.printing.fonts import check_families, declared_families
from awards.printing.themes import load_theme


def test_declared_families_of_every_font_face_rule():
    css = """
    /* @font-face { font-family: "Commented Out"; } */
    @font-face { font-family: "Awards Serif"; src: url("../fonts/PTSerif-Regular.ttf"); }
    @font-face { src: url("../fonts/PTSans-Bold.ttf"); font-family: Awards  Sans; }
    @font-face { font-family: 'Awards Serif'; font-style: italic; }
    body { font-family: "Machine Font", serif; }
    """

    assert declared_families(css) == {"Awards Serif", "Awards Sans"}


def test_the_themes_declare_their_own_families():
    assert load_theme("classic").font_families == {"Awards Serif"}
    assert load_theme("modern").font_families == {"Awards Sans"}


def test_check_families_refuses_a_machine_font():
    theme = load_theme("classic")
    check_families(theme, {"Awards Serif"})

    with pytest.raises(PrintingError, match=r"does not ship \(DejaVu Serif\)"):
        check_families(theme, {"Awards Serif", "DejaVu Serif"})

"""The one error the print engine raises for a PDF that would not be fit to hand out."""


class PrintingError(Exception):
    """WeasyPrint refused a resource, missed a glyph, needed a font the theme does not ship,
    or a certificate's text ran onto a second page (the message names its serial).

    Bad input is a ValueError or TypeError instead; the domains translate either for people.
    """

"""The errors the print engine raises for a PDF that would not be fit to hand out."""


class PrintingError(Exception):
    """WeasyPrint refused a resource, missed a glyph, needed a font the theme does not ship,
    or a certificate's text ran onto a second page (the message names its serial).

    Bad input is a ValueError or TypeError instead; the domains translate either for people.
    """


class PageOverflowError(PrintingError):
    """Certificates whose texts do not fit one page even in the theme's smallest type:
    ``indexes`` in the chunk rendered, ``serials`` for people."""

    def __init__(self, indexes: list[int], serials: list[str]):
        super().__init__(f"too long for one page: {', '.join(serials) or 'unknown'}")
        self.indexes = indexes
        self.serials = serials

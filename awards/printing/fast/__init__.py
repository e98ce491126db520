"""The fast path, fenced: it leans on WeasyPrint's and pydyf's internals, so it runs only with
the versions below and any exception in it means the plain path (a warning logged).

Many certificates from few layouts (stamping.py) is several times faster than any route through
WeasyPrint's public API; tests/printing/fast/test_contract.py holds it to the plain path, pixel
for pixel and word for word, for every theme, kind and option.
"""

import logging
import re

import pydyf
import weasyprint
from weasyprint import CSS

from awards.printing.chunk import Chunk
from awards.printing.errors import PageOverflowError
from awards.printing.prepared import PreparedTheme

# The versions whose internals it was written against and is tested with: from the first up
# to, not including, the second. Raise them only once the contract test passes on the new one.
WEASYPRINT_VERSIONS = ((70, 0), (71, 0))
PYDYF_VERSIONS = ((0, 13), (0, 14))

logger = logging.getLogger(__name__)


def version_problem(weasyprint_version: str, pydyf_version: str) -> str | None:
    """Why the fast path may not run with these versions of WeasyPrint and pydyf, or None."""
    for name, version, (lowest, beyond) in (
        ("WeasyPrint", weasyprint_version, WEASYPRINT_VERSIONS),
        ("pydyf", pydyf_version, PYDYF_VERSIONS),
    ):
        found = re.match(r"(\d+)\.(\d+)", version)
        if not found or not lowest <= (int(found[1]), int(found[2])) < beyond:
            supported = f"{'.'.join(map(str, lowest))} up to {'.'.join(map(str, beyond))}"
            return f"{name} {version} is not one it supports ({supported})"
    return None


PROBLEM = version_problem(weasyprint.__version__, pydyf.__version__)
if PROBLEM is None:
    # Imported only here: another version's internals may not even import.
    try:
        from awards.printing.fast import assembly, stamping
    except Exception as error:  # whatever it is, the plain path works
        PROBLEM = f"its WeasyPrint and pydyf internals did not import ({error!r})"
if PROBLEM is not None:
    logger.warning("certificates take the plain path, several times slower: %s", PROBLEM)


def render_chunk(
    prepared: PreparedTheme, contexts: list[dict], matrices: list, page: CSS, *, files: bool,
    combined: bool,
) -> Chunk | None:  # fmt: skip
    """The chunk's pages stamped (stamping.render_chunk), or None when the fast path is not
    used or failed, whatever the exception (a warning logged): the caller renders it plain.

    PageOverflowError names the certificates too long for one page, as the plain path would.
    """
    if PROBLEM is not None:
        return None
    try:
        return stamping.render_chunk(
            prepared, contexts, matrices, page, files=files, combined=combined
        )
    except stamping.TooLongError as error:
        indexes = error.args[0]
        raise PageOverflowError(indexes, [contexts[index]["serial"] for index in indexes]) from None
    except Exception as error:  # a changed internal is as likely an IndexError or a KeyError
        logger.warning(
            "theme %s: rendering the plain way, the fast path failed: %r",
            prepared.theme["name"], error, exc_info=not isinstance(error, stamping.StampingError),
        )  # fmt: skip
        return None


def join_parts(parts: list, order: list[tuple[int, int]] | None = None) -> bytes | None:
    """One PDF of the pages of fast chunks' parts (assembly.join_parts), or None if that
    failed (a warning logged): the caller renders the combined PDF the plain way."""
    if PROBLEM is not None:
        return None
    try:
        return assembly.join_parts(parts, order)
    except Exception as error:  # as in render_chunk
        logger.warning("joining the fast path's pages failed: %r", error, exc_info=True)
        return None

"""The fence around the fast path (fast/__init__.py): outside the WeasyPrint and pydyf versions
it supports it is not used, and whatever goes wrong in it, the certificates come out of the plain
path all the same, a warning logged."""

import logging
import os
import pickle
import subprocess
import sys
from pathlib import Path

import pydyf
import pytest
import weasyprint.pdf
from PIL import ImageChops

from awards.printing import fast
from awards.printing.batch import combined_pdf, render_pages
from awards.printing.chunk import Options
from awards.printing.documents import render_certificate_batch
from awards.printing.qr import qr_matrix
from awards.printing.themes import load_theme
from awards.printing.values import certificate_context_without_qr
from tests.certificates import print_shop, samples

ROOT = Path(__file__).resolve().parents[3]
GENERATE_PDF = weasyprint.pdf.generate_pdf


def three_certificates() -> list[dict]:
    return [
        samples.certificate(logo=samples.LOGO, seal_image=samples.SEAL),
        samples.certificate(samples.KAZAKH_LETTERS_NAME, kind="participant", serial=2),
        samples.certificate(
            {"kk": "Гүлнар Төлеуова", "ru": "Гүлнар Төлеуова"}, kind="judge_thanks",
            category=None, citation=samples.JUDGE_CITATION, serial=3,
        ),
    ]  # fmt: skip


@pytest.fixture(scope="module")
def stamped():
    """The three certificates the fast way, as the fallbacks must print them."""
    batch = render_certificate_batch("classic", three_certificates(), workers=1)
    assert not fast.PROBLEM
    return batch


def assert_same_pages(pdf: bytes, expected: bytes, count: int) -> None:
    for page in range(1, count + 1):
        difference = ImageChops.difference(
            print_shop.picture(pdf, page), print_shop.picture(expected, page)
        )
        assert difference.getbbox() is None, f"page {page} differs in {difference.getbbox()}"
        assert print_shop.text(pdf, page) == print_shop.text(expected, page)


def assert_issued_as_stamped(batch, stamped) -> None:
    for pdf, expected, certificate in zip(batch.files, stamped.files, three_certificates(),
                                          strict=True):  # fmt: skip
        assert_same_pages(pdf, expected, 1)
        assert print_shop.decoded_qr_codes(pdf, 1) == [certificate["verify_url"]]
    assert_same_pages(batch.combined, stamped.combined, 3)


@pytest.mark.parametrize(
    ("weasyprint_version", "pydyf_version", "problem"),
    [
        ("70.0", "0.13.0", None),
        ("70.2", "0.13.1", None),
        ("71.0", "0.13.0", "WeasyPrint 71.0"),
        ("69.1", "0.13.0", "WeasyPrint 69.1"),
        ("70.0", "0.14.0", "pydyf 0.14.0"),
        ("70.0", "0.12.1", "pydyf 0.12.1"),
        ("71.0b1", "0.13.0", "WeasyPrint 71.0b1"),
        ("unknown", "0.13.0", "WeasyPrint unknown"),
    ],
)
def test_version_problem_outside_the_supported_versions(weasyprint_version, pydyf_version,
                                                        problem):  # fmt: skip
    found = fast.version_problem(weasyprint_version, pydyf_version)

    assert found == problem or (problem and found.startswith(f"{problem} is not one it supports"))


def test_the_installed_versions_are_supported():
    assert fast.PROBLEM is None, fast.PROBLEM


# Run in a process of its own: the versions are checked once, when the fast path is imported.
UNSUPPORTED_WEASYPRINT = """
import pickle, sys
import weasyprint
weasyprint.__version__ = weasyprint.VERSION = "71.0"
from awards.printing import fast
from awards.printing.documents import render_certificate_batch
with open(sys.argv[1], "rb") as given:
    certificates = pickle.load(given)
batch = render_certificate_batch("classic", certificates, workers=1)
with open(sys.argv[2], "wb") as result:
    pickle.dump((fast.PROBLEM, batch), result)
"""


def test_an_unsupported_weasyprint_version_issues_certificates_the_plain_way(stamped, tmp_path):
    given, result = tmp_path / "certificates.pickle", tmp_path / "batch.pickle"
    given.write_bytes(pickle.dumps(three_certificates()))

    # Our own script with our own interpreter, no shell and no input from outside.
    finished = subprocess.run(  # noqa: S603
        [sys.executable, "-c", UNSUPPORTED_WEASYPRINT, str(given), str(result)],
        cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True,
        check=True, timeout=300,
    )  # fmt: skip

    problem, batch = pickle.loads(result.read_bytes())  # noqa: S301 -- the file we just wrote
    assert problem.startswith("WeasyPrint 71.0 is not one it supports")
    assert "certificates take the plain path" in finished.stderr
    assert_issued_as_stamped(batch, stamped)


def _kids_cut(*args, **options):
    # pydyf's page tree laid out otherwise: the pages are not where the fast path looks.
    pdf = GENERATE_PDF(*args, **options)
    pdf.pages["Kids"] = pdf.pages["Kids"][:3]
    return pdf


def _resources_moved(*args, **options):
    # WeasyPrint putting the page resources somewhere else.
    pdf = GENERATE_PDF(*args, **options)
    del pdf.objects[pdf.pages["Kids"][0]]["Resources"]
    return pdf


def _signature_changed(document, target, zoom, *, variant, **options):
    # A generate_pdf that wants another argument.
    return GENERATE_PDF(document, target, zoom, **options)


@pytest.mark.parametrize(
    ("changed_internal", "error"),
    [(_kids_cut, "IndexError"), (_resources_moved, "KeyError"), (_signature_changed, "TypeError")],
)
def test_a_changed_internal_falls_back_to_the_plain_path(
    changed_internal, error, stamped, monkeypatch, caplog
):
    monkeypatch.setattr(weasyprint.pdf, "generate_pdf", changed_internal)

    batch = render_certificate_batch("classic", three_certificates(), workers=1)

    warnings = [r.getMessage() for r in caplog.records if r.name == "awards.printing.fast"]
    assert any(f"the fast path failed: {error}" in message for message in warnings), warnings
    assert_issued_as_stamped(batch, stamped)


def test_a_theme_the_fast_path_cannot_stamp_renders_the_plain_way(themes_folder, caplog):
    # Automatic table layout: the names decide the columns' widths, so a name's slot is not
    # as wide where it is measured as on its page.
    root = themes_folder("auto-columns", css="table.texts { table-layout: auto; width: auto; }")
    certificates = three_certificates()

    batch = render_certificate_batch(load_theme("auto-columns", root), certificates, workers=1)

    warnings = [r.getMessage() for r in caplog.records if r.name == "awards.printing.fast"]
    assert any("the fast path failed: StampingError" in message for message in warnings)
    assert len(batch.files) == 3
    for number, (pdf, certificate) in enumerate(zip(batch.files, certificates, strict=True)):
        text = print_shop.flat(print_shop.text(pdf))
        assert certificate["recipient"]["kk"] in text and certificate["serial"] in text
        assert print_shop.decoded_qr_codes(pdf, 1) == [certificate["verify_url"]]
        assert print_shop.text(pdf) == print_shop.text(batch.combined, number + 1)


def test_pages_the_fast_path_cannot_join_are_reported_not_raised(monkeypatch, caplog):
    theme = load_theme("classic")
    certificates = three_certificates()
    contexts = [
        certificate_context_without_qr(data, theme, i) for i, data in enumerate(certificates)
    ]
    matrices = [qr_matrix(context["verify_url"]) for context in contexts]
    chunk = render_pages(theme, contexts, matrices, Options(files=False, combined=True))
    assert chunk.fast
    # pydyf, which the joined file is written with, gone from under it.
    monkeypatch.setattr(pydyf, "PDF", None)
    caplog.set_level(logging.WARNING, logger="awards.printing.fast")

    assert combined_pdf([chunk], [(0, 0), (0, 1), (0, 2)]) is None
    assert any("joining the fast path's pages failed" in r.getMessage() for r in caplog.records)

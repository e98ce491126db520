"""What a PDF says about itself: each certificate's file its language, an /ID, and a Title and
Subject naming what it is and for whom; the combined file the program's title."""

import io

import pikepdf
import pytest

from awards.printing.batch import render_batch
from awards.printing.chunk import Options
from awards.printing.themes import load_theme
from tests.certificates import print_checks, samples


def info(pdf: bytes) -> dict[str, str]:
    with pikepdf.open(io.BytesIO(pdf)) as document:
        return {str(key): str(value) for key, value in document.docinfo.items()} | {
            "Lang": str(document.Root.get("/Lang", ""))
        }


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
def test_each_file_names_its_certificate_and_recipient(theme, fast):
    certificates = samples.social_partner_certificates()[:3]
    options = Options(files=True, combined=True, fast=fast)
    batch = render_batch(load_theme(theme), certificates, options, chunk_size=50, workers=1)
    for certificate, pdf in zip(certificates, batch.files, strict=True):
        described = info(pdf)
        assert print_checks.document_problems(pdf) == []
        assert described["Lang"] == "kk"
        assert described["/Title"] == (
            f"Құрмет грамотасы / Почётная грамота — {certificate['recipient']['kk']} / "
            f"{certificate['recipient']['ru']}"
        )
        assert described["/Subject"].endswith(f"№ {certificate['serial']}")
        assert certificate["category"]["ru"] in described["/Subject"]
    combined = info(batch.combined)
    assert print_checks.document_problems(batch.combined) == []
    assert combined["/Title"] == samples.PROGRAM_TITLE["kk"]

"""Font subsets in a file joined from chunks rendered apart: each distinct subset under a name
of its own (ISO 32000 9.6.4), one font program per name, on the fast and the plain path."""

import logging

import pytest

from awards.printing.batch import render_batch
from awards.printing.chunk import Options
from awards.printing.merge import merge_pdfs
from awards.printing.subsets import retagged, subset_tag
from awards.printing.themes import load_theme
from tests.certificates import print_checks, samples


@pytest.fixture(scope="module")
def certificates():
    """Names with different letters, so that chunks of two hold different subsets."""
    return [
        samples.certificate(logo=samples.LOGO, seal_image=samples.SEAL),
        *samples.social_partner_certificates()[:5],
        samples.certificate(samples.KAZAKH_LETTERS_NAME, kind="participant", serial=90),
    ]


@pytest.mark.parametrize("fast", [True, False], ids=["fast", "plain"])
def test_chunks_joined_keep_one_font_program_per_name(theme, certificates, fast, caplog):
    options = Options(files=True, combined=True, fast=fast)
    batch = render_batch(load_theme(theme), certificates, options, chunk_size=2, workers=1)
    assert not [record for record in caplog.records if record.levelno >= logging.WARNING]
    for pdf in (batch.combined, merge_pdfs(batch.files)):
        programs = print_checks.font_programs(pdf)
        assert print_checks.subset_problems(pdf) == []
        # The chunks did hold different subsets of a font: several names for one family.
        families = [name.split("+", 1)[1] for name in programs]
        assert len(families) > len(set(families))


def test_the_same_subset_keeps_the_same_tag_and_another_gets_another():
    assert subset_tag(b"glyphs") == subset_tag(b"glyphs") != subset_tag(b"other glyphs")
    assert retagged("BGISEA+Awards-Serif-Bold", b"glyphs").endswith("+Awards-Serif-Bold")
    assert retagged("Awards-Serif", b"glyphs") == f"{subset_tag(b'glyphs')}+Awards-Serif"


def test_files_of_one_chunk_joined_share_its_fonts(theme, certificates):
    options = Options(files=True, combined=False)
    files = render_batch(load_theme(theme), certificates, options, chunk_size=50, workers=1).files
    joined = merge_pdfs(files)
    assert print_checks.font_programs(joined) == print_checks.font_programs(files[0])
    assert len(joined) < sum(map(len, files)) / 2

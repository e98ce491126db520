import io

import pytest
from pypdf import PdfReader

from awards.certificates.models import IssuedCertificate
from awards.extensions import db
from tests.certificates import print_checks, print_shop


def run(app, *args):
    return app.test_cli_runner().invoke(args=["certificates", "issue", *args])


def test_issue_command_writes_the_combined_pdf_and_one_per_recipient(app, ceremony, tmp_path):
    out = tmp_path / "print"
    args = ["test-awards", "--out", str(out), "--theme", "modern"]
    result = run(app, *args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "TA-2025-0001_Kazzinc_Nominee.pdf", "test-awards-laureates.pdf",
    ]  # fmt: skip
    combined = (out / "test-awards-laureates.pdf").read_bytes()
    assert "Kazzinc Nominee" in print_shop.flat(print_shop.text(combined))
    assert run(app, *args).exit_code == 0
    assert db.session.query(IssuedCertificate).count() == 1
    assert db.session.query(IssuedCertificate).one().theme == "modern"


def test_issue_command_issues_each_kind(app, ceremony, tmp_path):
    result = run(app, "test-awards", "--kind", "participant", "--out", str(tmp_path / "p"))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == [
        "TA-2025-0001_Polyana_Nominee.pdf", "TA-2025-0002_Ulba_Nominee.pdf",
        "test-awards-participants.pdf",
    ]  # fmt: skip
    result = run(app, "test-awards", "--kind", "judge_thanks", "--out", str(tmp_path / "j"))
    assert result.exit_code == 0, result.output
    jury = (tmp_path / "j" / "test-awards-jury.pdf").read_bytes()
    assert print_shop.flat(print_shop.text(jury)).count("Test User") == 6  # 3 letters, kk and ru
    kinds = [c.kind for c in db.session.query(IssuedCertificate).order_by(IssuedCertificate.id)]
    assert kinds == ["participant"] * 2 + ["judge_thanks"] * 3


def test_issue_command_refuses_an_unknown_program_and_kind(app, tmp_path):
    result = run(app, "nope", "--out", str(tmp_path))
    assert result.exit_code != 0 and "nope" in result.output
    assert run(app, "nope", "--kind", "nominee", "--out", str(tmp_path)).exit_code != 0


@pytest.mark.parametrize("theme", ["classic", "modern"])
def test_every_pdf_written_passes_the_print_shop_checks(app, ceremony, tmp_path, theme):
    """Per-recipient files, the combined file and the print-shop copy: a language, an /ID, one
    font program per subset name, the address whole on one line and equal to the QR code."""
    out = tmp_path / "print"
    args = ["test-awards", "--kind", "participant", "--out", str(out), "--theme", theme]
    assert run(app, *args, "--print-shop").exit_code == 0
    files = {path.name: path.read_bytes() for path in out.iterdir()}
    assert len(files) == 4  # two recipients, the combined file, the print-shop copy
    for name, pdf in files.items():
        assert print_checks.problems(pdf) == [], name
    combined = files["test-awards-participants.pdf"]
    # The combined file shares the fonts of the files it joins: one program per font.
    single = print_checks.font_programs(files["TA-2025-0001_Polyana_Nominee.pdf"])
    assert print_checks.font_programs(combined) == single
    sheets = PdfReader(io.BytesIO(files["test-awards-participants-print.pdf"])).pages
    assert all(float(s.mediabox.width) > float(s.bleedbox.width) > float(s.trimbox.width)
               for s in sheets)  # fmt: skip

from pypdf import PdfReader

from awards.operations.demo_texts import DEMO_SLUG
from tests.certificates import print_shop


def test_program_pdf_writes_the_booklet(app, ceremony, tmp_path):
    out = tmp_path / "print" / "program.pdf"
    out.parent.mkdir()
    args = ["program-pdf", "test-awards", "--out", str(out), "--theme", "modern"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    text = print_shop.flat(print_shop.text(out.read_bytes()))
    assert "Kazzinc Nominee" in text and "Ulba Nominee" in text


def test_program_pdf_writes_the_sheets_to_fold(app, ceremony, tmp_path):
    booklet, sheets = tmp_path / "booklet.pdf", tmp_path / "sheets.pdf"
    runner = app.test_cli_runner()
    for out, layout in ((booklet, "pages"), (sheets, "sheets")):
        result = runner.invoke(args=["program-pdf", "test-awards", "--out", str(out),
                                     "--layout", layout])  # fmt: skip
        assert result.exit_code == 0, result.output
    count = len(PdfReader(booklet).pages)
    assert count % 4 == 0 and len(PdfReader(sheets).pages) == count // 2


def test_program_pdf_refuses_an_unknown_program_or_design(app, tmp_path):
    runner = app.test_cli_runner()
    unknown = runner.invoke(args=["program-pdf", "nope", "--out", str(tmp_path / "x.pdf")])
    assert unknown.exit_code != 0 and "nope" in unknown.output
    design = runner.invoke(
        args=["program-pdf", DEMO_SLUG, "--out", str(tmp_path / "x.pdf"), "--theme", "gothic"]
    )
    assert design.exit_code != 0 and "gothic" in design.output
    assert not (tmp_path / "x.pdf").exists()


def test_program_pdf_says_what_the_program_lacks(app, program, tmp_path):
    out = tmp_path / "x.pdf"
    result = app.test_cli_runner().invoke(args=["program-pdf", "test-awards", "--out", str(out)])
    assert result.exit_code != 0
    assert "ceremony date" in result.output and not out.exists()

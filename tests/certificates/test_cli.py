from awards.certificates.models import IssuedCertificate
from awards.extensions import db
from tests.certificates import print_shop


def test_issue_command_writes_the_combined_pdf_and_one_per_recipient(app, ceremony, tmp_path):
    out = tmp_path / "print"
    args = ["certificates", "issue", "test-awards", "--out", str(out), "--theme", "modern"]
    result = app.test_cli_runner().invoke(args=args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "TA-2025-0001_Kazzinc_Nominee.pdf", "test-awards-certificates.pdf",
    ]  # fmt: skip
    combined = (out / "test-awards-certificates.pdf").read_bytes()
    assert "Kazzinc Nominee" in print_shop.flat(print_shop.text(combined))
    assert app.test_cli_runner().invoke(args=args).exit_code == 0
    assert db.session.query(IssuedCertificate).count() == 1


def test_issue_command_refuses_an_unknown_program(app, tmp_path):
    result = app.test_cli_runner().invoke(
        args=["certificates", "issue", "nope", "--out", str(tmp_path)]
    )
    assert result.exit_code != 0 and "nope" in result.output

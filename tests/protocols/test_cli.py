"""flask protocol SLUG --out FILE: a new version when a decision changed, else the current."""

import hashlib

from awards.protocols import services as protocols


def run(app, *args):
    return app.test_cli_runner().invoke(args=["protocol", *args])


def test_the_command_writes_the_protocol_and_then_the_same_version_again(app, met, tmp_path):
    out = tmp_path / "protocol.pdf"
    result = run(app, "test-awards", "--out", str(out), "--theme", "modern")
    assert result.exit_code == 0, result.output
    (protocol,) = protocols.program_protocols(met["program"])
    assert hashlib.sha256(out.read_bytes()).hexdigest() == protocol.sha256
    assert "version 1 (new)" in result.output and protocol.serial in result.output
    again = run(app, "test-awards", "--out", str(tmp_path / "again.pdf"))
    assert again.exit_code == 0 and "version 1 (unchanged" in again.output
    assert (tmp_path / "again.pdf").read_bytes() == out.read_bytes()


def test_the_command_names_what_is_missing(app, ceremony, tmp_path):
    result = run(app, "test-awards", "--out", str(tmp_path / "p.pdf"))
    assert result.exit_code != 0 and "meeting" in result.output
    result = run(app, "no-such-program", "--out", str(tmp_path / "p.pdf"))
    assert result.exit_code != 0 and "no-such-program" in result.output

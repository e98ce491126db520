"""The archive commands: flask program export / import, each run on its own installation."""

import json

from sqlalchemy import func, select

from awards.extensions import db
from awards.programs.models import Program
from tests.archive.conftest import stored_files


def export(app, path) -> str:
    result = app.test_cli_runner().invoke(args=["program", "export", "test-awards", str(path)])
    assert result.exit_code == 0, result.output
    return result.output


def import_elsewhere(elsewhere, path):
    """Run the import on the other installation; returns (result, programs there after)."""
    with elsewhere.app_context():
        result = elsewhere.test_cli_runner().invoke(args=["program", "import", str(path)])
        programs = db.session.scalar(select(func.count()).select_from(Program))
    return result, programs


def test_program_moves_to_another_installation_once(app, archived, elsewhere, tmp_path):
    path = tmp_path / "archive.json"
    assert "6 nominations, 10 scorecards, 5 people" in export(app, path)
    first, programs = import_elsewhere(elsewhere, path)
    assert (first.exit_code, programs) == (0, 1), first.output
    assert "Imported 'test-awards': 6 nominations, 10 scorecards." in first.output
    assert "5 new accounts have no password yet" in first.output
    second, programs = import_elsewhere(elsewhere, path)
    assert (second.exit_code, programs) == (0, 1), second.output
    assert "already here" in second.output and "nothing was changed" in second.output


def test_malformed_archive_is_refused_with_its_line(app, archived, elsewhere, tmp_path):
    path = tmp_path / "archive.json"
    export(app, path)
    lines = path.read_text(encoding="utf-8").splitlines()
    lines[6] += " oops"
    path.write_text("\n".join(lines), encoding="utf-8")
    result, programs = import_elsewhere(elsewhere, path)
    assert (result.exit_code, programs) == (1, 0)
    assert "Error: Line 7, column " in result.output


def test_a_late_refusal_leaves_nothing_behind(app, archived, elsewhere, tmp_path):
    path = tmp_path / "archive.json"
    export(app, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["snapshots"][0]["laureates"][0]["position"] = 0  # positions start at 1
    path.write_text(json.dumps(document), encoding="utf-8")
    result, programs = import_elsewhere(elsewhere, path)
    assert (result.exit_code, programs) == (1, 0)
    assert "Error: $.snapshots[0]: breaks a rule of the database" in result.output
    with elsewhere.app_context():
        assert stored_files() == []  # the logo, stored before the refusal, went with it


def test_every_problem_is_shown(app, archived, elsewhere, tmp_path):
    path = tmp_path / "archive.json"
    export(app, path)
    document = json.loads(path.read_text(encoding="utf-8"))
    document["nominations"][0]["website"] = "javascript:alert(1)"
    document["scorecards"][4]["scores"][0]["points"] = 1000000
    path.write_text(json.dumps(document), encoding="utf-8")
    result, programs = import_elsewhere(elsewhere, path)
    assert (result.exit_code, programs) == (1, 0)
    assert result.output.splitlines() == [
        "Error: Nothing was imported; the archive has these problems:",
        "  $.nominations[0].website: Enter a full web address starting with https:// or http://.",
        "  $.scorecards[4].scores[0].points: Enter a number from 0 to 10.",
    ]

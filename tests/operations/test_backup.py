"""Backups taken while the app writes, restored into another installation, and the restores
that must refuse. On SQLite by default; on PostgreSQL when AWARDS_TEST_DATABASE_URL is set."""

import hashlib
import io
import json
import threading
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path

import pytest
from flask_migrate import upgrade
from sqlalchemy import MetaData, func, make_url, select, text

from awards import create_app
from awards.audit.models import AuditEntry
from awards.extensions import db
from awards.nominations import documents, services
from awards.nominations.models import Document, Nomination
from awards.operations import backup as backups
from awards.operations.backup import BackupError, take_backup
from awards.operations.demo import load_demo
from awards.operations.demo_artwork import demo_pdf
from awards.operations.restore import restore_backup
from awards.programs.models import Program
from awards.uploads import upload_folder
from tests import databases, factories


def installation(tmp_path: Path, name: str, url: str):
    """An app of its own: its database at URL, its files under tmp_path/name."""
    folder = tmp_path / name
    return create_app({
        "SQLALCHEMY_DATABASE_URI": url, "UPLOAD_FOLDER": folder / "uploads",
        "MAIL_OUTBOX": folder / "outbox", "INSTANCE_DIR": folder,
    })  # fmt: skip


@contextmanager
def inside(app):
    with app.app_context():
        try:
            yield
        finally:
            databases.release()


def pdf(number: int) -> bytes:
    return demo_pdf([f"entry {number}"])


class Writer(threading.Thread):
    """Commits entry 1, 2, 3… one after another, each with its first event and a document
    (a file), until told to stop: the app keeps working while the backup runs."""

    def __init__(self, app, program_id: int):
        super().__init__(daemon=True)
        self.app, self.program_id = app, program_id
        self.committed = 0
        self.errors: list[Exception] = []
        self.stopping = threading.Event()
        self.progress = threading.Condition()

    def run(self):
        with inside(self.app):
            try:
                self._write()
            except Exception as error:  # reported by the test, not lost in the thread
                self.errors.append(error)
            with self.progress:
                self.progress.notify_all()

    def _write(self):
        program = db.session.get(Program, self.program_id)
        member = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
        while not self.stopping.is_set():
            number = self.committed + 1
            nomination = services.create_nomination(
                program=program, category=program.categories[0], actor=member,
                org_name={"ru": f"Entry {number}"}, justification=f"entry {number}",
                contact_name="Айдана",
            )  # fmt: skip
            documents.add_document(
                nomination=nomination, actor=member, stream=io.BytesIO(pdf(number)),
                filename=f"{number}.pdf",
            )  # fmt: skip
            db.session.commit()
            with self.progress:
                self.committed = number
                self.progress.notify_all()

    def wait_for(self, count: int) -> None:
        with self.progress:
            self.progress.wait_for(lambda: self.committed >= count or self.errors, timeout=300)
        assert self.errors == [] and self.committed >= count

    def finish(self) -> None:
        self.stopping.set()
        self.join()
        assert self.errors == []


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def every_row() -> dict[str, list]:
    """Every table of the database, read back in primary-key order."""
    metadata = MetaData()
    metadata.reflect(db.engine)
    with db.engine.connect() as connection:
        return {
            name: connection.execute(
                select(table).order_by(*(table.primary_key.columns or table.columns))
            ).all()
            for name, table in sorted(metadata.tables.items())
        }


def every_file() -> dict[str, bytes]:
    root = upload_folder()
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_a_backup_taken_during_writes_is_the_database_at_one_moment(tmp_path):
    source = installation(tmp_path, "source", databases.url("source", tmp_path))
    with inside(source):
        program_id = factories.program_with_people().id
    writer = Writer(source, program_id)
    writer.start()
    try:
        writer.wait_for(3)
        # Not `inside`: the writer still holds a connection of the pool that would go.
        with source.app_context():
            before = writer.committed
            take_backup(tmp_path / "backup")
            after = writer.committed
        writer.wait_for(after + 2)  # the app went on writing after the backup too
    finally:
        writer.finish()
    # Into an installation whose tables `flask db upgrade` made but that holds no row.
    target = installation(tmp_path, "target", databases.url("target", tmp_path))
    with inside(target):
        restore_backup(tmp_path / "backup")
        if db.engine.dialect.name == "sqlite":
            assert db.session.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
            assert db.session.execute(text("PRAGMA foreign_key_check")).all() == []
        entries = db.session.scalars(select(Nomination).order_by(Nomination.id)).all()
        assert before <= len(entries) <= after
        # Entries 1…n and nothing else: every commit up to one moment, none after it.
        assert [e.justification for e in entries] == [f"entry {n + 1}" for n in range(len(entries))]
        assert count(Document) == count(AuditEntry) == len(entries)  # each one's creation
        for number, entry in enumerate(entries, start=1):
            (document,) = entry.documents
            assert (upload_folder() / document.stored_name).read_bytes() == pdf(number)


def test_a_restore_reproduces_every_row_and_file(tmp_path):
    source = installation(tmp_path, "source", databases.url("source", tmp_path, tables=False))
    with inside(source):
        upgrade()
        load_demo(password=source.config["DEMO_PASSWORD"])
        db.session.commit()
        rows, files, revision = every_row(), every_file(), backups.current_revision()
        manifest = take_backup(tmp_path / "backup")
    assert rows["nominations"] and rows["scores"] and files
    assert manifest["database"]["alembic_revision"] == revision is not None
    assert manifest["app_version"] == version("awards") and manifest["created_at"]
    listed = {entry["path"]: entry for entry in manifest["files"]}
    for name, content in files.items():
        assert listed[f"files/{name}"]["sha256"] == hashlib.sha256(content).hexdigest()
        assert listed[f"files/{name}"]["size"] == len(content)
    on_disk = json.loads((tmp_path / "backup" / "manifest.json").read_text())
    assert on_disk == manifest

    # Into an installation with no table at all.
    target = installation(tmp_path, "target", databases.url("target", tmp_path, tables=False))
    with inside(target):
        restore_backup(tmp_path / "backup")
        assert every_row() == rows
        assert every_file() == files
        # The restored installation goes on: new rows get new ids.
        factories.user("after-restore@x.kz")
        db.session.commit()
        assert target.test_client().get("/healthz").json == {"status": "ok", "database": "ok"}


def make_backup(tmp_path: Path) -> Path:
    """A backup of a small installation with one uploaded document."""
    source = installation(tmp_path, "source", databases.url("source", tmp_path))
    with inside(source):
        program = factories.program_with_people()
        member = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
        nomination = services.create_nomination(
            program=program, category=program.categories[0], actor=member,
            org_name={"ru": "Entry 1"}, contact_name="Айдана",
        )  # fmt: skip
        documents.add_document(
            nomination=nomination, actor=member, stream=io.BytesIO(pdf(1)), filename="1.pdf"
        )
        db.session.commit()
        take_backup(tmp_path / "backup")
    return tmp_path / "backup"


def assert_untouched(app, users: int = 0) -> None:
    """Nothing of the refused backup arrived: no row but the USERS it had, no file, no folder
    left half-filled."""
    with inside(app):
        rows = every_row()
        assert len(rows.get("users", [])) == users
        assert [name for name, found in rows.items() if found and name != "users"] == []
        uploads = upload_folder()
        assert not uploads.exists() or not any(uploads.rglob("*"))
        assert not list(uploads.parent.glob(".*restoring*"))


def test_a_restore_refuses_an_installation_that_holds_data(tmp_path):
    backup = make_backup(tmp_path)
    target = installation(tmp_path, "target", databases.url("target", tmp_path))
    with inside(target):
        factories.user("already-here@x.kz")
        db.session.commit()
        with pytest.raises(BackupError, match=r"already holds data.*users \(1\)"):
            restore_backup(backup)
    assert_untouched(target, users=1)


def test_a_restore_refuses_an_upload_folder_with_files(tmp_path):
    backup = make_backup(tmp_path)
    target = installation(tmp_path, "target", databases.url("target", tmp_path))
    stray = tmp_path / "target" / "uploads" / "old.pdf"
    stray.parent.mkdir(parents=True)
    stray.write_bytes(b"%PDF-1.4 old")
    with inside(target), pytest.raises(BackupError, match="already holds files"):
        restore_backup(backup)
    assert [p.name for p in stray.parent.iterdir()] == ["old.pdf"]
    with inside(target):
        assert every_row()["users"] == []


@pytest.mark.parametrize("damage", ["changed", "missing", "database"])
def test_a_restore_refuses_a_damaged_backup_and_changes_nothing(tmp_path, damage):
    backup = make_backup(tmp_path)
    (document,) = (backup / "files").iterdir()
    if damage == "changed":
        document.write_bytes(document.read_bytes().replace(b"entry 1", b"entry 2"))
    elif damage == "missing":
        document.unlink()
    else:
        database = next(p for p in backup.iterdir() if p.name.startswith("database."))
        content = bytearray(database.read_bytes())
        content[-100] ^= 0xFF
        database.write_bytes(content)
    target = installation(tmp_path, "target", databases.url("target", tmp_path, tables=False))
    with inside(target), pytest.raises(BackupError) as refusal:
        restore_backup(backup)
    assert "damaged or was changed; nothing was restored" in refusal.value.message
    if damage == "database":
        assert f"{database.name}: its SHA-256 does not match" in refusal.value.message
    else:
        problem = "missing" if damage == "missing" else "its SHA-256 does not match the manifest"
        assert f"files/{document.name}: {problem}" in refusal.value.message
    assert_untouched(target)


def rewrite_manifest(backup: Path, change) -> None:
    path = backup / "manifest.json"
    manifest = json.loads(path.read_text())
    change(manifest)
    path.write_text(json.dumps(manifest))


def test_a_manifest_naming_a_file_outside_the_backup_is_refused(tmp_path):
    backup = make_backup(tmp_path)
    (tmp_path / "secret.txt").write_text("not part of any backup")
    digest = hashlib.sha256(b"not part of any backup").hexdigest()

    def escape(manifest):
        manifest["files"].append({"path": "files/../../secret.txt", "sha256": digest, "size": 22})

    rewrite_manifest(backup, escape)
    target = installation(tmp_path, "target", databases.url("target", tmp_path, tables=False))
    with inside(target), pytest.raises(BackupError, match="not a manifest this version can"):
        restore_backup(backup)
    assert_untouched(target)


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    target = installation(tmp_path, "target", databases.url("target", tmp_path, tables=False))
    with inside(target), pytest.raises(BackupError, match="is not a backup: it has no manifest"):
        restore_backup(tmp_path)


def fake_backup(folder: Path, kind: str, content: bytes) -> Path:
    """A backup whose checksums hold but whose database file is CONTENT, with one document."""
    name = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}[kind]
    (folder / "files").mkdir(parents=True)
    (folder / name).write_bytes(content)
    (folder / "files" / "a.pdf").write_bytes(pdf(1))
    files = [
        {"path": path, "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for path, data in ((name, content), ("files/a.pdf", pdf(1)))
    ]
    manifest = {"format": 1, "created_at": "2026-01-01T00:00:00+00:00", "app_version": "0.1.0",
                "database": {"kind": kind, "file": name, "alembic_revision": None},
                "files": files}  # fmt: skip
    (folder / "manifest.json").write_text(json.dumps(manifest))
    return folder


def test_a_backup_of_the_other_kind_of_database_is_refused(tmp_path):
    target = installation(tmp_path, "target", databases.url("target", tmp_path, tables=False))
    with inside(target):
        kind = db.engine.dialect.name
        other = "postgresql" if kind == "sqlite" else "sqlite"
        backup = fake_backup(tmp_path / "backup", other, b"whatever")
        with pytest.raises(BackupError, match=f"holds a {other} database and this installation"):
            restore_backup(backup)
    assert_untouched(target)


def test_a_database_that_cannot_be_restored_leaves_no_file_behind(tmp_path):
    target = installation(tmp_path, "target", databases.url("target", tmp_path, tables=False))
    with inside(target):
        backup = fake_backup(tmp_path / "backup", db.engine.dialect.name, b"not a database" * 99)
        with pytest.raises(BackupError, match="could not restore|failed"):
            restore_backup(backup)
    assert_untouched(target)


def test_a_backup_goes_only_into_a_new_or_empty_folder(tmp_path):
    source = installation(tmp_path, "source", databases.url("source", tmp_path))
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "note.txt").write_text("keep me")
    (tmp_path / "empty").mkdir()
    with inside(source):
        with pytest.raises(BackupError, match="already exists and is not empty"):
            take_backup(tmp_path / "full")
        with pytest.raises(BackupError, match="cannot go inside the upload folder"):
            take_backup(upload_folder() / "backup")
        take_backup(tmp_path / "empty")
    assert [p.name for p in (tmp_path / "full").iterdir()] == ["note.txt"]
    assert (tmp_path / "empty" / "manifest.json").is_file()


def test_a_database_in_memory_cannot_be_backed_up_and_leaves_no_folder(tmp_path):
    app = installation(tmp_path, "memory", "sqlite://")
    with inside(app), pytest.raises(BackupError, match="in memory"):
        take_backup(tmp_path / "backups" / "today")
    assert list((tmp_path / "backups").iterdir()) == []


def run(app, *args: str):
    """A flask command, run as `flask --app awards …` runs it: inside an app context."""
    with inside(app):
        return app.test_cli_runner().invoke(args=list(args))


def test_backup_and_restore_commands(tmp_path):
    source = installation(tmp_path, "source", databases.url("source", tmp_path))
    with inside(source):
        factories.program_with_people()
    backup = str(tmp_path / "backup")
    result = run(source, "backup", backup)
    assert result.exit_code == 0, result.output
    assert "database" in result.output and "0 uploaded files" in result.output
    again = run(source, "backup", backup)
    assert again.exit_code == 1 and "already exists and is not empty" in again.output

    refused = run(source, "restore", backup)
    assert refused.exit_code == 1 and "already holds data" in refused.output
    target = installation(tmp_path, "target", databases.url("target", tmp_path, tables=False))
    result = run(target, "restore", backup)
    assert result.exit_code == 0, result.output
    assert "Restored the backup of" in result.output
    with inside(target):
        assert db.session.scalar(select(Program.slug)) == "test-awards"


def test_pg_tools_get_the_connection_from_the_environment_not_the_command_line():
    url = "postgresql+psycopg://awards:p%40ss%20w%3Ard@db.example:5433/awards?sslmode=require"
    environment = backups.libpq_environment(make_url(url))
    names = ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD", "PGDATABASE", "PGSSLMODE")
    assert [environment[name] for name in names] == [
        "db.example", "5433", "awards", "p@ss w:rd", "awards", "require",
    ]  # fmt: skip
    socket = backups.libpq_environment(
        make_url("postgresql+psycopg://me@/awards?host=/run/postgresql")
    )
    assert socket["PGHOST"] == "/run/postgresql" and socket["PGUSER"] == "me"

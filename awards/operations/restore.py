"""Restoring a backup (see backup.py) into an installation that holds no data yet.

A restore checks every checksum and refuses an installation that holds data before it changes
anything, and stages the files beside UPLOAD_FOLDER so that they move into place in one rename
once the database is restored.
"""

import shutil
import sqlite3
import tempfile
from contextlib import closing
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from sqlalchemy import func, inspect, select, table

from awards.extensions import db
from awards.operations.backup import (
    BUSY_TIMEOUT_MS,
    FILES,
    BackupError,
    database_kind,
    file_digest,
    run_pg,
    sqlite_path,
    verify_backup,
)
from awards.uploads import upload_folder


def restore_backup(source: Path) -> dict:
    """Restore the backup in SOURCE into this installation, which must hold no data, and
    return its manifest.

    Side effects: the database gets the backup's tables and rows (SQLite through the backup API
    into the configured file, PostgreSQL through pg_restore in one transaction); UPLOAD_FOLDER
    is created with the backup's files. Everything that can be checked is checked before
    anything changes: the manifest, every checksum, the database kind, and that neither the
    database nor UPLOAD_FOLDER holds anything.
    """
    source = Path(source)
    manifest = verify_backup(source)
    kind = database_kind()
    if manifest["database"]["kind"] != kind:
        raise BackupError(
            f"The backup holds a {manifest['database']['kind']} database and this installation "
            f"uses {kind}; restore it into a {manifest['database']['kind']} installation."
        )
    _check_empty_database()
    uploads = upload_folder()
    _check_empty_folder(uploads)
    staging = _stage_files(source, manifest, uploads)
    try:
        _remove_empty_tree(uploads)
        dump = source / manifest["database"]["file"]
        if kind == "sqlite":
            _restore_sqlite(dump)
        else:
            _restore_postgresql(dump)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    try:
        staging.rename(uploads)
    except OSError as error:
        raise BackupError(
            f"The database was restored but the files could not be moved into place ({error}); "
            f"move {staging} to {uploads} by hand."
        ) from error
    return manifest


def _check_empty_database() -> None:
    if database_kind() == "sqlite" and not sqlite_path().exists():
        return  # restoring creates it
    with db.engine.connect() as connection:
        names = [n for n in inspect(connection).get_table_names() if n != "alembic_version"]
        counts = {n: connection.scalar(select(func.count()).select_from(table(n))) for n in names}
    filled = {name: count for name, count in sorted(counts.items()) if count}
    if filled:
        listed = ", ".join(f"{name} ({count})" for name, count in list(filled.items())[:5])
        raise BackupError(
            "This installation already holds data, and a restore would replace it: "
            f"rows in {listed}. Restore only into an empty database."
        )


def _check_empty_folder(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(p.is_file() for p in folder.rglob("*"))):
        raise BackupError(
            f"The upload folder {folder} already holds files; restore only into an empty one."
        )


def _remove_empty_tree(folder: Path) -> None:
    """Remove FOLDER if it holds nothing but empty folders, so the staged one can take its
    name in one rename."""
    if folder.is_dir():
        for path in sorted(folder.rglob("*"), reverse=True):
            path.rmdir()
        folder.rmdir()


def _stage_files(source: Path, manifest: dict, uploads: Path) -> Path:
    """The backup's files copied, and checked again while copied, into a new folder beside
    UPLOAD_FOLDER (on the same file system, so that it can take its place in one rename)."""
    uploads.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{uploads.name}.restoring-", dir=uploads.parent))
    try:
        for entry in manifest["files"]:
            if entry["path"] == manifest["database"]["file"]:
                continue
            target = staging / PurePosixPath(entry["path"]).relative_to(FILES)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source / entry["path"], target)
            if file_digest(target) != (entry["sha256"], entry["size"]):
                raise BackupError(f"{entry['path']} changed while it was restored; try again.")
        staging.chmod(0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _restore_sqlite(dump: Path) -> None:
    target = sqlite_path()
    db.session.remove()
    db.engine.dispose()  # no pooled connection may hold the file while it is replaced
    target.parent.mkdir(parents=True, exist_ok=True)
    dump_uri = f"file:{quote(str(dump))}?mode=ro"
    try:
        with (
            closing(sqlite3.connect(dump_uri, uri=True)) as backup,
            closing(sqlite3.connect(target)) as live,
        ):
            live.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            backup.backup(live)  # one step, one write transaction: all pages or none
    except sqlite3.Error as error:
        raise BackupError(f"SQLite could not restore into {target}: {error}") from error


def _restore_postgresql(dump: Path) -> None:
    db.session.remove()
    with db.engine.connect() as connection:
        quote_name = connection.dialect.identifier_preparer.quote
        tables = [quote_name(name) for name in inspect(connection).get_table_names()]
    db.engine.dispose()
    # The tables a `flask db upgrade` may have made (empty: checked) go in the same transaction
    # that creates the backup's, so the restore happens entirely or not at all.
    drop = f"DROP TABLE IF EXISTS {', '.join(tables)} CASCADE" if tables else "SELECT 1"
    with tempfile.TemporaryDirectory(dir=upload_folder().parent) as work:
        script = Path(work) / "restore.sql"
        run_pg(["pg_restore", "--no-owner", "--no-privileges", "--file", str(script), str(dump)])
        run_pg([
            "psql", "--no-psqlrc", "--quiet", "--no-password", "--single-transaction",
            "--set=ON_ERROR_STOP=1", "--output=/dev/null", "--command", drop, "--file", str(script),
        ])  # fmt: skip


# --- the configured database -------------------------------------------------------------------

"""Backups of a whole installation and their restore: the database, the uploaded files and a
manifest with the SHA-256 and size of every file.

A backup is taken while the app keeps serving: SQLite through its online backup API, PostgreSQL
through `pg_dump`, each reading one consistent snapshot. Uploaded files are written before the
row naming them commits and never change afterwards, so copying them before and again after the
database snapshot catches every file the snapshot names. A restore checks every checksum and
refuses an installation that holds data before it changes anything, and stages the files beside
UPLOAD_FOLDER so that they move into place in one rename once the database is restored.
"""

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from sqlalchemy import func, inspect, select, table, text
from sqlalchemy.engine import URL

from awards.extensions import db
from awards.uploads import upload_folder

FORMAT = 1
MANIFEST = "manifest.json"
FILES = "files"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
CHUNK = 1024 * 1024
BUSY_TIMEOUT_MS = 30_000


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message tells the operator why."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# --- taking a backup ---------------------------------------------------------------------------


def take_backup(target: Path) -> dict:
    """Write a consistent copy of this installation into the new or empty folder TARGET and
    return its manifest.

    Side effects: creates TARGET, readable by the current user only. The copy is assembled in
    a hidden sibling folder renamed at the end, so a failed backup leaves no half folder. The
    database and UPLOAD_FOLDER are only read.
    """
    target = Path(target)
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise BackupError(f"{target} already exists and is not empty; name a new folder.")
    if target.resolve().is_relative_to(upload_folder().resolve()):
        raise BackupError("A backup cannot go inside the upload folder it copies.")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.partial-", dir=target.parent))
    try:
        manifest = _write_backup(staging)
        if target.exists():
            target.rmdir()
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return manifest


def _write_backup(folder: Path) -> dict:
    kind = database_kind()
    uploads, copies = upload_folder(), folder / FILES
    copied: dict[str, tuple[int, int]] = {}
    _copy_new_files(uploads, copies, copied)
    database_file = folder / DATABASE_FILES[kind]
    revision = _dump_sqlite(database_file) if kind == "sqlite" else _dump_postgresql(database_file)
    # Files written while the snapshot was taken: rows in the snapshot may name them.
    _copy_new_files(uploads, copies, copied)
    names = [database_file.name] + [
        f"{FILES}/{path.relative_to(copies).as_posix()}"
        for path in sorted(copies.rglob("*"))
        if path.is_file()
    ]
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "app_version": _app_version(),
        "database": {"kind": kind, "file": database_file.name, "alembic_revision": revision},
        "files": [_describe(folder, name) for name in names],
    }
    (folder / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def _copy_new_files(source: Path, target: Path, copied: dict[str, tuple[int, int]]) -> None:
    """Copy every regular file of SOURCE not copied yet, or changed since it was copied."""
    target.mkdir(exist_ok=True)
    if not source.is_dir():
        return
    for path in sorted(source.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        name = path.relative_to(source).as_posix()
        try:
            stat = path.stat()
            if copied.get(name) == (stat.st_size, stat.st_mtime_ns):
                continue
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target / name)
        except FileNotFoundError:
            continue  # removed meanwhile: a commit stopped using it
        copied[name] = (stat.st_size, stat.st_mtime_ns)


def _describe(folder: Path, name: str) -> dict:
    digest, size = _sha256(folder / name)
    return {"path": name, "sha256": digest, "size": size}


def _sha256(path: Path) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
            size += len(chunk)
    return digest.hexdigest(), size


def _app_version() -> str:
    try:
        return version("awards")
    except PackageNotFoundError:
        return "unknown"


def _dump_sqlite(destination: Path) -> str | None:
    source_path = _sqlite_path()
    if not source_path.is_file():
        raise BackupError(f"The database file {source_path} does not exist.")
    source_uri = f"file:{quote(str(source_path))}?mode=ro"
    with (
        closing(sqlite3.connect(source_uri, uri=True)) as source,
        closing(sqlite3.connect(destination)) as copy,
    ):
        source.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        source.backup(copy)  # all pages in one step: one read transaction, one snapshot
        # A single self-contained file, whatever journal mode the live database uses.
        copy.execute("PRAGMA journal_mode = DELETE")
        problems = copy.execute("PRAGMA integrity_check").fetchall()
        if problems != [("ok",)]:
            raise BackupError(f"The copy failed SQLite's integrity check: {problems[:5]}")
        if orphans := copy.execute("PRAGMA foreign_key_check").fetchall():
            raise BackupError(f"The copy has rows pointing at missing rows: {orphans[:5]}")
        return _sqlite_revision(copy)


def _sqlite_revision(connection: sqlite3.Connection) -> str | None:
    query = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'alembic_version'"
    if not connection.execute(query).fetchone():
        return None
    rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
    return ",".join(sorted(row[0] for row in rows)) or None


def _dump_postgresql(destination: Path) -> str | None:
    revision = current_revision()  # pg_dump cannot report it; no migration runs meanwhile
    _run_pg(["pg_dump", "--format=custom", "--no-password", "--file", str(destination)])
    return revision


# --- restoring ---------------------------------------------------------------------------------


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


def verify_backup(folder: Path) -> dict:
    """The manifest of the backup in FOLDER once every file in it matches its SHA-256 and size;
    otherwise a BackupError listing what is missing or changed."""
    manifest = read_manifest(folder)
    problems = []
    for entry in manifest["files"]:
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif _sha256(path) != (entry["sha256"], entry["size"]):
            problems.append(f"{entry['path']}: its SHA-256 does not match the manifest")
    if problems:
        listed = "\n  ".join(problems[:20])
        more = f"\n  … and {len(problems) - 20} more" if len(problems) > 20 else ""
        raise BackupError(
            f"The backup in {folder} is damaged or was changed; nothing was restored.\n  "
            f"{listed}{more}"
        )
    return manifest


def read_manifest(folder: Path) -> dict:
    """The manifest of the backup in FOLDER, its shape checked and every path kept inside it."""
    path = Path(folder) / MANIFEST
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BackupError(f"{folder} is not a backup: it has no {MANIFEST}.") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise BackupError(f"{path} cannot be read: {error}") from error
    try:
        readable = _is_readable(manifest)
    except (KeyError, TypeError, AttributeError):
        readable = False
    if not readable:
        raise BackupError(f"{path} is not a manifest this version can restore.")
    return manifest


def _is_readable(manifest: dict) -> bool:
    database, files = manifest["database"], manifest["files"]
    return (
        manifest["format"] == FORMAT and DATABASE_FILES.get(database["kind"]) == database["file"]
        and database["file"] in {entry["path"] for entry in files}
        and all(
            isinstance(entry["sha256"], str) and isinstance(entry["size"], int)
            and _is_member(entry["path"], database["file"])
            for entry in files
        )
    )  # fmt: skip


def _is_member(name: str, database_file: str) -> bool:
    """Whether NAME is the database file or a plain relative path under files/."""
    if name == database_file:
        return True
    if not isinstance(name, str) or "\\" in name:
        return False
    path = PurePosixPath(name)
    return (
        len(path.parts) > 1 and path.parts[0] == FILES and not path.is_absolute()
        and not {"..", ".", ""} & set(path.parts)
    )  # fmt: skip


def _check_empty_database() -> None:
    if database_kind() == "sqlite" and not _sqlite_path().exists():
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
            if _sha256(target) != (entry["sha256"], entry["size"]):
                raise BackupError(f"{entry['path']} changed while it was restored; try again.")
        staging.chmod(0o755)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return staging


def _restore_sqlite(dump: Path) -> None:
    target = _sqlite_path()
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
        _run_pg(["pg_restore", "--no-owner", "--no-privileges", "--file", str(script), str(dump)])
        _run_pg([
            "psql", "--no-psqlrc", "--quiet", "--no-password", "--single-transaction",
            "--set=ON_ERROR_STOP=1", "--output=/dev/null", "--command", drop, "--file", str(script),
        ])  # fmt: skip


# --- the configured database -------------------------------------------------------------------


def database_kind() -> str:
    """'sqlite' or 'postgresql': the two databases a backup knows how to copy."""
    kind = _database_url().get_backend_name()
    if kind not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {kind}.")
    return kind


def _database_url() -> URL:
    return db.engine.url


def _sqlite_path() -> Path:
    name = _database_url().database
    if not name or name == ":memory:" or name.startswith("file:"):
        raise BackupError("The database lives in memory or behind a URI; name a database file.")
    return Path(name).resolve()


def libpq_environment(url: URL) -> dict[str, str]:
    """The environment for pg_dump and pg_restore: the connection settings of URL as libpq's
    PG* variables, so that the password never appears in a command line."""
    query = {key: value for key, value in url.query.items() if isinstance(value, str)}
    settings = {
        "PGHOST": url.host or query.get("host"),
        "PGPORT": url.port or query.get("port"),
        "PGUSER": url.username or query.get("user"),
        "PGPASSWORD": url.password or query.get("password"),
        "PGDATABASE": url.database,
        "PGSSLMODE": query.get("sslmode"),
    }
    environment = dict(os.environ)
    environment.update({name: str(value) for name, value in settings.items() if value})
    return environment


def _run_pg(command: list[str]) -> None:
    try:
        result = subprocess.run(  # noqa: S603  (fixed program, arguments from our own settings)
            command, env=libpq_environment(_database_url()), capture_output=True, text=True,
            check=False,
        )  # fmt: skip
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]} was not found; install the PostgreSQL client programs "
            "(Debian: apt-get install postgresql-client)."
        ) from None
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed:\n{result.stderr.strip()[-2000:]}")


def current_revision() -> str | None:
    """The Alembic revision of the configured database, if it was made by migrations."""
    with db.engine.connect() as connection:
        if "alembic_version" not in inspect(connection).get_table_names():
            return None
        rows = connection.execute(text("SELECT version_num FROM alembic_version")).scalars()
        return ",".join(sorted(rows)) or None

"""Backups of a whole installation: the database, the uploaded files and a manifest with the
SHA-256 and size of every file (restore.py puts one back).

A backup is taken while the app keeps serving: SQLite through its online backup API, PostgreSQL
through `pg_dump`, each reading one consistent snapshot. Uploaded files are written before the
row naming them commits and never change afterwards, so copying them before and again after the
database snapshot catches every file the snapshot names.
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

from sqlalchemy import inspect, text
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
    digest, size = file_digest(folder / name)
    return {"path": name, "sha256": digest, "size": size}


def file_digest(path: Path) -> tuple[str, int]:
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
    source_path = sqlite_path()
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
    run_pg(["pg_dump", "--format=custom", "--no-password", "--file", str(destination)])
    return revision


def verify_backup(folder: Path) -> dict:
    """The manifest of the backup in FOLDER once every file in it matches its SHA-256 and size;
    otherwise a BackupError listing what is missing or changed."""
    manifest = read_manifest(folder)
    problems = []
    for entry in manifest["files"]:
        path = folder / entry["path"]
        if not path.is_file():
            problems.append(f"{entry['path']}: missing")
        elif file_digest(path) != (entry["sha256"], entry["size"]):
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


def database_kind() -> str:
    """'sqlite' or 'postgresql': the two databases a backup knows how to copy."""
    kind = _database_url().get_backend_name()
    if kind not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {kind}.")
    return kind


def _database_url() -> URL:
    return db.engine.url


def sqlite_path() -> Path:
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


def run_pg(command: list[str]) -> None:
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

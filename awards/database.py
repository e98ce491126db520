"""Connection settings where SQLite genuinely differs; PostgreSQL needs none of this.

Every SQLite connection gets WAL (readers never wait for the writer, nor the writer for
them), a busy timeout (a writer waits its turn instead of failing) and foreign keys, which
SQLite leaves off unless asked on each connection.

SQLite allows one writer. A transaction that reads first and writes later must upgrade its
lock, and when another writer got there first that upgrade fails at once ("database is
locked") instead of waiting. So every transaction that may write (any request but GET/HEAD/
OPTIONS, a GET view marked with ``writes``, and everything outside a request: commands,
jobs) starts with BEGIN IMMEDIATE and waits its turn, up to the busy timeout.
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from flask import Flask, current_app, has_request_context, request
from sqlalchemy import Connection, event

from awards.extensions import db

BUSY_TIMEOUT_SECONDS = 30
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CONNECTION_PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}",  # first: the others may wait
    "PRAGMA journal_mode = WAL",  # kept in the file; an in-memory database says "memory"
    "PRAGMA foreign_keys = ON",
)


def writes(view: Callable) -> Callable:
    """Mark a GET view that writes (say, counts a visit), so its transaction takes the write
    lock up front like a POST's. Put it below the route and limiter decorators."""
    view.writes = True
    return view


def _may_write() -> bool:
    if not has_request_context() or request.method not in READ_ONLY_METHODS:
        return True
    view = current_app.view_functions.get(request.endpoint)
    return getattr(view, "writes", False)


def configure_sqlite(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, say when a transaction begins.
        dbapi_connection.isolation_level = None
        for pragma in CONNECTION_PRAGMAS:
            dbapi_connection.execute(pragma)

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")


@contextmanager
def foreign_keys_off_for_migrations(connection: Connection) -> Iterator[None]:
    """SQLite: foreign keys off while migrations run, as its ALTER TABLE procedure requires.

    Batch migrations rebuild a table (copy, drop the old one, rename); with foreign keys on,
    dropping the old ``programs`` would delete every category with it (ON DELETE CASCADE).
    Call ``check_foreign_keys`` before the migrations commit. Elsewhere this does nothing.
    """
    if connection.dialect.name != "sqlite":
        yield
        return
    # A pragma has no effect inside a transaction, so it goes to the driver before one begins.
    driver = connection.connection.dbapi_connection
    driver.execute("PRAGMA foreign_keys = OFF")
    try:
        yield
    finally:
        driver.execute("PRAGMA foreign_keys = ON")


def check_foreign_keys(connection: Connection) -> None:
    """Refuse to commit migrations that left a row pointing at nothing (SQLite only)."""
    if connection.dialect.name != "sqlite":
        return
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all()
    if broken:
        raise RuntimeError(f"migration left rows with broken foreign keys: {broken[:10]}")

"""Connection settings where SQLite genuinely differs: writes take the lock up front.

SQLite allows one writer. A transaction that reads first and writes later must upgrade its
lock, and when another writer got there first that upgrade fails at once ("database is
locked") instead of waiting. So every transaction that may write (any request but GET/HEAD,
and every command) starts with BEGIN IMMEDIATE and waits its turn, up to the busy timeout.
"""

from flask import Flask, has_request_context, request
from sqlalchemy import event

from awards.extensions import db

BUSY_TIMEOUT_SECONDS = 30
READ_ONLY_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def _may_write() -> bool:
    return not (has_request_context() and request.method in READ_ONLY_METHODS)


def configure_sqlite(app: Flask) -> None:
    with app.app_context():
        engine = db.engine
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        # Let SQLAlchemy, not the driver, say when a transaction begins.
        dbapi_connection.isolation_level = None
        dbapi_connection.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_SECONDS * 1000}")

    @event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql("BEGIN IMMEDIATE" if _may_write() else "BEGIN")

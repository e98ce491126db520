"""Where tests keep their data: SQLite by default, or the PostgreSQL server that
AWARDS_TEST_DATABASE_URL names (`.ci/run` starts one).

Every test starts from empty tables. On SQLite each app gets a new in-memory database (or a
file in the test's tmp_path); on PostgreSQL the schema is built once per session in each
database, and before each test every row is deleted and every sequence restarted.
"""

import os
from pathlib import Path

from sqlalchemy import Engine, create_engine, make_url, text
from sqlalchemy.pool import NullPool

# Every model registers its table on db.metadata when its module is imported: the app's
# modules, all of them, before any test builds a database from the metadata.
import awards.web  # noqa: F401
from awards.extensions import db
from config import database_url

SERVER_URL = os.environ.get("AWARDS_TEST_DATABASE_URL")
ON_SERVER = bool(SERVER_URL)
# A test that leaves a transaction open would make the next test's DELETE wait forever.
LOCK_TIMEOUT = "10s"

# Ids start from 1 again, as in a new database (a test may number what it expects).
RESET_SEQUENCES = (
    "SELECT setval(oid::regclass, 1, false) FROM pg_class"
    " WHERE relkind = 'S' AND relnamespace = 'public'::regnamespace"
)

_built: set[str] = set()


def prepare() -> None:
    """Inside an app context: every table present, none with a row."""
    if db.engine.dialect.name == "sqlite":
        db.create_all()
    else:
        _empty_tables(db.engine)


def release() -> None:
    """Inside an app context, at the end of a test: close the session and every connection."""
    db.session.remove()
    db.engine.dispose()


def url(name: str, tmp_path: Path, *, tables: bool = True) -> str:
    """A database named ``name`` of the test's own, apart from the one the `app` fixture
    uses: with every table and no row, or with no table at all (``tables=False``)."""
    if not ON_SERVER:
        address = f"sqlite:///{tmp_path / f'{name}.sqlite3'}"
        if tables:
            _with_engine(address, db.metadata.create_all)
        return address
    address = make_url(database_url(SERVER_URL))
    address = address.set(database=f"{address.database}_{name}")
    rendered = address.render_as_string(hide_password=False)
    if tables:
        if rendered not in _built:
            _create_database(address.database)
        _with_engine(rendered, _empty_tables)
    else:
        _create_database(address.database)
        _built.discard(rendered)
    return rendered


def _with_engine(address: str, action) -> None:
    engine = create_engine(address, poolclass=NullPool)
    try:
        action(engine)
    finally:
        engine.dispose()


def _empty_tables(engine: Engine) -> None:
    key = engine.url.render_as_string(hide_password=False)
    with engine.begin() as connection:
        connection.execute(text(f"SET LOCAL lock_timeout = '{LOCK_TIMEOUT}'"))
        if key not in _built:
            # Whatever an earlier session or model left behind goes, not just known tables.
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
            db.metadata.create_all(connection)
            _built.add(key)
            return
        # Measured on this suite's tables: DELETE with sequences reset takes about 5 ms,
        # TRUNCATE ... RESTART IDENTITY 140 ms, dropping and creating the schema 550 ms.
        quote = connection.dialect.identifier_preparer.format_table
        tables = reversed(db.metadata.sorted_tables)
        deletes = "; ".join(f"DELETE FROM {quote(t)}" for t in tables)  # noqa: S608  (our names)
        connection.exec_driver_sql(f"{deletes}; {RESET_SEQUENCES}")


def _create_database(name: str) -> None:
    """A new, empty database on the server (dropping any left by an earlier session)."""
    admin = create_engine(database_url(SERVER_URL), poolclass=NullPool,
                          isolation_level="AUTOCOMMIT")  # fmt: skip
    quoted = admin.dialect.identifier_preparer.quote(name)
    try:
        with admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {quoted} WITH (FORCE)"))
            connection.execute(text(f"CREATE DATABASE {quoted}"))
    finally:
        admin.dispose()

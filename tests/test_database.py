"""Database settings: which driver a URL selects, what every SQLite connection is set to,
which transactions take the write lock up front, and migrations that keep their rows."""

import pytest
from flask_migrate import upgrade
from sqlalchemy import event, select, text
from sqlalchemy.exc import IntegrityError

from awards import create_app
from awards.extensions import db
from awards.programs.models import Category, Program
from config import database_url
from tests import databases, factories


@pytest.mark.parametrize(
    ("given", "used"),
    [
        ("postgres://u:p@db:5432/awards", "postgresql+psycopg://u:p@db:5432/awards"),
        ("postgresql://u:p@db/awards", "postgresql+psycopg://u:p@db/awards"),
        ("postgresql+psycopg://u@db/awards", "postgresql+psycopg://u@db/awards"),
        ("sqlite:////srv/awards.sqlite3", "sqlite:////srv/awards.sqlite3"),
    ],
)
def test_postgresql_urls_are_served_by_psycopg_3(given, used):
    assert database_url(given) == used


def sqlite_app(tmp_path):
    return create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'file.sqlite3'}"})


def pragma(connection, name: str):
    return connection.execute(f"PRAGMA {name}").fetchone()[0]


def test_every_sqlite_connection_has_wal_busy_timeout_and_foreign_keys(tmp_path):
    app = sqlite_app(tmp_path)
    with app.app_context():
        # Two connections at once: each is set up on its own, not just the first.
        connections = [db.engine.raw_connection() for _ in range(2)]
        for connection in connections:
            assert pragma(connection, "journal_mode") == "wal"
            assert pragma(connection, "busy_timeout") == 30_000
            assert pragma(connection, "foreign_keys") == 1
            connection.close()
        db.engine.dispose()


def statements_of(engine) -> list[str]:
    seen = []
    event.listen(engine, "before_cursor_execute", lambda *args: seen.append(args[2]))
    return seen


def test_writes_take_the_lock_up_front_and_reads_do_not(tmp_path):
    app = sqlite_app(tmp_path)
    with app.app_context():
        db.create_all()
        seen = statements_of(db.engine)
    client = app.test_client()

    def begins(method, url):
        seen.clear()
        client.open(url, method=method, data={"email": "x@x.kz", "password": "wrong"})
        return [s for s in seen if s.startswith("BEGIN")]

    assert begins("GET", "/healthz") == ["BEGIN"]
    assert begins("POST", "/login") == ["BEGIN IMMEDIATE"]
    # A GET that counts a visit is marked as writing, and so waits for the lock like a POST.
    assert begins("GET", "/verify/no-such-token") == ["BEGIN IMMEDIATE"]
    with app.app_context():
        db.engine.dispose()


def test_a_row_pointing_at_nothing_is_refused(app):
    db.session.add(Category(program_id=999, slug="orphan", title={"en": "Orphan"}))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_deleting_a_program_deletes_its_categories_in_the_database(app):
    program = factories.program_with_people()
    db.session.execute(Program.__table__.delete().where(Program.id == program.id))
    db.session.commit()
    assert db.session.scalars(select(Category)).all() == []


def test_migrations_that_rebuild_a_table_keep_the_rows_pointing_at_it(tmp_path):
    """SQLite rebuilds `programs` to add a check constraint; its categories must survive."""
    app = create_app({"SQLALCHEMY_DATABASE_URI": databases.url("rebuild", tmp_path, tables=False)})
    with app.app_context():
        upgrade(revision="801b8f1162b3")
        with db.engine.begin() as connection:
            connection.execute(text(
                "INSERT INTO programs (id, slug, title, year, organizing_body, timezone, venue,"
                " created_at) VALUES (1, 'p', '{}', 2025, '{}', 'Asia/Almaty', '{}',"
                " '2025-01-01 00:00:00')"
            ))  # fmt: skip
            connection.execute(text(
                "INSERT INTO categories (program_id, slug, title, description, nominee_kind,"
                " max_laureates, eligibility_notes, position)"
                " VALUES (1, 'c', '{}', '{}', 'organization', 1, '{}', 0)"
            ))  # fmt: skip
        upgrade()
        assert db.session.scalars(select(Category.slug)).all() == ["c"]
        db.session.remove()
        db.engine.dispose()

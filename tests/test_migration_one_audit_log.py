"""The one audit log's migration: every row of the three event tables arrives with its meaning,
and the downgrade brings them back."""

import json
from datetime import datetime

import sqlalchemy as sa
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text

from awards import create_app
from awards.extensions import db
from tests import databases

BEFORE, AFTER = "e1d2c3b4a502", "e1d2c3b4a503"
OLD_TABLES = {"nomination_events", "scorecard_events", "results_events"}


def at(hour: int, minute: int = 0) -> str:
    """A stored time, written as text so that both databases read it as a timestamp."""
    return f"2026-03-10 {hour:02d}:{minute:02d}:00"


def moment(hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 3, 10, hour, minute)


# The rows other tables must hold for the events to refer to: an organizer, a committee member
# and a judge; a program with a category and a criterion; an accepted entry and one merged
# into it; a submitted scorecard.
SETUP = [
    "INSERT INTO users (id, email, name, locale, is_admin, created_at) VALUES"
    " (1, 'organizer@x.kz', 'Организатор', 'ru', :no, :t),"
    " (2, 'committee@x.kz', 'Комитет', 'kk', :no, :t),"
    " (3, 'judge@x.kz', 'Судья', 'en', :no, :t)",
    "INSERT INTO organizations (id, name, created_at) VALUES (1, :names, :t)",
    "INSERT INTO programs (id, slug, title, year, organizing_body, timezone, venue, created_at,"
    " judges_per_nomination, blind_judging, scoring_method) VALUES (1, 'awards', :names, 2026,"
    " :names, 'Asia/Almaty', :names, :t, 3, :no, 'mean')",
    "INSERT INTO categories (id, program_id, slug, title, description, nominee_kind,"
    " max_laureates, eligibility_notes, position) VALUES (1, 1, 'best', :names, :names,"
    " 'organization', 1, :names, 0)",
    "INSERT INTO criteria (id, category_id, name, description, weight, max_points, step,"
    " position) VALUES (1, 1, :names, :names, 1, 10, 1, 0)",
    "INSERT INTO nominations (id, program_id, category_id, state, nominee_kind, org_name, city,"
    " website, person_name, person_position, person_workplace, team_name, team_members,"
    " justification, achievements, contact_name, contact_phone, contact_email,"
    " submitting_organization_id, created_at, updated_at, submitted_at, accepted_at) VALUES"
    " (1, 1, 1, 'accepted', 'organization', :names, '', '', '', '', '', '', '[]', '', '[]', '',"
    " '', '', 1, :t, :t, :t, :t)",
    "INSERT INTO nominations (id, program_id, category_id, state, nominee_kind, org_name, city,"
    " website, person_name, person_position, person_workplace, team_name, team_members,"
    " justification, achievements, contact_name, contact_phone, contact_email,"
    " submitting_organization_id, created_at, updated_at, submitted_at, merged_at,"
    " merged_into_id) VALUES (2, 1, 1, 'merged', 'organization', :names, '', '', '', '', '',"
    " '', '[]', '', '[]', '', '', '', 1, :t, :t, :t, :t, 1)",
    "INSERT INTO scorecards (id, nomination_id, judge_id, state, overall_comment, version,"
    " created_at, updated_at, submitted_at) VALUES (1, 1, 3, 'submitted', '', 3, :t, :t, :t)",
]
SETUP_VALUES = {"no": False, "t": at(1), "names": '{"kk": "Атауы", "ru": "Название"}'}

# (id, nomination, actor, at, from, to, reason): two entries' lives, one merged into the other,
# and a line that kept its state (the kept entry hearing of the merge); one by nobody.
NOMINATION_EVENTS = [
    (1, 1, 2, at(2), None, "draft", ""),
    (2, 2, 2, at(2, 30), None, "draft", ""),
    (3, 1, 2, at(3), "draft", "submitted", ""),
    (4, 2, 2, at(3), "draft", "submitted", ""),
    (5, 2, 1, at(4), "submitted", "returned", "Добавьте БИН"),
    (6, 2, None, at(5), "returned", "submitted", ""),
    (7, 1, 1, at(6), "submitted", "accepted", ""),
    (8, 2, 1, at(7), "submitted", "merged", "Присоединена к заявке №1."),
    (9, 1, 1, at(7), "accepted", "accepted", "К этой заявке присоединена заявка №2."),
]
DRAFT = '{"state": "draft", "points": {"1": 5.0}, "comments": {}, "overall_comment": ""}'
SUBMITTED = '{"state": "submitted", "points": {"1": 7.5}, "comments": {}, "overall_comment": ""}'
# (id, scorecard, actor, action, old, new, reason, at)
SCORECARD_EVENTS = [
    (1, 1, 3, "created", "{}", DRAFT, "", at(8)),
    (2, 1, 3, "submitted", DRAFT, SUBMITTED, "", at(9)),
    (3, 1, 1, "reopened", SUBMITTED, SUBMITTED.replace("submitted", "draft"), "Опечатка", at(10)),
]
CONFIRMED = '{"version": 1, "sha256": "' + "a" * 64 + '", "laureates": [1]}'
# (id, program, category, actor, action, reason, data, at)
RESULTS_EVENTS = [
    (1, 1, 1, 1, "confirmed", "", CONFIRMED, at(11)),
    (2, 1, None, 1, "published", "", "{}", at(12)),
    (3, 1, None, None, "unpublished", "", "{}", at(13)),
    (4, 1, 1, 1, "unfrozen", "Жалоба", '{"version": 1}', at(14)),
]

audit_entries = sa.table(
    "audit_entries",
    *(sa.column(name) for name in ("id", "program_id", "subject_kind", "subject_id", "action",
                                   "actor_id", "reason")),
    sa.column("at", sa.DateTime), sa.column("old", sa.JSON), sa.column("new", sa.JSON),
)  # fmt: skip


def insert_old_rows(connection) -> None:
    for statement in SETUP:
        connection.execute(text(statement), SETUP_VALUES)
    columns = {
        "nomination_events": "id, nomination_id, actor_id, at, from_state, to_state, reason",
        "scorecard_events": "id, scorecard_id, actor_id, action, old, new, reason, at",
        "results_events": "id, program_id, category_id, actor_id, action, reason, data, at",
    }
    for table, rows in (("nomination_events", NOMINATION_EVENTS),
                        ("scorecard_events", SCORECARD_EVENTS),
                        ("results_events", RESULTS_EVENTS)):  # fmt: skip
        names = columns[table].split(", ")
        marks = ", ".join(f":{name}" for name in names)
        statement = text(f"INSERT INTO {table} ({columns[table]}) VALUES ({marks})")  # noqa: S608  (our names)
        connection.execute(statement, [dict(zip(names, row, strict=True)) for row in rows])


def audit_rows(connection) -> list[tuple]:
    query = sa.select(audit_entries).order_by(audit_entries.c.id)
    return [
        (r.program_id, r.subject_kind, r.subject_id, r.action, r.actor_id, r.at, r.old, r.new,
         r.reason)
        for r in connection.execute(query)
    ]  # fmt: skip


def draft(points):
    return {"state": "draft", "points": {"1": points}, "comments": {}, "overall_comment": ""}


def submitted(points):
    return {**draft(points), "state": "submitted"}


# Oldest first; at the same moment in the order each table wrote its rows, nominations first.
EXPECTED = [
    (1, "nomination", 1, "created", 2, moment(2), {}, {"state": "draft"}, ""),
    (1, "nomination", 2, "created", 2, moment(2, 30), {}, {"state": "draft"}, ""),
    (1, "nomination", 1, "submitted", 2, moment(3), {"state": "draft"}, {"state": "submitted"},
     ""),
    (1, "nomination", 2, "submitted", 2, moment(3), {"state": "draft"}, {"state": "submitted"},
     ""),
    (1, "nomination", 2, "returned", 1, moment(4), {"state": "submitted"},
     {"state": "returned"}, "Добавьте БИН"),
    (1, "nomination", 2, "resubmitted", None, moment(5), {"state": "returned"},
     {"state": "submitted"}, ""),
    (1, "nomination", 1, "accepted", 1, moment(6), {"state": "submitted"},
     {"state": "accepted"}, ""),
    (1, "nomination", 2, "merged", 1, moment(7), {"state": "submitted"}, {"state": "merged"},
     "Присоединена к заявке №1."),
    (1, "nomination", 1, "noted", 1, moment(7), {"state": "accepted"}, {"state": "accepted"},
     "К этой заявке присоединена заявка №2."),
    (1, "scorecard", 1, "created", 3, moment(8), {}, draft(5.0), ""),
    (1, "scorecard", 1, "submitted", 3, moment(9), draft(5.0), submitted(7.5), ""),
    (1, "scorecard", 1, "reopened", 1, moment(10), submitted(7.5), draft(7.5), "Опечатка"),
    (1, "category", 1, "confirmed", 1, moment(11), {},
     {"version": 1, "sha256": "a" * 64, "laureates": [1]}, ""),
    (1, "program", 1, "published", 1, moment(12), {}, {}, ""),
    (1, "program", 1, "unpublished", None, moment(13), {}, {}, ""),
    (1, "category", 1, "unfrozen", 1, moment(14), {"version": 1}, {}, "Жалоба"),
]  # fmt: skip


def old_rows(connection) -> dict[str, set]:
    """The old tables' rows without their ids, each value as JSON text with sorted keys."""
    tables = {
        "nomination_events": ("nomination_id", "actor_id", "at", "from_state", "to_state",
                              "reason"),
        "scorecard_events": ("scorecard_id", "actor_id", "action", "old", "new", "reason", "at"),
        "results_events": ("program_id", "category_id", "actor_id", "action", "reason", "data",
                           "at"),
    }  # fmt: skip
    types = {"at": sa.DateTime, "old": sa.JSON, "new": sa.JSON, "data": sa.JSON}
    found = {}
    for name, columns in tables.items():
        table = sa.table(name, *(sa.column(c, types.get(c)) for c in columns))
        found[name] = {
            tuple(json.dumps(value, sort_keys=True, default=str) for value in row)
            for row in connection.execute(sa.select(table))
        }
    return found


def test_every_event_arrives_with_its_meaning_and_goes_back_on_downgrade(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": databases.url("log", tmp_path, tables=False)})
    with app.app_context():
        upgrade(revision=BEFORE)
        with db.engine.begin() as connection:
            insert_old_rows(connection)
            before = old_rows(connection)
        assert [len(before[t]) for t in ("nomination_events", "scorecard_events",
                                         "results_events")] == [9, 3, 4]  # fmt: skip
        upgrade(revision=AFTER)
        assert not OLD_TABLES & set(inspect(db.engine).get_table_names())
        with db.engine.connect() as connection:
            assert audit_rows(connection) == EXPECTED
        downgrade(revision=BEFORE)
        assert "audit_entries" not in inspect(db.engine).get_table_names()
        with db.engine.connect() as connection:
            assert old_rows(connection) == before
        db.engine.dispose()

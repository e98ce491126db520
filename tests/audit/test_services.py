from datetime import datetime

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError

from awards.audit.models import AuditEntry
from awards.audit.services import record
from awards.extensions import db

AT = datetime(2026, 3, 15, 6, 0)


def test_record_keeps_who_when_what_and_why(program):
    organizer = program.roles[0].user
    entry = record(
        actor=organizer, program=program, subject=("nomination", 42), action="returned",
        old={"state": "submitted"}, new={"state": "returned"}, reason="Добавьте БИН", now=AT,
    )  # fmt: skip
    db.session.commit()
    db.session.expire_all()
    stored = db.session.get(AuditEntry, entry.id)
    assert (stored.program_id, stored.subject, stored.action) == (program.id, ("nomination", 42),
                                                                  "returned")  # fmt: skip
    assert (stored.actor, stored.at, stored.reason) == (organizer, AT, "Добавьте БИН")
    assert (stored.old, stored.new) == ({"state": "submitted"}, {"state": "returned"})


def test_record_flushes_so_the_entry_has_its_id(program):
    entry = record(actor=None, program=program, subject=("program", program.id),
                   action="published")  # fmt: skip
    assert entry.id is not None
    assert (entry.actor_id, entry.old, entry.new, entry.reason) == (None, {}, {}, "")


def test_record_copies_the_values_it_is_given(program):
    new = {"state": "draft"}
    entry = record(actor=None, program=program, subject=("nomination", 1), action="created",
                   new=new)  # fmt: skip
    new["state"] = "accepted"
    assert entry.new == {"state": "draft"}


@pytest.mark.parametrize("subject", [("certificate", 1), ("nomination", None)])
def test_record_refuses_a_subject_it_cannot_name(program, subject):
    with pytest.raises(ValueError, match="not a loggable subject"):
        record(actor=None, program=program, subject=subject, action="created")
    assert db.session.query(AuditEntry).count() == 0


@pytest.mark.parametrize(
    ("kind", "subject_id", "action"),
    [("certificate", 1, "revoked"), ("nomination", 0, "created"), ("nomination", 1, "")],
)
def test_the_schema_refuses_an_unknown_subject_or_a_missing_action(
    program, kind, subject_id, action
):
    insert = text(
        "INSERT INTO audit_entries (program_id, subject_kind, subject_id, action, at, old, new,"
        " reason) VALUES (:program, :kind, :id, :action, :at, '{}', '{}', '')"
    )
    values = {"program": program.id, "kind": kind, "id": subject_id, "action": action, "at": AT}
    with pytest.raises(IntegrityError):
        db.session.execute(insert, values)
    db.session.rollback()

"""The chair-and-votes migration: downgrading takes the chair role away and the vote tables
with it; upgrading again lets a chair be named."""

import pytest
from alembic.script import ScriptDirectory
from flask import current_app
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from awards import create_app
from awards.extensions import db
from awards.programs import services as programs
from awards.programs.models import Role
from tests import databases, factories

REVISION = "a15d00000001"


def _roles() -> list[str]:
    roles = list(db.session.scalars(text("SELECT role FROM program_roles ORDER BY id")))
    db.session.remove()  # no transaction left open for the migrations to wait on
    return roles


def test_downgrade_removes_the_chairs_and_the_vote_tables(tmp_path):
    app = create_app({"SQLALCHEMY_DATABASE_URI": databases.url("v", tmp_path, tables=False)})
    with app.app_context():
        upgrade()
        program = factories.program_with_people()
        organizer = program.roles[0].user
        judge = next(r.user for r in program.roles if r.role == Role.JUDGE)
        programs.grant_role(program=program, user=judge, role=Role.CHAIR, actor=organizer)
        db.session.commit()
        assert "chair" in _roles()
        script = ScriptDirectory.from_config(current_app.extensions["migrate"].migrate.get_config())
        downgrade(revision=script.get_revision(REVISION).down_revision)
        assert "chair" not in _roles() and "judge" in _roles()
        assert not {"decision_votes", "dissenting_opinions"} & set(
            inspect(db.engine).get_table_names()
        )
        with pytest.raises(IntegrityError):
            db.session.execute(text("UPDATE program_roles SET role = 'chair' WHERE role = 'judge'"))
        db.session.remove()
        upgrade()
        db.session.execute(text("UPDATE program_roles SET role = 'chair' WHERE role = 'judge'"))
        db.session.commit()
        assert "chair" in _roles()
        db.session.remove()
        db.engine.dispose()

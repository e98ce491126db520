"""How a page ends a request: one helper commits, nothing else in a view does."""

import re
from pathlib import Path

import pytest

import awards
from awards.accounts.models import User
from awards.errors import DomainError
from awards.extensions import db
from awards.pages import committed
from tests import factories

PACKAGE = Path(awards.__file__).parent


def view_modules() -> list[Path]:
    return [path for path in PACKAGE.rglob("*.py") if path.name.endswith("views.py")]


def test_no_view_commits_or_rolls_back_by_itself():
    session_calls = re.compile(r"\bsession\.(commit|rollback)\(|\bsession\(\)\.(commit|rollback)\(")
    offenders = [
        path.relative_to(PACKAGE).as_posix()
        for path in view_modules()
        if session_calls.search(path.read_text(encoding="utf-8"))
    ]
    assert len(view_modules()) > 10 and offenders == []


def test_committed_keeps_what_the_service_did(app):
    def rename():
        factories.user("member@x.kz", name="Айдана")
        db.session.flush()
        return "renamed"

    assert committed(rename) == "renamed"
    db.session.close()
    assert db.session.query(User).filter_by(email="member@x.kz").one().name == "Айдана"


def test_committed_rolls_back_a_refusal_and_passes_it_on(app):
    def refuse():
        factories.user("member@x.kz")
        db.session.flush()
        raise DomainError("no")

    with pytest.raises(DomainError):
        committed(refuse)
    assert db.session.query(User).filter_by(email="member@x.kz").count() == 0

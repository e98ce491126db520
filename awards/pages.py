"""How a page ends a request that changes something: it calls one service, then commits and
moves on, or rolls back and shows the service's message with everything typed still in the
form. The only place a view commits; views call these, never ``db.session.commit``."""

from collections.abc import Callable
from typing import Any, TypeVar

from flask import flash, redirect

from awards.errors import DomainError
from awards.extensions import db
from awards.forms import show_domain_error

T = TypeVar("T")


def committed(action: Callable[[], T]) -> T:
    """Run ``action`` and commit what it did, returning its result. Whatever it raises (a
    DomainError among others) rolls everything back and goes on to the caller."""
    try:
        result = action()
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()
    return result


def commit_or_show(form, action: Callable[[], Any], *, success: str | None, target):
    """Run ``action``. On a DomainError: roll back, show it on ``form``, return None (the caller
    renders the form again). Otherwise: commit, flash ``success`` (if any), redirect to
    ``target``, a URL or a function of the action's result that gives one."""
    try:
        result = committed(action)
    except DomainError as error:
        show_domain_error(form, error)
        return None
    if success:
        flash(success, "success")
    return redirect(target(result) if callable(target) else target)


def commit_or_flash(action: Callable[[], Any], *, success: str | None, target: str):
    """For buttons without a form to show again: run ``action``, then commit and flash
    ``success`` (if any), or roll back and flash the service's message; redirect to ``target``
    either way."""
    try:
        committed(action)
    except DomainError as error:
        flash(error.message, "error")
    else:
        if success:
            flash(success, "success")
    return redirect(target)

"""What a page does once its form is valid: call one service, then commit and move on, or roll
back and show the service's message beside the form with everything typed still in it."""

from collections.abc import Callable
from typing import Any

from flask import flash, redirect

from awards.errors import DomainError
from awards.extensions import db
from awards.forms import show_domain_error


def commit_or_show(form, action: Callable[[], Any], *, success: str, target):
    """Run ``action``. On a DomainError: roll back, show it on ``form``, return None (the caller
    renders the form again). Otherwise: commit, flash ``success``, redirect to ``target``, a URL
    or a function of the action's result that gives one."""
    try:
        result = action()
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error)
        return None
    db.session.commit()
    flash(success, "success")
    return redirect(target(result) if callable(target) else target)


def commit_or_flash(action: Callable[[], Any], *, success: str, target: str):
    """For buttons without a form to show again: run ``action``, then commit and flash
    ``success``, or roll back and flash the service's message; redirect to ``target`` either way."""
    try:
        action()
    except DomainError as error:
        db.session.rollback()
        flash(error.message, "error")
    else:
        db.session.commit()
        flash(success, "success")
    return redirect(target)

"""The front door, the health check and the way back from an upload over the size limit."""

from flask import Blueprint, flash, jsonify, redirect, render_template, request, url_for
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from awards.extensions import db, limiter
from awards.redirects import same_site_referrer
from awards.uploads import too_large_message

bp = Blueprint("main", __name__)


@bp.get("/")
def index():
    if current_user.is_authenticated:
        return redirect(url_for("programs.index"))
    return redirect(url_for("accounts.login"))


@bp.get("/healthz")
@limiter.exempt
def healthz():
    try:
        db.session.execute(text("SELECT 1")).scalar_one()
    except SQLAlchemyError:
        db.session.rollback()
        return jsonify(status="error", database="unreachable"), 503
    return jsonify(status="ok", database="ok")


def send_back_too_large(size: int | None):
    """An upload over the largest request the app reads (MAX_CONTENT_LENGTH): back to the page
    of the form it came from, with a message stating its size and the limit. What was typed
    in that request cannot be kept: its body is never read. Without a page of this site to
    go back to, the message on the error page."""
    message = too_large_message(size)
    back = same_site_referrer(request.referrer, request.host)
    if back is None:
        return render_template("errors.html", status=413, message=message), 413
    flash(message, "error")
    return redirect(back, 303)


@bp.get("/upload-too-large")
def upload_too_large():
    """Where a reverse proxy that refuses a large upload itself (nginx's ``error_page 413``)
    sends the browser: the same way back to the form as the app's own refusal."""
    return send_back_too_large(None)

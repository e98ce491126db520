"""Binding the extensions, blueprints, template helpers and error pages to an app."""

import contextlib
import logging.config
from pathlib import Path

from flask import Flask, abort, current_app, g, render_template, request, session
from flask.logging import default_handler
from flask_babel import force_locale
from flask_wtf.csrf import CSRFError
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.exc import DataError, InterfaceError, OperationalError
from werkzeug.middleware.proxy_fix import ProxyFix

from awards import cli, formats, paging
from awards.accounts.models import User
from awards.accounts.views import bp as accounts_bp
from awards.ceremony import phases as ceremony_phases
from awards.ceremony.guest_views import rsvp_bp
from awards.ceremony.screen_views import bp as screen_bp
from awards.ceremony.views import bp as ceremony_bp
from awards.certificates import jobs as certificate_jobs
from awards.certificates import phases as certificate_phases
from awards.certificates.views import bp as certificates_bp
from awards.database import configure_sqlite
from awards.extensions import babel, csrf, db, limiter, login_manager, migrate
from awards.i18n import LANGUAGE_NAMES, current_language, localized, select_locale
from awards.jobs import queue as job_queue
from awards.jobs.views import bp as jobs_bp
from awards.judging import (  # noqa: F401  (pages of jury_bp)
    ballot_views,
    practice_views,
    progress_views,
    round_views,
)
from awards.judging import jobs as judging_jobs
from awards.judging import phases as judging_phases
from awards.judging.deliberation_views import bp as deliberation_bp
from awards.judging.jury_views import bp as jury_bp
from awards.judging.views import bp as judging_bp
from awards.main import bp as main_bp
from awards.main import send_back_too_large
from awards.nominations import phases as nomination_phases
from awards.nominations.organization_views import bp as organizations_bp
from awards.nominations.review_views import bp as review_bp
from awards.nominations.views import bp as nominations_bp
from awards.programs import phases as program_phases
from awards.programs.views import bp as programs_bp
from awards.protocols.views import bp as protocols_bp
from awards.results import phases as results_phases
from awards.results.export_views import bp as results_export_bp
from awards.results.feedback_views import bp as feedback_bp
from awards.results.meeting_views import bp as meeting_bp
from awards.results.views import bp as results_bp
from awards.routing import IdConverter

log = logging.getLogger(__name__)


def init_app(app: Flask) -> None:
    app.url_map.converters["int"] = IdConverter  # before any route is added
    _logging(app)
    db.init_app(app)
    configure_sqlite(app)
    migrate.init_app(
        app, db, directory=str(Path(app.root_path).parent / "migrations"), render_as_batch=True
    )
    csrf.init_app(app)
    babel.init_app(app, locale_selector=select_locale)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = None
    login_manager.user_loader(_load_user)
    job_queue.init_app(app)
    # Every process that makes the app (web, worker, command) knows every kind of job.
    for domain_jobs in (judging_jobs, certificate_jobs):
        domain_jobs.register_job_kinds(app)
    # The program page shows where a program stands, each domain describing its own phase.
    for domain_phases in (
        program_phases, nomination_phases, judging_phases, results_phases, certificate_phases,
        ceremony_phases,
    ):  # fmt: skip
        domain_phases.register_phases(app)
    blueprints = (
        main_bp, accounts_bp, programs_bp, nominations_bp, review_bp, organizations_bp,
        judging_bp, jury_bp, deliberation_bp, results_bp, meeting_bp, results_export_bp,
        certificates_bp, ceremony_bp, rsvp_bp, screen_bp, jobs_bp, protocols_bp, feedback_bp,
    )  # fmt: skip
    for blueprint in blueprints:
        app.register_blueprint(blueprint)
    cli.register(app)
    _template_helpers(app)
    _security_headers(app)
    _error_pages(app)
    _behind_proxies(app)


def _load_user(session_id: str) -> User | None:
    """The user of a session, unless their password changed since it began."""
    user_id, _, fingerprint = session_id.partition(".")
    user = db.session.get(User, int(user_id)) if user_id.isdigit() else None
    if user is None or not user.is_active or user.credential_fingerprint != fingerprint:
        return None
    return user


def _template_helpers(app: Flask) -> None:
    # Every number, date and time a page or an email shows is written by awards.formats.
    app.jinja_env.filters.update(
        localized=localized,
        number=formats.number,
        percent=formats.percent,
        plain_number=formats.plain_number,
        date=formats.day,
        time=formats.clock,
        datetime=formats.moment,
        local_datetime=formats.local_moment,
        quoted=formats.quoted,
    )

    @app.context_processor
    def globals_():
        return {"languages": LANGUAGE_NAMES, "current_language": current_language()}

    app.jinja_env.globals["url_with"] = paging.url_with


CONTENT_SECURITY_POLICY = (
    "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def _security_headers(app: Flask) -> None:
    @app.after_request
    def add_headers(response):
        # Pages run only our own files: no inline script, no framing by another site.
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        return response


def _error_pages(app: Flask) -> None:
    def page(status: int):
        def handler(error):
            return render_template("errors.html", status=status), status

        return handler

    for status in (400, 403, 404, 405, 429, 500):
        app.register_error_handler(status, page(status))
    app.register_error_handler(413, lambda error: send_back_too_large(request.content_length))
    app.register_error_handler(CSRFError, page(400))
    for error in (OperationalError, InterfaceError):
        app.register_error_handler(error, _database_unavailable)
    app.register_error_handler(DataError, _refused_by_the_database)
    app.before_request(_refuse_nul_characters)


def _refuse_nul_characters() -> None:
    """No name, text or address a person types holds a NUL character, and PostgreSQL cannot
    store one: a request carrying one (in its path, query, form or a file's name) is refused
    before any view sees it."""
    texts = [request.path]
    texts += [text for item in request.values.items(multi=True) for text in item]
    texts += [upload.filename or "" for upload in request.files.values()]
    if any("\x00" in text for text in texts):
        abort(400)


def _refused_by_the_database(error: DataError):
    """A value the database refuses (a number out of its range, say) that no check caught
    first: the request could not be understood, and nothing was saved."""
    log.warning("database refused a value during %s %s: %s", request.method, request.path, error)
    db.session.rollback()
    return render_template("errors.html", status=400), 400


def _database_unavailable(error: Exception):
    """The database did not answer (restarting, unreachable, locked for too long): nothing
    was saved. Says so plainly, in a page rendered without the database."""
    log.warning("database unavailable during %s %s: %s", request.method, request.path, error)
    # The language of an account loaded before the failure, read without loading anything.
    user = g.get("_login_user")
    language = sa_inspect(user).dict.get("locale") if isinstance(user, User) else None
    language = language or session.get("locale")
    with contextlib.suppress(Exception):  # the connection may be gone already
        db.session.rollback()
    if language not in LANGUAGE_NAMES:
        best = request.accept_languages.best_match(list(LANGUAGE_NAMES))
        language = best or current_app.config["BABEL_DEFAULT_LOCALE"]
    # Straight from the environment: render_template's context processors would load the
    # account (Flask-Login's current_user) from the database that is not answering.
    page = current_app.jinja_env.get_template("unavailable.html")
    with force_locale(language):
        body = page.render(language=language, request=request)
    return body, 503, {"Cache-Control": "no-store"}


def _logging(app: Flask) -> None:
    """The configured logging (production: everything to stdout) instead of Flask's default
    handler on the app's logger alone."""
    if app.config.get("LOGGING"):
        logging.config.dictConfig(app.config["LOGGING"])
        app.logger.removeHandler(default_handler)


def _behind_proxies(app: Flask) -> None:
    """Believe X-Forwarded-For and -Proto only from as many proxies as PROXY_COUNT says: then
    the rate limits count the real client address, and the request knows it came over HTTPS."""
    count = app.config.get("PROXY_COUNT", 0)
    if count > 0:
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=count, x_proto=count)

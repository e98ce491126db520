"""Outgoing email: queued during a transaction, delivered only once it commits.

Development prints each message and keeps a copy in the outbox folder; SMTP is used when
MAIL_SERVER is set. Messages are rendered in the recipient's language.
"""

import logging
import smtplib
import threading
import uuid
from email.message import EmailMessage
from email.utils import make_msgid

from flask import current_app, has_request_context, render_template
from flask_babel import force_locale
from sqlalchemy import event
from sqlalchemy.orm import Session

from awards.i18n import single_line, utcnow

log = logging.getLogger(__name__)
_QUEUE_KEY = "awards.outbox"


def external_url(endpoint: str, **values) -> str:
    """An absolute link built on AWARDS_BASE_URL, never on the request's Host header."""
    adapter = current_app.url_map.bind("localhost", script_name="/", url_scheme="https")
    return current_app.config["AWARDS_BASE_URL"] + adapter.build(endpoint, values)


def queue_email(session: Session, *, to: str, locale: str, template: str, **context) -> None:
    """Render ``templates/email/<template>.txt`` in ``locale`` and send it after commit.

    The template's first line is the subject.
    """
    with force_locale(locale):
        text = render_template(f"email/{template}.txt", **context)
    subject, _, body = text.strip().partition("\n")
    message = EmailMessage()
    message["From"] = current_app.config["MAIL_DEFAULT_SENDER"]
    message["To"] = to
    message["Subject"] = single_line(subject)
    message["Message-ID"] = make_msgid(domain="awards")
    message.set_content(body.strip() + "\n")
    session.info.setdefault(_QUEUE_KEY, []).append(message)


def discard_queued_email(session: Session) -> None:
    """Forget the messages queued so far in this transaction (demo data notifies nobody)."""
    session.info.pop(_QUEUE_KEY, None)


def deliver(message: EmailMessage) -> None:
    config = current_app.config
    outbox = config["MAIL_OUTBOX"]
    outbox.mkdir(parents=True, exist_ok=True)
    name = f"{utcnow():%Y%m%dT%H%M%S}-{uuid.uuid4().hex[:8]}.eml"
    (outbox / name).write_bytes(message.as_bytes())
    if config["MAIL_TO_CONSOLE"]:
        print(f"\n----- email to {message['To']} -----\n{message.get_content()}", flush=True)
    if config["MAIL_SERVER"]:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
            if config["MAIL_USE_TLS"]:
                smtp.starttls()
            if config["MAIL_USERNAME"]:
                smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
            smtp.send_message(message)


def _deliver_all(app, messages: list[EmailMessage]) -> None:
    with app.app_context():
        for message in messages:
            try:
                deliver(message)
            except (OSError, smtplib.SMTPException):
                # The data is committed; a mail outage must not turn that into an error page.
                log.exception("could not deliver email to %s", message["To"])


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    messages = session.info.pop(_QUEUE_KEY, [])
    if not messages:
        return
    app = current_app._get_current_object()
    # Commands deliver before they exit; only requests hand the work to a thread.
    if app.config["MAIL_IN_BACKGROUND"] and has_request_context():
        # Off the request: the answer takes as long whether or not an email was sent, and a
        # slow mail server does not slow the page.
        threading.Thread(target=_deliver_all, args=(app, messages), daemon=True).start()
    else:
        _deliver_all(app, messages)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_QUEUE_KEY, None)

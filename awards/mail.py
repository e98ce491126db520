"""Outgoing email: queued during a transaction, handed over only once it commits.

Each message handed over is kept in the outbox folder (and printed in development). With
MAIL_SERVER set it is then put on the job queue, and a worker sends it by SMTP, trying again
for about an hour when the server refuses or cannot be reached. Messages are rendered in the
recipient's language.
"""

import itertools
import logging
import smtplib
import uuid
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale
from sqlalchemy import event
from sqlalchemy.orm import Session

from awards.i18n import single_line, utcnow

log = logging.getLogger(__name__)
_QUEUE_KEY = "awards.outbox"
_SEQUENCE = itertools.count()
# app.extensions key: puts a message (as bytes) on the queue; set by awards/jobs/queue.py.
SENDER_KEY = "awards.mail.sender"


def external_url(endpoint: str, **values) -> str:
    """An absolute link built on AWARDS_BASE_URL, never on the request's Host header."""
    adapter = current_app.url_map.bind("localhost", script_name="/", url_scheme="https")
    return current_app.config["AWARDS_BASE_URL"] + adapter.build(endpoint, values)


def unreachable_base_url(base_url: str) -> bool:
    """Whether links on ``base_url`` cannot be opened from another device, or not safely: a
    loopback or unnamed host, or plain http (a QR code printed with it cannot be checked)."""
    parts = urlsplit(base_url)
    host = (parts.hostname or "").lower()
    loopback = host in {"", "localhost", "0.0.0.0", "::1", "::"} or host.startswith("127.")  # noqa: S104
    return loopback or host.endswith(".localhost") or parts.scheme != "https"


def queue_email(
    session: Session, *, to: str, locale: str, template: str, attachments=(), **context
) -> None:
    """Render ``templates/email/<template>.txt`` in ``locale`` and send it after commit, with
    ``attachments`` as (file name, MIME type, bytes).

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
    for filename, mimetype, content in attachments:
        maintype, _, subtype = mimetype.partition("/")
        message.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    session.info.setdefault(_QUEUE_KEY, []).append(message)


def discard_queued_email(session: Session) -> None:
    """Forget the messages queued so far in this transaction (demo data notifies nobody)."""
    session.info.pop(_QUEUE_KEY, None)


def keep_copy(message: EmailMessage) -> None:
    """The outbox folder's copy of a message handed over (and the console's, in development)."""
    config = current_app.config
    outbox = config["MAIL_OUTBOX"]
    outbox.mkdir(parents=True, exist_ok=True)
    # Named in the order handed over (a process's sequence number after the second, even when
    # the clock stands still), so that the folder lists them as they were sent.
    name = f"{utcnow():%Y%m%dT%H%M%S}-{next(_SEQUENCE):08d}-{uuid.uuid4().hex[:8]}.eml"
    (outbox / name).write_bytes(message.as_bytes())
    if config["MAIL_TO_CONSOLE"]:
        text = message.get_body(preferencelist=("plain",)).get_content()  # not the attachments
        print(f"\n----- email to {message['To']} -----\n{text}", flush=True)


def send_by_smtp(message: EmailMessage) -> None:
    config = current_app.config
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=30) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(message)


def send_queued(raw: bytes, *, last_attempt: bool) -> None:
    """Send a message taken off the queue. A failure is raised for the queue to try again
    later, or on the last attempt logged as an error naming the message (whose copy is in
    the outbox folder): never lost silently."""
    message = message_from_bytes(raw, policy=policy.default)
    try:
        send_by_smtp(message)
    except (OSError, smtplib.SMTPException) as error:
        if not last_attempt:
            log.warning("could not send email to %s (%s); trying again later", message["To"],
                        error)  # fmt: skip
            raise
        log.exception("gave up sending email %s to %s; its copy is in the outbox folder",
                      message["Message-ID"], message["To"])  # fmt: skip


def _hand_over(message: EmailMessage) -> None:
    keep_copy(message)
    if not current_app.config["MAIL_SERVER"]:
        return
    raw = message.as_bytes()
    try:
        current_app.extensions[SENDER_KEY](raw)
    except Exception:  # noqa: BLE001  (no queue, or its server is down: the message must go)
        log.exception("could not queue email to %s; sending it at once", message["To"])
        send_queued(raw, last_attempt=True)


@event.listens_for(Session, "after_commit")
def _send_after_commit(session: Session) -> None:
    # The data is committed: whatever happens to the mail, the request that committed stands.
    for message in session.info.pop(_QUEUE_KEY, []):
        _hand_over(message)


@event.listens_for(Session, "after_rollback")
def _drop_after_rollback(session: Session) -> None:
    session.info.pop(_QUEUE_KEY, None)

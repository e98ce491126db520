"""Loading an entry, or one of its documents, for a page: found and allowed to be seen, or the
page answers 404 whether or not it exists (so ids cannot be probed). Sending a document."""

import io

from flask import abort, current_app, render_template
from flask_babel import gettext as _
from flask_login import current_user

from awards import uploads, uploads_pdf
from awards.downloads import send_content
from awards.errors import DomainError
from awards.extensions import db
from awards.nominations import documents, permissions
from awards.nominations.models import Document, Nomination


def load_nomination(nomination_id: int) -> Nomination:
    """The entry, or 404 for anyone who may not see it (whether or not it exists)."""
    nomination = db.session.get(Nomination, nomination_id)
    if nomination is None or not permissions.can_view_nomination(current_user, nomination):
        abort(404)
    return nomination


def load_document(nomination: Nomination, document_id: int) -> Document:
    document = db.session.get(Document, document_id)
    if document is None or document.nomination_id != nomination.id:
        abort(404)
    return document


def send_document(document: Document, *, inline: bool, anonymous: bool = False):
    """The file itself, after the caller checked permission: an attachment unless a PDF is
    asked for inline, never sniffed, never cached. ``anonymous`` hides the original name."""
    path = documents.document_path(document)
    if not path.is_file():
        abort(404)
    inline = document.is_pdf and inline
    name = f"document-{document.id}.{uploads.EXTENSIONS[document.content_type]}"
    source = path
    # Images lost their metadata when uploaded; a PDF is rebuilt without its authors here,
    # and never handed over as it is.
    if anonymous and document.is_pdf:
        try:
            source = io.BytesIO(uploads_pdf.blind_copy(path.read_bytes()))
        except DomainError as error:
            current_app.logger.error(
                "document %s could not be copied for blind judging: %s", document.id, error
            )
            message = _(
                "This document cannot be shown: a copy without the names of its authors could "
                "not be made. Please tell the organizers."
            )
            return render_template("errors.html", status=500, message=message), 500
    return send_content(
        source, name=name if anonymous else document.original_name,
        mimetype=document.content_type, inline=inline,
    )  # fmt: skip

"""Guests: the organizer's page of who comes on stage for each laureate (invitations, answers,
seats, the guest list), and the page the emailed link opens, where a laureate answers."""

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from awards.ceremony import guests, permissions
from awards.ceremony.forms import AnswerForm, ButtonForm, SeatForm
from awards.ceremony.models import LaureateGuest
from awards.ceremony.views import bp, load_for_organizer
from awards.downloads import send_content
from awards.errors import DomainError
from awards.extensions import limiter
from awards.i18n import current_language, speak_page_language, utcnow
from awards.pages import commit_or_show, committed
from awards.programs.loaders import load_in_program
from awards.spreadsheets import XLSX_MIMETYPE, to_xlsx

rsvp_bp = Blueprint("rsvp", __name__, url_prefix="/rsvp")


def _guests_page(program, *, seat_form=None, seat_guest_id=None):
    rows = guests.guest_rows(program)
    return render_template(
        "ceremony/guests.html", program=program, rows=rows, counts=guests.counts(rows),
        state_label=guests.state_label, button=ButtonForm(), seat_form=seat_form,
        seat_guest_id=seat_guest_id, ceremony_set=program.ceremony_at is not None,
        open=guests.inviting_is_open(program, utcnow()),
    )  # fmt: skip


def _here(program, anchor: str = "guests") -> str:
    return url_for("ceremony.guests_page", slug=program.slug, _anchor=anchor)


@bp.get("/guests")
def guests_page(slug: str):
    program = load_for_organizer(slug)
    if not permissions.can_manage_guests(current_user, program):
        abort(403)
    return _guests_page(program)


def _bulk(slug: str, action, message):
    """A button acting on every laureate: the service's count in ``message``, or its refusal."""
    program = load_for_organizer(slug)
    if not permissions.can_manage_guests(current_user, program):
        abort(403)
    if not ButtonForm().validate_on_submit():
        abort(400)
    try:
        count = committed(lambda: action(program=program, actor=current_user))
    except DomainError as error:
        flash(error.message, "error")
    else:
        flash(message(count), "success")
    return redirect(_here(program))


def _invited(count: int) -> str:
    if not count:
        return _("Every laureate with an address to write to has been invited already.")
    return ngettext(
        "An invitation has been emailed for %(num)d laureate.",
        "Invitations have been emailed for %(num)d laureates.",
        count,
    )


def _reminded(count: int) -> str:
    if not count:
        return _("Every invited laureate has answered.")
    return ngettext(
        "A reminder has been emailed for %(num)d laureate.",
        "Reminders have been emailed for %(num)d laureates.",
        count,
    )


@bp.post("/guests/invite")
def guests_invite(slug: str):
    return _bulk(slug, guests.invite_laureates, _invited)


@bp.post("/guests/remind")
def guests_remind(slug: str):
    return _bulk(slug, guests.remind_guests, _reminded)


@bp.post("/guests/<int:guest_id>/seat")
def guests_seat(slug: str, guest_id: int):
    program = load_for_organizer(slug)
    if not permissions.can_manage_guests(current_user, program):
        abort(403)
    guest = load_in_program(LaureateGuest, guest_id, program)
    form = SeatForm()
    if form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: guests.assign_seat(guest=guest, actor=current_user,
                                       row=form.seat_row.data, number=form.seat_number.data),
            success=_("The seat has been saved."),
            target=_here(program, f"guest-{guest.id}"),
        )  # fmt: skip
        if done:
            return done
    return _guests_page(program, seat_form=form, seat_guest_id=guest.id), 422


@bp.get("/guests.xlsx")
def guests_download(slug: str):
    program = load_for_organizer(slug)
    if not permissions.can_manage_guests(current_user, program):
        abort(403)
    table = guests.guest_list(program, guests.guest_rows(program), language=current_language())
    name = f"{program.slug}-guests.xlsx"
    return send_content(to_xlsx([table]), name=name, mimetype=XLSX_MIMETYPE)


def _invitation(token: str) -> LaureateGuest:
    guest = guests.find_invitation(token)
    if guest is None:
        abort(404)
    speak_page_language(guest.language)
    return guest


def _answer_form(guest: LaureateGuest) -> AnswerForm:
    attending = {True: "yes", False: "no"}.get(guest.attending)
    return AnswerForm(
        data={"attending": attending, "name": guest.representative_name,
              "position": guest.representative_position, "guests": guest.guests}
    )  # fmt: skip


@rsvp_bp.route("/<token>", methods=["GET", "POST"])
@limiter.limit("30 per minute")
def answer(token: str):
    guest = _invitation(token)
    form = _answer_form(guest)
    is_open = guests.answering_is_open(guest, utcnow())
    if is_open and form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: guests.answer_invitation(
                guest=guest, attending={"yes": True, "no": False}.get(form.attending.data),
                name=form.name.data, position=form.position.data, guests=form.guests.data or 0,
            ),
            success=_(
                "Thank you: your answer has been saved. You can change it here until the "
                "ceremony starts."
            ),
            target=url_for("rsvp.answer", token=token),
        )  # fmt: skip
        if done:
            return done
    status = 422 if form.errors else 200
    return render_template(
        "ceremony/rsvp.html", guest=guest, program=guest.program, form=form, is_open=is_open
    ), status


@rsvp_bp.get("/<token>/ceremony.ics")
def calendar(token: str):
    guest = _invitation(token)
    if guest.program.ceremony_at is None:
        abort(404)
    content = guests.calendar_file(guest.program, guest, now=utcnow())
    return send_content(content, name="ceremony.ics", mimetype="text/calendar")

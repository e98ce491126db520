"""Ceremony forms: a running-order point, a partner, moving and deleting, the booklet's design,
a laureate's answer to the invitation and a seat."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, RadioField, SelectField, StringField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional

from awards.ceremony.guests import MAX_GUESTS, SEAT_MAX
from awards.ceremony.guests import TEXT_MAX as GUEST_TEXT_MAX
from awards.ceremony.services import TEXT_MAX
from awards.forms import AppForm, translated_text


class RunningOrderItemForm(AppForm):
    starts_at = TimeField(
        _l("Start time"),
        validators=[InputRequired(message=_l("Give the start time, for example 10:30."))],
        format="%H:%M",
        description=_l("Local time where the ceremony takes place."),
    )
    title = translated_text(_l("What happens"), max_length=TEXT_MAX)
    presenter = translated_text(_l("Presenter"), required=False, max_length=TEXT_MAX)
    category = SelectField(
        _l("Category awarded at this point"),
        choices=[],
        description=_l("The booklet and the certificates follow this order of categories."),
    )
    break_minutes = IntegerField(
        _l("Break, minutes"),
        validators=[Optional()],
        description=_l("Only for a break: the hall screen counts down to the next point."),
    )


class PartnerForm(AppForm):
    name = translated_text(_l("Partner"), max_length=TEXT_MAX)


class MoveForm(AppForm):
    direction = SelectField(
        choices=[SelectChoice("up", _l("Up")), SelectChoice("down", _l("Down"))]
    )


class ButtonForm(AppForm):
    """A POST button with nothing but its CSRF token."""


class BookletForm(AppForm):
    """The design and layout of the downloaded booklet: a GET form, so without a CSRF token."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Design"), choices=[])
    layout = SelectField(
        _l("Layout"),
        choices=[
            SelectChoice("pages", _l("Pages in order, to read or to send")),
            SelectChoice("print_shop", _l("For a print shop: 3 mm of bleed and crop marks")),
            SelectChoice(
                "sheets", _l("For an office printer: two pages on each side of an A4 sheet")
            ),
        ],
        description=_l(
            "Print the sheets on both sides, flipping on the short edge, then fold the stack "
            "in half and staple it along the fold."
        ),
    )


class AnswerForm(AppForm):
    """A laureate's answer to the invitation, given through the emailed link."""

    attending = RadioField(
        _l("Will you come to the ceremony?"),
        choices=[
            SelectChoice("yes", _l("Yes, we will come")),
            SelectChoice("no", _l("No, we cannot come")),
        ],  # fmt: skip
        validate_choice=False,  # the service says what is missing, in the reader's language
    )
    name = translated_text(
        _l("Who receives the award on stage"), required=False, max_length=GUEST_TEXT_MAX,
        description=_l("Full name, as the presenter will read it out."),
    )  # fmt: skip
    position = translated_text(
        _l("Their position"), required=False, max_length=GUEST_TEXT_MAX,
        description=_l("For example: director, «Kazzinc» LLP."),
    )  # fmt: skip
    guests = IntegerField(
        _l("Guests coming with them"),
        default=0,
        validators=[Optional()],
        description=_l("Besides the representative; at most %(n)d.", n=MAX_GUESTS),
    )


class SeatForm(AppForm):
    seat_row = StringField(_l("Seat row"), validators=[Length(max=SEAT_MAX)])
    seat_number = StringField(_l("Seat"), validators=[Length(max=SEAT_MAX)])


class StagePapersForm(AppForm):
    """The design of the downloaded stage papers: a GET form, so without a CSRF token."""

    class Meta:
        csrf = False

    theme = SelectField(_l("Design"), choices=[])


class ScreenMoveForm(AppForm):
    """Which slide the hall screen shows (its number from 0)."""

    position = IntegerField(validators=[InputRequired(), NumberRange(min=0)])

"""Ceremony forms: a running-order point, a partner, moving and deleting, the booklet's design."""

from flask_babel import lazy_gettext as _l
from wtforms import IntegerField, SelectField, TimeField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, NumberRange, Optional

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


class ScreenMoveForm(AppForm):
    """Which slide the hall screen shows (its number from 0)."""

    position = IntegerField(validators=[InputRequired(), NumberRange(min=0)])

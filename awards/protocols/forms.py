"""Protocol forms: the jury meeting's details and the design the protocol is printed in."""

from flask_babel import lazy_gettext as _l
from wtforms import DateTimeLocalField, SelectField, SelectMultipleField
from wtforms.validators import InputRequired

from awards.forms import AppForm, translated_text

PLACE_MAX = 300


class MeetingForm(AppForm):
    held_at = DateTimeLocalField(
        _l("Date and time of the meeting"),
        validators=[InputRequired(message=_l("Give the date and time of the meeting."))],
        format="%Y-%m-%dT%H:%M",
        description=_l("Local time where the program takes place."),
    )
    place = translated_text(
        _l("Place of the meeting"), required=False, max_length=PLACE_MAX,
        description=_l("For example the city and the room; printed in Kazakh and Russian."),
    )  # fmt: skip
    absent = SelectMultipleField(_l("Absent jurors"), choices=[], coerce=int, validate_choice=False)


class IssueForm(AppForm):
    theme = SelectField(_l("Design"), choices=[])

"""Results forms: choosing the method, confirming laureates, unfreezing."""

from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from awards.forms import AppForm

METHOD_CHOICES = [
    SelectChoice("mean", _l("Mean")),
    SelectChoice("normalized", _l("Normalized per judge")),
    SelectChoice("trimmed", _l("Trimmed mean")),
]


class MethodForm(AppForm):
    method = SelectField(_l("How scores are combined"), choices=METHOD_CHOICES)


class ConfirmForm(AppForm):
    laureates = SelectMultipleField(
        _l("Laureates"), coerce=int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(),
    )  # fmt: skip
    reason = TextAreaField(
        _l("Reason, when the choice departs from the ranking or decides a tie"),
        validators=[Optional(), Length(max=2000)],
    )
    record_votes = BooleanField(_l("Record the jury's votes"))
    # The vote table's cells are named vote-<nomination id>-<judge id> and its opinions
    # dissent-<judge id> (see views.decision_input); these two carry the service's messages.
    votes = HiddenField()
    dissents = HiddenField()


class UnfreezeForm(AppForm):
    reason = StringField(_l("Why unfreeze?"), validators=[DataRequired(), Length(max=2000)])


class ButtonForm(AppForm):
    """A POST button with nothing but its CSRF token."""

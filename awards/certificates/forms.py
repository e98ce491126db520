"""Certificate forms: issuing in a design, revoking with a reason, plain POST buttons."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length


class IssueForm(FlaskForm):
    theme = SelectField(_l("Design"), choices=[])


class RevokeForm(FlaskForm):
    reason = StringField(_l("Why revoke?"), validators=[DataRequired(), Length(max=2000)])


class ButtonForm(FlaskForm):
    """A POST button with nothing but its CSRF token."""

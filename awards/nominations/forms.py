"""Nomination, document and review forms: shape of input only; the rules live in services."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional, Regexp

from awards.forms import translated_text
from awards.nominations.models import JUSTIFICATION_MAX
from awards.nominations.services import NOMINEE_FIELDS

LIST_HINT = _l("One per line.")


def _text(label, max_length, **kwargs):
    return StringField(label, validators=[Optional(), Length(max=max_length)], **kwargs)


class NominationForm(FlaskForm):
    """Every nominee field; the view removes those that do not fit the category's kind."""

    category = SelectField(_l("Category"), coerce=int, validators=[DataRequired()])
    org_name = translated_text(_l("Legal name"), required=False, max_length=300)
    bin = StringField(
        _l("BIN"),
        validators=[Optional(), Regexp(r"^\s*(\d\s*){12}$", message=_l("A BIN has 12 digits."))],
        description=_l("12 digits, if known."),
    )
    city = _text(_l("City or district"), 200)
    website = StringField(
        _l("Website"),
        validators=[
            Optional(),
            Length(max=300),
            Regexp(r"^https?://\S+$", message=_l("Start the address with https:// or http://.")),
        ],
        description=_l("For example https://example.kz"),
    )
    person_name = _text(_l("Full name"), 200)
    person_position = _text(_l("Position"), 200)
    person_workplace = _text(_l("Workplace"), 300)
    team_name = _text(_l("Team name"), 300)
    team_members = TextAreaField(
        _l("Team members"), validators=[Optional(), Length(max=5000)], description=LIST_HINT
    )
    justification = TextAreaField(
        _l("Justification"),
        validators=[Optional(), Length(max=JUSTIFICATION_MAX)],
        description=_l("Why this nominee deserves the award; at most %(n)d characters.",
                       n=JUSTIFICATION_MAX),
        render_kw={"data-maxlength": JUSTIFICATION_MAX, "rows": 10},
    )  # fmt: skip
    achievements = TextAreaField(
        _l("Achievements"), validators=[Optional(), Length(max=10000)], description=LIST_HINT
    )
    contact_name = _text(_l("Contact person"), 200)
    contact_phone = _text(_l("Contact phone"), 50)
    contact_email = StringField(
        _l("Contact email"), validators=[Optional(), Email(), Length(max=254)]
    )

    def keep_fields_for(self, kind: str) -> None:
        """Drop the nominee fields that belong to the other kinds of nominee."""
        for other_kind, names in NOMINEE_FIELDS.items():
            if other_kind != kind:
                for name in names:
                    delattr(self, name)

    def service_fields(self) -> dict:
        """The typed values, by the names the services take."""
        return {f.name: f.data for f in self if f.name not in ("category", "csrf_token")}


class DocumentForm(FlaskForm):
    file = FileField(
        _l("Supporting document"),
        validators=[FileRequired(_l("Choose a file."))],
        description=_l("PDF, JPEG or PNG."),
        render_kw={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"},
    )


class ReturnForm(FlaskForm):
    comment = TextAreaField(
        _l("What the committee should change"), validators=[DataRequired(), Length(max=4000)]
    )


class RejectForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for rejection"), validators=[DataRequired(), Length(max=4000)]
    )


class MergeForm(FlaskForm):
    other = SelectField(_l("Merge this entry into"), coerce=int, validators=[DataRequired()])


class OrganizationForm(FlaskForm):
    name = translated_text(_l("Name"), required=False, max_length=300)
    bin = StringField(
        _l("BIN"),
        validators=[Optional(), Regexp(r"^\s*(\d\s*){12}$", message=_l("A BIN has 12 digits."))],
        description=_l("12 digits, if known."),
    )


class AliasForm(FlaskForm):
    name = StringField(
        _l("Another name"), validators=[DataRequired(), Length(max=300)],
        description=_l("How committees may write it: a former name, a short name, a translation."),
    )  # fmt: skip


class LinkOrganizationForm(FlaskForm):
    """The button confirming that an entry is about an organization."""

    organization = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])


class ConfirmForm(FlaskForm):
    """A button that only carries the CSRF token."""

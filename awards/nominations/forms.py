"""Nomination, document and review forms: shape of input only; the rules live in services."""

from functools import partial

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField, FileRequired
from wtforms import SelectField, SelectMultipleField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional

from awards.accounts.organizations import clean_bin
from awards.forms import AppForm, IdField, Rule, translated_text
from awards.nominations.fields import LIMITS, clean_field
from awards.nominations.models import JUSTIFICATION_MAX
from awards.nominations.services import NOMINEE_FIELDS, REVIEW_ACTIONS
from awards.uploads import configured_size, hint

LIST_HINT = _l("One per line.")


def _field(label, name, field_class=StringField, **kwargs):
    """A field checked by the service's own rule for it (nominations.fields.clean_field)."""
    return field_class(label, validators=[Optional(), Rule(partial(clean_field, name))], **kwargs)


class NominationForm(AppForm):
    """Every nominee field; the view removes those that do not fit the category's kind."""

    category = SelectField(_l("Category"), coerce=int, validators=[DataRequired()])
    org_name = translated_text(_l("Legal name"), required=False, max_length=LIMITS["org_name"])
    bin = _field(_l("BIN"), "bin", description=_l("12 digits, if known."))
    city = _field(_l("City or district"), "city")
    website = _field(_l("Website"), "website", description=_l("For example https://example.kz"))
    person_name = translated_text(
        _l("Full name"), required=False, max_length=LIMITS["person_name"],
        description=_l("In Kazakh and Russian as it is printed on the certificate."),
    )  # fmt: skip
    person_position = _field(_l("Position"), "person_position")
    person_workplace = _field(_l("Workplace"), "person_workplace")
    team_name = _field(_l("Team name"), "team_name")
    team_members = _field(_l("Team members"), "team_members", TextAreaField, description=LIST_HINT)
    justification = _field(
        _l("Justification"), "justification", TextAreaField,
        description=_l("Why this nominee deserves the award; at most %(n)d characters.",
                       n=JUSTIFICATION_MAX),
        render_kw={"data-maxlength": JUSTIFICATION_MAX, "rows": 10},
    )  # fmt: skip
    achievements = _field(_l("Achievements"), "achievements", TextAreaField, description=LIST_HINT)
    contact_name = _field(_l("Contact person"), "contact_name")
    contact_phone = _field(_l("Contact phone"), "contact_phone")
    contact_email = _field(_l("Contact email"), "contact_email")

    def keep_fields_for(self, kind: str) -> None:
        """Drop the nominee fields that belong to the other kinds of nominee."""
        for other_kind, names in NOMINEE_FIELDS.items():
            if other_kind != kind:
                for name in names:
                    delattr(self, name)

    def service_fields(self) -> dict:
        """The typed values, by the names the services take."""
        return {f.name: f.data for f in self if f.name not in ("category", "csrf_token")}


class DocumentForm(AppForm):
    file = FileField(
        _l("Supporting document"),
        validators=[FileRequired(_l("Choose a file."))],
        description=hint(
            lambda: _(
                "PDF, JPEG or PNG, at most %(size)s each; up to %(count)d documents per entry.",
                size=configured_size("MAX_UPLOAD_BYTES"),
                count=current_app.config["MAX_DOCUMENTS_PER_NOMINATION"],
            )
        ),
        render_kw={"accept": ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"},
    )


class ReturnForm(AppForm):
    comment = TextAreaField(
        _l("What the committee should change"), validators=[DataRequired(), Length(max=4000)]
    )


class RejectForm(AppForm):
    reason = TextAreaField(
        _l("Reason for rejection"), validators=[DataRequired(), Length(max=4000)]
    )


class MergeForm(AppForm):
    other = SelectField(_l("Merge this entry into"), coerce=int, validators=[DataRequired()])


class OrganizationForm(AppForm):
    name = translated_text(_l("Name"), required=False, max_length=300)
    bin = StringField(
        _l("BIN"), validators=[Optional(), Rule(clean_bin)], description=_l("12 digits, if known.")
    )


class AliasForm(AppForm):
    name = StringField(
        _l("Another name"), validators=[DataRequired(), Length(max=300)],
        description=_l("How committees may write it: a former name, a short name, a translation."),
    )  # fmt: skip


class LinkOrganizationForm(AppForm):
    """The button confirming that an entry is about an organization."""

    organization = IdField(validators=[DataRequired()])


class ConfirmForm(AppForm):
    """A button that only carries the CSRF token."""


class BulkReviewForm(AppForm):
    """The inbox's ticked entries and one action for them all."""

    entries = SelectMultipleField(_l("Entries"), coerce=int)
    action = SelectField(
        _l("Action"),
        choices=[
            SelectChoice(value, label)
            for value, label in zip(
                REVIEW_ACTIONS, (_l("Accept"), _l("Return for changes"), _l("Reject")), strict=True
            )
        ],
    )  # fmt: skip
    comment = TextAreaField(
        _l("Comment to the committees (to return or reject)"),
        validators=[Optional(), Length(max=4000)],
    )

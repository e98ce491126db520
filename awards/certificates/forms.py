"""Certificate forms: settings, printed names, issuing, revoking, plain POST buttons."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, RadioField, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length

from awards.certificates.settings import (
    CITATION_MAX,
    SIGNATORY_NAME_MAX,
    SIGNATORY_TITLE_MAX,
)
from awards.forms import AppForm, translated_text
from awards.i18n import localized
from awards.printing.themes import available_themes
from awards.uploads import configured_size, hint

KIND_LABELS = {
    "laureate": _l("Laureates' certificates"),
    "participant": _l("Participation diplomas"),
    "judge_thanks": _l("Letters of thanks to the jury"),
}
PICTURE_HELP = hint(
    lambda: _(
        "A PNG or JPEG picture of at most %(size)s; a PNG with a transparent background prints "
        "best.",
        size=configured_size("MAX_PICTURE_BYTES"),
    )
)


def theme_choices() -> list[SelectChoice]:
    """Every design, by its title in the reader's language."""
    return [SelectChoice(t.name, localized(t.title) or t.name) for t in available_themes()]


def _name(number: int):
    label = _l("Signatory %(n)d: name", n=number)
    return translated_text(label, required=False, max_length=SIGNATORY_NAME_MAX)


def _position(number: int):
    label = _l("Signatory %(n)d: position", n=number)
    return translated_text(label, required=False, max_length=SIGNATORY_TITLE_MAX)


def _signature(number: int):
    return FileField(_l("Signatory %(n)d: signature", n=number), description=PICTURE_HELP)


class SettingsForm(AppForm):
    theme = SelectField(_l("Design"), choices=[])
    print_english = BooleanField(
        _l("Print English too"), description=_l("Kazakh and Russian are always printed.")
    )
    laureate_citation = translated_text(
        _l("Citation on laureates' certificates"), max_length=CITATION_MAX
    )
    participant_citation = translated_text(
        _l("Citation on participation diplomas"), max_length=CITATION_MAX
    )
    judge_thanks_citation = translated_text(
        _l("Citation on letters of thanks to judges"), max_length=CITATION_MAX
    )
    signatory1_name = _name(1)
    signatory1_title = _position(1)
    signatory1_signature = _signature(1)
    signatory1_remove_signature = BooleanField(_l("Remove this signature"))
    signatory2_name = _name(2)
    signatory2_title = _position(2)
    signatory2_signature = _signature(2)
    signatory2_remove_signature = BooleanField(_l("Remove this signature"))
    seal = FileField(_l("Seal"), description=PICTURE_HELP)
    remove_seal = BooleanField(_l("Remove the seal"))


class PrintedNameForm(AppForm):
    names = translated_text(_l("Name as printed"), max_length=300)
    # Letters of thanks only; left as prefilled, it follows the name.
    salutation = translated_text(_l("Salutation"), required=False, max_length=300)


class IssueForm(AppForm):
    kind = SelectField(
        _l("Kind"), choices=[SelectChoice(*item) for item in KIND_LABELS.items()],
        default="laureate",
    )  # fmt: skip
    theme = SelectField(_l("Design"), choices=[])
    scope = RadioField(
        _l("Who"),
        choices=[
            SelectChoice("pending", _l("Everyone listed who has no certificate yet")),
            SelectChoice("chosen", _l("Only the recipients ticked below")),
        ],
        default="pending",
    )
    recipients = SelectMultipleField(_l("Recipients"), choices=[], validate_choice=False)


class RevokeForm(AppForm):
    reason = StringField(_l("Why revoke?"), validators=[DataRequired(), Length(max=2000)])


class ButtonForm(AppForm):
    """A POST button with nothing but its CSRF token."""

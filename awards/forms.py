"""Form pieces every domain uses: multilingual text fields and showing service errors."""

from collections.abc import Callable

from flask_babel import lazy_gettext as _l
from wtforms import FloatField, Form, FormField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from awards.errors import DomainError


def translated_text(label, *, required: bool = True, multiline: bool = False, max_length=500):
    """A FormField of kk/ru/en inputs whose ``.data`` is a {code: text} dict."""
    field_class = TextAreaField if multiline else StringField

    def checks(is_required):
        first = DataRequired() if is_required else Optional()
        return [first, Length(max=max_length)]

    class TranslatedTextForm(Form):
        kk = field_class(_l("Kazakh"), validators=checks(required))
        ru = field_class(_l("Russian"), validators=checks(required))
        en = field_class(_l("English"), validators=checks(False))

    return FormField(TranslatedTextForm, label=label, separator="_")


class DecimalCommaField(FloatField):
    """A number that may be typed with a decimal comma, as Kazakh and Russian readers write it."""

    def process_formdata(self, valuelist):
        super().process_formdata([value.replace(",", ".").strip() for value in valuelist])


class Rule:
    """A validator applying a rule of the services (a plain function that raises DomainError):
    the form, the service and the archive import refuse the same input with the same words."""

    def __init__(self, check: Callable) -> None:
        self.check = check

    def __call__(self, form, field) -> None:
        try:
            self.check(field.data)
        except DomainError as error:
            raise ValidationError(error.message) from error


def show_domain_error(form, error: DomainError) -> None:
    """Put a service's message beside the field it concerns, or at the top of the form."""
    field = getattr(form, error.field, None) if error.field else None
    if isinstance(field, FormField):
        # A multilingual field: the message goes beside the first language left empty.
        empty = [sub for sub in field if not (sub.data or "").strip()]
        field = (empty or list(field))[0]
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)

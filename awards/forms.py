"""Form pieces every domain uses: the app's base form, multilingual text fields and showing
service errors."""

from collections.abc import Callable

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import FloatField, Form, FormField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from awards.errors import DomainError
from awards.routing import id_arg


class AppForm(FlaskForm):
    """Every form of the app. An uploaded file reaches only a file field: sent under the name
    of a text field, a hostile client's file is ignored instead of crashing its validators."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            data = super().wrap_formdata(form, formdata)
            if not isinstance(data, CombinedMultiDict):
                return data
            files, text = data.dicts
            accepted = {field.name for field in form if isinstance(field, FileField)}
            kept = MultiDict([(key, value) for key, value in files.items(multi=True)
                              if key in accepted])  # fmt: skip
            return CombinedMultiDict((kept, text))


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


class IdField(HiddenField):
    """A row's id sent back by a button: an int the database can hold (see awards.routing),
    or a validation error; never a number too large to look up."""

    def process_formdata(self, valuelist):
        self.data = None
        if valuelist and valuelist[0]:
            try:
                self.data = id_arg(valuelist[0])
            except ValueError as exc:
                raise ValueError(_("Not a valid choice.")) from exc

    def _value(self) -> str:
        return "" if self.data is None else str(self.data)


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
    """Put a service's message beside the field it concerns, or at the top of the form; with
    messages for several fields, each beside its field and the message at the top."""
    if error.fields:
        form.form_errors.append(error.message)
        for name, message in error.fields.items():
            field = getattr(form, name, None)
            if field is not None:
                field.errors = [*field.errors, message]
        return
    field = getattr(form, error.field, None) if error.field else None
    if isinstance(field, FormField):
        # A multilingual field: the message goes beside the first language left empty.
        empty = [sub for sub in field if not (sub.data or "").strip()]
        field = (empty or list(field))[0]
    if field is not None:
        field.errors = [*field.errors, error.message]
    else:
        form.form_errors.append(error.message)

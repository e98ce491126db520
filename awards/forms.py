"""Form pieces every domain uses: the app's base form, multilingual text fields and showing
service errors."""

import math
from collections.abc import Callable

from flask_babel import get_translations, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from werkzeug.datastructures import CombinedMultiDict, MultiDict
from wtforms import FloatField, Form, FormField, HiddenField, StringField, TextAreaField, validators
from wtforms.validators import DataRequired, Length, Optional, ValidationError
from wtforms.widgets import TextInput

from awards.errors import DomainError
from awards.formats import plain_number
from awards.routing import id_arg


class WTFormsMessages:
    """WTForms' own messages ("This field is required.", "Field cannot be longer than …")
    from our catalogs, in the reader's language. WTForms ships Kazakh and Russian of its own,
    but they read as machine translations ("қалқымалы үтірлі сан", "больше" for "at least"),
    and a form nested in another (a multilingual field) would not use them at all."""

    def gettext(self, string: str) -> str:
        return get_translations().ugettext(string)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return get_translations().ungettext(singular, plural, n)


def _marked_for_extraction() -> None:
    """Never called: puts WTForms' and Flask-WTF's messages our forms can show into
    `make extract`'s catalogs, where WTFormsMessages finds their translations."""
    _("This field is required.")
    _("Invalid input.")
    _("Invalid email address.")
    _("Invalid URL.")
    _("Not a valid choice.")
    _("Invalid Choice: could not coerce.")
    _("Invalid choice(s): one or more data inputs could not be coerced.")
    _("Not a valid integer value.")
    _("Not a valid decimal value.")
    _("Not a valid float value.")
    _("Not a valid datetime value.")
    _("Not a valid date value.")
    _("Not a valid time value.")
    _("Number must be at least %(min)s.")
    _("Number must be at most %(max)s.")
    _("Number must be between %(min)s and %(max)s.")
    _("Field must be equal to %(other_name)s.")
    _("Field must be between %(min)d and %(max)d characters long.")
    _("Invalid value, must be one of: %(values)s.")
    _("Invalid value, can't be any of: %(values)s.")
    _("File does not have an approved extension.")
    _("File does not have an approved extension: {extensions}")
    ngettext(
        "Field must be at least %(min)d character long.",
        "Field must be at least %(min)d characters long.", 1,
    )  # fmt: skip
    ngettext(
        "Field cannot be longer than %(max)d character.",
        "Field cannot be longer than %(max)d characters.", 1,
    )  # fmt: skip
    ngettext(
        "Field must be exactly %(max)d character long.",
        "Field must be exactly %(max)d characters long.", 1,
    )  # fmt: skip
    ngettext(
        "'%(value)s' is not a valid choice for this field.",
        "'%(value)s' are not valid choices for this field.", 1,
    )  # fmt: skip


class AppForm(FlaskForm):
    """Every form of the app. An uploaded file reaches only a file field: sent under the name
    of a text field, a hostile client's file is ignored instead of crashing its validators."""

    class Meta(FlaskForm.Meta):
        def get_translations(self, form):
            return WTFormsMessages()

        def wrap_formdata(self, form, formdata):
            data = super().wrap_formdata(form, formdata)
            if not isinstance(data, CombinedMultiDict):
                return data
            files, text = data.dicts
            accepted = {field.name for field in form if isinstance(field, FileField)}
            kept = MultiDict([(key, value) for key, value in files.items(multi=True)
                              if key in accepted])  # fmt: skip
            return CombinedMultiDict((kept, text))


def translated_text(
    label, *, required: bool = True, multiline: bool = False, max_length=500, description=""
):
    """A FormField of kk/ru/en inputs whose ``.data`` is a {code: text} dict."""
    field_class = TextAreaField if multiline else StringField

    def checks(is_required):
        first = DataRequired() if is_required else Optional()
        return [first, Length(max=max_length)]

    class TranslatedTextForm(Form):
        class Meta:
            def get_translations(self, form):
                return WTFormsMessages()

        kk = field_class(_l("Kazakh"), validators=checks(required))
        ru = field_class(_l("Russian"), validators=checks(required))
        en = field_class(_l("English"), validators=checks(False))

    return FormField(TranslatedTextForm, label=label, separator="_", description=description)


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
    """A number that may be typed with a decimal comma, as Kazakh and Russian readers write it,
    and is shown back the same way ("0,5"). A text input: a browser's number input refuses a
    comma in some languages and shows "0.5" in others."""

    widget = TextInput()

    def __init__(self, *args, **kwargs):
        kwargs["render_kw"] = {"inputmode": "decimal", **(kwargs.get("render_kw") or {})}
        super().__init__(*args, **kwargs)

    def process_formdata(self, valuelist):
        super().process_formdata([value.replace(",", ".").strip() for value in valuelist])

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return plain_number(self.data)


class NumberRange(validators.NumberRange):
    """WTForms' NumberRange whose message writes its limits as the reader does
    ("Сан 0,01 және 1000 аралығында болуы керек", not "0.01")."""

    def __call__(self, form, field) -> None:
        data = field.data
        known = data is not None and not (isinstance(data, float) and math.isnan(data))
        if (
            known
            and (self.min is None or data >= self.min)
            and (self.max is None or data <= self.max)
        ):
            return
        if self.message is not None:
            raise ValidationError(self.message)
        if self.max is None:
            message = field.gettext("Number must be at least %(min)s.")
        elif self.min is None:
            message = field.gettext("Number must be at most %(max)s.")
        else:
            message = field.gettext("Number must be between %(min)s and %(max)s.")
        # Without grouping: the limits are often years (2000, not "2 000").
        limits = {"min": plain_number(self.min), "max": plain_number(self.max)}
        raise ValidationError(message % limits)


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


def _beside(field):
    """The input a message about ``field`` goes beside: for a multilingual field, the first
    language left empty (else the first language)."""
    if isinstance(field, FormField):
        empty = [sub for sub in field if not (sub.data or "").strip()]
        return (empty or list(field))[0]
    return field


def _refused(field) -> bool:
    if isinstance(field, FormField):
        return any(sub.errors for sub in field)
    return bool(field.errors)


def show_domain_error(form, error: DomainError, *, skip_refused: bool = False) -> None:
    """Put a service's message beside the field it concerns, or at the top of the form; with
    messages for several fields, each beside its field and the message at the top. With
    ``skip_refused``, a field the form's own validators already refused gets no second
    message (the service checked what the form had already found wrong)."""
    placed = error.fields or ({error.field: error.message} if error.field else {})
    shown = False
    for name, message in placed.items():
        field = getattr(form, name, None)
        if field is None:
            if not error.fields:
                form.form_errors.append(message)
                shown = True
            continue
        if skip_refused and _refused(field):
            continue
        target = _beside(field)
        target.errors = [*target.errors, message]
        shown = True
    if not placed or (error.fields and (shown or not skip_refused)):
        form.form_errors.append(error.message)


def validate_with_rules(form, check: Callable[[], object]) -> bool:
    """``form.validate_on_submit()``, and when the form refuses what was typed, the services'
    rules run on it all the same (``check``: a read-only check of a service): every error shows
    in the first round, each beside its field, instead of the services' only once the form's
    are fixed. True when the form is valid (the service then checks everything again)."""
    if form.validate_on_submit():
        return True
    if form.is_submitted():
        try:
            check()
        except DomainError as error:
            show_domain_error(form, error, skip_refused=True)
    return False

"""Program, category, criterion, invitation and copy forms: shape of input only."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    EmailField,
    FieldList,
    Form,
    FormField,
    IntegerField,
    SelectField,
    StringField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import (
    DataRequired,
    InputRequired,
    Length,
    Optional,
    Regexp,
)

from awards.accounts.forms import LANGUAGE_CHOICES
from awards.accounts.organizations import NAME_MAX, clean_bin
from awards.accounts.services import check_email
from awards.forms import (
    AppForm,
    DecimalCommaField,
    NumberRange,
    Rule,
    WTFormsMessages,
    translated_text,
)
from awards.programs.levels import LABEL_MAX, MAX_LEVELS
from awards.programs.rules import (
    CRITERION_NOTES_MAX,
    JUDGES_PER_NOMINATION,
    MAX_LAUREATES,
    MAX_POINTS,
    NORMALIZATION_MINIMUM,
    NOTES_MAX,
    SLUG_MAX,
    SLUG_RE,
    SMALLEST_STEP,
    TITLE_MAX,
    WEIGHTS,
    YEARS,
)
from awards.uploads import configured_size, hint

SLUG_HINT = _l("Latin letters, digits and hyphens; it appears in addresses.")
SLUG_ERROR = _l("Use lowercase Latin letters, digits and hyphens, for example best-patron.")
TIMEZONES = [
    SelectChoice("Asia/Almaty", _l("Kazakhstan (Astana, Almaty, Oskemen)")),
    SelectChoice("UTC", "UTC"),
]
ROLE_CHOICES = [
    SelectChoice("committee", _l("Nomination committee member")),
    SelectChoice("judge", _l("Judge")),
    SelectChoice("chair", _l("Jury chair")),
    SelectChoice("organizer", _l("Organizer")),
]
NOMINEE_KIND_CHOICES = [
    SelectChoice("organization", _l("An organization")),
    SelectChoice("person", _l("A person")),
    SelectChoice("team", _l("A team")),
]


def _slug_field():
    return StringField(
        _l("Short name"),
        validators=[
            DataRequired(),
            Length(max=SLUG_MAX),
            Regexp(SLUG_RE, message=SLUG_ERROR),
        ],
        description=SLUG_HINT,
    )


def _when(label):
    return DateTimeLocalField(label, validators=[Optional()], format="%Y-%m-%dT%H:%M")


class ProgramForm(AppForm):
    slug = _slug_field()
    title = translated_text(_l("Title"), max_length=TITLE_MAX)
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(*YEARS)])
    organizing_body = translated_text(_l("Organizing body"), required=False, max_length=TITLE_MAX)
    timezone = SelectField(_l("Time zone"), choices=TIMEZONES)
    nominations_open_at = _when(_l("Nominations open"))
    nominations_close_at = _when(_l("Nominations close"))
    judging_open_at = _when(_l("Judging opens"))
    judging_close_at = _when(_l("Judging closes"))
    ceremony_at = _when(_l("Ceremony date and time"))
    venue = translated_text(_l("Venue"), required=False, max_length=TITLE_MAX)
    judges_per_nomination = IntegerField(
        _l("Scorecards needed per nomination"),
        validators=[InputRequired(), NumberRange(*JUDGES_PER_NOMINATION)],
        default=3,
        description=_l("Automatic assignment gives every nomination at least this many judges."),
    )
    scoring_method = SelectField(
        _l("How scores are combined"),
        choices=[
            SelectChoice("mean", _l("Mean of the scorecards")),
            SelectChoice(
                "normalized", _l("Normalized per judge (evens out harsh and lenient judges)")
            ),
            SelectChoice("trimmed", _l("Trimmed mean (drops the highest and lowest of 5 or more)")),
        ],
    )
    normalization_min_scorecards = IntegerField(
        _l("Scorecards a judge needs to be normalized"),
        validators=[Optional(), NumberRange(*NORMALIZATION_MINIMUM)],
        default=2,
        description=_l(
            "Normalized method only: a judge with fewer scorecards in a category is measured "
            "against the whole jury's average and spread instead of their own."
        ),
    )
    blind_judging = BooleanField(
        _l("Blind judging"),
        description=_l(
            "Judges do not see who nominated an entry nor the original names of its documents."
        ),
    )


class ProgramCopyForm(AppForm):
    slug = _slug_field()
    title = translated_text(_l("Title"), max_length=TITLE_MAX)
    year = IntegerField(_l("Year"), validators=[DataRequired(), NumberRange(*YEARS)])


class CategoryForm(AppForm):
    slug = _slug_field()
    title = translated_text(_l("Title"), max_length=TITLE_MAX)
    description = translated_text(
        _l("Description"), required=False, multiline=True, max_length=NOTES_MAX
    )
    nominee_kind = SelectField(_l("Who can be nominated"), choices=NOMINEE_KIND_CHOICES)
    max_laureates = IntegerField(
        _l("Maximum number of laureates"),
        validators=[InputRequired(), NumberRange(min=0, max=MAX_LAUREATES)],
        description=_l("0 means no limit."),
        default=1,
    )
    eligibility_notes = translated_text(
        _l("Eligibility notes"), required=False, multiline=True, max_length=NOTES_MAX
    )
    degree_rule = SelectField(
        _l("Degrees of the laureates' diplomas"),
        choices=[
            SelectChoice("none", _l("No degrees")),
            SelectChoice("rank", _l("By rank: how many laureates get I, II and III")),
            SelectChoice(
                "band",
                _l("By score: the minimum share of the maximum, in per cent, for I, II and III"),
            ),
        ],
        default="none",
        description=_l(
            "Proposed when the laureates are confirmed; the organizer may change a degree "
            "with a written reason. Printed on the certificates."
        ),
    )
    degree_first = DecimalCommaField(_l("Degree I"), validators=[Optional()])
    degree_second = DecimalCommaField(_l("Degree II"), validators=[Optional()])
    degree_third = DecimalCommaField(_l("Degree III"), validators=[Optional()])

    DEGREE_FIELDS = ("degree_first", "degree_second", "degree_third")

    def degree_fields(self) -> dict:
        """The degree rule and its three numbers as the services take them."""
        rule = self.degree_rule.data or "none"
        limits = [self[name].data for name in self.DEGREE_FIELDS]
        return {"degree_rule": rule, "degree_limits": None if rule == "none" else limits}

    @property
    def degree_limits(self):
        """Where the services' message about the three numbers shows: beside the first."""
        return self.degree_first

    def show_degrees(self, limits: list | None) -> None:
        for name, value in zip(self.DEGREE_FIELDS, limits or [None] * 3, strict=True):
            self[name].data = value


class LevelForm(Form):
    """One row of a criterion's levels; a row left blank is no level."""

    class Meta:
        def get_translations(self, form):
            return WTFormsMessages()

    low = DecimalCommaField(_l("From"), validators=[Optional()])
    high = DecimalCommaField(_l("To"), validators=[Optional()])
    kk = StringField(_l("Kazakh"), validators=[Optional(), Length(max=LABEL_MAX)])
    ru = StringField(_l("Russian"), validators=[Optional(), Length(max=LABEL_MAX)])
    en = StringField(_l("English"), validators=[Optional(), Length(max=LABEL_MAX)])

    def level(self) -> dict | None:
        """The row as a level for the services, or None when nothing was typed in it."""
        label = {code: self[code].data or "" for code in ("kk", "ru", "en")}
        if self.low.data is None and self.high.data is None and not any(label.values()):
            return None
        return {"low": self.low.data, "high": self.high.data, "label": label}


def level_rows_data(levels: list[dict]) -> list[dict]:
    """A criterion's levels as the rows of the form."""
    return [{"low": level["low"], "high": level["high"], **level["label"]} for level in levels]


class CriterionForm(AppForm):
    name = translated_text(_l("Criterion name"), max_length=TITLE_MAX)
    description = translated_text(
        _l("Description"), required=False, multiline=True, max_length=CRITERION_NOTES_MAX
    )
    weight = DecimalCommaField(
        _l("Weight"), validators=[DataRequired(), NumberRange(*WEIGHTS)], default=1
    )
    max_points = IntegerField(
        _l("Maximum points"), validators=[DataRequired(), NumberRange(*MAX_POINTS)], default=10
    )
    step = DecimalCommaField(
        _l("Step"), validators=[DataRequired(), NumberRange(SMALLEST_STEP, MAX_POINTS[1])],
        default=1,
        description=_l("Points are given in multiples of the step, for example 0.5."),
    )  # fmt: skip
    level_rows = FieldList(
        FormField(LevelForm), label=_l("Levels"), min_entries=5, max_entries=MAX_LEVELS
    )

    def levels(self) -> list[dict]:
        return [level for row in self.level_rows if (level := row.form.level()) is not None]


class InvitationForm(AppForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), Rule(check_email)])
    role = SelectField(_l("Role"), choices=ROLE_CHOICES)
    organization = translated_text(
        _l("Organization"), required=False, max_length=NAME_MAX,
        description=_l("Its name in at least one language; it is shown in the reader's language."),
    )  # fmt: skip
    bin = StringField(
        _l("BIN"), validators=[Optional(), Rule(clean_bin)], description=_l("12 digits, if known.")
    )
    locale = SelectField(_l("Language of the invitation"), choices=LANGUAGE_CHOICES)


class LogoForm(AppForm):
    file = FileField(
        _l("Logo"),
        description=hint(
            lambda: _(
                "A PNG or JPEG picture of at most %(size)s; not the state emblem.",
                size=configured_size("MAX_PICTURE_BYTES"),
            )
        ),
        render_kw={"accept": ".png,.jpg,.jpeg,image/png,image/jpeg"},
    )

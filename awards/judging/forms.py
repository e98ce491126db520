"""Judging forms: the scorecard (one field pair per criterion), conflicts, assignments."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from markupsafe import Markup, escape
from wtforms import BooleanField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import Select

from awards.forms import AppForm, IdField
from awards.i18n import localized
from awards.uploads import configured_size, hint


def scorecard_form_class(criteria):
    """A form with ``points_<id>`` and ``comment_<id>`` for each criterion of the rubric."""

    class ScorecardForm(AppForm):
        version = HiddenField()
        overall_comment = TextAreaField(
            _l("Overall comment"), validators=[Optional(), Length(max=4000)]
        )
        comments_shareable = BooleanField(
            _l("Share my comments, without my name, with the nominating organization")
        )
        action = HiddenField(default="save")

    for criterion in criteria:
        points = StringField(
            localized(criterion.name),
            validators=[Optional(), Length(max=20)],
            render_kw={"inputmode": "decimal", "autocomplete": "off"},
        )
        comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])
        setattr(ScorecardForm, f"points_{criterion.id}", points)
        setattr(ScorecardForm, f"comment_{criterion.id}", comment)
    return ScorecardForm


class ConflictForm(AppForm):
    reason = TextAreaField(
        _l("Why can you not judge this nomination impartially?"),
        validators=[DataRequired(), Length(max=2000)],
    )


class ManyOptions(Select):
    """A select of a few hundred options (the jury, a category's entries): each plain option is
    written in one format string instead of through html_params, the same HTML several times
    faster on the category's jury page, which shows four such lists."""

    @classmethod
    def render_option(cls, choice, **kwargs):
        if kwargs or choice.render_kw or not isinstance(choice.value, str):
            return super().render_option(choice, **kwargs)
        selected = " selected" if choice.selected else ""
        label = escape(choice.label or choice.value)
        value = escape(choice.value)
        # Both texts escaped just above; Markup.format would be as slow as html_params.
        return Markup(f'<option{selected} value="{value}">{label}</option>')  # noqa: S704


class RecordConflictForm(AppForm):
    nomination = SelectField(_l("Nomination"), coerce=int, widget=ManyOptions())
    judge = SelectField(_l("Judge"), coerce=int, widget=ManyOptions())
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])


class PossibleConflictForm(AppForm):
    """The button recording a possible conflict the jury page shows."""

    judge = IdField(validators=[DataRequired()])
    nomination = IdField(validators=[DataRequired()])


class AssignCategoryForm(AppForm):
    judge = SelectField(_l("Judge"), coerce=int, widget=ManyOptions())


class AssignNominationForm(AppForm):
    nomination = SelectField(_l("Nomination"), coerce=int, widget=ManyOptions())
    judge = SelectField(_l("Judge"), coerce=int, widget=ManyOptions())


class ProposalForm(AppForm):
    fingerprint = HiddenField(validators=[DataRequired()])


class ReopenForm(AppForm):
    reason = StringField(_l("Reason for reopening"), validators=[DataRequired(), Length(max=2000)])
    # "yes" once the organizer has read the warning about the category's confirmed results.
    confirmed = HiddenField()


class ConfirmForm(AppForm):
    """A POST button with nothing but its CSRF token."""


class BallotForm(AppForm):
    """Upload a file to preview it; the preview carries the file back to save it."""

    file = FileField(
        _l("CSV or XLSX file"),
        description=hint(
            lambda: _(
                "A CSV or XLSX file of at most %(size)s.", size=configured_size("MAX_BALLOT_BYTES")
            )
        ),
        render_kw={"accept": ".csv,.xlsx,text/csv"},
    )
    content = HiddenField()
    override_reason = StringField(
        _l("Reason to accept ballots outside the judging window"),
        validators=[Optional(), Length(max=500)],
        description=_l("Leave empty unless judging is closed and these paper ballots are late."),
    )
    action = HiddenField(default="preview")


class DiscussionForm(AppForm):
    # The length and emptiness are the service's to check (awards.judging.discussion), so the
    # message beside the field is the same wherever a message comes from.
    text = TextAreaField(_l("Your message"), render_kw={"rows": 3})


def reveal_choices() -> list[tuple[str, str]]:
    return [
        ("never", _("Never: each juror sees only their own scorecard")),
        ("after-own", _("After submitting their own scorecard for the entry")),
        ("after-close", _("After judging closes")),
    ]


class RevealForm(AppForm):
    policy = SelectField(_l("Jurors see each other's scores"), choices=[])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.policy.choices = reveal_choices()

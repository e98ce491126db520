"""Judging forms: the scorecard (one field pair per criterion), conflicts, assignments."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import HiddenField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp

from awards.i18n import localized


def scorecard_form_class(criteria):
    """A form with ``points_<id>`` and ``comment_<id>`` for each criterion of the rubric."""

    class ScorecardForm(FlaskForm):
        version = HiddenField()
        overall_comment = TextAreaField(
            _l("Overall comment"), validators=[Optional(), Length(max=4000)]
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


class ConflictForm(FlaskForm):
    reason = TextAreaField(
        _l("Why can you not judge this nomination impartially?"),
        validators=[DataRequired(), Length(max=2000)],
    )


class RecordConflictForm(FlaskForm):
    nomination = SelectField(_l("Nomination"), coerce=int)
    judge = SelectField(_l("Judge"), coerce=int)
    reason = StringField(_l("Reason"), validators=[DataRequired(), Length(max=2000)])


class PossibleConflictForm(FlaskForm):
    """The button recording a possible conflict the jury page shows."""

    judge = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])
    nomination = HiddenField(validators=[DataRequired(), Regexp(r"^\d+$")])


class AssignCategoryForm(FlaskForm):
    judge = SelectField(_l("Judge"), coerce=int)


class AssignNominationForm(FlaskForm):
    nomination = SelectField(_l("Nomination"), coerce=int)
    judge = SelectField(_l("Judge"), coerce=int)


class ProposalForm(FlaskForm):
    fingerprint = HiddenField(validators=[DataRequired()])


class ReopenForm(FlaskForm):
    reason = StringField(_l("Reason for reopening"), validators=[DataRequired(), Length(max=2000)])


class ConfirmForm(FlaskForm):
    """A POST button with nothing but its CSRF token."""


class BallotForm(FlaskForm):
    """Upload a file to preview it; the preview carries the file back to save it."""

    file = FileField(_l("CSV or XLSX file"))
    content = HiddenField()
    override_reason = StringField(
        _l("Reason to accept ballots outside the judging window"),
        validators=[Optional(), Length(max=500)],
        description=_l("Leave empty unless judging is closed and these paper ballots are late."),
    )
    action = HiddenField(default="preview")

"""Forms of the qualifying rounds: a round's settings, a juror's vote on one entry, and the
decision with a choice and a reason for each tie."""

from fractions import Fraction

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    DateTimeLocalField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from awards.forms import AppForm, translated_text
from awards.judging.qualifying import majority_share

MAJORITY_CHOICES = ("1/2", "3/5", "2/3", "3/4")


def majority_label(share: str) -> str:
    return _("More than %(share)s of the votes for and against", share=share)


def majority_value(share: str) -> float:
    return float(Fraction(share))


def majority_rule(majority: float) -> str:
    """The rule in words, as the round's pages show it."""
    return _(
        "An entry advances when more than %(share)s of the jurors who vote for or against it "
        "say it should advance. Abstentions do not count. Exactly %(share)s, or no votes for or "
        "against, is a tie: the organizer decides it and gives a reason.",
        share=majority_share(majority),
    )


def _when(label):
    return DateTimeLocalField(label, validators=[Optional()], format="%Y-%m-%dT%H:%M")


class RoundForm(AppForm):
    name = StringField(
        _l("Short name"), validators=[DataRequired(), Length(max=40)],
        description=_l("Latin letters, digits and hyphens, such as qualifying."),
    )  # fmt: skip
    title = translated_text(_l("Title"), required=False, max_length=200)
    majority = SelectField(_l("Majority to advance"), choices=[])
    opens_at = _when(_l("Voting opens"))
    closes_at = _when(_l("Voting closes"))
    jurors = SelectMultipleField(
        _l("Jurors"), coerce=int, widget=ListWidget(prefix_label=False),
        option_widget=CheckboxInput(), validate_choice=False,
        description=_l("None chosen: the judges assigned to the category's entries."),
    )  # fmt: skip

    def __init__(self, *args, judges=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.majority.choices = [
            SelectChoice(share, majority_label(share)) for share in MAJORITY_CHOICES
        ]
        self.jurors.choices = [SelectChoice(judge.id, judge.display_name) for judge in judges]


def _verdicts():
    return [
        SelectChoice("advance", _("Advance")),
        SelectChoice("reject", _("Do not advance")),
        SelectChoice("abstain", _("Abstain")),
    ]


class VoteForm(AppForm):
    verdict = RadioField(
        _l("Your vote"), choices=_verdicts,
        validators=[DataRequired(_l("Choose advance, do not advance or abstain."))],
    )  # fmt: skip
    comment = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=2000)])


def decision_form_class(tie_ids: list[int]):
    """The decision's form: for each tie, ``tie_<id>`` (advance or not) and ``reason_<id>``."""

    class DecisionForm(AppForm):
        pass

    for nomination_id in tie_ids:
        choice = SelectField(
            _l("The tie is decided"),
            choices=lambda: [
                SelectChoice("", _("Choose")), SelectChoice("advance", _("Advance")),
                SelectChoice("reject", _("Do not advance")),
            ],
            validators=[Optional()],
        )  # fmt: skip
        reason = StringField(_l("Reason"), validators=[Optional(), Length(max=2000)])
        setattr(DecisionForm, f"tie_{nomination_id}", choice)
        setattr(DecisionForm, f"reason_{nomination_id}", reason)
    return DecisionForm

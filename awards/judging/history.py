"""A nomination's scorecard history from the audit log in words: criteria by name, points."""

from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _

from awards.accounts.models import User
from awards.audit import queries as audit_queries
from awards.audit.models import AuditEntry, SubjectKind
from awards.judging.models import Scorecard
from awards.nominations.models import Nomination


@dataclass(frozen=True)
class PointsChange:
    """One criterion's points before and after; None where it had none."""

    criterion: str
    before: float | None
    after: float | None


def points_changes(old: dict, new: dict, names: dict[int, str]) -> list[PointsChange]:
    """The criteria whose points differ between two logged scorecards (``points`` maps a
    criterion id, as text, to points), in the order of ``names`` (criterion id to name), then
    any criterion no longer in the rubric."""
    before, after = old.get("points") or {}, new.get("points") or {}
    ids = {int(key) for key in (*before, *after)}
    order = [i for i in names if i in ids] + sorted(ids - set(names))
    changes = []
    for criterion_id in order:
        key = str(criterion_id)
        if before.get(key) != after.get(key):
            name = names.get(criterion_id) or _("a removed criterion")
            changes.append(PointsChange(name, before.get(key), after.get(key)))
    return changes


@dataclass(frozen=True)
class ScorecardLine:
    """One line of the history: ``actor`` did ``action`` to ``judge``'s scorecard."""

    at: datetime
    actor: User | None
    judge: User
    action: str
    reason: str
    changes: list[PointsChange]

    @property
    def by_judge(self) -> bool:
        """The judge wrote it themselves, so the page names them once."""
        return self.actor is not None and self.actor.id == self.judge.id


def scorecard_history(nomination: Nomination, scorecards: list[Scorecard]) -> list[ScorecardLine]:
    """Every logged change to these scorecards of the nomination, oldest first."""
    by_id = {card.id: card for card in scorecards}
    names = {c.id: c.display_name for c in nomination.category.criteria}
    entries: list[AuditEntry] = audit_queries.history(
        program=nomination.program, kind=SubjectKind.SCORECARD, ids=list(by_id)
    )
    lines = []
    for entry in entries:
        lines.append(ScorecardLine(
            at=entry.at, actor=entry.actor, judge=by_id[entry.subject_id].judge,
            action=entry.action, reason=entry.reason,
            changes=points_changes(entry.old, entry.new, names),
        ))  # fmt: skip
    return lines

"""Frozen results against live scores: how the live ranking now differs from a snapshot, and
the warning an organizer hears before reopening a scorecard of a frozen category (connected
to judging's signal when this module is imported, as the results pages do)."""

from flask_babel import gettext as _

from awards.judging.signals import reopening_scorecard
from awards.results.models import ResultsSnapshot
from awards.results.ranking import CategoryResults, category_results
from awards.results.services import current_snapshot

# Scores are means of points: closer than this they are the same score.
SAME_SCORE = 1e-9


def _same_score(before: float | None, after: float | None) -> bool:
    if before is None or after is None:
        return before is after
    return abs(before - after) < SAME_SCORE


def ranking_changes(
    snapshot: ResultsSnapshot, *, live: CategoryResults | None = None
) -> dict | None:
    """None while the live ranking (by the snapshot's method) is the frozen one; otherwise
    whether the order of the scored nominations changed and, per laureate whose score or rank
    changed, its nominee with the frozen and live score and rank. ``live``: the live results
    by the snapshot's method if already computed."""
    if live is None or live.method != snapshot.method:
        live = category_results(snapshot.category, snapshot.method)
    frozen_rows = snapshot.content["ranking"]
    frozen = {row["nomination_id"]: row for row in frozen_rows}
    current = {row.nomination.id: row for row in live.rows}
    frozen_order = [row["nomination_id"] for row in frozen_rows if row["score"] is not None]
    live_order = [row.nomination.id for row in live.rows if row.score is not None]
    laureates = []
    for laureate in snapshot.content["laureates"]:
        before = frozen.get(laureate["nomination_id"], {})
        after = current.get(laureate["nomination_id"])
        score, rank = (after.score, after.rank) if after else (None, None)
        if not _same_score(before.get("score"), score) or before.get("rank") != rank:
            laureates.append({
                "nominee": laureate["nominee"], "frozen_score": before.get("score"),
                "frozen_rank": before.get("rank"), "live_score": score, "live_rank": rank,
            })  # fmt: skip
    if frozen_order == live_order and not laureates:
        return None
    return {"order_changed": frozen_order != live_order, "laureates": laureates}


@reopening_scorecard.connect
def warn_before_reopening(scorecard, **_extra) -> str | None:
    """The category's results were confirmed (and perhaps published) with this scorecard's
    points: reopening it leaves them as they are, and says what to do if the points change."""
    category = scorecard.nomination.category
    snapshot = current_snapshot(category)
    if snapshot is None:
        return None
    if category.program.results_published_at is not None:
        return _(
            "The results of this category were confirmed and published. Reopening this "
            "scorecard does not change them: the published laureates and the certificates "
            "stay as they are. If the judge changes the points, the results page will show "
            "that the live ranking differs from the frozen one; to change the laureates you "
            "would unfreeze the results, confirm them again and publish them again."
        )
    return _(
        "The results of this category were confirmed and frozen. Reopening this scorecard "
        "does not change them. If the judge changes the points, the results page will show "
        "that the live ranking differs from the frozen one; to let the change count you "
        "would unfreeze the results and confirm the laureates again."
    )

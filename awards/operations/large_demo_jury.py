"""The large demo's jury: panels per category, conflicts (found and declared), assignments and
30,000 scorecards with points drawn around each entry's quality and each judge's bias."""

from datetime import timedelta

from sqlalchemy import select

from awards.accounts.identity import identity_keys
from awards.accounts.models import Organization
from awards.audit.models import AuditEntry, SubjectKind
from awards.extensions import db
from awards.judging.models import Assignment, Conflict, Score, Scorecard
from awards.nominations.models import Nomination
from awards.operations.large_demo_world import CONFLICT_REASONS, Entry, Scale, insert_rows
from awards.programs.models import Program


def _panels(scale: Scale) -> list[list[int]]:
    """The judges (by index) on each category's panel; each judge sits on panels_per_judge."""
    panels_per_judge = min(scale.panels_per_judge, scale.categories)
    step = max(1, scale.categories // panels_per_judge)
    panels: list[list[int]] = [[] for _ in range(scale.categories)]
    for judge in range(scale.judges):
        for turn in range(panels_per_judge):
            panels[(judge + turn * step) % scale.categories].append(judge)
    if min(len(panel) for panel in panels) < scale.judges_per_nomination:
        raise ValueError("too few judges per category for judges_per_nomination")
    return panels


def _automatic_conflicts(scale, entries: list[Entry], people: dict) -> set[tuple[int, int]]:
    """(judge index, entry index) where the judge's organization nominated or is the nominee,
    the rule awards.judging.conflicts applies, worked out here for the whole plan at once."""
    supporters = {entry.index: {people["committee_orgs"][entry.committee]} for entry in entries}
    for entry in entries:
        if entry.merged_into is not None:
            supporters[entry.merged_into].add(people["committee_orgs"][entry.committee])
    brand_keys = {e.index: identity_keys(bin=e.brand["bin"], names=e.brand["name"].values())
                  for e in entries}  # fmt: skip
    org_keys = {}
    judge_orgs = select(Organization.id, Organization.name, Organization.bin).where(
        Organization.id.in_(set(people["judge_orgs"]))
    )
    for org_id, name, bin in db.session.execute(judge_orgs):
        org_keys[org_id] = identity_keys(bin=bin, names=name.values())
    return {
        (judge, entry.index)
        for judge, org_id in enumerate(people["judge_orgs"])
        for entry in entries
        if org_id in supporters[entry.index] or org_keys[org_id] & brand_keys[entry.index]
    }


def jury(rng, scale, entries: list[Entry], program: Program, people: dict) -> list[tuple]:
    """Stored conflicts on one entry in twenty, then each accepted entry assigned to
    judges_per_nomination of its category's panel, turn by turn, skipping every conflict.

    Returns the assignments as (judge index, entry) pairs.
    """
    conflicted = _automatic_conflicts(scale, entries, people)
    panels = _panels(scale)
    accepted = [entry for entry in entries if entry.state == "accepted"]
    stored = []
    for entry in rng.sample(accepted, len(accepted) // 20):
        judge = rng.choice(panels[entry.category])
        if (judge, entry.index) in conflicted:
            continue
        conflicted.add((judge, entry.index))
        declared = len(stored) % 3 != 2  # two declared by the judge, one recorded by the organizer
        stored.append({
            "nomination_id": entry.id, "judge_id": people["judges"][judge],
            "source": "declared" if declared else "recorded",
            "reason": rng.choice(CONFLICT_REASONS),
            "created_by_id": people["judges"][judge] if declared else people["organizer"],
            "created_at": program.judging_open_at + timedelta(hours=rng.randint(1, 200)),
        })  # fmt: skip
    insert_rows(Conflict, stored)
    pairs, seen = [], [0] * scale.categories
    for entry in accepted:
        panel, k = panels[entry.category], scale.judges_per_nomination
        start, seen[entry.category] = seen[entry.category] * k, seen[entry.category] + 1
        turn = [panel[(start + offset) % len(panel)] for offset in range(len(panel))]
        pairs += [(judge, entry) for judge in
                  [j for j in turn if (j, entry.index) not in conflicted][:k]]  # fmt: skip
    insert_rows(Assignment, [
        {"nomination_id": entry.id, "judge_id": people["judges"][judge],
         "assigned_by_id": people["organizer"], "created_at": program.judging_open_at}
        for judge, entry in pairs
    ])  # fmt: skip
    return pairs


def _points(rng, criteria: list[int], quality: float, bias: float, *, complete: bool) -> dict:
    chosen = criteria if complete else criteria[: rng.randint(1, len(criteria) - 1)]
    noise = [rng.uniform(-1.5, 1.5) for _ in chosen]
    return {
        criterion: float(min(10, max(0, round(quality + bias + n))))
        for criterion, n in zip(chosen, noise, strict=True)
    }


def _scorecard_ids(program: Program, cards: list[dict]) -> list[int]:
    """The new scorecards' ids, read back by their unique (nomination, judge): SQLite
    returns ids in order only one row at a time, which is most of the time for 30,000 rows."""
    query = (
        select(Scorecard.nomination_id, Scorecard.judge_id, Scorecard.id)
        .join(Nomination, Nomination.id == Scorecard.nomination_id)
        .where(Nomination.program_id == program.id)
    )
    found = {(nomination, judge): id for nomination, judge, id in db.session.execute(query)}
    return [found[card["nomination_id"], card["judge_id"]] for card in cards]


def scorecards(rng, scale, pairs: list[tuple], program: Program, people: dict, today) -> None:
    """``scale.scorecards`` of the assignments scored, one in twelve still a draft, each with
    its points and the event that wrote them; the other assignments are still to be scored."""
    if scale.scorecards > len(pairs):
        raise ValueError(f"only {len(pairs)} assignments for {scale.scorecards} scorecards")
    criteria = [[c.id for c in category.criteria] for category in program.categories]
    quality = {entry.index: rng.uniform(3.5, 9.0) for _, entry in pairs}
    bias = [rng.uniform(-1.0, 1.0) for _ in range(scale.judges)]
    window = int((today - program.judging_open_at).total_seconds()) - 3600
    cards, points = [], []
    for judge, entry in sorted(rng.sample(pairs, scale.scorecards), key=lambda p: p[1].index):
        submitted = rng.random() >= 1 / 12
        created = program.judging_open_at + timedelta(seconds=rng.randrange(window))
        done = created + timedelta(minutes=rng.randint(5, 55)) if submitted else None
        card_points = _points(rng, criteria[entry.category], quality[entry.index], bias[judge],
                              complete=submitted)  # fmt: skip
        cards.append({
            "nomination_id": entry.id, "judge_id": people["judges"][judge],
            "state": "submitted" if submitted else "draft", "overall_comment": "",
            "version": 1, "created_at": created, "updated_at": done or created,
            "submitted_at": done,
        })  # fmt: skip
        points.append(card_points)
    insert_rows(Scorecard, cards)
    ids = _scorecard_ids(program, cards)
    scores, events = [], []
    for card_id, card, card_points in zip(ids, cards, points, strict=True):
        scores += [{"scorecard_id": card_id, "criterion_id": criterion, "points": value,
                    "comment": ""} for criterion, value in card_points.items()]  # fmt: skip
        snapshot = {"state": card["state"], "overall_comment": "", "comments": {},
                    "points": {str(c): p for c, p in card_points.items()}}  # fmt: skip
        events.append({
            "program_id": program.id, "subject_kind": SubjectKind.SCORECARD, "subject_id": card_id,
            "actor_id": card["judge_id"], "old": {}, "new": snapshot,
            "action": "submitted" if card["submitted_at"] else "created", "reason": "",
            "at": card["updated_at"],
        })  # fmt: skip
    insert_rows(Score, scores)
    insert_rows(AuditEntry, events)

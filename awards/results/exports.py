"""Results for download: the ranking, per-criterion means and every countable scorecard of a
program as XLSX or CSV tables, and the same ranking as a plain document for automation.

The data comes from ``category_results``, so only submitted scorecards of assigned judges free
of any conflict count. The files are written by ``awards.spreadsheets``, which never lets a
cell become a formula.
"""

from flask_babel import gettext as _

from awards.i18n import to_local
from awards.programs.models import Program
from awards.results.aggregation import Method
from awards.results.ranking import CategoryResults, category_results, how_sure, score_comments
from awards.results.services import current_snapshot
from awards.spreadsheets import Column, Table

TABLES = ("ranking", "criteria", "scorecards")


# Reading: a program's live results as tables.


def _yes(flag: bool) -> str:
    return _("yes") if flag else ""


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def ranking_table(results: list[CategoryResults], program: Program) -> Table:
    columns = (
        Column(_("Category")), Column(_("Rank")), Column(_("Tie")), Column(_("Entry no.")),
        Column(_("Nominee")), Column(_("Score"), "0.00"), Column(_("Scorecards")),
        Column(_("Spread"), "0.00"), Column(_("Fewer scorecards than required")),
    )  # fmt: skip
    rows = [
        (
            result.category.display_title,
            row.rank,
            _yes(row.tie),
            row.nomination.id,
            row.nomination.nominee_name,
            _rounded(row.score),
            row.scorecards,
            _rounded(row.spread),
            _yes(row.too_few),
        )
        for result in results
        for row in result.rows
    ]
    return Table("ranking", _("Ranking"), columns, rows)


def criteria_table(results: list[CategoryResults], program: Program) -> Table:
    columns = (
        Column(_("Category")), Column(_("Entry no.")), Column(_("Nominee")),
        Column(_("Criterion")), Column(_("Weight")),
        Column(_("Mean, percent of the maximum"), "0.00"),
    )  # fmt: skip
    rows = [
        (
            result.category.display_title,
            row.nomination.id,
            row.nomination.nominee_name,
            criterion.display_name,
            criterion.weight,
            _rounded(row.percentages.get(criterion.id)) if row.scorecards else None,
        )
        for result in results
        for row in result.rows
        for criterion in result.category.criteria
    ]
    return Table("criteria", _("Criterion means"), columns, rows)


def scorecards_table(results: list[CategoryResults], program: Program) -> Table:
    columns = (
        Column(_("Category")), Column(_("Entry no.")), Column(_("Nominee")), Column(_("Judge")),
        Column(_("Judge's email")), Column(_("Criterion")), Column(_("Points")),
        Column(_("Maximum")), Column(_("Comment")),
        Column(_("Submitted (%(zone)s)", zone=program.timezone), "yyyy-mm-dd hh:mm"),
    )  # fmt: skip
    rows = []
    for result in results:
        rank_order = {row.nomination.id: index for index, row in enumerate(result.rows)}
        entries = {row.nomination.id: row.nomination for row in result.rows}
        judges = result.judges_by_id
        comments = score_comments(result)
        cards = sorted(
            result.scorecards,
            key=lambda c: (
                rank_order[c.nomination_id],
                judges[c.judge_id].display_name,
                c.judge_id,
            ),
        )
        for card in cards:
            judge = judges[card.judge_id]
            for criterion in result.category.criteria:
                rows.append((
                    result.category.display_title, card.nomination_id,
                    entries[card.nomination_id].nominee_name, judge.display_name, judge.email,
                    criterion.display_name, card.points.get(criterion.id),
                    criterion.max_points, comments.get((card.id, criterion.id), ""),
                    to_local(card.submitted_at, program.timezone),
                ))  # fmt: skip
    return Table("scorecards", _("Scorecards"), columns, rows)


BUILDERS = {"ranking": ranking_table, "criteria": criteria_table, "scorecards": scorecards_table}


def results_tables(
    program: Program, method: str | None = None, names: tuple[str, ...] = TABLES
) -> list[Table]:
    """The named tables of the program's live results, in the reader's language."""
    results = [category_results(category, method) for category in program.categories]
    return [BUILDERS[name](results, program) for name in names]


def export_file_name(program: Program, part: str, extension: str, method: str | None) -> str:
    """E.g. ``working-professions-2025-results.xlsx``; a method other than the program's own
    is named, so that the file cannot pass for the official ranking."""
    suffix = f"-{method}" if method and method != program.scoring_method else ""
    return f"{program.slug}-{part}{suffix}.{extension}"


# Automation: the ranking as a plain document.


def nominee_label(nomination) -> str:
    """The Russian legal name of an organization when given, else the name as displayed."""
    return nomination.org_name.get("ru") or nomination.nominee_name


def _chance(chances: dict | None, nomination: int) -> float | None:
    """A bootstrap probability at 4 decimals; None without scorecards or without a limit."""
    value = (chances or {}).get(nomination)
    return None if value is None else round(value, 4)


def results_document(program: Program, method: str | None = None) -> dict:
    """{"program", "method", "categories": [{"slug", "kendall_w", "too_close",
    "nominations": [...]}]} with nominations in rank order; scores at 2 decimals as they are
    compared; "p_first" and "p_laureate" are the bootstrap's chances (robustness.py) of
    ranking first and of being among the category's laureate places (None when the category
    has no limit or the entry no scorecard), "too_close" whether the top places are unsettled.
    By the normalized method each nomination also has "rank_by_mean" (its rank by the plain
    mean, side by side) and the document "normalization_min_scorecards"."""
    method = method or program.scoring_method
    categories = []
    for category in program.categories:
        results = category_results(category, method)
        snapshot = current_snapshot(category)
        laureates = {lau.nomination_id for lau in snapshot.laureates} if snapshot else set()
        sure = how_sure(results)
        nominations = [
            {
                "id": row.nomination.id,
                "nominee": nominee_label(row.nomination),
                "score": _rounded(row.score),
                "rank": row.rank,
                "tie": row.tie,
                "scorecards": row.scorecards,
                "laureate": row.nomination.id in laureates,
                "p_first": _chance(sure.p_first, row.nomination.id),
                "p_laureate": _chance(sure.p_laureate, row.nomination.id),
            }
            for row in results.rows
        ]
        if results.normalized:  # the rank by the plain mean of the same scorecards beside it
            for item, row in zip(nominations, results.rows, strict=True):
                item["rank_by_mean"] = row.plain_rank
        w = results.kendall_w
        categories.append(
            {"slug": category.slug, "kendall_w": None if w is None else round(w, 4),
             "too_close": sure.too_close, "nominations": nominations}
        )  # fmt: skip
    document = {"program": program.slug, "method": method, "categories": categories}
    if method == Method.NORMALIZED:
        document["normalization_min_scorecards"] = program.normalization_min_scorecards
    return document

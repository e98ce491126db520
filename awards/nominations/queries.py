"""Reads of nominations that several domains share: the accepted entries of a category, which
the jury assigns, the ranking counts and the ceremony booklet lists."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from awards.extensions import db
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category


def accepted_nominations(
    category: Category, *, with_supporters: bool = False, with_practice: bool = False
) -> list[Nomination]:
    """The category's accepted entries, oldest first; its practice entry only when
    ``with_practice`` (it never counts, see practice_entry). ``with_supporters`` loads who
    nominated each (and the entries merged into it) in the same queries, for conflict checks."""
    query = (
        select(Nomination)
        .where(Nomination.category_id == category.id, Nomination.state == NominationState.ACCEPTED)
        .order_by(Nomination.id)
    )
    if not with_practice:
        query = query.where(Nomination.is_practice.is_(False))
    if with_supporters:
        query = query.options(
            joinedload(Nomination.submitting_organization),
            selectinload(Nomination.merged_from).joinedload(Nomination.submitting_organization),
        )
    return list(db.session.scalars(query).unique())


def practice_entry(category: Category) -> Nomination | None:
    """The category's practice entry: every judge of the category scores it first, to calibrate;
    it never counts (results, exports, certificates, public pages and counts leave it out)."""
    return db.session.scalar(
        select(Nomination).where(
            Nomination.category_id == category.id,
            Nomination.is_practice.is_(True),
            Nomination.state == NominationState.ACCEPTED,
        )
    )


def accepted_nominations_by_category(categories: list[Category]) -> dict[int, list[Nomination]]:
    """accepted_nominations of each category, with the organization each names, in one
    statement whatever their number (the hall screen lists every nominee)."""
    found: dict[int, list[Nomination]] = {category.id: [] for category in categories}
    query = (
        select(Nomination)
        .where(
            Nomination.category_id.in_(list(found)), Nomination.state == NominationState.ACCEPTED
        )
        .options(joinedload(Nomination.nominee_organization))
        .order_by(Nomination.id)
    )
    for nomination in db.session.scalars(query):
        found[nomination.category_id].append(nomination)
    return found

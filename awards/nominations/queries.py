"""Reads of nominations that several domains share: the accepted entries of a category, which
the jury assigns, the ranking counts and the ceremony booklet lists."""

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from awards.extensions import db
from awards.nominations.models import Nomination, NominationState
from awards.programs.models import Category


def accepted_nominations(category: Category, *, with_supporters: bool = False) -> list[Nomination]:
    """The category's accepted entries, oldest first. ``with_supporters`` loads who nominated
    each (and the entries merged into it) in the same queries, for conflict checks."""
    query = (
        select(Nomination)
        .where(Nomination.category_id == category.id, Nomination.state == NominationState.ACCEPTED)
        .order_by(Nomination.id)
    )
    if with_supporters:
        query = query.options(
            joinedload(Nomination.submitting_organization),
            selectinload(Nomination.merged_from).joinedload(Nomination.submitting_organization),
        )
    return list(db.session.scalars(query).unique())

"""Reads of nominations shared by judging, results and the ceremony."""

from awards.extensions import db
from awards.nominations.queries import accepted_nominations


def test_accepted_nominations_are_the_accepted_entries_oldest_first(jury):
    category = jury["program"].categories[0]
    expected = sorted(entry.id for entry in jury["entries"].values())
    assert [n.id for n in accepted_nominations(category)] == expected
    with_supporters = accepted_nominations(category, with_supporters=True)
    assert [n.id for n in with_supporters] == expected
    assert all(n.submitting_organization is not None for n in with_supporters)


def test_entries_not_accepted_are_left_out(jury):
    category = jury["program"].categories[0]
    entry = next(iter(jury["entries"].values()))
    with db.session.no_autoflush:
        entry.state, entry.accepted_at, entry.rejected_at = "rejected", None, entry.submitted_at
    db.session.flush()
    assert entry.id not in {n.id for n in accepted_nominations(category)}

from awards.extensions import db
from awards.judging.models import Scorecard
from awards.nominations.models import Nomination
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs.models import Program
from awards.results.ranking import category_results


def test_demo_jury_has_scored_every_entry_except_its_conflict(app):
    load_demo(password="demo password 1")
    db.session.commit()
    program = db.session.query(Program).filter_by(slug=DEMO_SLUG).one()
    entries = db.session.query(Nomination).filter_by(program_id=program.id).all()
    cards = db.session.query(Scorecard).all()
    assert all(card.is_submitted for card in cards)
    per_entry = {entry.id: [c for c in cards if c.nomination_id == entry.id] for entry in entries}
    kazzinc = next(e for e in entries if e.org_name["ru"] == "ТОО «Казцинк»")
    assert {c.judge.email for c in per_entry[kazzinc.id]} == {
        "judge1@demo.kz", "judge3@demo.kz", "judge4@demo.kz",
    }  # fmt: skip
    assert all(len(per_entry[e.id]) == 4 for e in entries if e is not kazzinc)


def test_every_demo_entry_has_enough_countable_scorecards(app):
    """A jury secretary would sign the demo: no entry is short of scorecards, the laureate
    included (its judge from Kazzinc may not score it)."""
    load_demo(password="demo password 1")
    db.session.commit()
    program = db.session.query(Program).filter_by(slug=DEMO_SLUG).one()
    for category in program.categories:
        rows = category_results(category).rows
        assert rows and not [row.nomination.nominee_name for row in rows if row.too_few]

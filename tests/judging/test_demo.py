from awards.extensions import db
from awards.judging import rounds
from awards.judging.discussion import thread
from awards.judging.models import Scorecard
from awards.judging.permissions import can_see_panel_scores
from awards.judging.round_services import digest
from awards.nominations.models import Nomination
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs.models import Program
from awards.results.meeting import flagged_in_program, program_totals
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


def test_demo_jury_discusses_the_entry_it_disagrees_on_most(app):
    """Best Social Partner reveals scores after one's own; the entry with the widest spread
    (flagged: more than 30 points) has three messages: its lowest and highest scorer, then the
    organizer. The results are the scores' own (no score was changed for the discussion)."""
    load_demo(password="demo password 1")
    db.session.commit()
    program = db.session.query(Program).filter_by(slug=DEMO_SLUG).one()
    patron, partner = program.categories
    assert (patron.reveal_scores, partner.reveal_scores) == ("never", "after-own")
    disputed = next(row for row in flagged_in_program(program) if row.category_id == partner.id)
    assert disputed.disagreement.spread_exceeded
    entry = db.session.get(Nomination, disputed.nomination_id)
    messages = thread(entry)
    panel = program_totals(program)[entry.id][1]
    authors = [message.author_id for message in messages]
    assert authors[:2] == [min(panel, key=panel.get), max(panel, key=panel.get)]
    assert messages[2].author.email == "organizer@demo.kz"
    assert can_see_panel_scores(messages[0].author, entry, now=program.judging_close_at)


def test_demo_letters_carry_shared_comments_without_changing_results(app):
    """Best Patron's jurors commented; a released letter shows the shared comments only."""
    from awards.operations.demo_texts import DEMO_FEEDBACK
    from awards.results.letters import category_letters

    load_demo(password="demo password 1")
    db.session.commit()
    program = db.session.query(Program).filter_by(slug=DEMO_SLUG).one()
    patron = program.categories[0]
    letters = category_letters(patron)
    texts = {c.text for letter in letters.values() for c in letter.comments}
    shared = {t for comment, overall, share in DEMO_FEEDBACK if share for t in (comment, overall)}
    kept = {t for comment, overall, share in DEMO_FEEDBACK if not share for t in (comment, overall)}
    assert shared <= texts and not (kept & texts)
    assert all(letter.criteria for letter in letters.values())
    laureates = {row.nomination.id for row in category_results(patron).rows if row.rank == 1}
    assert len(laureates) == 1


def test_demo_social_partners_passed_a_qualifying_round_first(app):
    """Three jurors voted; one entry advanced on a split vote, one after a tie the organizer
    decided with a reason; every entry advanced, so the 2025 laureates stay the real ones."""
    load_demo(password="demo password 1")
    db.session.commit()
    program = db.session.query(Program).filter_by(slug=DEMO_SLUG).one()
    patron, partner = program.categories
    assert rounds.category_rounds(patron) == []
    [qualifying] = rounds.category_rounds(partner)
    assert qualifying.is_decided and qualifying.sha256 == digest(qualifying.content)
    entries = {entry["nominee"]["ru"]: entry for entry in qualifying.content["entries"]}
    assert len(entries) == 16 and all(entry["advanced"] for entry in entries.values())
    split = entries["Кафе «Поляна»"]
    assert (split["advance"], split["reject"], split["result"]) == (2, 1, "advances")
    tie = entries["Ресторан казахской кухни Qurt & Wine"]
    assert (tie["advance"], tie["reject"], tie["abstain"], tie["result"]) == (1, 1, 1, "tie")
    assert "Высшего колледжа питания" in tie["tie_reason"]
    assert len(category_results(partner).rows) == 16

"""Publishing the results tells the nominating committees how their entries fared and each
laureate that it won, in the reader's language, once."""

import time_machine

from awards.extensions import db
from awards.results import services as results
from tests.judging.fixtures import AFTER_JUDGING
from tests.results.test_services import ids
from tests.smtp import new_mail, sent_ids


def test_publishing_tells_committees_and_laureates_once(app, scored, outbox):
    program, organizer = scored["program"], scored["organizer"]
    entry = scored["entries"]["Kazzinc Nominee"]
    entry.contact_email = "director@kazzinc.kz"
    committee = next(r.user for r in program.roles if r.user.email == "committee@x.kz")
    committee.locale = "kk"
    results.confirm_laureates(
        category=program.categories[0], actor=organizer, chosen=ids(scored, "Kazzinc Nominee")
    )
    db.session.commit()
    before = sent_ids(outbox)
    with time_machine.travel(AFTER_JUDGING, tick=False):
        results.publish_results(program=program, actor=organizer)
        db.session.commit()
    messages = {m["To"]: m.get_content() for m in new_mail(outbox, before)}
    assert set(messages) == {"committee@x.kz", "director@kazzinc.kz"}
    assert "Kazzinc Nominee" in messages["committee@x.kz"]
    assert "лауреат" in messages["committee@x.kz"]  # Kazakh, the member's language
    assert "Ulba Nominee" in messages["committee@x.kz"]
    assert "Kazzinc Nominee" in messages["director@kazzinc.kz"]
    results.unpublish_results(program=program, actor=organizer)
    results.publish_results(program=program, actor=organizer)
    db.session.commit()
    assert len(new_mail(outbox, before)) == 2  # published again: nobody is told twice

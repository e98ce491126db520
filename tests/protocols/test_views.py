"""The protocol page (organizers and the jury's chair), downloads and the public check of its
QR code."""

import hashlib

import pytest

from awards.extensions import db
from awards.protocols import services as protocols
from awards.protocols.models import JuryMeeting
from awards.results import services as results


def page(slug: str) -> str:
    return f"/programs/{slug}/protocol"


def produce(met):
    protocol, _new = protocols.issue_protocol(program=met["program"], actor=met["organizer"])
    db.session.commit()
    return protocol


def test_anonymous_visitors_are_sent_to_log_in(client, met):
    response = client.get(page("test-awards"))
    assert response.status_code == 302 and "/login" in response.headers["Location"]


@pytest.mark.parametrize("email", ["committee@x.kz", "judge2@x.kz"])
def test_committee_members_and_jurors_may_not_see_the_protocol(client, auth, met, email):
    protocol = produce(met)
    auth.login(email)
    assert client.get(page("test-awards")).status_code == 403
    assert client.get(f"{page('test-awards')}/{protocol.id}.pdf").status_code == 403
    assert client.post(f"{page('test-awards')}/issue", data={"theme": "classic"}).status_code in (
        400, 403,
    )  # fmt: skip
    assert len(protocols.program_protocols(met["program"])) == 1


def test_the_chair_produces_and_downloads_the_protocol(client, auth, met):
    auth.login("judge@x.kz")  # the jury's chair
    assert client.get(page("test-awards")).status_code == 200
    response = client.post(f"{page('test-awards')}/issue", data={"theme": "modern"})
    assert response.status_code == 302
    (protocol,) = protocols.program_protocols(met["program"])
    assert protocol.theme == "modern" and protocol.created_by.email == "judge@x.kz"
    download = client.get(f"{page('test-awards')}/{protocol.id}.pdf")
    assert download.status_code == 200
    assert hashlib.sha256(download.data).hexdigest() == protocol.sha256
    assert "filename*=UTF-8''" in download.headers["Content-Disposition"]


def test_the_organizer_enters_the_meeting_and_sees_the_versions(client, auth, met):
    auth.login("organizer@x.kz")
    judges = met["judges"]
    response = client.post(f"{page('test-awards')}/meeting", data={
        "held_at": "2026-05-13T11:30", "place_kk": "Өскемен қ.", "place_ru": "г. Усть-Каменогорск",
        "absent": [str(judges["judge3@x.kz"].id)],
    })  # fmt: skip
    assert response.status_code == 302
    meeting = db.session.query(JuryMeeting).one()
    assert meeting.place == {"kk": "Өскемен қ.", "ru": "г. Усть-Каменогорск"}
    assert meeting.absent_judge_ids == [judges["judge3@x.kz"].id]
    produce(met)
    html = client.get(page("test-awards")).get_data(as_text=True)
    assert "TA-2025-P01" in html and protocols.current_protocol(met["program"]).sha256 in html


def test_a_meeting_without_a_place_is_shown_again_with_the_error(client, auth, met):
    auth.login("organizer@x.kz")
    response = client.post(f"{page('test-awards')}/meeting", headers=ENGLISH, data={
        "held_at": "2026-05-13T11:30", "place_kk": "", "place_ru": "",
    })  # fmt: skip
    assert response.status_code == 422
    assert "Say where the jury met" in response.get_data(as_text=True)


ENGLISH = {"Accept-Language": "en"}


def test_the_verification_page_says_current_then_superseded(client, met):
    first = produce(met)
    response = client.get(f"/verify/protocol/{first.token}", headers=ENGLISH)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert first.serial in html and first.sha256 in html and "Current version" in html
    category, organizer = met["program"].categories[0], met["organizer"]
    results.unfreeze_results(category=category, actor=organizer, reason="Пересмотр")
    results.confirm_laureates(category=category, actor=organizer, reason="Вклад",
                              chosen=[met["entries"]["Ulba Nominee"].id])  # fmt: skip
    second = produce(met)
    html = client.get(f"/verify/protocol/{first.token}", headers=ENGLISH).get_data(as_text=True)
    assert "Superseded" in html and "version 2" in html
    html = client.get(f"/verify/protocol/{second.token}", headers=ENGLISH).get_data(as_text=True)
    assert "Current version" in html and second.serial in html


def test_a_wrong_token_is_not_found(client, met):
    produce(met)
    assert client.get("/verify/protocol/nosuchtoken2345678").status_code == 404


def test_the_results_overview_links_to_the_protocol(client, auth, met):
    auth.login("organizer@x.kz")
    html = client.get("/programs/test-awards/results").get_data(as_text=True)
    assert page("test-awards") in html


def test_an_unknown_design_produces_nothing(client, auth, met):
    auth.login("organizer@x.kz")
    response = client.post(f"{page('test-awards')}/issue", data={"theme": "../../etc"})
    assert response.status_code == 302 and response.headers["Location"].endswith("#produce")
    assert protocols.program_protocols(met["program"]) == []

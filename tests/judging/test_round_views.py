"""The pages of qualifying rounds: the organizer adds, follows and decides a round; a juror
votes entry by entry; everyone else is refused."""

import time_machine

from awards.extensions import db
from awards.judging import round_services, rounds
from awards.judging.models import JudgingRound
from tests.judging.fixtures import JUDGING
from tests.smtp import new_mail, sent_ids

BASE = "/programs/test-awards"
VOTING = "2026-04-03 10:00"


def _add(client, jury, **extra):
    category = jury["program"].categories[0]
    data = {"name": "qualifying", "title-kk": "Іріктеу", "title-ru": "Отбор", "title-en": "",
            "majority": "1/2", "opens_at": "2026-04-02T00:00", "closes_at": "2026-04-09T00:00",
            "jurors": [str(judge.id) for judge in jury["judges"].values()], **extra}  # fmt: skip
    return client.post(f"{BASE}/jury/categories/{category.id}/rounds", data=data)


@time_machine.travel(VOTING, tick=False)
def test_organizer_adds_a_round_and_a_juror_votes(client, auth, jury):
    auth.login("organizer@x.kz")
    response = _add(client, jury)
    assert response.status_code == 302
    judging_round = db.session.query(JudgingRound).one()
    page = client.get(response.location).get_data(as_text=True)
    assert "more than 1/2" in page and "Decide the round" in page
    auth.logout()
    auth.login("judge2@x.kz")
    queue = client.get(f"{BASE}/judging/").get_data(as_text=True)
    assert f"/judging/rounds/{judging_round.id}" in queue
    page = client.get(f"{BASE}/judging/rounds/{judging_round.id}").get_data(as_text=True)
    assert "0 of 3 voted" in page
    entry = jury["entries"]["Ulba Nominee"]
    response = client.post(
        f"{BASE}/judging/rounds/{judging_round.id}/{entry.id}",
        data={f"v{entry.id}-verdict": "reject", f"v{entry.id}-comment": "Мало фактов"},
    )
    assert response.status_code == 302 and response.location.endswith(f"#entry-{entry.id}")
    page = client.get(f"{BASE}/judging/rounds/{judging_round.id}").get_data(as_text=True)
    assert "1 of 3 voted" in page and "Мало фактов" in page
    response = client.post(f"{BASE}/judging/rounds/{judging_round.id}/{entry.id}", data={})
    assert response.status_code == 422
    assert "Choose advance, do not advance or abstain." in response.get_data(as_text=True)


@time_machine.travel(VOTING, tick=False)
def test_a_bad_round_is_shown_again_with_its_errors(client, auth, jury):
    auth.login("organizer@x.kz")
    response = _add(client, jury, name="Тур", closes_at="2026-04-01T00:00")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "small Latin letters" in page and "must close after it opens" in page
    assert 'value="Тур"' in page


@time_machine.travel(VOTING, tick=False)
def test_decide_asks_for_the_tie_then_freezes(client, auth, jury):
    organizer, judges = jury["organizer"], list(jury["judges"].values())
    category = jury["program"].categories[0]
    judging_round = round_services.add_round(
        category=category, actor=organizer, name="qualifying",
        juror_ids=[judges[0].id, judges[1].id],
    )  # fmt: skip
    for entry in jury["entries"].values():
        round_services.cast_vote(judging_round=judging_round, nomination=entry, actor=judges[0],
                                 verdict="advance")  # fmt: skip
        round_services.cast_vote(judging_round=judging_round, nomination=entry, actor=judges[1],
                                 verdict="reject")  # fmt: skip
    db.session.commit()
    auth.login("organizer@x.kz")
    url = f"{BASE}/jury/rounds/{judging_round.id}"
    response = client.post(f"{url}/decide", data={})
    assert response.status_code == 422
    assert "Decide whether this entry advances." in response.get_data(as_text=True)
    ties = {}
    for index, entry in enumerate(jury["entries"].values()):
        ties[f"tie_{entry.id}"] = "advance" if index < 2 else "reject"
        ties[f"reason_{entry.id}"] = "Решение организатора"
    assert client.post(f"{url}/decide", data=ties).status_code == 302
    db.session.refresh(judging_round)
    assert judging_round.is_decided and len(judging_round.content["advanced"]) == 2
    page = client.get(url).get_data(as_text=True)
    assert judging_round.sha256 in page and "Решение организатора" in page
    assert client.post(f"{url}/remove", data={}).status_code == 302
    assert db.session.get(JudgingRound, judging_round.id) is not None  # decided: kept
    jury_page = client.get(f"{BASE}/jury/categories/{category.id}").get_data(as_text=True)
    assert "round-waiting" not in jury_page


@time_machine.travel(JUDGING, tick=False)
def test_pages_refuse_whoever_may_not(client, auth, jury):
    judges = list(jury["judges"].values())
    judging_round = round_services.add_round(
        category=jury["program"].categories[0], actor=jury["organizer"], name="qualifying",
        juror_ids=[judges[0].id],
    )  # fmt: skip
    db.session.commit()
    category = jury["program"].categories[0]
    jury_page = None
    auth.login("judge2@x.kz")  # a judge, not on this round's jury
    assert client.get(f"{BASE}/judging/rounds/{judging_round.id}").status_code == 403
    assert client.get(f"{BASE}/jury/rounds/{judging_round.id}").status_code == 403
    assert client.post(f"{BASE}/jury/rounds/{judging_round.id}/decide").status_code == 403
    assert client.get(f"{BASE}/jury/categories/{category.id}/rounds").status_code == 403
    auth.logout()
    auth.login("committee@x.kz")
    assert client.get(f"{BASE}/judging/rounds/{judging_round.id}").status_code == 403
    auth.logout()
    auth.login("organizer@x.kz")
    jury_page = client.get(f"{BASE}/jury/categories/{category.id}").get_data(as_text=True)
    assert "round-waiting" in jury_page
    assert client.get(f"{BASE}/jury/rounds/999999").status_code == 404
    assert rounds.waiting_round(category) == judging_round


@time_machine.travel(JUDGING, tick=False)
def test_a_closed_round_shows_the_vote_without_a_form(client, auth, jury):
    judges = list(jury["judges"].values())
    judging_round = round_services.add_round(
        category=jury["program"].categories[0], actor=jury["organizer"], name="qualifying",
        juror_ids=[judges[0].id], closes_at=JUDGING,
    )  # fmt: skip
    db.session.commit()
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/rounds/{judging_round.id}").get_data(as_text=True)
    assert "Save my vote" not in page and "closed" in page
    entry = jury["entries"]["Ulba Nominee"]
    response = client.post(
        f"{BASE}/judging/rounds/{judging_round.id}/{entry.id}",
        data={f"v{entry.id}-verdict": "advance"},
    )
    assert response.status_code == 422


@time_machine.travel(VOTING, tick=False)
def test_the_organizer_reminds_the_jurors_behind(client, auth, jury, outbox):
    judges = list(jury["judges"].values())
    judging_round = round_services.add_round(
        category=jury["program"].categories[0], actor=jury["organizer"], name="qualifying",
        title={"ru": "Отбор", "kk": "Іріктеу", "en": "Qualifying"},
        juror_ids=[judges[0].id, judges[1].id],
    )  # fmt: skip
    for entry in jury["entries"].values():
        round_services.cast_vote(judging_round=judging_round, nomination=entry, actor=judges[0],
                                 verdict="advance")  # fmt: skip
    db.session.commit()
    before = sent_ids(outbox)
    auth.login("organizer@x.kz")
    assert client.post(f"{BASE}/jury/rounds/{judging_round.id}/remind").status_code == 302
    (message,) = new_mail(outbox, before)
    assert message["To"] == judges[1].email
    body = message.get_content()
    assert "Kazzinc Nominee" in body and f"/judging/rounds/{judging_round.id}" in body
    round_services.cast_vote(
        judging_round=judging_round, nomination=jury["entries"]["Kazzinc Nominee"],
        actor=judges[1], verdict="abstain",
    )  # fmt: skip
    for entry in jury["entries"].values():
        round_services.cast_vote(judging_round=judging_round, nomination=entry, actor=judges[1],
                                 verdict="reject")  # fmt: skip
    db.session.commit()
    response = client.post(f"{BASE}/jury/rounds/{judging_round.id}/remind", follow_redirects=True)
    assert "Every juror has voted on every entry." in response.get_data(as_text=True)


@time_machine.travel(VOTING, tick=False)
def test_blind_judging_hides_who_nominated_on_the_jurors_page(client, auth, jury):
    judges = list(jury["judges"].values())
    judging_round = round_services.add_round(
        category=jury["program"].categories[0], actor=jury["organizer"], name="qualifying",
        juror_ids=[judges[0].id],
    )  # fmt: skip
    db.session.commit()
    auth.login("judge@x.kz")
    url = f"{BASE}/judging/rounds/{judging_round.id}"
    assert "Chamber" in client.get(url).get_data(as_text=True)
    jury["program"].blind_judging = True
    db.session.commit()
    assert "Chamber" not in client.get(url).get_data(as_text=True)


@time_machine.travel(VOTING, tick=False)
def test_the_program_page_says_a_category_waits_for_its_round(client, auth, jury):
    round_services.add_round(
        category=jury["program"].categories[0], actor=jury["organizer"], name="qualifying"
    )
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(BASE).get_data(as_text=True)
    assert "1 category waits for its qualifying round to be decided before scoring" in page

"""The jury's chair records a category's decision with each juror's vote and dissent."""

import pytest

from awards.audit.models import AuditEntry
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import assignments, conflicts
from awards.programs import services as programs
from awards.programs.models import Role
from awards.results import services, views, votes
from awards.results.models import DecisionVote, DissentingOpinion, ResultsSnapshot
from tests import factories
from tests.judging.fixtures import add_judge

BASE = "/programs/test-awards/results"
DISSENT = "Я считаю, что Ульба внесла не меньший вклад; голосую против."


def make_chair(jury, email="chair@x.kz"):
    """A fourth person made the jury's chair (not a judge: the role alone runs the meeting)."""
    chair = factories.user(email, name="Chair Person")
    programs.grant_role(
        program=jury["program"], user=chair, role=Role.CHAIR, actor=jury["organizer"]
    )
    db.session.commit()
    return chair


def all_for(jury, nomination):
    return {(nomination.id, judge.id): "for" for judge in jury["judges"].values()}


def test_a_unanimous_vote_is_stored_and_tallied(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc.id],
        votes=all_for(scored, kazzinc),
    )  # fmt: skip
    db.session.commit()
    assert sorted((v.nomination_id, v.vote) for v in snapshot.votes) == [(kazzinc.id, "for")] * 3
    assert snapshot.dissents == []
    tally = votes.tallies(snapshot.content)[kazzinc.id]
    assert tally.votes == {"for": 3, "against": 0, "abstain": 0, "recused": 0}
    assert not tally.split
    entry = db.session.query(AuditEntry).filter_by(action="confirmed").one()
    assert entry.new["votes"] == 3


def test_a_split_vote_with_a_dissent_is_kept_in_the_hashed_content(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judges = list(scored["judges"].values())
    given = all_for(scored, kazzinc) | {(kazzinc.id, judges[1].id): "against"}
    given[kazzinc.id, judges[2].id] = "abstain"
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc.id], votes=given,
        dissents={judges[1].id: f"  {DISSENT}  ", judges[0].id: "   "},
    )  # fmt: skip
    tally = votes.tallies(snapshot.content)[kazzinc.id]
    assert tally.votes == {"for": 1, "against": 1, "abstain": 1, "recused": 0} and tally.split
    assert [(d.judge_id, d.text) for d in snapshot.dissents] == [(judges[1].id, DISSENT)]
    assert snapshot.content["dissents"] == [
        {
            "judge_id": judges[1].id,
            "judge": judges[1].display_name,
            "email": "judge2@x.kz",
            "text": DISSENT,
        }
    ]
    assert {(v["judge_id"], v["vote"]) for v in snapshot.content["votes"]} == {
        (judges[0].id, "for"),
        (judges[1].id, "against"),
        (judges[2].id, "abstain"),
    }
    assert snapshot.sha256 == services.digest(snapshot.content)
    # The digest covers the votes: another vote, another SHA-256.
    changed = dict(snapshot.content, votes=[dict(v, vote="for") for v in snapshot.content["votes"]])
    assert services.digest(changed) != snapshot.sha256


def test_a_conflicted_juror_is_recused_and_cannot_vote(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judges = list(scored["judges"].values())
    conflicts.record_conflict(
        nomination=kazzinc, judge=judges[1], actor=scored["organizer"], reason="Работал там"
    )
    db.session.commit()
    with pytest.raises(DomainError) as error:
        services.confirm_laureates(
            category=category, actor=scored["organizer"], chosen=[kazzinc.id],
            votes=all_for(scored, kazzinc),
        )  # fmt: skip
    assert "conflict of interest" in error.value.fields["votes"]
    db.session.rollback()
    assert db.session.query(ResultsSnapshot).count() == 0
    given = all_for(scored, kazzinc)
    del given[kazzinc.id, judges[1].id]
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc.id], votes=given
    )
    stored = {v.judge_id: v.vote for v in snapshot.votes}
    assert stored == {judges[0].id: "for", judges[1].id: "recused", judges[2].id: "for"}
    assert votes.tallies(snapshot.content)[kazzinc.id].votes["recused"] == 1


def test_a_juror_whose_only_entry_they_declared_a_conflict_on_is_recused(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    fourth = add_judge(scored["program"], "judge4@x.kz", "Fourth Lyceum")
    assignments.assign_judge(nomination=kazzinc, judge=fourth, actor=scored["organizer"])
    conflicts.declare_conflict(nomination=kazzinc, actor=fourth, reason="Мой брат там работает")
    assert fourth in votes.category_panel(category)
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc.id],
        votes=all_for(scored, kazzinc),
    )  # fmt: skip
    assert {v.judge_id: v.vote for v in snapshot.votes}[fourth.id] == "recused"


def test_recused_without_a_conflict_and_missing_votes_are_refused(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judges = list(scored["judges"].values())
    cases = [
        all_for(scored, kazzinc) | {(kazzinc.id, judges[0].id): "recused"},
        {(kazzinc.id, judges[0].id): "for"},
        all_for(scored, kazzinc) | {(kazzinc.id, 999_999): "for"},
    ]
    for given in cases:
        with pytest.raises(DomainError) as error:
            services.confirm_laureates(
                category=category, actor=scored["organizer"], chosen=[kazzinc.id], votes=given
            )
        assert "votes" in error.value.fields
    with pytest.raises(DomainError) as error:
        services.confirm_laureates(
            category=category, actor=scored["organizer"], chosen=[kazzinc.id],
            votes=all_for(scored, kazzinc), dissents={scored["organizer"].id: "Не согласен"},
        )  # fmt: skip
    assert "dissents" in error.value.fields
    assert db.session.query(DecisionVote).count() == 0


def test_without_votes_the_confirmation_is_as_before(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc.id]
    )
    assert snapshot.votes == [] and snapshot.content["votes"] == []
    assert votes.tallies(snapshot.content) == {}


def test_unfreezing_keeps_the_votes_as_history_and_deleting_cascades(scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judge = next(iter(scored["judges"].values()))
    snapshot = services.confirm_laureates(
        category=category, actor=scored["organizer"], chosen=[kazzinc.id],
        votes=all_for(scored, kazzinc), dissents={judge.id: DISSENT},
    )  # fmt: skip
    db.session.commit()
    services.unfreeze_results(category=category, actor=scored["organizer"], reason="Пересмотр")
    db.session.commit()
    assert len(db.session.get(ResultsSnapshot, snapshot.id).votes) == 3
    db.session.delete(snapshot)
    db.session.commit()
    assert db.session.query(DecisionVote).count() == 0
    assert db.session.query(DissentingOpinion).count() == 0


def vote_form(jury, nomination, **overrides):
    data = {"laureates": [str(nomination.id)], "reason": "", "record_votes": "y"}
    for judge in jury["judges"].values():
        data[f"vote-{nomination.id}-{judge.id}"] = "for"
    data.update(overrides)
    return data


def test_the_chair_records_a_split_vote_through_the_page(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judges = list(scored["judges"].values())
    make_chair(scored)
    auth.login("chair@x.kz")
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    assert 'id="vote-table"' in page and f'name="vote-{kazzinc.id}-{judges[2].id}"' in page
    assert 'id="unfreeze"' not in page and 'id="use-method"' not in page
    response = client.post(
        f"{BASE}/{category.id}",
        data=vote_form(
            scored, kazzinc, **{f"vote-{kazzinc.id}-{judges[2].id}": "against",
                                f"dissent-{judges[2].id}": DISSENT},
        ),
    )  # fmt: skip
    assert response.status_code == 302
    snapshot = services.current_snapshot(category)
    assert snapshot.created_by.email == "chair@x.kz"
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    assert "in favour: 2, against: 1, abstained: 0, recused: 0" in page and "split vote" in page
    assert DISSENT in page and 'id="dissents"' in page


def test_a_missing_vote_reshows_the_form_with_the_message_beside_the_table(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judges = list(scored["judges"].values())
    auth.login("organizer@x.kz")
    data = vote_form(scored, kazzinc, **{f"dissent-{judges[0].id}": DISSENT})
    del data[f"vote-{kazzinc.id}-{judges[1].id}"]
    data[f"vote-{kazzinc.id}-{judges[2].id}"] = "abstain"
    page = client.post(f"{BASE}/{category.id}", data=data).get_data(as_text=True)
    assert 'id="votes-error"' in page and '<details class="votes" id="votes" open>' in page
    assert DISSENT in page and '<option value="abstain" selected>' in page
    assert services.current_snapshot(category) is None


def test_the_recused_juror_has_no_select_on_the_page(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judge = list(scored["judges"].values())[1]
    conflicts.record_conflict(
        nomination=kazzinc, judge=judge, actor=scored["organizer"], reason="Работал там"
    )
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    assert f'name="vote-{kazzinc.id}-{judge.id}"' not in page and "data-recused" in page
    forged = vote_form(scored, kazzinc)
    client.post(f"{BASE}/{category.id}", data=forged)
    assert services.current_snapshot(category) is None


def test_committee_and_plain_judge_are_refused(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    for email in ("committee@x.kz", "judge@x.kz"):
        auth.login(email)
        assert client.get(f"{BASE}/{category.id}").status_code == 403
        assert (
            client.post(f"{BASE}/{category.id}", data=vote_form(scored, kazzinc)).status_code == 403
        )
        auth.logout()
    assert services.current_snapshot(category) is None


def test_the_chair_cannot_unfreeze_publish_or_change_the_method(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    make_chair(scored)
    services.confirm_laureates(category=category, actor=scored["organizer"], chosen=[kazzinc.id])
    db.session.commit()
    auth.login("chair@x.kz")
    assert client.get(BASE).status_code == 200
    assert client.post(f"{BASE}/{category.id}/unfreeze", data={"reason": "x"}).status_code == 403
    assert client.post(f"{BASE}/publish").status_code == 403
    assert client.post(f"{BASE}/method", data={"method": "trimmed"}).status_code == 403
    assert services.current_snapshot(category) is not None


def test_the_chair_of_another_program_is_refused(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    other = programs.create_program(
        actor=scored["organizer"], slug="other-awards", year=2025,
        title={"kk": "Басқа", "ru": "Другой", "en": "Other"},
    )  # fmt: skip
    chair = factories.user("chair@x.kz")
    programs.grant_role(program=other, user=chair, role=Role.CHAIR, actor=scored["organizer"])
    # A judge of this program who chairs the other one.
    programs.grant_role(
        program=other, user=scored["judges"]["judge@x.kz"], role=Role.CHAIR,
        actor=scored["organizer"],
    )  # fmt: skip
    db.session.commit()
    auth.login("chair@x.kz")
    assert client.get(f"{BASE}/{category.id}").status_code == 404
    assert client.post(f"{BASE}/{category.id}", data=vote_form(scored, kazzinc)).status_code == 404
    auth.logout()
    auth.login("judge@x.kz")
    assert client.post(f"{BASE}/{category.id}", data=vote_form(scored, kazzinc)).status_code == 403
    assert services.current_snapshot(category) is None


def test_the_organizer_grants_the_chair_role_on_the_people_page(client, auth, program, outbox):
    auth.login("organizer@x.kz")
    page = client.get("/programs/test-awards/people").get_data(as_text=True)
    assert '<option value="chair">' in page
    client.post(
        "/programs/test-awards/people",
        data={"email": "chair@x.kz", "role": "chair", "locale": "ru"},
    )
    page = client.get("/programs/test-awards/people").get_data(as_text=True)
    assert "chair@x.kz" in page and "Jury chair" in page
    (message,) = outbox()
    assert "приглашает вас стать председателем жюри" in message.get_body().get_content()


def test_a_vote_typed_in_without_the_box_ticked_is_refused(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc = scored["entries"]["Kazzinc Nominee"]
    judge = list(scored["judges"].values())[0]
    auth.login("organizer@x.kz")
    data = vote_form(scored, kazzinc, **{f"dissent-{judge.id}": DISSENT})
    del data["record_votes"]
    page = client.post(f"{BASE}/{category.id}", data=data).get_data(as_text=True)
    assert 'id="votes-error"' in page and services.current_snapshot(category) is None
    del data[f"dissent-{judge.id}"]
    assert client.post(f"{BASE}/{category.id}", data=data).status_code == 302
    assert services.current_snapshot(category).votes == []


def test_choosing_another_laureate_asks_for_the_votes_on_it(client, auth, scored):
    category = scored["program"].categories[0]
    kazzinc, ulba = scored["entries"]["Kazzinc Nominee"], scored["entries"]["Ulba Nominee"]
    auth.login("organizer@x.kz")
    data = vote_form(scored, kazzinc, laureates=[str(ulba.id)], reason="Решение жюри")
    page = client.post(f"{BASE}/{category.id}", data=data).get_data(as_text=True)
    assert "Record the vote of" in page and "Ulba Nominee" in page
    assert f'name="vote-{ulba.id}-' in page and f'name="vote-{kazzinc.id}-' not in page
    data = vote_form(scored, ulba, reason="Решение жюри")
    assert client.post(f"{BASE}/{category.id}", data=data).status_code == 302
    assert {v.nomination_id for v in services.current_snapshot(category).votes} == {ulba.id}


def test_past_the_most_columns_the_page_offers_no_vote_table(client, auth, scored, monkeypatch):
    monkeypatch.setattr(views, "MOST_VOTE_COLUMNS", 1)
    category = scored["program"].categories[0]
    category.max_laureates = 0  # every scored entry chosen at first
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/{category.id}").get_data(as_text=True)
    assert 'id="too-many-columns"' in page and 'id="vote-table"' not in page

import time_machine

from awards.extensions import db
from awards.nominations.models import Nomination, NominationState
from awards.programs import services as programs
from tests.nominations.conftest import AFTER, INSIDE, WINDOW, make_nomination, valid_bin

S = NominationState
PROGRAM = "/programs/test-awards"


def form_data(**overrides):
    data = {
        "category": "", "org_name_kk": "«Қазмырыш» ЖШС", "org_name_ru": "ТОО «Казцинк»",
        "org_name_en": "", "bin": "", "city": "Өскемен", "website": "https://kazzinc.kz",
        "justification": "Оснащение колледжей", "achievements": "Мастерские\nWorldSkills",
        "contact_name": "Айдана", "contact_phone": "+7 700", "contact_email": "a@kazzinc.kz",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_committee_member_creates_a_draft_through_the_form(client, auth, program, people):
    category = program.categories[0]
    auth.login("committee@x.kz")
    response = client.post(f"{PROGRAM}/nominations/new?category={category.id}",
                           data=form_data(category=category.id))  # fmt: skip
    nomination = db.session.query(Nomination).one()
    assert response.location == f"/nominations/{nomination.id}"
    assert nomination.achievements == ["Мастерские", "WorldSkills"]
    page = client.get(response.location).get_data(as_text=True)
    assert "ТОО «Казцинк»" in page and 'id="submit-entry"' in page


def test_new_without_category_offers_the_categories(client, auth, program, people):
    auth.login("committee@x.kz")
    page = client.get(f"{PROGRAM}/nominations/new").get_data(as_text=True)
    assert f"category={program.categories[0].id}" in page


def test_form_error_keeps_everything_typed_and_saves_nothing(client, auth, program, people):
    category = program.categories[0]
    auth.login("committee@x.kz")
    page = client.post(
        f"{PROGRAM}/nominations/new?category={category.id}",
        data=form_data(category=category.id, bin="123456789012", justification="Текст <b>"),
    ).get_data(as_text=True)
    assert 'id="bin-error"' in page
    assert "Текст &lt;b&gt;" in page and 'value="ТОО «Казцинк»"' in page
    assert db.session.query(Nomination).count() == 0


def test_edit_form_shows_lists_one_per_line(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], achievements=["A", "B"])
    auth.login("colleague@x.kz")
    page = client.get(f"/nominations/{nomination.id}/edit").get_data(as_text=True)
    assert "A\nB</textarea>" in page


def test_colleague_submits_and_dashboard_shows_state(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"])
    auth.login("colleague@x.kz")
    response = client.post(f"/nominations/{nomination.id}/submit")
    assert response.status_code == 302
    assert db.session.get(Nomination, nomination.id).state == S.SUBMITTED
    page = client.get(f"{PROGRAM}/nominations").get_data(as_text=True)
    assert "ТОО «Казцинк»" in page and "submitted" in page


def test_dashboard_lists_what_is_missing(client, auth, program, people):
    make_nomination(program, people["committee@x.kz"], justification="")
    auth.login("committee@x.kz")
    page = client.get(f"{PROGRAM}/nominations").get_data(as_text=True)
    assert "the justification" in page


def test_dashboard_shows_only_own_organization(client, auth, program, people):
    make_nomination(program, people["committee@x.kz"], name="Наша заявка")
    make_nomination(program, people["rival@x.kz"], name="Чужая заявка")
    auth.login("rival@x.kz")
    page = client.get(f"{PROGRAM}/nominations").get_data(as_text=True)
    assert "Чужая заявка" in page and "Наша заявка" not in page


def test_organizer_dashboard_redirects_to_inbox(client, auth, program, people):
    auth.login("organizer@x.kz")
    assert client.get(f"{PROGRAM}/nominations").location == f"{PROGRAM}/inbox"


def test_other_organization_cannot_detect_entries_by_guessing_ids(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=False)
    missing_id = nomination.id + 1000
    auth.login("rival@x.kz")
    for target in (nomination.id, missing_id):
        base = f"/nominations/{target}"
        for url in (base, f"{base}/edit", f"{base}/documents/1"):
            assert client.get(url).status_code == 404, url
        for action in (
            "edit",
            "submit",
            "withdraw",
            "documents",
            "documents/1/delete",
            "return",
            "accept",
            "reject",
            "merge",
        ):
            assert client.post(f"{base}/{action}", data=form_data()).status_code == 404, action
    assert db.session.get(Nomination, nomination.id).state == S.DRAFT


def test_judge_and_outsider_cannot_see_entries(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    for email in ("judge@x.kz",):
        auth.login(email)
        assert client.get(f"/nominations/{nomination.id}").status_code == 404
        assert client.get(f"{PROGRAM}/inbox").status_code == 403
        assert client.get(f"{PROGRAM}/nominations").status_code == 403
        auth.logout()


def test_organizer_does_not_see_drafts(client, auth, program, people):
    draft = make_nomination(program, people["committee@x.kz"], name="Черновик")
    auth.login("organizer@x.kz")
    assert client.get(f"/nominations/{draft.id}").status_code == 404
    assert "Черновик" not in client.get(f"{PROGRAM}/inbox").get_data(as_text=True)


def test_committee_cannot_review_its_own_entry(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("committee@x.kz")
    assert client.post(f"/nominations/{nomination.id}/accept").status_code == 403
    assert db.session.get(Nomination, nomination.id).state == S.SUBMITTED


def test_organizer_returns_with_comment_and_committee_reads_it(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{nomination.id}/return", data={"comment": "Приложите письмо"})
    assert db.session.get(Nomination, nomination.id).state == S.RETURNED
    auth.logout()
    auth.login("committee@x.kz")
    assert "Приложите письмо" in client.get(f"{PROGRAM}/nominations").get_data(as_text=True)
    page = client.get(f"/nominations/{nomination.id}").get_data(as_text=True)
    assert "Приложите письмо" in page and "Resubmit" in page
    assert 'id="history"' not in page  # the audit log is the organizers'


def test_return_without_comment_is_refused(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{nomination.id}/return", data={"comment": ""})
    assert db.session.get(Nomination, nomination.id).state == S.SUBMITTED


def test_organizer_accepts_and_reads_the_history(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{nomination.id}/accept")
    page = client.get(f"/nominations/{nomination.id}").get_data(as_text=True)
    assert db.session.get(Nomination, nomination.id).state == S.ACCEPTED
    assert 'id="history"' in page and "submitted → accepted" in page


def test_inbox_counts_filters_and_flags_duplicates(client, auth, program, people):
    first = make_nomination(program, people["committee@x.kz"], submit=True, bin=valid_bin())
    second = make_nomination(program, people["rival@x.kz"], submit=True, name="«Казцинк» ТОО")
    make_nomination(program, people["rival@x.kz"], submit=True, name="Ульба")
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{first.id}/accept")
    page = client.get(f"{PROGRAM}/inbox").get_data(as_text=True)
    assert 'data-state="submitted">2<' in page and 'data-state="accepted">1<' in page
    assert f'href="/nominations/{second.id}">#{second.id}</a>' in page
    filtered = client.get(f"{PROGRAM}/inbox?state=accepted").get_data(as_text=True)
    assert "Ульба" not in filtered and "Казцинк" in filtered


def test_organizer_merges_a_duplicate(client, auth, program, people):
    first = make_nomination(program, people["committee@x.kz"], submit=True)
    second = make_nomination(program, people["rival@x.kz"], submit=True, name="ТОО Казцинк")
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{second.id}/merge", data={"other": first.id})
    assert db.session.get(Nomination, second.id).state == S.MERGED
    auth.logout()
    auth.login("rival@x.kz")
    # The rival committee now supports the kept entry and can read it.
    assert client.get(f"/nominations/{first.id}").status_code == 200


def test_the_history_says_what_a_merge_did_in_the_readers_language(client, auth, program, people):
    first = make_nomination(program, people["committee@x.kz"], submit=True)
    second = make_nomination(program, people["rival@x.kz"], submit=True, name="ТОО Казцинк")
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{second.id}/merge", data={"other": first.id})
    english = client.get(f"/nominations/{first.id}").get_data(as_text=True)
    assert f"Entry #{second.id} was merged into this one." in english
    people["organizer@x.kz"].locale = "kk"
    kazakh = client.get(f"/nominations/{second.id}").get_data(as_text=True)
    assert f"№{first.id} өтінімге біріктірілді." in kazakh


def test_after_the_deadline_the_form_refuses_and_nothing_changes(client, auth, program, people):
    member = people["committee@x.kz"]
    programs.update_program(program=program, actor=people["organizer@x.kz"], **WINDOW)
    with time_machine.travel(INSIDE, tick=False):
        nomination = make_nomination(program, member)
    with time_machine.travel(AFTER, tick=False):
        auth.login("committee@x.kz")  # a session signed in the future would not be trusted
        page = client.get(f"/nominations/{nomination.id}").get_data(as_text=True)
        assert "no longer changed" in page and 'id="submit-entry"' not in page
        response = client.post(
            f"/nominations/{nomination.id}/edit",
            data=form_data(category=nomination.category_id, city="Алматы"),
        )
        assert response.location == f"/nominations/{nomination.id}"
        assert "deadline" in client.get(response.location).get_data(as_text=True)
        assert client.get(f"{PROGRAM}/nominations/new").location == f"{PROGRAM}/nominations"
        client.post(f"/nominations/{nomination.id}/submit")
    fresh = db.session.get(Nomination, nomination.id)
    assert (fresh.state, fresh.city) == (S.DRAFT, "Өскемен")


def test_member_withdraws_an_entry(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("committee@x.kz")
    client.post(f"/nominations/{nomination.id}/withdraw")
    assert db.session.get(Nomination, nomination.id).state == S.WITHDRAWN


def test_organizer_rejects_with_a_reason_the_committee_reads(client, auth, program, people):
    nomination = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{nomination.id}/reject", data={"reason": "Не по профилю"})
    assert db.session.get(Nomination, nomination.id).state == S.REJECTED
    auth.logout()
    auth.login("committee@x.kz")
    page = client.get(f"/nominations/{nomination.id}").get_data(as_text=True)
    assert "Не по профилю" in page and "rejected" in page


def test_person_category_asks_only_for_a_person(client, auth, program, people):
    category = programs.add_category(
        program=program, actor=people["organizer@x.kz"], slug="best-mentor",
        nominee_kind="person", title={"kk": "Тәлімгер", "ru": "Наставник"},
    )  # fmt: skip
    auth.login("committee@x.kz")
    page = client.get(f"{PROGRAM}/nominations/new?category={category.id}").get_data(as_text=True)
    assert 'name="person_position"' in page
    assert 'name="bin"' not in page and 'name="team_name"' not in page
    # Only categories for people are offered to switch to.
    assert "Наставник" in page and program.categories[0].title["en"] not in page


def test_member_without_organization_is_told_why_and_cannot_create(client, auth, program, people):
    loner = people["judge@x.kz"]
    loner.organization = None
    programs.grant_role(
        program=program, user=loner, role="committee", actor=people["organizer@x.kz"]
    )
    auth.login("judge@x.kz")
    page = client.get(f"{PROGRAM}/nominations").get_data(as_text=True)
    assert "belongs to no organization" in page
    assert client.get(f"{PROGRAM}/nominations/new").status_code == 403


def test_inbox_offers_review_actions_for_waiting_entries(client, auth, program, people):
    waiting = make_nomination(program, people["committee@x.kz"], submit=True)
    auth.login("organizer@x.kz")
    page = client.get(f"{PROGRAM}/inbox").get_data(as_text=True)
    assert f'action="/nominations/{waiting.id}/accept"' in page
    client.post(f"/nominations/{waiting.id}/accept")
    page = client.get(f"{PROGRAM}/inbox").get_data(as_text=True)
    assert f'action="/nominations/{waiting.id}/accept"' not in page


def test_form_shows_every_shape_error_at_once(client, auth, program, people):
    category = program.categories[0]
    auth.login("committee@x.kz")
    page = client.post(
        f"{PROGRAM}/nominations/new?category={category.id}",
        data=form_data(category=category.id, bin="12345", website="kazzinc.kz"),
    ).get_data(as_text=True)
    assert 'id="bin-error"' in page and 'id="website-error"' in page
    assert db.session.query(Nomination).count() == 0


def _three_waiting(program, people):
    committee, rival = people["committee@x.kz"], people["rival@x.kz"]
    return [
        make_nomination(program, committee, submit=True, name="ТОО «Казцинк»"),
        make_nomination(program, rival, submit=True, name="АО «УМЗ»"),
        make_nomination(program, rival, submit=True, name="Кафе «Поляна»"),
    ]


def _states(entries):
    return [db.session.get(Nomination, entry.id).state for entry in entries]


def test_accepting_from_the_inbox_stays_in_the_filtered_inbox(client, auth, program, people):
    first, _second, _third = _three_waiting(program, people)
    category = program.categories[0]
    auth.login("organizer@x.kz")
    here = f"{PROGRAM}/inbox?category={category.id}&state=submitted"
    page = client.get(here).get_data(as_text=True)
    assert f'name="next" value="{here.replace("&", "&amp;")}"' in page
    response = client.post(f"/nominations/{first.id}/accept", data={"next": here})
    assert response.location == here
    assert _states([first]) == [NominationState.ACCEPTED]
    # A next that is not a path on this site is ignored: back to the entry.
    other = client.post(f"/nominations/{_second.id}/accept", data={"next": "https://evil.example/"})
    assert other.location == f"/nominations/{_second.id}"


def test_confirming_an_organization_from_the_inbox_stays_there(client, auth, program, people):
    entry = make_nomination(program, people["committee@x.kz"], submit=True, name="Rival College")
    auth.login("organizer@x.kz")
    page = client.get(f"{PROGRAM}/inbox").get_data(as_text=True)
    organization = page.split('data-suggestion="')[1].split('"')[0]
    response = client.post(
        f"/nominations/{entry.id}/organization",
        data={"organization": organization, "next": f"{PROGRAM}/inbox"},
    )
    assert response.location == f"{PROGRAM}/inbox"
    assert db.session.get(Nomination, entry.id).nominee_organization_id == int(organization)


def test_the_inbox_accepts_several_entries_at_once(client, auth, program, people):
    first, second, third = _three_waiting(program, people)
    auth.login("organizer@x.kz")
    here = f"{PROGRAM}/inbox?state=submitted"
    page = client.get(here).get_data(as_text=True)
    assert f'value="{first.id}" form="bulk"' in page
    response = client.post(
        f"{PROGRAM}/inbox/review",
        data={"entries": [first.id, third.id], "action": "accept", "next": here},
    )
    assert response.location == here
    assert _states([first, second, third]) == ["accepted", "submitted", "accepted"]
    page = client.get(here).get_data(as_text=True)
    assert "2 entries have been accepted." in page


def test_returning_several_needs_a_comment_and_then_emails_each(
    client, auth, program, people, outbox
):
    first, second, _third = _three_waiting(program, people)
    auth.login("organizer@x.kz")
    data = {"entries": [first.id, second.id], "action": "return", "comment": " "}
    response = client.post(f"{PROGRAM}/inbox/review", data=data)
    assert response.location == f"{PROGRAM}/inbox"
    assert _states([first, second]) == ["submitted", "submitted"]
    assert "Explain the reason to the committee." in client.get(response.location).get_data(
        as_text=True
    )
    data["comment"] = "Приложите письмо поддержки."
    client.post(f"{PROGRAM}/inbox/review", data=data)
    assert _states([first, second]) == ["returned", "returned"]
    returned = [m for m in outbox() if m["Subject"].startswith("Changes requested")]
    assert sorted(m["To"] for m in returned) == ["colleague@x.kz", "committee@x.kz", "rival@x.kz"]


def test_several_at_once_is_all_or_nothing(client, auth, program, people):
    first, second, _third = _three_waiting(program, people)
    auth.login("organizer@x.kz")
    client.post(f"/nominations/{second.id}/accept")
    # The second is no longer waiting: the whole request is refused and nothing changes.
    data = {"entries": [first.id, second.id], "action": "reject", "comment": "Поздно"}
    client.post(f"{PROGRAM}/inbox/review", data=data)
    assert _states([first, second]) == ["submitted", "accepted"]


def test_a_committee_member_cannot_review_several(client, auth, program, people):
    first, _second, _third = _three_waiting(program, people)
    auth.login("committee@x.kz")
    data = {"entries": [first.id], "action": "accept"}
    response = client.post(f"{PROGRAM}/inbox/review", data=data)
    assert response.status_code == 403
    assert _states([first]) == ["submitted"]


def _people_category(program, people):
    return programs.add_category(
        program=program, actor=people["organizer@x.kz"], slug="best-mentor",
        nominee_kind="person", title={"kk": "Тәлімгер", "ru": "Наставник"},
    )  # fmt: skip


def test_a_person_is_nominated_with_the_name_in_each_language(client, auth, program, people):
    category = _people_category(program, people)
    auth.login("committee@x.kz")
    response = client.post(
        f"{PROGRAM}/nominations/new?category={category.id}",
        data={"category": category.id, "person_name_kk": "Әсел Нұрланқызы",
              "person_name_ru": "Асель Нурлановна", "person_name_en": "",
              "person_position": "Мастер", "person_workplace": "Колледж",
              "justification": "Наставник", "contact_name": "Айдана", "contact_phone": "+7 700"},
    )  # fmt: skip
    nomination = db.session.query(Nomination).one()
    assert response.location == f"/nominations/{nomination.id}"
    assert nomination.person_names == {"kk": "Әсел Нұрланқызы", "ru": "Асель Нурлановна"}
    assert nomination.person_name == "Асель Нурлановна"  # the one name duplicates read
    page = client.get(f"/nominations/{nomination.id}/edit").get_data(as_text=True)
    assert 'value="Әсел Нұрланқызы"' in page and 'value="Асель Нурлановна"' in page
    people["committee@x.kz"].locale = "kk"
    db.session.commit()
    page = client.get(f"{PROGRAM}/nominations").get_data(as_text=True)
    assert "Әсел Нұрланқызы" in page


def test_submitting_names_each_field_still_missing(client, auth, program, people):
    nomination = make_nomination(
        program, people["committee@x.kz"], contact_phone="", contact_email="", justification=""
    )
    auth.login("committee@x.kz")
    client.post(f"/nominations/{nomination.id}/submit")
    page = client.get(f"/nominations/{nomination.id}").get_data(as_text=True)
    assert "Before submitting, fill in: the justification; the contact person&#39;s phone" in page
    # The contact person's name was given: it is not asked for.
    assert "the contact person&#39;s name" not in page
    assert db.session.get(Nomination, nomination.id).state == S.DRAFT


def test_the_submit_message_is_in_the_readers_language(client, auth, program, people):
    people["committee@x.kz"].locale = "ru"
    nomination = make_nomination(program, people["committee@x.kz"], contact_name="")
    auth.login("committee@x.kz")
    client.post(f"/nominations/{nomination.id}/submit")
    page = client.get(f"/nominations/{nomination.id}").get_data(as_text=True)
    assert "ФИО контактного лица" in page

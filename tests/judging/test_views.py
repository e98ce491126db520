import io
import re

import time_machine
from pypdf import PdfReader, PdfWriter

from awards.extensions import db
from awards.jobs.models import Job
from awards.judging import assignments, conflicts, scoring
from awards.judging.models import Assignment, Scorecard
from awards.nominations import documents
from awards.nominations import services as nominations
from awards.programs import services as programs
from tests.certificates import print_shop
from tests.crafted_pdfs import MARK, PAGE_TEXT, traces, truncated
from tests.judging.fixtures import JUDGING, SUBMITTED, accepted_nomination
from tests.smtp import new_mail, sent_ids

BASE = "/programs/test-awards"


def score_form(entry, value="8", action="save", version=""):
    data = {f"points_{c.id}": value for c in entry.category.criteria}
    data.update({"action": action, "version": version, "overall_comment": "Достойно"})
    return data


@time_machine.travel(JUDGING, tick=False)
def test_queue_lists_assigned_entries_with_progress(client, auth, jury):
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/").get_data(as_text=True)
    for name in jury["entries"]:
        assert name in page
    assert 'value="0"' in page and "0 of 3 submitted" in page


@time_machine.travel(JUDGING, tick=False)
def test_judge_scores_and_submits_through_the_form(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("judge@x.kz")
    response = client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, action="submit"))
    assert response.status_code == 302
    card = db.session.query(Scorecard).one()
    assert card.is_submitted and card.overall_comment == "Достойно"
    assert "1 of 3 submitted" in client.get(f"{BASE}/judging/").get_data(as_text=True)


@time_machine.travel(JUDGING, tick=False)
def test_the_juror_chooses_whether_the_comments_are_shared(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    assert 'name="comments_shareable"' in page and "checked" not in page  # not shared by default
    client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry) | {"comments_shareable": "y"})
    card = db.session.query(Scorecard).one()
    assert card.comments_shareable
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    assert re.search(
        r'name="comments_shareable"[^>]*checked|checked[^>]*name="comments_shareable"', page
    )
    data = score_form(entry, action="submit", version=str(card.version))
    client.post(f"{BASE}/judging/{entry.id}", data=data)  # unticked: no longer shared
    db.session.refresh(card)
    assert card.is_submitted and not card.comments_shareable


@time_machine.travel(JUDGING, tick=False)
def test_bad_points_shown_beside_field_and_kept(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    criterion = entry.category.criteria[0]
    auth.login("judge@x.kz")
    page = client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, value="12")).get_data(
        as_text=True
    )
    assert f'id="points_{criterion.id}-error"' in page
    assert 'value="12"' in page
    assert db.session.query(Scorecard).count() == 0


@time_machine.travel(JUDGING, tick=False)
def test_stale_tab_gets_a_clear_message(client, auth, jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    auth.login("judge@x.kz")
    client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, value="5"))
    client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, value="6", version="1"))
    page = client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, value="9", version="1"))
    assert "another tab" in page.get_data(as_text=True)
    assert set(scoring.find_scorecard(judge, entry).points.values()) == {6.0}


@time_machine.travel(JUDGING, tick=False)
def test_conflicted_judge_cannot_see_or_score(client, auth, jury):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge2@x.kz"]
    conflicts.record_conflict(nomination=entry, judge=judge, actor=jury["organizer"], reason="x")
    db.session.commit()
    auth.login("judge2@x.kz")
    assert "Ulba Nominee" not in client.get(f"{BASE}/judging/").get_data(as_text=True)
    assert client.get(f"{BASE}/judging/{entry.id}").status_code == 404
    assert client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry)).status_code == 404
    assert db.session.query(Scorecard).count() == 0


@time_machine.travel(JUDGING, tick=False)
def test_declaring_conflict_in_the_browser_form(client, auth, jury):
    entry = jury["entries"]["Polyana Nominee"]
    auth.login("judge3@x.kz")
    client.post(f"{BASE}/judging/{entry.id}/conflict", data={"reason": "Родственник директора"})
    assert "Polyana Nominee" not in client.get(f"{BASE}/judging/").get_data(as_text=True)
    assert client.get(f"{BASE}/judging/{entry.id}").status_code == 404


def test_committee_member_cannot_open_judging_pages(client, auth, jury):
    entry = jury["entries"]["Polyana Nominee"]
    auth.login("committee@x.kz")
    assert client.get(f"{BASE}/judging/").status_code == 403
    assert client.get(f"{BASE}/judging/{entry.id}").status_code == 404
    assert client.get(f"{BASE}/jury/").status_code == 403


@time_machine.travel(JUDGING, tick=False)
def test_organizer_sees_progress_reopens_and_judge_edits_again(client, auth, jury, outbox):
    entry = jury["entries"]["Ulba Nominee"]
    auth.login("judge@x.kz")
    client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, action="submit"))
    auth.logout()
    auth.login("organizer@x.kz")
    progress = client.get(f"{BASE}/jury/progress").get_data(as_text=True)
    assert '<span class="submitted-count">1</span> / 3' in progress
    card = db.session.query(Scorecard).one()
    client.post(f"{BASE}/jury/scorecards/{card.id}/reopen", data={"reason": "Пересмотреть"})
    assert db.session.get(Scorecard, card.id).state == "draft"
    auth.logout()
    auth.login("judge@x.kz")
    response = client.post(
        f"{BASE}/judging/{entry.id}",
        data=score_form(entry, value="9", version=str(db.session.get(Scorecard, card.id).version)),
    )
    assert response.status_code == 302
    assert set(db.session.get(Scorecard, card.id).points.values()) == {9.0}


@time_machine.travel(JUDGING, tick=False)
def test_reminder_goes_to_the_judge_in_their_language(client, auth, jury, outbox):
    judge = jury["judges"]["judge2@x.kz"]
    judge.locale = "ru"
    db.session.commit()
    auth.login("organizer@x.kz")
    before = sent_ids(outbox)  # the assignment emails of the fixture
    client.post(f"{BASE}/jury/progress/remind/{judge.id}")
    (message,) = [m for m in new_mail(outbox, before) if m["To"] == "judge2@x.kz"]
    assert "Polyana Nominee" in message.get_content()
    assert "Напоминание" in message["Subject"]


def test_automatic_proposal_preview_then_save(client, auth, jury):
    program = jury["program"]
    db.session.query(Assignment).delete()
    program.judges_per_nomination = 2
    db.session.commit()
    auth.login("organizer@x.kz")
    category = program.categories[0]
    page = client.get(f"{BASE}/jury/categories/{category.id}/proposal").get_data(as_text=True)
    assert page.count("<tr>") == 1 + 6  # header + 3 nominations × 2 judges
    assert db.session.query(Assignment).count() == 0
    fingerprint = page.split('name="fingerprint" type="hidden" value="')[1].split('"')[0]
    client.post(f"{BASE}/jury/categories/{category.id}/proposal", data={"fingerprint": fingerprint})
    assert db.session.query(Assignment).count() == 6


def test_stale_proposal_is_not_saved(client, auth, jury):
    category = jury["program"].categories[0]
    db.session.query(Assignment).delete()
    db.session.commit()
    auth.login("organizer@x.kz")
    client.post(f"{BASE}/jury/categories/{category.id}/proposal", data={"fingerprint": "stale"})
    assert db.session.query(Assignment).count() == 0


def pdf_with_author() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_metadata({"/Author": "Secret Committee Author", "/Title": "Internal memo"})
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def entry_with_document(jury, content: bytes | None = None):
    program, committee, organizer = jury["program"], jury["committee"], jury["organizer"]
    entry = nominations.create_nomination(
        program=program, category=program.categories[0], actor=committee, now=SUBMITTED,
        org_name={"ru": "Blind Nominee", "kk": "Blind Nominee"}, justification="Вклад",
        contact_name="Айдана Контакт", contact_phone="+7 700 000 00 00",
    )  # fmt: skip
    documents.add_document(
        nomination=entry, actor=committee, stream=io.BytesIO(content or pdf_with_author()),
        filename="Письмо от Палаты.pdf", now=SUBMITTED,
    )  # fmt: skip
    nominations.submit_nomination(nomination=entry, actor=committee, now=SUBMITTED)
    nominations.accept_nomination(nomination=entry, actor=organizer, now=SUBMITTED)
    assignments.assign_judge(nomination=entry, judge=jury["judges"]["judge@x.kz"], actor=organizer)
    db.session.commit()
    return entry


@time_machine.travel(JUDGING, tick=False)
def test_blind_judging_hides_nominators_file_names_and_pdf_metadata(client, auth, jury):
    jury["program"].blind_judging = True
    entry = entry_with_document(jury)
    document = entry.documents[0]
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    for secret in ("Айдана Контакт", "Письмо от Палаты", "Chamber"):
        assert secret not in page
    response = client.get(f"{BASE}/judging/{entry.id}/documents/{document.id}")
    assert "Письмо" not in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert b"Secret Committee Author" not in response.data
    assert len(PdfReader(io.BytesIO(response.data)).pages) == 1


@time_machine.travel(JUDGING, tick=False)
def test_blind_judge_gets_a_rebuilt_pdf_without_scripts_files_or_metadata(client, auth, jury):
    jury["program"].blind_judging = True
    entry = entry_with_document(jury, truncated())
    document = entry.documents[0]
    assert MARK in traces(documents.document_path(document).read_bytes())
    auth.login("judge@x.kz")
    response = client.get(f"{BASE}/judging/{entry.id}/documents/{document.id}?inline=1")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert MARK not in traces(response.data)
    assert PAGE_TEXT in print_shop.text(response.data)


@time_machine.travel(JUDGING, tick=False)
def test_blind_judge_gets_an_error_page_never_the_file_it_could_not_clean(
    client, auth, jury, caplog
):
    jury["program"].blind_judging = True
    entry = entry_with_document(jury)
    document = entry.documents[0]
    # Damaged on disk after the upload was checked (or stored before uploads were checked).
    documents.document_path(document).write_bytes(b"%PDF-1.7\n" + b"Secret Committee Author" * 9)
    auth.login("judge@x.kz")
    response = client.get(f"{BASE}/judging/{entry.id}/documents/{document.id}")
    assert response.status_code == 500 and response.mimetype == "text/html"
    assert b"Secret Committee Author" not in response.data
    assert "a copy without the names of its authors could not be made" in response.get_data(
        as_text=True
    )
    assert f"document {document.id} could not be copied for blind judging" in caplog.text


@time_machine.travel(JUDGING, tick=False)
def test_open_judging_shows_nominators_and_original_names(client, auth, jury):
    entry = entry_with_document(jury)
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    assert "Айдана Контакт" in page and "Письмо от Палаты" in page


@time_machine.travel(JUDGING, tick=False)
def test_scorecard_of_a_now_conflicted_judge_is_not_reopened_nor_mailed(client, auth, jury, outbox):
    entry, judge = jury["entries"]["Ulba Nominee"], jury["judges"]["judge@x.kz"]
    card = scoring.save_scorecard(
        nomination=entry, actor=judge, points={c.id: "8" for c in entry.category.criteria},
        submit=True,
    )  # fmt: skip
    conflicts.record_conflict(nomination=entry, judge=judge, actor=jury["organizer"], reason="x")
    db.session.commit()
    auth.login("organizer@x.kz")
    before = sent_ids(outbox)  # the assignment emails of the fixture
    client.post(f"{BASE}/jury/scorecards/{card.id}/reopen", data={"reason": "recount"})
    assert db.session.get(Scorecard, card.id).is_submitted
    assert [m for m in new_mail(outbox, before) if m["To"] == "judge@x.kz"] == []


def _submit_everything(jury):
    criterion = jury["program"].categories[0].criteria[0]
    for entry in jury["entries"].values():
        for judge in jury["judges"].values():
            scoring.save_scorecard(
                nomination=entry, actor=judge, points={criterion.id: "5"}, submit=True
            )
    db.session.commit()


@time_machine.travel(JUDGING, tick=False)
def test_remind_all_is_disabled_with_a_reason_when_nobody_is_behind(client, auth, jury):
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/jury/progress").get_data(as_text=True)
    assert 'id="remind-all-reason"' not in page
    button = r'id="remind-all">[^\n]*<button type="submit" class="primary" data-confirm='
    assert re.search(button, page)  # asks first, saying how many judges are emailed
    _submit_everything(jury)
    page = client.get(f"{BASE}/jury/progress").get_data(as_text=True)
    assert 'class="primary" disabled aria-describedby="remind-all-reason">' in page
    assert 'id="remind-all-reason">No judge has a scorecard missing' in page


@time_machine.travel(JUDGING, tick=False)
def test_remind_all_starts_no_job_when_nobody_is_behind(client, auth, jury, outbox):
    _submit_everything(jury)
    sent = len(outbox())
    auth.login("organizer@x.kz")
    response = client.post(f"{BASE}/jury/progress/remind-all")
    assert response.location == f"{BASE}/jury/progress"
    assert db.session.query(Job).count() == 0 and len(outbox()) == sent


@time_machine.travel(JUDGING, tick=False)
def test_judges_read_the_documents_of_entries_merged_into_theirs(client, auth, jury):
    keep = jury["entries"]["Kazzinc Nominee"]
    duplicate = accepted_nomination(jury["program"], jury["committee"], "Kazzinc", document=True)
    nominations.merge_nominations(keep=keep, merge=duplicate, actor=jury["organizer"])
    db.session.commit()
    (document,) = duplicate.documents
    auth.login("judge@x.kz")
    page = client.get(f"{BASE}/judging/{keep.id}").get_data(as_text=True)
    assert f"/judging/{keep.id}/documents/{document.id}" in page
    assert "No documents attached." not in page
    with client.get(f"{BASE}/judging/{keep.id}/documents/{document.id}") as response:
        assert response.status_code == 200 and response.mimetype == "image/png"
    # Only through the entry it was merged into: not through another entry.
    other = jury["entries"]["Ulba Nominee"]
    assert client.get(f"{BASE}/judging/{other.id}/documents/{document.id}").status_code == 404


@time_machine.travel(JUDGING, tick=False)
def test_points_typed_with_a_decimal_comma_are_saved_and_shown_back_with_it(client, auth, jury):
    entry = jury["entries"]["Ulba Nominee"]
    criterion = entry.category.criteria[0]
    programs.update_criterion(
        criterion=criterion, actor=jury["organizer"], name=criterion.name,
        weight=criterion.weight, max_points=10, step=0.5,
    )  # fmt: skip
    db.session.commit()
    auth.login("judge@x.kz")
    client.post("/language", data={"locale": "ru", "next": "/"})
    page = client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, value="4,25"))
    assert "Укажите балл, кратный 0,5." in page.get_data(as_text=True)
    client.post(f"{BASE}/judging/{entry.id}", data=score_form(entry, value="4,5"))
    assert db.session.query(Scorecard).one().points == {criterion.id: 4.5}
    page = client.get(f"{BASE}/judging/{entry.id}").get_data(as_text=True)
    assert f'id="points_{criterion.id}"' in page and 'value="4,5"' in page
    assert 'value="4.5"' not in page

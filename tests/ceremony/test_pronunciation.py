"""Pronunciation notes: the names the script reads, edited on one paged form, and the stage
papers downloaded from the ceremony page."""

import re

import pytest

from awards.audit.models import AuditEntry
from awards.ceremony import pronunciation
from awards.extensions import db
from awards.paging import PER_PAGE
from tests.ceremony.test_stage import GOVERNOR, KAZZINC, UKTMP, forum

BASE = "/programs/test-awards/ceremony"
ENGLISH = {"Accept-Language": "en"}


def test_rows_list_presenters_then_laureates_then_nominees(scored):
    program = forum(scored)
    rows = pronunciation.name_rows(program)
    assert [(row.role, row.name) for row in rows] == [
        # In the reader's language (English here), the names without English in Russian.
        ("presenter", GOVERNOR["ru"]), ("laureate", KAZZINC["en"]), ("nominee", UKTMP["en"]),
        ("nominee", "Polyana Nominee"),
    ]  # fmt: skip
    assert rows[0].note == {"kk": "Сақтаған+ов", "ru": "Сактаг+анов"}


def test_saving_sets_changed_notes_and_logs_each(scored):
    program = forum(scored)
    kazzinc, polyana = scored["entries"]["Kazzinc Nominee"], scored["entries"]["Polyana Nominee"]
    rows = {row.name: row.key for row in pronunciation.name_rows(program)}
    changed = pronunciation.save_pronunciations(
        program=program, actor=scored["organizer"], notes={
            rows["Polyana Nominee"]: {"kk": "  Пол+яна ", "ru": "Пол+яна"},
            rows[KAZZINC["en"]]: {"kk": "Қазмырыш", "ru": "Казц+инк"},  # unchanged
            rows[GOVERNOR["ru"]]: {"kk": "", "ru": ""},
            "nomination-999999": {"kk": "x", "ru": "x"},
        },
    )  # fmt: skip
    db.session.commit()
    assert changed == 2
    assert polyana.pronunciation == {"kk": "Пол+яна", "ru": "Пол+яна"}
    assert kazzinc.pronunciation == {"kk": "Қазмырыш", "ru": "Казц+инк"}
    entries = db.session.query(AuditEntry).filter_by(action="pronunciation_changed").all()
    assert len(entries) == 2


def test_a_note_too_long_is_refused_beside_its_row_and_nothing_changes(client, auth, scored):
    forum(scored)
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/pronunciation", headers=ENGLISH).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    polyana = scored["entries"]["Polyana Nominee"]
    key = f"nomination-{polyana.id}"
    response = client.post(
        f"{BASE}/pronunciation", headers=ENGLISH,
        data={"csrf_token": token, f"{key}-kk": "Поляна", f"{key}-ru": "я" * 201},
    )  # fmt: skip
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert re.search(rf'id="{key}-error">A pronunciation note has at most 200', html)
    assert 'value="Поляна"' in html
    db.session.refresh(polyana)
    assert polyana.pronunciation == {}
    response = client.post(
        f"{BASE}/pronunciation", data={"csrf_token": token, f"{key}-ru": "Пол+яна"}
    )
    assert response.status_code == 302
    db.session.refresh(polyana)
    assert polyana.pronunciation == {"ru": "Пол+яна"}


def test_the_form_is_paged(scored):
    program = forum(scored)
    rows = pronunciation.name_rows(program)
    assert len(rows) < PER_PAGE  # one page here; paginate_list pages a national program


@pytest.mark.parametrize("paper", ["script", "cue_cards", "envelopes", "handout"])
def test_each_paper_downloads_as_a_pdf_named_in_the_readers_language(client, auth, scored, paper):
    forum(scored)
    auth.login("organizer@x.kz")
    response = client.get(f"{BASE}/stage.pdf?paper={paper}&theme=modern", headers=ENGLISH)
    assert response.status_code == 200, paper
    assert response.data.startswith(b"%PDF")
    assert "test-awards-" in response.headers["Content-Disposition"]


def test_the_ceremony_page_offers_the_stage_papers(client, auth, scored):
    forum(scored)
    auth.login("organizer@x.kz")
    html = client.get(BASE, headers=ENGLISH).get_data(as_text=True)
    assert 'id="stage-papers"' in html and 'value="cue_cards"' in html
    assert f"{BASE}/pronunciation" in html


def test_a_program_not_ready_sends_back_with_the_reason(client, auth, scored):
    auth.login("organizer@x.kz")
    response = client.get(f"{BASE}/stage.pdf?paper=script", headers=ENGLISH)
    assert response.status_code == 302 and response.location.endswith("#stage-papers")

"""The meeting list: the program's entries flagged for discussion, from one query of totals;
the threshold setting; the badge on the results page."""

import pytest
import time_machine
from sqlalchemy import select

from awards.audit.models import AuditEntry
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import conflicts, discussion, scoring
from awards.judging.panel import juror_letters
from awards.results import meeting
from tests.judging.fixtures import JUDGING

BASE = "/programs/test-awards"
# Ulba's third juror gives 3 of 10 where the others give 9 and 8: a spread of 60 points.
POINTS = {"Kazzinc Nominee": (9, 10, 9), "Ulba Nominee": (9, 8, 3), "Polyana Nominee": (7, 8, 7)}


@pytest.fixture
def disputed(jury):
    criterion = jury["program"].categories[0].criteria[0]
    with time_machine.travel(JUDGING, tick=False):
        for name, points in POINTS.items():
            for judge, value in zip(jury["judges"].values(), points, strict=True):
                scoring.save_scorecard(
                    nomination=jury["entries"][name], actor=judge,
                    points={criterion.id: str(value)}, submit=True,
                )  # fmt: skip
    db.session.commit()
    return jury


def test_program_totals_are_percentages_of_the_maximum(disputed):
    totals = meeting.program_totals(disputed["program"])
    ulba = disputed["entries"]["Ulba Nominee"]
    category_id, panel = totals[ulba.id]
    assert category_id == ulba.category_id
    assert sorted(panel.values()) == pytest.approx([30.0, 80.0, 90.0])


def test_only_the_disputed_entry_is_flagged(disputed):
    flagged = meeting.flagged_in_program(disputed["program"])
    assert [row.nomination_id for row in flagged] == [disputed["entries"]["Ulba Nominee"].id]
    assert flagged[0].disagreement.spread == 60
    assert flagged[0].disagreement.spread_exceeded


def test_a_declared_conflict_takes_the_scorecard_out(disputed):
    ulba = disputed["entries"]["Ulba Nominee"]
    conflicts.declare_conflict(nomination=ulba, actor=disputed["judges"]["judge3@x.kz"], reason="X")
    assert meeting.flagged_in_program(disputed["program"]) == []


def test_threshold_flags_more_when_lower_and_is_audited(disputed):
    program, organizer = disputed["program"], disputed["organizer"]
    meeting.set_disagreement_threshold(program=program, threshold=10, actor=organizer)
    flagged = {row.nomination_id for row in meeting.flagged_in_program(program)}
    # Kazzinc's and Polyana's totals are 10 points apart: not more than 10.
    assert flagged == {disputed["entries"]["Ulba Nominee"].id}
    meeting.set_disagreement_threshold(program=program, threshold=9, actor=organizer)
    assert len(meeting.flagged_in_program(program)) == 3
    logged = db.session.scalars(
        select(AuditEntry).filter_by(action="disagreement-threshold-changed")
    ).all()
    assert [entry.new["disagreement_threshold"] for entry in logged] == [10, 9]
    for wrong in (0, 101, "ten"):
        with pytest.raises(DomainError):
            meeting.set_disagreement_threshold(program=program, threshold=wrong, actor=organizer)


def test_meeting_page_lists_why_and_messages(client, auth, disputed):
    ulba = disputed["entries"]["Ulba Nominee"]
    judge3 = disputed["judges"]["judge3@x.kz"]
    discussion.post_message(nomination=ulba, actor=judge3, text="Мало документов.", now=JUDGING)
    db.session.commit()
    auth.login("organizer@x.kz")
    page = client.get(f"{BASE}/results/discussion").get_data(as_text=True)
    assert "Ulba Nominee" in page and "Kazzinc Nominee" not in page
    assert "spread 60.0 points" in page
    # 30 is 55 points from the rest {90, 80} (sd 7.1, counted as the floor of 10): 5.5 σ.
    assert f"Juror {juror_letters(ulba)[judge3.id]} is 5.50 σ from the panel" in page
    assert f'{BASE}/jury/nominations/{ulba.id}/discussion#discussion">1</a>' in page
    assert "Best Patron" in page  # grouped under its category


def test_meeting_page_threshold_form(client, auth, disputed):
    auth.login("organizer@x.kz")
    page = client.post(f"{BASE}/results/discussion", data={"threshold": "0"}).get_data(as_text=True)
    assert 'id="threshold-error"' in page and 'value="0"' in page
    assert client.post(f"{BASE}/results/discussion", data={"threshold": "65"}).status_code == 302
    assert disputed["program"].disagreement_threshold == 65
    page = client.get(f"{BASE}/results/discussion").get_data(as_text=True)
    assert "No entry is flagged" not in page  # Juror 3 is still 5.5 σ away


def test_meeting_page_is_the_organizers(client, auth, disputed):
    for email in ("committee@x.kz", "judge@x.kz"):
        auth.login(email)
        assert client.get(f"{BASE}/results/discussion").status_code == 403
        auth.logout()


def test_results_page_badges_the_flagged_row(client, auth, disputed):
    ulba = disputed["entries"]["Ulba Nominee"]
    auth.login("organizer@x.kz")
    category = disputed["program"].categories[0]
    page = client.get(f"{BASE}/results/{category.id}").get_data(as_text=True)
    assert page.count(">for discussion</a>") == 1
    assert f"/jury/nominations/{ulba.id}/discussion" in page

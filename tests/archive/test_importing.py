import copy

import pytest
from sqlalchemy import select

from awards.accounts.models import User
from awards.archive.importing import AlreadyImported
from awards.archive.schema import ArchiveError
from awards.archive.writing import program_archive
from awards.ceremony import services as ceremony
from awards.extensions import db
from awards.nominations.history import entry_history, history_lines, organizer_comment
from awards.nominations.models import Nomination
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs import services as programs
from awards.programs.services import get_program_by_slug
from awards.results import services as results
from awards.results.exports import results_document
from tests.archive.conftest import DISSENT, bring, counts, stored_files


def ranking(document: dict) -> list[tuple]:
    return [
        (n["nominee"], n["score"], n["rank"], n["tie"], n["scorecards"], n["laureate"])
        for category in document["categories"]
        for n in category["nominations"]
    ]


def test_round_trip_into_a_fresh_installation(archived, elsewhere):
    program = archived["program"]
    document, before = program_archive(program), counts()
    live = results_document(program)
    with elsewhere.app_context():
        imported = bring(document)
        assert counts() == before
        copy_ = get_program_by_slug("test-awards")
        assert imported.program.id == copy_.id
        assert (copy_.display_title, copy_.year, copy_.scoring_method) == (
            program.display_title, program.year, program.scoring_method,
        )  # fmt: skip
        assert copy_.judging_open_at == program.judging_open_at
        assert copy_.results_published_at == program.results_published_at
        assert ranking(results_document(copy_)) == ranking(live)
        rejected = db.session.scalar(select(Nomination).filter_by(state="rejected"))
        assert organizer_comment(rejected) == "Не подходит"
        merged = db.session.scalar(select(Nomination).filter_by(state="merged"))
        assert merged.merged_into.nominee_name == "ТОО «Ульба» =1+1"
        snapshot = results.current_snapshot(copy_.categories[0])
        assert snapshot.sha256 == results.digest(snapshot.content)
        assert not results.snapshot_is_stale(snapshot)
        assert [lau.nomination.nominee_name for lau in snapshot.laureates] == ["Kazzinc Nominee"]
        laureates = results.published_laureates(copy_)[0][1]
        assert laureates[0]["nomination_id"] == snapshot.laureates[0].nomination_id
        assert sorted(
            (v.nomination.nominee_name, v.judge.email, v.vote) for v in snapshot.votes
        ) == [
            ("Kazzinc Nominee", "judge2@x.kz", "against"),
            ("Kazzinc Nominee", "judge3@x.kz", "for"),
            ("Kazzinc Nominee", "judge@x.kz", "for"),
        ]
        assert [(d.judge.email, d.text) for d in snapshot.dissents] == [("judge2@x.kz", DISSENT)]
        assert {(v["judge_id"], v["nomination_id"]) for v in snapshot.content["votes"]} == {
            (v.judge_id, v.nomination_id) for v in snapshot.votes
        }


def by_name(document: dict) -> dict:
    """The archive with every id replaced by the name it stands for: ids differ between
    installations (the frozen content, which holds them, is checked by the staleness test)."""
    nominee = {n["id"]: n["org_name"]["ru"] for n in document["nominations"]}
    criterion = {c["id"]: c["name"]["ru"] for k in document["categories"] for c in k["criteria"]}
    organization = {o["id"]: o["name"]["ru"] for o in document["organizations"]}

    def named(record: dict, **names) -> dict:
        record = {key: value for key, value in record.items() if key != "id"}
        for key, table in names.items():
            record[key] = None if table is None else table.get(record[key])
        return record

    def rows(records) -> list:
        return sorted(records, key=repr)

    card = dict(nomination=nominee)
    return {
        "program": document["program"],
        "organizations": rows(named(o) for o in document["organizations"]),
        "users": rows(named(u, organization=organization) for u in document["users"]),
        "roles": rows(document["roles"]),
        "categories": [
            {**k, "criteria": [named(c) for c in k["criteria"]]} for k in document["categories"]
        ],
        "nominations": rows(
            named(n, merged_into_id=nominee, submitting_organization=organization)
            for n in document["nominations"]
        ),
        "assignments": rows(named(a, **card) for a in document["assignments"]),
        "conflicts": rows(named(c, **card) for c in document["conflicts"]),
        "scorecards": rows(
            {**named(c, **card), "scores": [named(s, criterion=criterion) for s in c["scores"]]}
            for c in document["scorecards"]
        ),
        "snapshots": [
            {
                **named(s, content=None, sha256=None),
                "laureates": [named(lau, nomination=nominee) for lau in s["laureates"]],
            }
            for s in document["snapshots"]
        ],  # fmt: skip
    }


def test_export_from_the_new_installation_gives_back_the_same_archive(archived, elsewhere):
    document = program_archive(archived["program"])
    with elsewhere.app_context():
        bring(document)
        again = program_archive(get_program_by_slug("test-awards"))
    assert by_name(again) == by_name(document)
    assert again["nominations"] != document["nominations"]  # the merged entry's target came first


def test_imported_people_have_no_password_and_no_admin_rights(archived, elsewhere):
    document = program_archive(archived["program"])
    with elsewhere.app_context():
        imported = bring(document)
        people = db.session.scalars(select(User)).all()
        assert sorted(imported.new_people) == sorted(person.email for person in people)
        assert {(p.password_hash, p.activated_at, p.is_admin) for p in people} == {
            (None, None, False)
        }
        judge = db.session.scalar(select(User).filter_by(email="judge2@x.kz"))
        assert judge.organization.display_name == "Second University"


def test_importing_the_same_archive_again_changes_nothing(archived, elsewhere):
    document = program_archive(archived["program"])
    with elsewhere.app_context():
        bring(document)
        before = counts()
        with pytest.raises(AlreadyImported, match="already here"):
            bring(document)
        db.session.rollback()
        assert counts() == before


def test_importing_into_the_installation_it_came_from_changes_nothing(archived):
    before = counts()
    with pytest.raises(AlreadyImported):
        bring(program_archive(archived["program"]))
    db.session.rollback()
    assert counts() == before


def test_another_short_name_makes_a_copy_with_the_same_people(archived):
    before = counts()
    imported = bring(program_archive(archived["program"]), slug="test-awards-copy")
    assert imported.new_people == []
    after = counts()
    assert (after["User"], after["Organization"]) == (before["User"], before["Organization"])
    assert after["Program"] == 2 and after["Scorecard"] == 2 * before["Scorecard"]
    snapshot = results.current_snapshot(imported.program.categories[0])
    assert snapshot.content["program"] == "test-awards-copy"
    assert not results.snapshot_is_stale(snapshot)
    with pytest.raises(AlreadyImported):
        bring(program_archive(archived["program"]), slug="test-awards-copy")


def test_a_different_program_with_the_same_short_name_is_refused(archived, elsewhere):
    document = program_archive(archived["program"])
    with elsewhere.app_context():
        bring(document)
        other = {
            **document,
            "program": {**document["program"], "created_at": "2020-01-01T00:00:00"},
        }
        with pytest.raises(ArchiveError, match=r"^\$\.program\.slug: another program"):
            bring(other)


def test_a_record_the_database_refuses_is_named_and_nothing_is_written(archived, elsewhere):
    broken = copy.deepcopy(program_archive(archived["program"]))
    broken["nominations"][2]["accepted_at"] = None  # accepted without the time it was accepted
    with elsewhere.app_context():
        with pytest.raises(ArchiveError, match=r"^\$\.nominations\[2\]: breaks a rule"):
            bring(broken)
        db.session.rollback()
        assert set(counts().values()) == {0}
        assert stored_files() == []  # the logo was stored before the refusal


def test_a_rule_of_the_services_is_named_with_its_path(archived, elsewhere):
    broken = copy.deepcopy(program_archive(archived["program"]))
    broken["categories"][0]["criteria"][1]["step"] = 50
    with elsewhere.app_context():
        with pytest.raises(ArchiveError) as error:
            bring(broken)
        assert error.value.message == (
            "$.categories[0].criteria[1].step: The step must be from 0.01 up to the maximum."
        )


def test_an_edited_snapshot_is_refused(archived, elsewhere):
    broken = copy.deepcopy(program_archive(archived["program"]))
    ulba = archived["entries"]["Ulba Nominee"].id
    broken["snapshots"][0]["content"]["laureates"][0]["nomination_id"] = ulba
    with elsewhere.app_context(), pytest.raises(ArchiveError, match=r"sha256: does not match"):
        bring(broken)


def test_the_demo_program_moves_with_its_ranking_and_laureates(app, elsewhere):
    load_demo(password="demo-awards-2025")
    db.session.commit()
    program = get_program_by_slug(DEMO_SLUG)
    document, live = program_archive(program), results_document(program)
    with elsewhere.app_context():
        bring(document)
        moved = get_program_by_slug(DEMO_SLUG)
        assert ranking(results_document(moved)) == ranking(live)
        snapshots = [results.current_snapshot(c) for c in moved.categories]
        assert not any(results.snapshot_is_stale(s) for s in snapshots if s is not None)


def history_by_name(program) -> dict[str, list[tuple]]:
    """Each entry's history as its page reads it, by the entry's Russian name."""
    entries = db.session.scalars(select(Nomination).where(Nomination.program_id == program.id))
    return {
        entry.org_name["ru"]: [
            (line.actor.email if line.actor else None, line.at, line.from_state, line.to_state,
             line.note)
            for line in history_lines(entry)
        ]
        for entry in entries
    }  # fmt: skip


def test_every_entrys_history_reads_the_same_after_the_round_trip(archived, elsewhere):
    program = archived["program"]
    document, before = program_archive(program), history_by_name(program)
    merged = before["Ulba Duplicate"][-1]
    assert merged[2:4] == ("submitted", "merged") and merged[4].startswith("Merged into entry #")
    with elsewhere.app_context():
        assert history_by_name(bring(document).program) == before


def test_an_archived_line_that_kept_its_state_arrives_as_a_note(archived, elsewhere):
    document = program_archive(archived["program"])
    entry = document["nominations"][0]
    entry["events"].append({**entry["events"][-1], "reason": "Письмо получено по почте."})
    entry["events"][-1]["from_state"] = entry["events"][-1]["to_state"]
    with elsewhere.app_context():
        imported = bring(document).program
        entries = db.session.scalars(select(Nomination).filter_by(program_id=imported.id))
        (copy_,) = [e for e in entries if e.org_name == entry["org_name"]]
        (last,) = entry_history(copy_)[-1:]
        assert (last.action, last.old["state"], last.reason) == (
            "noted", entry["state"], "Письмо получено по почте.",
        )  # fmt: skip


def test_a_persons_name_in_each_language_travels_with_the_archive(archived, elsewhere):
    program = archived["program"]
    category = programs.add_category(
        program=program, actor=archived["organizer"], slug="best-mentor", nominee_kind="person",
        title={"kk": "Тәлімгер", "ru": "Наставник"},
    )  # fmt: skip
    names = {"kk": "Әсел Нұрланқызы", "ru": "Асель Нурлановна"}
    db.session.add(
        Nomination(
            program=program, category=category, nominee_kind="person", state="draft",
            person_name=names["ru"], person_names=names,
            submitting_organization=archived["committee"].organization,
        )
    )  # fmt: skip
    db.session.commit()
    document = program_archive(program)
    with elsewhere.app_context():
        bring(document)
        person = db.session.scalar(select(Nomination).filter_by(nominee_kind="person"))
        assert (person.person_names, person.person_name) == (names, names["ru"])


def test_pronunciation_notes_come_back_after_the_round_trip(archived, elsewhere):
    program = archived["program"]
    kazzinc = archived["entries"]["Kazzinc Nominee"]
    kazzinc.pronunciation = {"kk": "Қазмырыш", "ru": "Казц+инк"}
    presenting = next(i for i in ceremony.running_order(program) if i.presenter)
    presenting.presenter_pronunciation = {"ru": "Вед+ущий"}
    db.session.commit()
    document = program_archive(program)
    with elsewhere.app_context():
        bring(document)
        copy_ = get_program_by_slug("test-awards")
        entries = db.session.scalars(select(Nomination).filter_by(program_id=copy_.id))
        notes = {n.org_name["ru"]: n.pronunciation for n in entries if n.pronunciation}
        assert notes == {"Kazzinc Nominee": {"kk": "Қазмырыш", "ru": "Казц+инк"}}
        points = ceremony.running_order(copy_)
        assert [p.presenter_pronunciation for p in points if p.presenter] == [{"ru": "Вед+ущий"}]
        assert all(p.presenter_pronunciation == {} for p in points if not p.presenter)

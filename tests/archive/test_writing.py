from awards.archive.writing import FORMAT, VERSION, archive_json, program_archive
from awards.extensions import db
from awards.results import services as results
from tests.archive.conftest import DECIDED


def test_archive_lists_every_record(archived):
    document = program_archive(archived["program"])
    assert (document["format"], document["version"]) == (FORMAT, VERSION)
    counts = {key: len(document[key]) for key in (
        "organizations", "users", "roles", "categories", "nominations", "assignments",
        "conflicts", "scorecards", "snapshots",
    )}  # fmt: skip
    assert counts == {
        "organizations": 5, "users": 5, "roles": 5, "categories": 1, "nominations": 6,
        "assignments": 10, "conflicts": 1, "scorecards": 10, "snapshots": 1,
    }  # fmt: skip
    assert [len(c["criteria"]) for c in document["categories"]] == [2]
    states = sorted(n["state"] for n in document["nominations"])
    assert states == ["accepted"] * 4 + ["merged", "rejected"]


def test_archive_carries_no_passwords_tokens_or_admin_rights(archived):
    text = archive_json(program_archive(archived["program"]))
    for judge in archived["judges"].values():
        assert judge.password_hash and judge.password_hash not in text
    assert archived["organizer"].is_admin
    for word in ("password", "is_admin", "token", "activated_at", "last_login"):
        assert word not in text


def test_archive_keeps_only_the_current_snapshot(archived):
    program, organizer = archived["program"], archived["organizer"]
    category = program.categories[0]
    results.unfreeze_results(category=category, actor=organizer, reason="Пересчёт", now=DECIDED)
    kazzinc = archived["entries"]["Kazzinc Nominee"]
    results.confirm_laureates(category=category, actor=organizer, chosen=[kazzinc.id], now=DECIDED)
    db.session.commit()
    (snapshot,) = program_archive(program)["snapshots"]
    assert snapshot["version"] == 2
    assert [lau["nomination"] for lau in snapshot["laureates"]] == [kazzinc.id]


def test_archive_json_keeps_cyrillic_readable(archived):
    assert "«Ульба»" in archive_json(program_archive(archived["program"]))


def test_a_merge_is_archived_in_the_words_of_its_actors_language(archived):
    archived["organizer"].locale = "kk"
    document = program_archive(archived["program"])
    by_name = {n["org_name"]["ru"]: n for n in document["nominations"]}
    keep = by_name["ТОО «Ульба» =1+1"]
    last = by_name["Ulba Duplicate"]["events"][-1]
    assert (last["actor"], last["from_state"], last["to_state"]) == (
        "organizer@x.kz", "submitted", "merged",
    )  # fmt: skip
    assert last["reason"] == f"№{keep['id']} өтінімге біріктірілді."
    assert keep["events"][-1]["from_state"] == keep["events"][-1]["to_state"] == "accepted"

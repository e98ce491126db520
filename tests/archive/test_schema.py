import copy
import json

import pytest

from awards.archive.schema import ArchiveError, parse_archive
from awards.archive.writing import archive_json, program_archive


@pytest.fixture
def document(archived):
    return program_archive(archived["program"])


def refusal(document) -> str:
    content = document if isinstance(document, bytes) else json.dumps(document).encode()
    with pytest.raises(ArchiveError) as error:
        parse_archive(content)
    return error.value.message


def test_a_good_archive_is_read_back(document):
    assert parse_archive(archive_json(document).encode()) == document


def test_a_byte_order_mark_is_accepted(document):
    assert parse_archive(b"\xef\xbb\xbf" + archive_json(document).encode()) == document


def test_a_syntax_error_names_its_line(document):
    lines = archive_json(document).splitlines()
    broken = next(i for i, line in enumerate(lines) if '"year"' in line)
    lines[broken] = lines[broken].rstrip(",")  # the comma before the next key goes missing
    message = refusal("\n".join(lines).encode())
    assert message.startswith(f"Line {broken + 2}, column ")
    assert "not valid JSON" in message


def test_text_that_is_not_utf8_names_its_line(document):
    content = (
        archive_json(document).encode().replace("«Ульба»".encode(), "«Ульба»".encode("cp1251"))
    )
    line = next(
        i for i, text in enumerate(archive_json(document).splitlines(), 1) if "«Ульба»" in text
    )
    assert refusal(content) == f"Line {line} is not UTF-8 text."


@pytest.mark.parametrize(
    ("remove", "path"),
    [
        (("program", "title"), "$.program.title"),
        (("nominations", 1, "state"), "$.nominations[1].state"),
        (("scorecards", 0, "scores", 1, "points"), "$.scorecards[0].scores[1].points"),
        (("categories", 0, "criteria", 0, "weight"), "$.categories[0].criteria[0].weight"),
        (("snapshots",), "$.snapshots"),
    ],
)
def test_a_missing_key_names_its_path(document, remove, path):
    broken = copy.deepcopy(document)
    parent = broken
    for step in remove[:-1]:
        parent = parent[step]
    del parent[remove[-1]]
    assert refusal(broken) == f"{path}: is missing."


@pytest.mark.parametrize(
    ("place", "value", "message"),
    [
        (("program", "year"), "2025", "$.program.year: must be a whole number."),
        (("nominations", 0, "state"), "won", "$.nominations[0].state: must be one of: "),
        (("scorecards", 2, "submitted_at"), "yesterday", "$.scorecards[2].submitted_at: must be"),
        (("scorecards", 2, "scores", 0, "points"), True, "$.scorecards[2].scores[0].points: "),
        (("users",), {}, "$.users: must be a list."),
    ],
)
def test_a_wrong_value_names_its_path(document, place, value, message):
    broken = copy.deepcopy(document)
    parent = broken
    for step in place[:-1]:
        parent = parent[step]
    parent[place[-1]] = value
    assert refusal(broken).startswith(message)


def test_a_reference_to_nothing_names_its_path(document):
    broken = copy.deepcopy(document)
    broken["scorecards"][3]["judge"] = "stranger@x.kz"
    assert refusal(broken) == (
        '$.scorecards[3].judge: refers to "stranger@x.kz", which the archive does not contain.'
    )


def test_a_score_on_another_categorys_criterion_is_refused(document):
    broken = copy.deepcopy(document)
    broken["scorecards"][0]["scores"][0]["criterion"] = 999
    assert refusal(broken).startswith("$.scorecards[0].scores[0].criterion: refers to 999")


def test_duplicate_records_are_refused(document):
    broken = copy.deepcopy(document)
    broken["nominations"].append(copy.deepcopy(broken["nominations"][0]))
    assert refusal(broken) == "$.nominations[6].id: appears twice."


def test_merges_in_a_circle_are_refused(document):
    broken = copy.deepcopy(document)
    first, second = broken["nominations"][0], broken["nominations"][1]
    first["merged_into_id"], second["merged_into_id"] = second["id"], first["id"]
    assert refusal(broken) == (
        "$.nominations[0].merged_into_id: merges in a circle.\n"
        "$.nominations[1].merged_into_id: merges in a circle."
    )


@pytest.mark.parametrize("version", [5, 0, "2", True, None])
def test_another_version_is_refused(document, version):
    assert refusal({**document, "version": version}) == (
        "$.version: this installation reads archives of versions 1 to 4."
    )


def test_every_problem_of_shape_is_listed_at_once(document):
    broken = copy.deepcopy(document)
    del broken["program"]["title"]
    broken["nominations"][1]["state"] = "won"
    broken["scorecards"][2]["scores"][0]["points"] = "9"
    broken["running_order"][0]["starts_at"] = "half past ten"
    broken["certificates"]["signatories"][0]["position"] = True
    with pytest.raises(ArchiveError) as error:
        parse_archive(json.dumps(broken).encode())
    assert [problem.split(":")[0] for problem in error.value.problems] == [
        "$.program.title", "$.nominations[1].state", "$.scorecards[2].scores[0].points",
        "$.running_order[0].starts_at", "$.certificates.signatories[0].position",
    ]  # fmt: skip


def test_every_reference_to_nothing_is_listed_at_once(document):
    broken = copy.deepcopy(document)
    broken["scorecards"][3]["judge"] = "stranger@x.kz"
    broken["running_order"][1]["category"] = "no-such-category"
    broken["certificates"]["signatories"][1]["position"] = 1
    with pytest.raises(ArchiveError) as error:
        parse_archive(json.dumps(broken).encode())
    assert error.value.problems == [
        '$.scorecards[3].judge: refers to "stranger@x.kz", which the archive does not contain.',
        '$.running_order[1].category: refers to "no-such-category", which the archive does not '
        "contain.",
        "$.certificates.signatories[1].position: appears twice.",
    ]


def test_an_archive_of_version_1_is_still_read(document):
    old = {key: value for key, value in document.items()
           if key not in ("running_order", "partners", "certificates")}  # fmt: skip
    old["program"] = {k: v for k, v in document["program"].items() if k != "logo"}
    old["version"] = 1
    assert parse_archive(archive_json(old).encode()) == old


def test_an_archive_of_version_2_needs_its_new_sections(document):
    broken = {key: value for key, value in document.items() if key != "partners"}
    assert refusal(broken) == "$.partners: is missing."


def test_something_else_entirely_is_refused():
    assert refusal(b"[1, 2]") == "$: must be an object."
    assert refusal(b'{"format": "zip"}') == '$.format: must be one of: "awards-program-archive".'


def test_an_archive_of_version_2_is_read_without_names_per_language(document):
    old = copy.deepcopy(document)
    old["version"] = 2
    for nomination in old["nominations"]:
        del nomination["person_names"]
    assert parse_archive(archive_json(old).encode()) == old
    # Version 3 has them.
    assert refusal({**old, "version": 3}).startswith("$.nominations[0].person_names: is missing.")

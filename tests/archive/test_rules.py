"""An archive is held to the rules of the forms and services: every problem listed by its path,
nothing written."""

import base64
import copy

import pytest

from awards.archive.schema import ArchiveError
from awards.archive.writing import program_archive
from awards.extensions import db
from tests.archive.conftest import bring, counts, stored_files

GIF = base64.b64encode(b"GIF89a\x01\x00\x01\x00\x00\x00\x00;").decode()


def _set(document: dict, place: tuple, value) -> None:
    parent = document
    for step in place[:-1]:
        parent = parent[step]
    if isinstance(parent, list) and place[-1] == len(parent):
        parent.append(value)
    else:
        parent[place[-1]] = value


# Scorecard scores are sorted by criterion: [0] Impact (0–10 in ones), [1] Reach (0–5 in halves).
ATTACKS = {
    "a million points on a 10-point criterion": (
        ("scorecards", 0, "scores", 0, "points"), 1e6,
        "$.scorecards[0].scores[0].points: Enter a number from 0 to 10.",
    ),
    "points off the step": (
        ("scorecards", 1, "scores", 1, "points"), 4.25,
        "$.scorecards[1].scores[1].points: Use steps of 0.5.",
    ),
    "a ten-millionth on a half-point step": (
        ("scorecards", 2, "scores", 1, "points"), 0.0000001,
        "$.scorecards[2].scores[1].points: Use steps of 0.5.",
    ),
    "a javascript: website": (
        ("nominations", 0, "website"), "javascript:alert(document.cookie)",
        "$.nominations[0].website: Enter a full web address starting with https:// or http://.",
    ),
    "an invalid contact email": (
        ("nominations", 1, "contact_email"), "director at kazzinc",
        "$.nominations[1].contact_email: Enter a valid email address.",
    ),
    "an invalid account email": (
        ("users", 5), {"email": "judge@", "name": "Judge", "locale": "ru", "organization": None},
        "$.users[5].email: Enter a valid email address.",
    ),
    "a BIN with a wrong check digit": (
        ("nominations", 2, "bin"), "123456789012",  # 12345678901 has check digit 3
        "$.nominations[2].bin: This is not a valid BIN: it has 12 digits and the last one is a "
        "check digit.",
    ),
    "an overlong phone number": (
        ("nominations", 3, "contact_phone"), "+7" * 30,
        "$.nominations[3].contact_phone: Use at most 50 characters.",
    ),
    "a title without Kazakh": (
        ("program", "title"), {"ru": "Только по-русски"},
        "$.program.title: Fill in the Kazakh and Russian versions.",
    ),
    "an unknown time zone": (
        ("program", "timezone"), "../../etc/passwd",
        "$.program.timezone: Choose a time zone.",
    ),
    "a criterion of a million points": (
        ("categories", 0, "criteria", 0, "max_points"), 1_000_000,
        "$.categories[0].criteria[0].max_points: The maximum must be a whole number from 1 to "
        "1000.",
    ),
    "a running-order point only in Russian": (
        ("running_order", 1, "title"), {"ru": "Награждение"},
        "$.running_order[1].title: Fill in the Kazakh and Russian versions.",
    ),
    "a design this installation does not have": (
        ("certificates", "theme"), "../../../etc",
        "$.certificates.theme: Choose one of the listed designs.",
    ),
    "a seal that is a GIF": (
        ("certificates", "seal"), GIF,
        "$.certificates.seal: Upload a PNG or JPEG picture.",
    ),
    "a logo that is not base64": (
        ("program", "logo"), "<svg onload=alert(1)>",
        "$.program.logo: must be a PNG or JPEG picture as base64 text.",
    ),
}  # fmt: skip


@pytest.fixture
def document(archived):
    return copy.deepcopy(program_archive(archived["program"]))


def refused(elsewhere, document) -> ArchiveError:
    """The refusal of importing ``document`` elsewhere, checking that nothing was written."""
    with elsewhere.app_context():
        with pytest.raises(ArchiveError) as error:
            bring(document)
        db.session.rollback()
        assert set(counts().values()) == {0}
        assert stored_files() == []
    return error.value


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_an_archive_breaking_a_rule_is_refused_by_its_path(document, elsewhere, attack):
    place, value, message = attack
    _set(document, place, value)
    assert refused(elsewhere, document).problems == [message]


def test_every_broken_rule_is_listed_and_nothing_is_written(document, elsewhere):
    # Not the million-point criterion: points on a criterion whose own numbers are broken are
    # not judged by them, and the first attack gives a million points on that very criterion.
    attacks = [a for name, a in ATTACKS.items() if name != "a criterion of a million points"]
    for place, value, _message in attacks:
        _set(document, place, value)
    problems = refused(elsewhere, document).problems
    assert sorted(problems) == sorted(message for _place, _value, message in attacks)


def test_a_signatory_without_english_is_refused_when_english_is_printed(document, elsewhere):
    signatory = document["certificates"]["signatories"][1]
    signatory["title"] = {"kk": "Хатшы", "ru": "Секретарь"}
    too_big = b"\x89PNG\r\n\x1a\n" + bytes(2 * 1024 * 1024)
    signatory["signature"] = base64.b64encode(too_big).decode()
    assert refused(elsewhere, document).problems == [
        "$.certificates.signatories[1].title: Fill in the Kazakh, Russian and English versions.",
        "$.certificates.signatories[1].signature: The file is larger than 2 MB.",
    ]


def test_a_nomination_in_a_category_for_another_kind_is_refused(document, elsewhere):
    document["nominations"][0]["nominee_kind"] = "person"
    assert refused(elsewhere, document).problems == [
        "$.nominations[0].nominee_kind: differs from its category's kind of nominee."
    ]


def test_windows_closing_before_they_open_are_refused(document, elsewhere):
    program = document["program"]
    program["judging_close_at"] = program["judging_open_at"]
    assert refused(elsewhere, document).problems == [
        "$.program.judging_close_at: The closing time must come after the opening time."
    ]


def test_an_archive_keeping_every_rule_is_imported_with_its_points(document, elsewhere):
    scores = document["scorecards"][0]["scores"]
    scores[1]["points"] = 5e-1  # written as 0.5 in JSON; an exact multiple of the half step
    with elsewhere.app_context():
        bring(document)
        assert counts()["Scorecard"] == len(document["scorecards"])

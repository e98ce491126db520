"""The jury's meeting and its protocols' records travel with the archive and come back; the
files stay where they were made, and the copy knows the same decisions make no new version."""

import copy

import pytest
from sqlalchemy import select

from awards.archive.schema import ArchiveError
from awards.archive.writing import program_archive
from awards.extensions import db
from awards.programs.services import get_program_by_slug
from awards.protocols import services as protocols
from awards.protocols.models import JuryProtocol
from awards.protocols.values import meeting_of
from tests.archive.conftest import bring
from tests.protocols.conftest import MEETING_AT, PLACE


@pytest.fixture
def protocolled(archived):
    program, organizer = archived["program"], archived["organizer"]
    protocols.save_meeting(
        program=program, actor=organizer, held_at=MEETING_AT, place=PLACE,
        absent_ids=[archived["judges"]["judge2@x.kz"].id],
    )  # fmt: skip
    protocols.issue_protocol(program=program, actor=organizer, theme="modern")
    db.session.commit()
    return archived


def test_the_archive_carries_the_meeting_and_each_versions_record(protocolled):
    document = program_archive(protocolled["program"])
    assert document["jury_meeting"]["place"] == PLACE
    assert document["jury_meeting"]["absent"] == ["judge2@x.kz"]
    (record,) = document["protocols"]
    protocol = protocols.current_protocol(protocolled["program"])
    assert (record["version"], record["serial"], record["sha256"], record["theme"]) == (
        1, protocol.serial, protocol.sha256, "modern",
    )  # fmt: skip
    assert "token" not in record and record["created_by"] == "organizer@x.kz"


def test_a_round_trip_brings_the_meeting_and_the_protocols_back(protocolled, elsewhere):
    program = protocolled["program"]
    document = program_archive(program)
    original = protocols.current_protocol(program)
    kept = (original.version, original.serial, original.sha256, original.content_sha256)
    held_at = meeting_of(program).held_at
    with elsewhere.app_context():
        bring(document)
        copy_ = get_program_by_slug("test-awards")
        meeting = meeting_of(copy_)
        assert (meeting.held_at, meeting.place) == (held_at, PLACE)
        assert [u for u in copy_.roles if u.user_id in meeting.absent_judge_ids][0].user.email == (
            "judge2@x.kz"
        )
        (protocol,) = db.session.scalars(select(JuryProtocol)).all()
        assert (protocol.version, protocol.serial, protocol.sha256, protocol.content_sha256) == kept
        assert protocol.stored_file is None and protocol.token != original.token
        assert protocol.snapshots[0]["snapshot_id"] is not None
        # The same decisions on the new installation: no new version.
        again, new = protocols.issue_protocol(program=copy_, actor=None)
        assert not new and again.id == protocol.id
        assert program_archive(copy_)["protocols"] == document["protocols"]


def test_a_protocol_naming_someone_the_archive_lacks_is_refused(protocolled, elsewhere):
    document = copy.deepcopy(program_archive(protocolled["program"]))
    document["protocols"][0]["created_by"] = "stranger@x.kz"
    with elsewhere.app_context(), pytest.raises(ArchiveError, match=r"protocols\[0\].created_by"):
        bring(document)

import pytest

from awards.accounts.identity import bin_check_digit
from awards.errors import DomainError
from awards.extensions import db
from awards.judging import assignments, conflicts
from awards.judging.models import Assignment
from tests.judging.fixtures import accepted_nomination, add_judge, open_judging


def test_judge_from_nominating_organization_conflicts_automatically(jury):
    program, committee = jury["program"], jury["committee"]
    colleague = add_judge(program, "colleague.judge@x.kz", "Other")
    colleague.organization = committee.organization
    entry = jury["entries"]["Ulba Nominee"]
    assert conflicts.is_automatic_conflict(colleague, entry)


@pytest.mark.parametrize(
    "organization_name", ["Kazzinc Nominee", "ТОО «Kazzinc Nominee»", "  kazzinc   nominee LLP"]
)
def test_judge_working_for_the_nominee_conflicts_automatically(jury, organization_name):
    judge = add_judge(jury["program"], "insider@x.kz", organization_name)
    assert conflicts.is_automatic_conflict(judge, jury["entries"]["Kazzinc Nominee"])
    assert not conflicts.is_automatic_conflict(judge, jury["entries"]["Ulba Nominee"])


def test_same_bin_conflicts_whatever_the_names(program):
    open_judging(program)
    committee = next(r.user for r in program.roles if r.role == "committee")
    bin = "99014000021" + str(bin_check_digit("99014000021"))
    entry = accepted_nomination(program, committee, "Совсем другое имя", bin=bin)
    judge = add_judge(program, "bin.judge@x.kz", "Unrelated name")
    judge.organization.bin = bin
    assert conflicts.is_automatic_conflict(judge, entry)


def test_automatic_conflict_cannot_be_assigned(jury):
    program = jury["program"]
    judge = add_judge(program, "insider@x.kz", "Kazzinc Nominee")
    with pytest.raises(DomainError):
        assignments.assign_judge(
            nomination=jury["entries"]["Kazzinc Nominee"], judge=judge, actor=jury["organizer"]
        )
    added, skipped = assignments.assign_to_category(
        category=program.categories[0], judge=judge, actor=jury["organizer"]
    )
    assert (added, skipped) == (2, 1)


def test_declaring_a_conflict_removes_the_assignment(jury):
    judge, entry = jury["judges"]["judge2@x.kz"], jury["entries"]["Polyana Nominee"]
    conflicts.declare_conflict(nomination=entry, actor=judge, reason="Мой брат там работает")
    db.session.commit()
    assert conflicts.has_conflict(judge, entry)
    assert (
        db.session.query(Assignment).filter_by(judge_id=judge.id, nomination_id=entry.id).count()
        == 0
    )


def test_declaring_needs_a_reason(jury):
    with pytest.raises(DomainError):
        conflicts.declare_conflict(
            nomination=jury["entries"]["Polyana Nominee"],
            actor=jury["judges"]["judge@x.kz"],
            reason=" ",
        )


def test_organizer_records_conflict_and_proposal_skips_it(jury):
    program, entry = jury["program"], jury["entries"]["Ulba Nominee"]
    judge = add_judge(program, "late@x.kz", "Late Institute")
    conflicts.record_conflict(
        nomination=entry, judge=judge, actor=jury["organizer"], reason="Consultant to the plant"
    )
    program.judges_per_nomination = 4
    pairs = assignments.propose_for_category(program.categories[0])
    assert (entry, judge) not in pairs
    assert len(pairs) == 2  # the two other nominations get the new judge

from datetime import datetime

from awards.audit import queries
from awards.audit.services import record
from awards.programs.services import create_program

EARLY, LATE = datetime(2026, 3, 1), datetime(2026, 3, 2)


def log(program, kind, subject_id, action, at):
    return record(actor=None, program=program, subject=(kind, subject_id), action=action, now=at)


def test_history_is_the_subjects_entries_oldest_first_in_the_order_written(program):
    late = log(program, "nomination", 1, "accepted", LATE)
    early = log(program, "nomination", 1, "created", EARLY)
    same_time = log(program, "nomination", 1, "submitted", EARLY)
    log(program, "nomination", 2, "created", EARLY)
    log(program, "scorecard", 1, "created", EARLY)
    found = queries.history(program=program, kind="nomination", ids=[1])
    assert found == [early, same_time, late]


def test_history_stays_inside_its_program(program):
    other = create_program(actor=program.roles[0].user, slug="other-awards", year=2025,
                           title={"kk": "Басқа", "ru": "Другой"})  # fmt: skip
    log(other, "nomination", 1, "created", EARLY)
    mine = log(program, "nomination", 1, "created", EARLY)
    assert queries.history(program=program, kind="nomination", ids=[1]) == [mine]
    assert queries.history(program=program, kind="nomination", ids=[]) == []


def test_program_log_is_newest_first_with_only_the_kinds_and_actions_asked(program):
    confirmed = log(program, "category", 7, "confirmed", EARLY)
    published = log(program, "program", program.id, "published", LATE)
    log(program, "nomination", 7, "accepted", LATE)
    log(program, "category", 7, "renamed", LATE)
    found = queries.program_log(
        program=program, kinds=("category", "program"), actions=("confirmed", "published")
    )
    assert found == [published, confirmed]

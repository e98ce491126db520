"""Four processes, each with its own app on one SQLite file, submit 200 scorecards each
through the judges' real scoring page: nobody sees "database is locked", and every
scorecard is stored exactly once. (With AWARDS_TEST_DATABASE_URL set, the same on PostgreSQL.)"""

import multiprocessing
import traceback

import time_machine
from sqlalchemy import func, select

from awards import create_app
from awards.audit.models import AuditEntry
from awards.extensions import db
from awards.judging import assignments
from awards.judging.models import Score, Scorecard
from tests import databases, factories
from tests.judging.fixtures import JUDGING, accepted_nomination, add_judge, open_judging

PROCESSES = 4
JUDGES_EACH = 10
ENTRIES = 20  # every judge scores every entry: 10 x 20 = 200 scorecards per process
SCORECARDS = PROCESSES * JUDGES_EACH * ENTRIES
# Long enough for 800 submissions on a slow, shared machine; only a deadlock gets near it.
TIMEOUT_SECONDS = 900


def _config(url: str, path, name: str) -> dict:
    return {"SQLALCHEMY_DATABASE_URI": url, "MAIL_OUTBOX": path / f"outbox-{name}"}


def _program_with_jury(url, path) -> tuple[str, list[str], list[int], list[int]]:
    """A program with 20 accepted entries, each assigned to the same 40 judges."""
    app = create_app(_config(url, path, "setup"))
    with app.app_context(), time_machine.travel(JUDGING, tick=False):
        db.create_all()
        program = factories.program_with_people()
        open_judging(program)
        committee = next(r.user for r in program.roles if r.role == "committee")
        entries = [accepted_nomination(program, committee, f"Entry {n}") for n in range(ENTRIES)]
        judges = [add_judge(program, f"judge{n}@x.kz", f"University {n}")
                  for n in range(PROCESSES * JUDGES_EACH)]  # fmt: skip
        organizer = program.roles[0].user
        for judge in judges:
            assignments.assign_to_category(
                category=program.categories[0], judge=judge, actor=organizer
            )
        db.session.commit()
        found = (program.slug, [j.email for j in judges], [e.id for e in entries],
                 [c.id for c in program.categories[0].criteria])  # fmt: skip
        databases.release()
    return found


def _judges_submit(url, path, slug, emails, entry_ids, criterion_ids, start, results) -> None:
    """One process: its judges log in, wait for the other processes, then each judge
    submits a scorecard for every entry and looks at the queue once."""
    try:
        app = create_app(_config(url, path, emails[0]))
        with time_machine.travel(JUDGING, tick=True):
            clients = []
            for email in emails:
                client = app.test_client()
                client.post("/login", data={"email": email, "password": factories.PASSWORD})
                clients.append(client)
            form = {f"points_{c}": "7" for c in criterion_ids}
            form.update(action="submit", version="")
            statuses = []
            start.wait(timeout=300)
            for client in clients:
                for entry_id in entry_ids:
                    url = f"/programs/{slug}/judging/{entry_id}"
                    statuses.append(client.post(url, data=form).status_code)
                # A reader comes and goes while the other processes write.
                statuses.append(client.get(f"/programs/{slug}/judging/").status_code)
        with app.app_context():
            db.engine.dispose()
        results.put((emails[0], statuses, None))
    except BaseException:  # everything, "database is locked" above all, goes to the test
        results.put((emails[0], [], traceback.format_exc()))


def test_four_processes_submit_800_scorecards_none_lost_or_doubled(tmp_path, database_url):
    slug, emails, entry_ids, criterion_ids = _program_with_jury(database_url, tmp_path)
    spawn = multiprocessing.get_context("spawn")
    start, results = spawn.Barrier(PROCESSES), spawn.Queue()
    workers = [
        spawn.Process(target=_judges_submit,
                      args=(database_url, tmp_path, slug,
                            emails[n * JUDGES_EACH:(n + 1) * JUDGES_EACH],
                            entry_ids, criterion_ids, start, results))
        for n in range(PROCESSES)
    ]  # fmt: skip
    for worker in workers:
        worker.start()
    reports = [results.get(timeout=TIMEOUT_SECONDS) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)

    assert [error for _, _, error in reports if error] == []
    for first_judge, statuses, _ in reports:
        assert statuses.count(302) == JUDGES_EACH * ENTRIES, first_judge
        assert statuses.count(200) == JUDGES_EACH, first_judge
    assert [worker.exitcode for worker in workers] == [0] * PROCESSES
    app = create_app(_config(database_url, tmp_path, "check"))
    with app.app_context():
        pairs = db.session.execute(select(Scorecard.judge_id, Scorecard.nomination_id)).all()
        submitted = select(func.count()).where(
            AuditEntry.subject_kind == "scorecard", AuditEntry.action == "submitted"
        )
        assert len(pairs) == len(set(pairs)) == SCORECARDS
        assert db.session.scalar(submitted) == SCORECARDS
        assert db.session.scalar(select(func.count(Score.id))) == SCORECARDS
        assert set(db.session.scalars(select(Score.points))) == {7.0}
        databases.release()

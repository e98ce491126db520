"""Twenty browsers submitting the same scorecard at once leave exactly one scorecard."""

import threading

import time_machine

from awards import create_app
from awards.audit.models import AuditEntry
from awards.extensions import db, limiter
from awards.judging import assignments
from awards.judging.models import Scorecard
from tests import factories
from tests.judging.fixtures import JUDGING, accepted_nomination, open_judging

THREADS = 20


def test_twenty_concurrent_submissions_leave_one_scorecard(tmp_path, database_url):
    app = create_app({"SQLALCHEMY_DATABASE_URI": database_url, "MAIL_OUTBOX": tmp_path / "outbox"})
    with app.app_context(), time_machine.travel(JUDGING, tick=False):
        db.create_all()
        limiter.reset()
        program = factories.program_with_people()
        open_judging(program)
        committee = next(r.user for r in program.roles if r.role == "committee")
        entry = accepted_nomination(program, committee, "Race Nominee")
        judge = next(r.user for r in program.roles if r.role == "judge")
        assignments.assign_judge(nomination=entry, judge=judge, actor=program.roles[0].user)
        url = f"/programs/{program.slug}/judging/{entry.id}"
        form = {f"points_{c.id}": "6" for c in entry.category.criteria}
        form.update(action="submit", version="")
        email = judge.email
        # From here on this thread holds no transaction: the twenty requests have the file.
        db.session.commit()
        clients = []
        for _ in range(THREADS):
            client = app.test_client()
            client.post("/login", data={"email": email, "password": factories.PASSWORD})
            clients.append(client)
        # The logins ran in this thread's app context; end its transaction before the race.
        db.session.remove()
        start = threading.Barrier(THREADS)
        statuses = []

        def submit(client):
            start.wait()
            statuses.append(client.post(url, data=form).status_code)

        threads = [threading.Thread(target=submit, args=(c,)) for c in clients]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        db.session.expire_all()
        assert db.session.query(Scorecard).count() == 1
        submitted = db.session.query(AuditEntry).filter_by(
            subject_kind="scorecard", action="submitted"
        )
        assert submitted.count() == 1
        assert set(statuses) <= {200, 302} and statuses.count(302) >= 1
        db.session.remove()
        db.engine.dispose()

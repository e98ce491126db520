"""No page a judge can open mentions a nomination they have a conflict with."""

import time_machine
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awards import create_app
from awards.extensions import db, limiter
from awards.judging import assignments, conflicts
from tests import databases, factories
from tests.judging.fixtures import JUDGING, accepted_nomination, add_judge, open_judging


@st.composite
def scenarios(draw):
    nominations = draw(st.integers(2, 5))
    judges = draw(st.integers(1, 3))
    pairs = st.tuples(st.integers(0, nominations - 1), st.integers(0, judges - 1))
    return {
        "nominations": nominations,
        "judges": judges,
        "assigned": draw(st.sets(pairs)),
        "declared": draw(st.sets(pairs)),
        # A judge working for the nominee: an automatic conflict.
        "employer": draw(
            st.dictionaries(st.integers(0, judges - 1), st.integers(0, nominations - 1))
        ),
    }


def build(scenario):
    program = factories.program_with_people()
    open_judging(program)
    organizer = program.roles[0].user
    committee = next(r.user for r in program.roles if r.role == "committee")
    entries = [
        accepted_nomination(program, committee, f"Nominee{index}Marker")
        for index in range(scenario["nominations"])
    ]
    judges = []
    for index in range(scenario["judges"]):
        employer = scenario["employer"].get(index)
        name = f"Nominee{employer}Marker" if employer is not None else f"Neutral Org {index}"
        judges.append(add_judge(program, f"j{index}@x.kz", name))
    for n, j in sorted(scenario["assigned"]):
        if not conflicts.has_conflict(judges[j], entries[n]):
            assignments.assign_judge(nomination=entries[n], judge=judges[j], actor=organizer)
    for n, j in sorted(scenario["declared"]):
        conflicts.record_conflict(
            nomination=entries[n], judge=judges[j], actor=organizer, reason="r"
        )
    db.session.commit()
    return program, entries, judges


def pages_for(client, program, entries):
    urls = ["/programs/", f"/programs/{program.slug}", f"/programs/{program.slug}/judging/"]
    urls += [f"/programs/{program.slug}/judging/{entry.id}" for entry in entries]
    urls += [f"/nominations/{entry.id}" for entry in entries]
    for url in urls:
        response = client.get(url)
        yield url, response.status_code, response.get_data(as_text=True)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scenarios())
def test_no_page_mentions_a_conflicted_nomination(tmp_path_factory, scenario):
    app = create_app({"MAIL_OUTBOX": tmp_path_factory.mktemp("outbox")})
    with app.app_context(), time_machine.travel(JUDGING, tick=False):
        databases.prepare()
        limiter.reset()
        program, entries, judges = build(scenario)
        for judge in judges:
            hidden = [e for e in entries if conflicts.has_conflict(judge, e)]
            client = app.test_client()
            client.post("/login", data={"email": judge.email, "password": factories.PASSWORD})
            for url, status, body in pages_for(client, program, entries):
                for entry in hidden:
                    assert entry.nominee_name not in body, (judge.email, url, status)
        databases.release()

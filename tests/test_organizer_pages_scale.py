"""The organizer's pages run as many SQL statements for a program of 600 entries and 30 judges
as for one of 60 entries and 8 judges (the judge's pages: tests/judging/test_query_counts.py).

Each program is built once for the module, in a database of its own; every page is then asked
for in a fresh app context, as in production."""

from dataclasses import dataclass

import pytest
from flask.testing import FlaskClient
from sqlalchemy import event, select

from awards import create_app
from awards.accounts.models import User
from awards.extensions import db
from awards.judging.models import JudgingRound, QualifyingVote, RoundJuror
from awards.nominations.models import Nomination, NominationState
from awards.operations.large_demo import ORGANIZER_EMAIL, Scale, judge_email, load_large_demo
from awards.programs.models import Program, ProgramRole, Role
from tests import databases
from tests.judging.test_query_counts import LARGER, PASSWORD, SMALL  # the judge's two sizes

# The user, the program, its roles and categories, a page of rows, counts, the forms' choices.
MOST_STATEMENTS = 40


@dataclass
class Built:
    """A program of one size, its first category, a judge, an entry, and a logged-in client."""

    app: object
    client: FlaskClient
    slug: str
    category_id: int
    judge_id: int
    bin: str
    round_id: int


def _build(tmp_path_factory, name: str, scale: Scale) -> Built:
    tmp_path = tmp_path_factory.mktemp(name)
    app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": databases.url(name, tmp_path),
            "MAIL_OUTBOX": tmp_path / "outbox",
            "UPLOAD_FOLDER": tmp_path / "uploads",
            "INSTANCE_DIR": tmp_path,
        }
    )
    with app.app_context():
        program = load_large_demo(password=PASSWORD, scale=scale)
        db.session.commit()
        category_id = program.categories[0].id
        judge_id = db.session.scalar(select(User.id).where(User.email == judge_email(1)))
        bin_ = db.session.scalar(
            select(Nomination.bin)
            .where(Nomination.program_id == program.id, Nomination.bin.is_not(None),
                   Nomination.state == NominationState.ACCEPTED)
            .order_by(Nomination.id.desc())
        )  # fmt: skip
        slug = program.slug
        round_id = _qualifying_round(program, judge_id)
        assert db.session.get(Program, program.id) is not None
    client = FlaskClient(app, app.response_class, use_cookies=True)
    with app.app_context():
        client.post("/login", data={"email": ORGANIZER_EMAIL, "password": PASSWORD})
    return Built(app, client, slug, category_id, judge_id, bin_, round_id)


def _qualifying_round(program, judge_id: int) -> int:
    """An undecided qualifying round in the program's last category, every judge on its jury,
    the first judge's votes on every other entry. Written as rows: the service refuses a round
    once scoring has started, and the large demo has scored every category."""
    category = program.categories[-1]
    judges = db.session.scalars(
        select(ProgramRole.user_id).where(
            ProgramRole.program_id == program.id, ProgramRole.role == Role.JUDGE
        )
    )
    judging_round = JudgingRound(
        category=category, position=1, name="qualifying", title={"en": "Qualifying"},
        majority=0.5, jurors=[RoundJuror(judge_id=judge) for judge in judges],
    )  # fmt: skip
    db.session.add(judging_round)
    db.session.flush()
    entries = db.session.scalars(
        select(Nomination.id).where(
            Nomination.category_id == category.id, Nomination.state == NominationState.ACCEPTED
        )
    ).all()
    for entry in entries[::2]:
        db.session.add(QualifyingVote(
            round_id=judging_round.id, nomination_id=entry, judge_id=judge_id,
            verdict="advance", comment="—",
        ))  # fmt: skip
    db.session.commit()
    return judging_round.id


@pytest.fixture(scope="module")
def programs(tmp_path_factory):
    built = {name: _build(tmp_path_factory, name, scale)
             for name, scale in (("scale-small", SMALL), ("scale-larger", LARGER))}  # fmt: skip
    yield built
    for each in built.values():
        with each.app.app_context():
            db.session.remove()
            db.engine.dispose()


def _statements(built: Built, path: str) -> tuple[int, int, bytes]:
    statements = []

    def count(*_args):
        statements.append(1)

    with built.app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        with built.app.app_context():
            response = built.client.get(path)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return response.status_code, len(statements), response.data


# Each page as a path template: {slug}, {category}, {judge} and {bin} are filled per program.
PAGES = {
    "program": "/programs/{slug}",
    "people": "/programs/{slug}/people",
    "results": "/programs/{slug}/results",
    "jury protocol": "/programs/{slug}/protocol",
    "feedback letters": "/programs/{slug}/results/feedback",
    "category results": "/programs/{slug}/results/{category}",
    "assignment proposal": "/programs/{slug}/jury/categories/{category}/proposal",
    "judging progress": "/programs/{slug}/jury/progress",
    "judging progress, behind, page 2": "/programs/{slug}/jury/progress?behind=1&page=2",
    "judging progress, a category, a search": (
        "/programs/{slug}/jury/progress?category={category}&q=judge001&sort=-missing"
    ),
    "a judge's progress": "/programs/{slug}/jury/progress/judges/{judge}",
    "a judge's progress, a category, page 2": (
        "/programs/{slug}/jury/progress/judges/{judge}?category={category}&page=2"
    ),
    "inbox": "/programs/{slug}/inbox",
    "inbox search by BIN": "/programs/{slug}/inbox?q={bin}",
    "inbox page 2": "/programs/{slug}/inbox?page=2&sort=-nominee&category={category}",
    "inbox of possible duplicates": "/programs/{slug}/inbox?flag=duplicate",
    "inbox of unconfirmed organizations": "/programs/{slug}/inbox?flag=unconfirmed&sort=state",
    "jury": "/programs/{slug}/jury/",
    "jury of a category": "/programs/{slug}/jury/categories/{category}",
    "jury of a category, one judge searched": (
        "/programs/{slug}/jury/categories/{category}?q=judge001"
    ),
    "jury of a category, entries short of judges": (
        "/programs/{slug}/jury/categories/{category}?flag=gap&page=2"
    ),
    "jury of a category, an entry by BIN": "/programs/{slug}/jury/categories/{category}?q={bin}",
    "a judge's assignments": "/programs/{slug}/jury/judges/{judge}",
    "category results page 2": "/programs/{slug}/results/{category}?page=2",
    "category results search": "/programs/{slug}/results/{category}?q={bin}",
    "category results judges page 2": "/programs/{slug}/results/{category}?judges_page=2",
    "entries for discussion": "/programs/{slug}/results/discussion",
    "entries for discussion page 2": "/programs/{slug}/results/discussion?page=2",
    "rounds of a category": "/programs/{slug}/jury/categories/{category}/rounds",
    "a qualifying round": "/programs/{slug}/jury/rounds/{round}",
    "how names are read aloud, page 2": "/programs/{slug}/ceremony/pronunciation?page=2",
    "hall screen control": "/programs/{slug}/ceremony/screen",
}


@pytest.mark.parametrize("page", PAGES)
def test_an_organizer_page_costs_the_same_statements_whatever_the_program_size(programs, page):
    counts = {}
    for name, built in programs.items():
        path = PAGES[page].format(slug=built.slug, category=built.category_id,
                                  judge=built.judge_id, bin=built.bin,
                                  round=built.round_id)  # fmt: skip
        status, counts[name], _body = _statements(built, path)
        assert status == 200, (name, path, status)
    assert counts["scale-larger"] == counts["scale-small"], counts
    assert counts["scale-small"] <= MOST_STATEMENTS, counts


def test_the_inbox_finds_an_entry_by_its_bin(programs):
    built = programs["scale-larger"]
    status, _count, body = _statements(built, f"/programs/{built.slug}/inbox?q={built.bin}")
    assert status == 200
    with built.app.app_context():
        query = select(Nomination.id).where(
            Nomination.bin == built.bin, Nomination.submitted_at.is_not(None)
        )
        found = sorted(db.session.scalars(query))
    page = body.decode()
    assert found and page.count('class="num row-number"') == len(found)
    for entry_id in found:
        assert f'<td class="num row-number">{entry_id}</td>' in page


def test_the_vote_table_grows_with_the_panel_and_its_statements_do_not(programs):
    counts, jurors = {}, {}
    for name, built in programs.items():
        path = f"/programs/{built.slug}/results/{built.category_id}"
        status, counts[name], body = _statements(built, path)
        assert status == 200 and b'id="vote-table"' in body
        jurors[name] = body.count(b"<tr data-juror=")
    assert jurors["scale-larger"] > jurors["scale-small"] > 1, jurors
    assert counts["scale-larger"] == counts["scale-small"], counts


def test_a_jurors_round_page_costs_the_same_statements_whatever_the_program_size(programs):
    counts = {}
    for name, built in programs.items():
        client = FlaskClient(built.app, built.app.response_class, use_cookies=True)
        with built.app.app_context():
            client.post("/login", data={"email": judge_email(1), "password": PASSWORD})
        juror = Built(built.app, client, built.slug, built.category_id, built.judge_id,
                      built.bin, built.round_id)  # fmt: skip
        path = f"/programs/{built.slug}/judging/rounds/{built.round_id}"
        status, counts[name], body = _statements(juror, path)
        assert status == 200, (name, path, status)
        assert b'class="form vote"' in body
    assert counts["scale-larger"] == counts["scale-small"], counts
    assert counts["scale-small"] <= MOST_STATEMENTS, counts

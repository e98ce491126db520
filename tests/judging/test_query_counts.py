"""The judge's pages run as many SQL statements for a program of 600 entries as for one of 60."""

from flask.testing import FlaskClient
from sqlalchemy import event, select

from awards import create_app
from awards.accounts.models import User
from awards.extensions import db
from awards.judging.models import Assignment, Scorecard
from awards.nominations.models import Nomination
from awards.operations.large_demo import Scale, judge_email, load_large_demo

PASSWORD = "counting statements"
SMALL = Scale(
    nominations=60, judges=8, scorecards=100, categories=2, committees=5, judges_per_nomination=4
)
LARGER = Scale(
    nominations=600, judges=30, scorecards=3000, categories=4, committees=20,
    judges_per_nomination=8,
)  # fmt: skip
# The pages themselves: the user, the program, roles, the rows shown, the checks, the writes;
# the scorecard page also asks whether the entry is in play after a qualifying round, for the
# category's practice entry, the next entry in the judge's order and the jury's discussion.
MOST_STATEMENTS = 40


def _counted(app, engine, request):
    """The response and its statement count, in a fresh app context as in production (no
    object cached in a session from before)."""
    statements = []

    def count(*_args):
        statements.append(1)

    event.listen(engine, "before_cursor_execute", count)
    try:
        with app.app_context():
            response = request()
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return response, len(statements)


def _first_to_score(judge_id: int) -> Nomination:
    """The judge's first entry with no scorecard yet and no other entry merged into it."""
    merged_into = select(Nomination.merged_into_id).where(Nomination.merged_into_id.is_not(None))
    scored = select(Scorecard.nomination_id).where(Scorecard.judge_id == judge_id)
    query = (
        select(Nomination)
        .join(Assignment, Assignment.nomination_id == Nomination.id)
        .where(
            Assignment.judge_id == judge_id,
            Nomination.id.not_in(merged_into),
            Nomination.id.not_in(scored),
        )
        .order_by(Nomination.id)
    )
    return db.session.scalars(query).first()


def statements_per_page(app, scale: Scale) -> dict[str, int]:
    """Fill ``app``'s empty database with a program of ``scale``; then, as its first judge,
    count the statements of the queue, a scorecard page and submitting that scorecard."""
    with app.app_context():
        program = load_large_demo(password=PASSWORD, scale=scale)
        db.session.commit()
        judge_id = db.session.scalar(select(User.id).where(User.email == judge_email(1)))
        nomination = _first_to_score(judge_id)
        queue = f"/programs/{program.slug}/judging/"
        page = f"{queue}{nomination.id}"
        points = {f"points_{c.id}": "7" for c in nomination.category.criteria}
        engine = db.engine
    client = FlaskClient(app, app.response_class, use_cookies=True)
    with app.app_context():
        client.post("/login", data={"email": judge_email(1), "password": PASSWORD})
    counts = {}
    for name, request, status in (
        ("queue", lambda: client.get(queue), 200),
        ("scorecard page", lambda: client.get(page), 200),
        ("submit", lambda: client.post(page, data={**points, "action": "submit"}), 302),
    ):
        response, counts[name] = _counted(app, engine, request)
        assert response.status_code == status, (name, response.status_code)
    with app.app_context():
        card = db.session.scalars(select(Scorecard).filter_by(judge_id=judge_id,
                                  nomination_id=nomination.id)).one()  # fmt: skip
        assert card.is_submitted and len(card.scores) == len(points)
    return counts


def test_judge_pages_cost_the_same_statements_for_60_and_600_entries(app, database_url, tmp_path):
    small = statements_per_page(app, SMALL)
    larger_app = create_app(
        {
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_OUTBOX": tmp_path / "larger-outbox",
            "UPLOAD_FOLDER": tmp_path / "larger-uploads",
            "INSTANCE_DIR": tmp_path,
        }
    )
    try:
        larger = statements_per_page(larger_app, LARGER)
    finally:
        with larger_app.app_context():
            db.session.remove()
            db.engine.dispose()
    assert larger == small
    assert max(small.values()) <= MOST_STATEMENTS, small

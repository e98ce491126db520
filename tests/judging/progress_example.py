"""A worked example of judging progress, small enough to count by hand.

Two categories, A ("Best Patron", three entries) and B ("Best School", two), three judges with
assignments, one judge without, and one former judge whose role was taken away:

    judge              A1   A2   A3   B1   B2
    Boris Kim          sub  sub  .    sub  sub
    Айгуль Сапарова    sub  sub  drf  new  .
    Сергей Ли          .    .    .    drf  new
    Dana (no role)     new  .    .    .    .

(sub: submitted, drf: a draft, new: assigned, not started; .: not assigned.)

    category A: 5 assigned, 4 submitted, 1 draft, 0 not started, 80 %, 1 judge behind
    category B: 5 assigned, 2 submitted, 1 draft, 2 not started, 40 %, 2 judges behind
    program:   10 assigned, 6 submitted, 2 drafts, 2 not started, 60 %, 2 judges behind
    Boris 4 of 4 (0 missing), Айгуль 2 of 4 (2 missing), Сергей 0 of 2 (2 missing)
"""

import time_machine

from awards.extensions import db
from awards.judging import assignments, scoring
from awards.programs import services as programs
from awards.programs.models import ProgramRole, Role
from tests import factories
from tests.judging.fixtures import JUDGING, accepted_nomination, open_judging


def _second_category(program, organizer):
    category = programs.add_category(
        program=program, actor=organizer, slug="best-school",
        title={"kk": "Үздік мектеп", "ru": "Лучшая школа", "en": "Best School"},
    )  # fmt: skip
    programs.add_criterion(
        category=category, actor=organizer, name={"kk": "Сапа", "ru": "Качество", "en": "Quality"},
        weight=1, max_points=10,
    )  # fmt: skip
    return category


def _judge(program, organizer, email, name):
    judge = factories.user(email, name=name, organization=factories.organization(f"{name} Org"))
    programs.grant_role(program=program, user=judge, role=Role.JUDGE, actor=organizer)
    return judge


def _score(entry, judge, *, submit):
    points = {criterion.id: 7 for criterion in entry.category.criteria}
    with time_machine.travel(JUDGING, tick=False):
        scoring.save_scorecard(nomination=entry, actor=judge, points=points, submit=submit)


def build_example(program) -> dict:
    """The example above, in ``program`` (tests.factories.program_with_people); committed."""
    open_judging(program)
    users = {role.user.email: role.user for role in program.roles}
    organizer, committee = users["organizer@x.kz"], users["committee@x.kz"]
    category_a, category_b = program.categories[0], _second_category(program, organizer)
    entries = {
        name: accepted_nomination(program, committee, f"{name} Nominee", category=category)
        for name, category in (("A1", category_a), ("A2", category_a), ("A3", category_a),
                               ("B1", category_b), ("B2", category_b))
    }  # fmt: skip
    judges = {
        "boris": _judge(program, organizer, "boris@x.kz", "Boris Kim"),
        "aigul": _judge(program, organizer, "aigul@x.kz", "Айгуль Сапарова"),
        "sergey": _judge(program, organizer, "sergey@x.kz", "Сергей Ли"),
        "dana": _judge(program, organizer, "dana@x.kz", "Dana Former"),
    }
    plan = {
        "boris": {"A1": "sub", "A2": "sub", "B1": "sub", "B2": "sub"},
        "aigul": {"A1": "sub", "A2": "sub", "A3": "drf", "B1": "new"},
        "sergey": {"B1": "drf", "B2": "new"},
        "dana": {"A1": "new"},
    }
    for who, cells in plan.items():
        for name, state in cells.items():
            assignments.assign_judge(nomination=entries[name], judge=judges[who], actor=organizer)
            if state != "new":
                _score(entries[name], judges[who], submit=state == "sub")
    dana_role = db.session.query(ProgramRole).filter_by(
        program_id=program.id, user_id=judges["dana"].id, role=Role.JUDGE
    ).one()  # fmt: skip
    programs.revoke_role(program_role=dana_role, actor=organizer)
    db.session.commit()
    return {"program": program, "organizer": organizer, "entries": entries, "judges": judges,
            "categories": (category_a, category_b)}  # fmt: skip

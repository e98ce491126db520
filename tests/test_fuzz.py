"""Fuzzing the URL map: whatever a logged-in user sends, no answer is a server error.

Every POST route is sent hypothesis-made values for each field of its real form (empty,
missing, repeated, huge, negative, NaN, 1e309, overlong, odd Unicode, a file where text is
expected and the wrong kind of file where a file is), as a user allowed to use it, on the demo
program; every GET route is asked for with odd path parameters. The fields come from the forms
the app itself renders. Examples are derandomized, so a run is repeatable.
"""

import io
import os
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select
from werkzeug.exceptions import HTTPException

from awards.accounts.models import Organization, OrganizationAlias, User
from awards.ceremony.models import CeremonyPartner, LaureateGuest, RunningOrderItem
from awards.certificates.models import IssuedCertificate
from awards.extensions import db
from awards.jobs.models import Job
from awards.judging.models import Assignment, JudgingRound, Scorecard
from awards.nominations.models import Document, Nomination
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_SLUG
from awards.programs.models import Category, Criterion, Program, ProgramRole
from awards.protocols.models import JuryProtocol

PASSWORD = "fuzz-demo-password"
EXAMPLES = int(os.environ.get("AWARDS_FUZZ_EXAMPLES", "25"))
ORGANIZER, COMMITTEE, JUDGE = "organizer@demo.kz", "committee@demo.kz", "judge1@demo.kz"
# Leaving the session would make every later request a redirect to the login page.
NOT_FUZZED = {"accounts.logout"}

NASTY = [
    "", " ", "-1", "0", "1", "-0", "NaN", "nan", "inf", "-inf", "1e309", "-1e309", "1e-309",
    "0.0000001", "2147483648", "99999999999999999999999", "-99999999999999999999", "1,5",
    "١٢", "𝟙𝟚", "true", "null", "[]", "{}", "<script>alert(1)</script>", "../../etc/passwd",
    "\x00", "%00", "\u202e\u200b", "ТОО «Казцинк»", "Қазмырыш", "=HYPERLINK(\"x\")",
    "javascript:alert(1)", "a@b", "2026-02-30", "25:61", "0000-00-00T00:00",
]  # fmt: skip
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00"
    b"\x00\x00IEND\xaeB`\x82"
)
FILES = [b"", b"GIF89a\x01\x00\x01\x00", b"%PDF-1.4\n%broken", PNG, PNG[:20], b"PK\x03\x04junk",
         b"\xff\xd8\xff\xe0 not a jpeg", b"judge_email,category\n=1+1,x\n"]  # fmt: skip
text_values = st.one_of(
    st.sampled_from(NASTY),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.just("9" * 5000),
    st.just("я" * 20_000),
)
file_values = st.one_of(st.sampled_from(FILES), st.binary(max_size=300))


def field_values(kind: str, options: list[str]):
    """One field's value: missing (None), one value, a repeated value, or a file."""
    one = text_values if not options else st.one_of(text_values, st.sampled_from(options))
    if kind == "file":
        one = st.one_of(file_values.map(lambda b: ("file", b)), text_values)
    return st.one_of(
        st.none(), one, st.lists(one, min_size=2, max_size=3),
        file_values.map(lambda b: ("file", b)),
    )  # fmt: skip


class Forms(HTMLParser):
    """The POST forms of a page: action → {field name: (kind, option values)}."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: dict[str, dict[str, tuple[str, list[str]]]] = {}
        self.current: dict | None = None
        self.select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            post = (attrs.get("method") or "").lower() == "post"
            self.current = self.forms.setdefault(attrs.get("action") or "", {}) if post else None
        elif self.current is not None and tag in ("input", "select", "textarea", "button"):
            name = attrs.get("name")
            if not name or name == "csrf_token":
                return
            kind, options = self.current.get(name, (attrs.get("type") or tag, []))
            if attrs.get("value") is not None and tag in ("input", "button"):
                options = [*options, attrs["value"]]
            self.current[name] = (kind, options)
            self.select = name if tag == "select" else None
        elif tag == "option" and self.current is not None and self.select:
            kind, options = self.current[self.select]
            self.current[self.select] = (kind, [*options, attrs.get("value", "")])

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None


def _first(model, *where):
    return db.session.scalar(select(func.min(model.id)).where(*where)) or 1


def real_ids(program: Program) -> dict:
    """An existing row for each id a route takes, so that forms reach the code behind them."""
    committee = db.session.scalar(select(User).filter_by(email=COMMITTEE))
    judge = db.session.scalar(select(User).filter_by(email=JUDGE))
    category = _first(Category, Category.program_id == program.id)
    own = _first(Nomination, Nomination.submitting_organization_id == committee.organization_id)
    judged = db.session.scalar(
        select(func.min(Assignment.nomination_id)).where(Assignment.judge_id == judge.id)
    )
    return {
        "slug": program.slug, "category_id": category,
        "criterion_id": _first(Criterion, Criterion.category_id == category),
        "role_id": _first(ProgramRole, ProgramRole.program_id == program.id),
        "committee_nomination_id": own, "judge_nomination_id": judged,
        "nomination_id": _first(Nomination, Nomination.program_id == program.id),
        "document_id": _first(Document), "organization_id": _first(Organization),
        "alias_id": _first(OrganizationAlias), "assignment_id": _first(Assignment),
        "scorecard_id": _first(Scorecard), "certificate_id": _first(IssuedCertificate),
        "judge_id": judge.id, "item_id": _first(RunningOrderItem),
        "partner_id": _first(CeremonyPartner), "job_id": _first(Job),
        "round_id": _first(JudgingRound), "guest_id": _first(LaureateGuest),
        "protocol_id": _first(JuryProtocol),
        "token": "not-a-token", "theme": "classic", "table": "ranking", "filename": "css/app.css",
    }  # fmt: skip


def role_for(endpoint: str) -> str:
    if endpoint.startswith("judging."):
        return JUDGE
    if endpoint.startswith("nominations.") and endpoint not in ("nominations.dashboard",):
        return COMMITTEE
    return ORGANIZER


def url_for_rule(app, rule, ids: dict, email: str) -> str:
    values = dict(ids)
    if email == COMMITTEE:
        values["nomination_id"] = ids["committee_nomination_id"]
    elif email == JUDGE:
        values["nomination_id"] = ids["judge_nomination_id"]
    with app.test_request_context():
        return rule.build({name: values[name] for name in rule.arguments})[1]


@pytest.fixture
def demo(app):
    load_demo(password=PASSWORD)
    db.session.commit()
    return db.session.scalar(select(Program).filter_by(slug=DEMO_SLUG))


class Clients:
    """A logged-in test client per demo account, logged in again if a request ended it."""

    def __init__(self, app) -> None:
        self.app, self.clients = app, {}

    def __call__(self, email: str):
        if email not in self.clients:
            self.clients[email] = self.app.test_client()
            self.login(email)
        return self.clients[email]

    def login(self, email: str) -> None:
        response = self.clients[email].post("/login", data={"email": email, "password": PASSWORD})
        assert response.status_code == 302, email


def crawl(app, clients, ids) -> dict[str, dict]:
    """Every POST form the app renders on its GET pages, for each role."""
    forms: dict[str, dict] = {}
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static" or rule.arguments - ids.keys():
            continue
        for email in (ORGANIZER, COMMITTEE, JUDGE):
            page = url_for_rule(app, rule, ids, email)
            response = clients(email).get(page)
            if response.status_code == 200 and response.mimetype == "text/html":
                parser = Forms()
                parser.feed(response.get_data(as_text=True))
                for action, fields in parser.forms.items():
                    # A form without an action posts back to its own page.
                    forms.setdefault((action or page).split("?")[0], {}).update(fields)
            response.close()
    return forms


def encode(fields: dict) -> dict:
    data = {}
    for name, value in fields.items():
        if value is None:
            continue
        values = value if isinstance(value, list) else [value]
        data[name] = [
            (io.BytesIO(item[1]), "upload.bin") if isinstance(item, tuple) else item
            for item in values
        ]
    return data


def post_routes(app, ids, forms) -> list[tuple[str, str, dict]]:
    """(endpoint, url, fields) for every POST rule: at the address of a form the app rendered
    for it when there is one (its ids are real), else built from the demo's ids."""
    adapter = app.url_map.bind("localhost")
    rendered: dict[str, tuple[str, dict]] = {}
    for action, fields in forms.items():
        try:
            rule, _ = adapter.match(action, method="POST", return_rule=True)
        except HTTPException:  # a GET form, or an address outside the app
            continue
        rendered.setdefault(rule.rule, (action, fields))
    routes = []
    for rule in app.url_map.iter_rules():
        if "POST" not in rule.methods or rule.endpoint in NOT_FUZZED:
            continue
        url, fields = rendered.get(rule.rule) or (
            url_for_rule(app, rule, ids, role_for(rule.endpoint)),
            {"name": ("text", []), "reason": ("text", [])},
        )
        routes.append((rule.endpoint, url, fields))
    return routes


def test_no_post_field_value_makes_a_server_error(app, demo, capsys):
    clients = Clients(app)
    ids = real_ids(demo)
    forms = crawl(app, clients, ids)
    routes = post_routes(app, ids, forms)
    tried = []

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=(Phase.explicit, Phase.generate),  # a failure is reported as found
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.data())
    def send_everything(data):
        for endpoint, url, fields in routes:
            values = {
                name: data.draw(field_values(kind, options))
                for name, (kind, options) in sorted(fields.items())
            }
            email = role_for(endpoint)
            response = clients(email).post(url, data=encode(values))
            response.close()
            tried.append(url)
            assert response.status_code < 500, (endpoint, url, repr(values)[:3000])
            if response.status_code == 302 and response.location.startswith("/login"):
                clients.login(email)

    send_everything()
    from_forms = sum(url in forms for _, url, _ in routes)
    with capsys.disabled():
        print(f"\nfuzz: {len(tried)} POST requests over {len(routes)} routes, "
              f"{from_forms} of them with the fields of their rendered form")  # fmt: skip
    assert len(set(tried)) == len(routes)


ODD_SEGMENTS = ["0", "2147483648", "99999999999999999999999", "%00", "..", "%2e%2e%2f",
                "x" * 3000, "%D0%B0", "%E2%80%AE", "-1", "1.5", "%20", "'", "%22%3E"]  # fmt: skip


def test_no_odd_path_parameter_makes_a_server_error(app, demo, capsys):
    clients = Clients(app)
    ids = real_ids(demo)
    rules = [r for r in app.url_map.iter_rules() if "GET" in r.methods and r.arguments]
    tried = 0

    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              phases=(Phase.explicit, Phase.generate),  # a failure is reported as found
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(st.data())
    def ask_everything(data):
        nonlocal tried
        for rule in rules:
            email = role_for(rule.endpoint)
            url = url_for_rule(app, rule, ids, email)
            parts = url.split("?")[0].split("/")
            odd = st.one_of(st.sampled_from(ODD_SEGMENTS),
                            st.text(st.characters(exclude_categories=("Cs",)), min_size=1,
                                    max_size=30).map(lambda t: t.replace("/", "%2F")))  # fmt: skip
            changed = [data.draw(odd) if part and data.draw(st.booleans()) else part
                       for part in parts]  # fmt: skip
            response = clients(email).get("/".join(changed))
            response.close()
            tried += 1
            assert response.status_code < 500, (rule.endpoint, "/".join(changed))

    ask_everything()
    with capsys.disabled():
        print(f"\nfuzz: {tried} GET requests with odd path parameters over {len(rules)} routes")

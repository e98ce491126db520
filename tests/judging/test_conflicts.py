import pytest
import time_machine
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from awards.accounts.identity import bin_check_digit, name_skeleton
from awards.accounts.services import find_or_create_organization
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import single_line
from awards.judging import assignments, conflicts
from awards.judging.models import Assignment
from awards.nominations import services as nominations
from awards.programs import services as programs
from tests import factories
from tests.judging.fixtures import (
    JUDGING,
    SUBMITTED,
    accepted_nomination,
    add_judge,
    open_judging,
)


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


# Issue 11: however a committee types the name of a judge's organization, the entry never
# reaches that judge, and "assign to all" skips and counts it.
KAZZINC = {"ru": "ТОО «Казцинк»", "kk": "«Қазмырыш» ЖШС", "en": "Kazzinc LLP"}
FORMAT_CHARACTERS = "\u200b\u200c\u200d\u00ad\ufeff\u200e\u200f\u2060"
# Cyrillic and Latin letters a committee may type for one another, both ways and both cases.
SWAPS = dict(zip("аеокмнрстухіАЕОКМНРСТХВ", "aeokmhpctyxiAEOKMHPCTXB", strict=True))
SWAPS.update({latin: cyrillic for cyrillic, latin in list(SWAPS.items())})
LEGAL_FORMS = [
    "ТОО", "ЖШС", "LLP", "TOO", "АО", "JSC", "Ltd", "LLC", "Inc.", "ЖК", "ИП",
    "Товарищество с ограниченной ответственностью", "Жауапкершілігі шектеулі серіктестігі",
    "Limited Liability Partnership", "Акционерное общество", "Акционерлік қоғам",
    "Joint Stock Company",
]  # fmt: skip
QUOTES = [("", ""), ("«", "»"), ('"', '"'), ("“", "”"), ("„", "“"), ("'", "'")]


def _full_width(ch: str) -> str:
    return chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch


@st.composite
def variants(draw):
    """One of the organization's names as a committee may type it."""
    core = draw(st.sampled_from(["Казцинк", "Қазмырыш", "Kazzinc"]))
    letters = []
    for ch in core:
        if ch in SWAPS and draw(st.booleans()):
            ch = SWAPS[ch]
        ch = ch.upper() if draw(st.booleans()) else ch.lower()
        if draw(st.integers(0, 4)) == 0:
            ch = _full_width(ch)
        letters.append(ch)
        if draw(st.integers(0, 5)) == 0:
            letters.append(draw(st.sampled_from(list(FORMAT_CHARACTERS + " -"))))
    word = "".join(letters)
    # A split that leaves a legal form on its own ("Kazz Inc") names another company.
    assume(name_skeleton(single_line(word)) == name_skeleton(core))
    opening, closing = draw(st.sampled_from(QUOTES))
    name = f"{opening}{word}{closing}"
    for _ in range(draw(st.integers(0, 2))):
        form = draw(st.sampled_from(LEGAL_FORMS))
        form = form.upper() if draw(st.booleans()) else form
        before = draw(st.booleans())
        separator = draw(st.sampled_from([" ", ", ", "  ", " \u200b"]))
        name = f"{form}{separator}{name}" if before else f"{name}{separator}{form}"
    return name + draw(st.sampled_from(["", ".", ",", " .", "!", ";"]))


@pytest.fixture
def kazzinc_judge(program):
    """A program open for judging whose judge judge@x.kz works at Kazzinc."""
    open_judging(program)
    judge = next(r.user for r in program.roles if r.role == "judge")
    judge.organization = find_or_create_organization(name=KAZZINC, actor=None)
    db.session.commit()
    return {"program": program, "judge": judge, "clients": {}}


def _logged_in(app, setup, email):
    if email not in setup["clients"]:
        client = app.test_client()
        client.post("/login", data={"email": email, "password": factories.PASSWORD})
        setup["clients"][email] = client
    return setup["clients"][email]


def _category_with(program, organizer, committee, name):
    """A new category holding an entry about ``name`` (with a document) and an unrelated one."""
    category = programs.add_category(
        program=program, actor=organizer, slug=f"c{len(program.categories) + 1}",
        title={"kk": "Санат", "ru": "Номинация"},
    )  # fmt: skip
    programs.add_criterion(
        category=category, actor=organizer, name={"kk": "Үлес", "ru": "Вклад"}, weight=1,
        max_points=10,
    )  # fmt: skip
    entry = accepted_nomination(program, committee, name, category=category, document=True)
    other = accepted_nomination(program, committee, "Ульбинский металлургический завод",
                                category=category)  # fmt: skip
    db.session.commit()
    return category, entry, other


@settings(
    max_examples=40, deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)  # fmt: skip
@given(name=variants())
def test_no_variant_of_the_judges_organization_reaches_the_judge(app, kazzinc_judge, name):
    program, judge = kazzinc_judge["program"], kazzinc_judge["judge"]
    users = {role.user.email: role.user for role in program.roles}
    with time_machine.travel(JUDGING, tick=False):
        category, entry, other = _category_with(
            program, users["organizer@x.kz"], users["committee@x.kz"], name
        )
        organizer = _logged_in(app, kazzinc_judge, "organizer@x.kz")
        response = organizer.post(
            f"/programs/{program.slug}/jury/categories/{category.id}/assign-all",
            data={f"c{category.id}-judge": str(judge.id)}, follow_redirects=True,
        )  # fmt: skip
        assert "now scores 1 nominations; 1 skipped for conflicts." in response.get_data(
            as_text=True
        )
        client = _logged_in(app, kazzinc_judge, judge.email)
        queue = client.get(f"/programs/{program.slug}/judging/").get_data(as_text=True)
        base = f"/programs/{program.slug}/judging/{entry.id}"
        document = entry.documents[0]
        assert f'judging/{other.id}"' in queue and f'judging/{entry.id}"' not in queue
        assert client.get(f"/programs/{program.slug}/judging/{other.id}").status_code == 200
        assert client.get(base).status_code == 404
        assert client.post(base, data={"action": "submit"}).status_code == 404
        assert client.get(f"{base}/documents/{document.id}").status_code == 404
        assert client.get(f"/nominations/{entry.id}").status_code == 404


def test_conflicted_pairs_are_the_pairs_has_conflict_holds_for(jury):
    """The proposal's four statements find what has_conflict finds pair by pair: a colleague
    of the nominating committee, an employee of a nominee, the same BIN, a stored conflict
    and an entry's supporter through another entry merged into it."""
    program, committee, organizer = jury["program"], jury["committee"], jury["organizer"]
    entries = jury["entries"]
    colleague = add_judge(program, "colleague.judge@x.kz", "Other")
    colleague.organization = committee.organization
    add_judge(program, "insider@x.kz", "ТОО «Kazzinc Nominee»")
    bin_ = "99014000021" + str(bin_check_digit("99014000021"))
    add_judge(program, "bin.judge@x.kz", "Unrelated name").organization.bin = bin_
    by_bin = accepted_nomination(program, committee, "Совсем другое имя", bin=bin_)
    conflicts.record_conflict(
        nomination=entries["Ulba Nominee"], judge=jury["judges"]["judge2@x.kz"], actor=organizer,
        reason="Former employer",
    )  # fmt: skip
    far_away = factories.organization("Far Away")
    other_committee = factories.user("other.committee@x.kz", organization=far_away)
    programs.grant_role(program=program, user=other_committee, role="committee", actor=organizer)
    far_judge = add_judge(program, "far.judge@x.kz", "Far Away")
    far_judge.organization = other_committee.organization
    duplicate = accepted_nomination(program, other_committee, "Polyana Nominee")
    nominations.merge_nominations(
        keep=entries["Polyana Nominee"], merge=duplicate, actor=organizer, now=SUBMITTED
    )
    db.session.flush()
    judges = assignments.program_judges(program)
    live = [*entries.values(), by_bin]
    expected = {(n.id, j.id) for n in live for j in judges if conflicts.has_conflict(j, n)}
    assert conflicts.conflicted_pairs(judges, live) == expected
    assert len(expected) == 8  # colleague ×4, insider, BIN, stored, merged supporter


def test_automatic_conflicts_of_many_pairs_agree_with_each_pair_alone(jury):
    program, committee = jury["program"], jury["committee"]
    colleague = add_judge(program, "colleague.judge@x.kz", "Other")
    colleague.organization = committee.organization
    insider = add_judge(program, "insider@x.kz", "ТОО «Kazzinc Nominee»")
    judges = {judge.id: judge for judge in [*jury["judges"].values(), colleague, insider]}
    entries = {entry.id: entry for entry in jury["entries"].values()}
    pairs = [(judge, entry) for judge in judges for entry in entries]
    expected = {
        (judge, entry)
        for judge, entry in pairs
        if conflicts.is_automatic_conflict(judges[judge], entries[entry])
    }
    assert conflicts.automatic_conflicts(pairs, judges, entries) == expected
    kazzinc = jury["entries"]["Kazzinc Nominee"].id
    assert (insider.id, kazzinc) in expected and (colleague.id, kazzinc) in expected

"""Walks every URL the app serves to prove who can reach what."""

import io

import pytest
from sqlalchemy import select

from awards.extensions import db
from awards.judging import round_services
from awards.judging.jobs import start_reminders
from awards.judging.models import JudgingRound
from awards.nominations import documents, services
from awards.operations.demo_artwork import demo_pdf
from awards.programs import services as program_services
from tests import factories

PUBLIC = {
    "static", "main.index", "main.healthz", "main.upload_too_large", "accounts.login",
    "accounts.forgot_password",
    "accounts.reset_password", "accounts.accept_invitation", "accounts.switch_language",
    "results.public", "certificates.verify", "rsvp.answer", "rsvp.calendar", "protocols.verify",
    # The hall screen: no login, its secret link is the key (404 without it); the fonts it uses.
    "screen.show", "screen.state", "screen.slide", "screen.move", "screen.font",
}  # fmt: skip
# Program pages every role of the program may open; the rest are the organizers'.
MEMBER_PAGES = {"programs.index", "programs.detail", "programs.category", "programs.logo"}
ACCOUNT_PAGES = {"accounts.profile", "accounts.change_password", "accounts.logout"}
# Nomination pages about one program (the rest are about one entry, addressed by its id).
PROGRAM_NOMINATION_PAGES = {
    "nominations.dashboard", "nominations.new", "review.inbox_page", "review.open_nominations",
    "review.close_nominations", "review.review_many",
}  # fmt: skip


@pytest.fixture(autouse=True)
def qualifying_round(program):
    """A qualifying round in the first category, so that its pages exist (round_id 1)."""
    organizer = next(role.user for role in program.roles if role.role == "organizer")
    judging_round = round_services.add_round(
        category=program.categories[0], actor=organizer, name="qualifying"
    )
    db.session.commit()
    return judging_round


@pytest.fixture
def entry(program):
    """A submitted nomination of committee@x.kz's organization with one document."""
    member = next(role.user for role in program.roles if role.user.email == "committee@x.kz")
    nomination = services.create_nomination(
        program=program, category=program.categories[0], actor=member,
        org_name={"ru": "ТОО «Казцинк»"}, justification="За вклад", contact_name="Айдана",
        contact_email="a@x.kz",
    )  # fmt: skip
    documents.add_document(
        nomination=nomination, actor=member, stream=io.BytesIO(demo_pdf(["Letter"])),
        filename="letter.pdf",
    )  # fmt: skip
    services.submit_nomination(nomination=nomination, actor=member)
    db.session.commit()
    return nomination


def is_nomination_page(endpoint):
    return endpoint.startswith(("nominations.", "review."))


def build_urls(app, program, entry=None):
    """One concrete URL per rule and method, filled with ids that exist."""
    category = program.categories[0]
    judge = next(role.user for role in program.roles if role.role == "judge")
    values = {
        "slug": program.slug, "category_id": category.id,
        "criterion_id": category.criteria[0].id, "role_id": program.roles[0].id,
        "token": "token", "filename": "css/app.css", "theme": "classic",
        "nomination_id": entry.id if entry else 1,
        "document_id": entry.documents[0].id if entry else 1,
        "assignment_id": 1, "scorecard_id": 1, "certificate_id": 1, "judge_id": judge.id,
        "table": "ranking", "item_id": 1, "partner_id": 1, "job_id": 1,
        "organization_id": program.roles[0].user.organization_id, "alias_id": 1, "protocol_id": 1,
        "guest_id": 1, "round_id": db.session.scalar(select(JudgingRound.id).limit(1)) or 1,
    }  # fmt: skip
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            url = rule.build({name: values[name] for name in rule.arguments})[1]
            for method in sorted(rule.methods & {"GET", "POST"}):
                yield rule.endpoint, method, url


# Judging pages about the program rather than one entry: refused (403) to whoever is not its
# judge or not on the qualifying round's jury; an entry's pages do not exist for them (404).
JUROR_PROGRAM_PAGES = {"judging.queue", "judging.round_votes", "judging.cast_vote"}


def is_judging_page(endpoint):
    return endpoint.startswith("judging.")


def is_jury_page(endpoint):
    return endpoint.startswith(("jury.", "deliberation."))


# Results pages of the program's judges: their own totals beside the panel's (results/my-totals).
JUDGE_RESULTS_PAGES = {"results.my_totals"}


def is_results_page(endpoint):
    return (
        endpoint.startswith(("results", "meeting.", "feedback."))
        and endpoint not in PUBLIC
        and endpoint not in JUDGE_RESULTS_PAGES
    )


def is_certificates_page(endpoint):
    return endpoint.startswith("certificates.") and endpoint not in PUBLIC


def is_ceremony_page(endpoint):
    return endpoint.startswith("ceremony.")


def is_protocols_page(endpoint):
    return endpoint.startswith("protocols.") and endpoint not in PUBLIC


def is_jobs_page(endpoint):
    return endpoint.startswith("jobs.")


def is_organizations_page(endpoint):
    return endpoint.startswith("organizations.")


def test_every_endpoint_is_classified(app, program):
    endpoints = {endpoint for endpoint, _, _ in build_urls(app, program)}
    programs = {e for e in endpoints if e.startswith("programs.")}
    nominations = {e for e in endpoints if is_nomination_page(e)}
    judging = {e for e in endpoints if is_judging_page(e) or is_jury_page(e)}
    results = {e for e in endpoints if is_results_page(e)}
    certificates = {e for e in endpoints if is_certificates_page(e)}
    ceremony = {e for e in endpoints if is_ceremony_page(e)}
    jobs = {e for e in endpoints if is_jobs_page(e)}
    organizations = {e for e in endpoints if is_organizations_page(e)}
    protocols = {e for e in endpoints if is_protocols_page(e)}
    organizers = results | certificates | ceremony | jobs | organizations | protocols
    judges = JUDGE_RESULTS_PAGES
    assert endpoints == (
        PUBLIC | ACCOUNT_PAGES | programs | nominations | judging | organizers | judges
    )
    assert programs >= MEMBER_PAGES
    assert nominations >= PROGRAM_NOMINATION_PAGES


def test_anonymous_reaches_only_public_pages(app, client, program, entry):
    for endpoint, method, url in build_urls(app, program, entry):
        response = client.open(url, method=method)
        response.close()
        if endpoint in PUBLIC:
            assert response.status_code != 401, url
            continue
        assert response.status_code == 302, (method, url)
        assert response.location.startswith("/login?next="), (method, url)


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_other_roles_are_refused_organizer_pages(app, client, auth, program, email):
    auth.login(email)
    for endpoint, method, url in build_urls(app, program):
        if not endpoint.startswith("programs.") or endpoint in MEMBER_PAGES:
            continue
        assert client.open(url, method=method).status_code == 403, (method, url)
    assert len(program.roles) == 3


def test_outsider_cannot_even_detect_a_program(app, client, auth, program, entry):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login("outsider@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if endpoint in {"programs.index", "programs.new"}:
            continue
        if endpoint.startswith("programs.") or is_nomination_page(endpoint):
            assert client.open(url, method=method).status_code == 404, (method, url)
        if is_judging_page(endpoint) or is_jury_page(endpoint):
            assert client.open(url, method=method).status_code == 404, (method, url)


def test_another_committee_cannot_detect_an_entry(app, client, auth, program, entry):
    rival = factories.user("rival@x.kz", organization=factories.organization("Rival College"))
    organizer = program.roles[0].user
    program_services.grant_role(program=program, user=rival, role="committee", actor=organizer)
    auth.login("rival@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if is_nomination_page(endpoint) and endpoint not in PROGRAM_NOMINATION_PAGES:
            response = client.open(url, method=method)
            response.close()
            assert response.status_code == 404, (method, url)


def test_judge_sees_no_entries_and_no_inbox(app, client, auth, program, entry):
    auth.login("judge@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if is_nomination_page(endpoint):
            response = client.open(url, method=method)
            response.close()
            expected = 403 if endpoint in PROGRAM_NOMINATION_PAGES else 404
            assert response.status_code == expected, (method, url)


def test_committee_is_refused_the_review_pages(app, client, auth, program, entry):
    auth.login("committee@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if endpoint.startswith("review."):
            assert client.open(url, method=method).status_code == 403, (method, url)
    assert entry.state == "submitted"


def test_organizer_reads_every_entry_page_but_writes_none(app, client, auth, program, entry):
    auth.login("organizer@x.kz")
    committee_writes = {"nominations.new", "nominations.edit"}
    for endpoint, method, url in build_urls(app, program, entry):
        if is_nomination_page(endpoint) and method == "GET":
            response = client.get(url)
            response.close()
            expected = (403,) if endpoint in committee_writes else (200, 302)
            assert response.status_code in expected, url


def test_organizer_opens_every_program_page(app, client, auth, program):
    auth.login("organizer@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if endpoint.startswith("programs.") and method == "GET":
            expected = 404 if endpoint == "programs.logo" else 200  # no logo uploaded yet
            assert client.get(url).status_code == expected, url


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_reach_jury_pages(app, client, auth, program, entry, email):
    auth.login(email)
    for endpoint, method, url in build_urls(app, program, entry):
        if is_jury_page(endpoint):
            assert client.open(url, method=method).status_code == 403, (method, url)


def test_committee_reaches_no_judging_page(app, client, auth, program, entry):
    auth.login("committee@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if is_judging_page(endpoint):
            expected = 403 if endpoint in JUROR_PROGRAM_PAGES else 404
            assert client.open(url, method=method).status_code == expected, (method, url)


def test_unassigned_judge_cannot_open_an_entry(app, client, auth, program, entry):
    auth.login("judge@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if is_judging_page(endpoint) and endpoint not in JUROR_PROGRAM_PAGES:
            assert client.open(url, method=method).status_code == 404, (method, url)
        elif endpoint in JUROR_PROGRAM_PAGES - {"judging.queue"}:  # not on the round's jury
            assert client.open(url, method=method).status_code == 403, (method, url)


def test_organizer_opens_every_jury_page(app, client, auth, program, entry):
    auth.login("organizer@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if is_jury_page(endpoint) and method == "GET":
            assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_reach_rankings_and_decisions(app, client, auth, program, entry, email):
    auth.login(email)
    for endpoint, method, url in build_urls(app, program, entry):
        if is_results_page(endpoint):
            response = client.open(url, method=method)
            response.close()
            assert response.status_code == 403, (method, url)


def test_outsider_gets_404_on_results_pages(app, client, auth, program, entry):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login("outsider@x.kz")
    for endpoint, method, url in build_urls(app, program, entry):
        if is_results_page(endpoint) or endpoint == "results.public":
            response = client.open(url, method=method)
            response.close()
            assert response.status_code == 404, (method, url)


EXPORT_PAGES = {"results_export.workbook", "results_export.table"}


def test_exports_are_results_pages_organizers_download(app, client, auth, program):
    """Classified with the results pages above (others 403, outsiders 404, anonymous → login)."""
    endpoints = {endpoint for endpoint, _, _ in build_urls(app, program)}
    assert endpoints >= EXPORT_PAGES and all(is_results_page(e) for e in EXPORT_PAGES)
    auth.login("organizer@x.kz")
    for endpoint, _method, url in build_urls(app, program):
        if endpoint in EXPORT_PAGES:
            response = client.get(url)
            assert response.status_code == 200, url
            assert response.headers["Content-Disposition"].startswith("attachment;"), url


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_reach_certificate_pages(app, client, auth, program, email):
    auth.login(email)
    for endpoint, method, url in build_urls(app, program):
        if is_certificates_page(endpoint):
            assert client.open(url, method=method).status_code == 403, (method, url)


def test_outsider_gets_404_on_certificate_pages(app, client, auth, program):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login("outsider@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if is_certificates_page(endpoint):
            assert client.open(url, method=method).status_code == 404, (method, url)


def test_organizer_opens_the_certificates_page(app, client, auth, program):
    auth.login("organizer@x.kz")
    assert client.get(f"/programs/{program.slug}/certificates").status_code == 200


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_reach_ceremony_pages(app, client, auth, program, email):
    auth.login(email)
    for endpoint, method, url in build_urls(app, program):
        if is_ceremony_page(endpoint):
            assert client.open(url, method=method).status_code == 403, (method, url)


def test_outsider_gets_404_on_ceremony_pages(app, client, auth, program):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login("outsider@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if is_ceremony_page(endpoint):
            assert client.open(url, method=method).status_code == 404, (method, url)


@pytest.fixture
def job(program):
    """Job 1: reminders an organizer sent (to nobody: no judge is assigned yet)."""
    organizer = program.roles[0].user
    job = start_reminders(program=program, actor=organizer)
    db.session.commit()
    return job


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz", "outsider@x.kz"])
def test_a_job_is_its_starters_and_the_organizers(app, client, auth, program, job, email):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login(email)
    for endpoint, method, url in build_urls(app, program):
        if is_jobs_page(endpoint):
            response = client.open(url, method=method)
            response.close()
            expected = 403 if endpoint == "jobs.program_jobs" and email != "outsider@x.kz" else 404
            assert response.status_code == expected, (method, url)


def test_organizer_opens_every_job_page(app, client, auth, program, job):
    auth.login("organizer@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if is_jobs_page(endpoint) and method == "GET":
            response = client.get(url)
            response.close()
            expected = 404 if endpoint == "jobs.result" else 200  # reminders leave no file
            assert response.status_code == expected, url


@pytest.mark.parametrize("email", ["committee@x.kz", "judge@x.kz"])
def test_only_organizers_reach_organization_pages(app, client, auth, program, email):
    auth.login(email)
    for endpoint, method, url in build_urls(app, program):
        if is_organizations_page(endpoint):
            assert client.open(url, method=method).status_code == 403, (method, url)


def test_outsider_gets_404_on_organization_pages(app, client, auth, program):
    factories.user("outsider@x.kz", organization=factories.organization("Outsider LLP"))
    auth.login("outsider@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if is_organizations_page(endpoint):
            assert client.open(url, method=method).status_code == 404, (method, url)


def test_organizer_opens_every_organization_page(app, client, auth, program):
    auth.login("organizer@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if is_organizations_page(endpoint) and method == "GET":
            assert client.get(url).status_code == 200, url

"""Walks every URL the app serves to prove who can reach what."""

import pytest

from tests import factories

PUBLIC = {
    "static", "main.index", "main.healthz", "accounts.login", "accounts.forgot_password",
    "accounts.reset_password", "accounts.accept_invitation", "accounts.switch_language",
}  # fmt: skip
# Program pages every role of the program may open; the rest are the organizers'.
MEMBER_PAGES = {"programs.index", "programs.detail", "programs.category"}
ACCOUNT_PAGES = {"accounts.profile", "accounts.change_password", "accounts.logout"}


def build_urls(app, program):
    """One concrete URL per rule and method, filled with ids that exist."""
    category = program.categories[0]
    values = {
        "slug": program.slug, "category_id": category.id,
        "criterion_id": category.criteria[0].id, "role_id": program.roles[0].id,
        "token": "token", "filename": "css/app.css",
    }  # fmt: skip
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            url = rule.build({name: values[name] for name in rule.arguments})[1]
            for method in sorted(rule.methods & {"GET", "POST"}):
                yield rule.endpoint, method, url


def test_every_endpoint_is_classified(app, program):
    endpoints = {endpoint for endpoint, _, _ in build_urls(app, program)}
    programs = {e for e in endpoints if e.startswith("programs.")}
    assert endpoints == PUBLIC | ACCOUNT_PAGES | programs
    assert programs >= MEMBER_PAGES


def test_anonymous_reaches_only_public_pages(app, client, program):
    for endpoint, method, url in build_urls(app, program):
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


def test_outsider_cannot_even_detect_a_program(app, client, auth, program):
    factories.user("outsider@x.kz")
    auth.login("outsider@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if endpoint.startswith("programs.") and endpoint not in {"programs.index", "programs.new"}:
            assert client.open(url, method=method).status_code == 404, (method, url)


def test_organizer_opens_every_program_page(app, client, auth, program):
    auth.login("organizer@x.kz")
    for endpoint, method, url in build_urls(app, program):
        if endpoint.startswith("programs.") and method == "GET":
            assert client.get(url).status_code == 200, url

"""Ids in addresses: numbers too large to be an id are not found, never a crash."""

import pytest

from awards.routing import MAX_ID, id_arg
from tests.test_url_map import build_urls

HUGE = "99999999999999999999999"


@pytest.mark.parametrize("text", ["0", "-1", str(MAX_ID + 1), HUGE, "1e3", ""])
def test_id_arg_refuses_what_cannot_be_an_id(text):
    with pytest.raises(ValueError):
        id_arg(text)


def test_id_arg_takes_the_largest_id():
    assert id_arg(str(MAX_ID)) == MAX_ID


def test_every_route_answers_a_huge_id_with_not_found(app, client, auth, program):
    auth.login("organizer@x.kz")
    tried = 0
    for endpoint, method, url in build_urls(app, program):
        parts = url.split("/")
        if not any(part.isdigit() for part in parts):  # only <int:…> parts are all digits
            continue
        huge = "/".join(HUGE if part.isdigit() else part for part in parts)
        response = client.open(huge, method=method)
        assert response.status_code in (404, 405), (endpoint, method, huge)
        tried += 1
    assert tried > 20


def test_a_huge_category_in_the_query_string_is_ignored(client, auth, program):
    auth.login("organizer@x.kz")
    response = client.get(f"/programs/{program.slug}/inbox?category={HUGE}")
    assert response.status_code == 200

"""Long lists a page at a time (awards/paging.py): page numbers, exact counts, addresses that
keep the filters."""

import pytest
from sqlalchemy import select
from werkzeug.datastructures import MultiDict

from awards import paging
from awards.accounts.models import User
from awards.extensions import db
from tests import factories


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("", 1),
        ("1", 1),
        ("7", 7),
        ("0", 1),
        ("-3", 1),
        ("abc", 1),
        ("٣", 1),
        ("99999999999", paging.MAX_PAGE),
    ],
)
def test_a_page_number_is_a_positive_whole_number_else_the_first_page(text, number):
    assert paging.page_number({"page": text}) == number


def test_a_list_in_memory_is_cut_into_pages_and_past_the_end_is_the_last():
    items = list(range(1, 124))
    first = paging.paginate_list(items, number=1, per_page=50)
    assert first.items == list(range(1, 51)) and first.pages == 3 and first.total == 123
    assert (first.first_position, first.last_position) == (1, 50)
    assert not first.has_previous and first.has_next
    last = paging.paginate_list(items, number=9, per_page=50)
    assert last.number == 3 and last.items == list(range(101, 124))
    assert (last.first_position, last.last_position) == (101, 123) and not last.has_next
    empty = paging.paginate_list([], number=4, per_page=50)
    assert empty.number == 1 and empty.pages == 1 and not empty and empty.first_position == 0


def test_a_query_is_paged_in_the_database_with_an_exact_count(app):
    for number in range(7):
        factories.user(email=f"person{number}@example.kz")
    db.session.commit()
    query = select(User).where(User.email.like("person%")).order_by(User.email)
    page = paging.paginate(query, number=2, per_page=3)
    assert page.total == 7 and page.pages == 3
    assert [user.email for user in page] == [f"person{n}@example.kz" for n in (3, 4, 5)]
    assert [u.email for u in paging.paginate(query, number=5, per_page=3)] == ["person6@example.kz"]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [("", ("name", False)), ("name", ("name", False)), ("-total", ("total", True)),
     ("password", ("name", False)), ("--name", ("name", False))],
)  # fmt: skip
def test_only_the_columns_offered_can_sort(sort, expected):
    assert paging.sort_key({"sort": sort}, ("name", "total")) == expected


def test_search_text_is_trimmed_and_bounded():
    assert paging.search_text({"q": "  ВКО   колледж \t"}) == "ВКО колледж"
    assert len(paging.search_text({"q": "я" * 5000})) == paging.MAX_SEARCH


def test_addresses_keep_the_filters_and_a_new_filter_starts_at_the_first_page(app):
    args = MultiDict([("state", "submitted"), ("q", "Алтай"), ("page", "3")])
    with app.test_request_context("/programs/demo/inbox", query_string=args):
        app.preprocess_request()
        kept = paging.url_with(page=4)
        assert kept.startswith("/programs/demo/inbox?")
        assert "state=submitted" in kept and "page=4" in kept and "q=%D0%90" in kept
        refiltered = paging.url_with(state="accepted")
        assert "page=" not in refiltered and "state=accepted" in refiltered
        assert "state=" not in paging.url_with(state=None)

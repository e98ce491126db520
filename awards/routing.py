"""Ids in addresses and query strings: the database's integers and nothing larger.

SQLite cannot bind an integer past 2**63 and PostgreSQL's ``integer`` stops at 2**31 - 1, so an
id beyond that is not looked up at all: it cannot name a row, and asking would crash.
"""

from werkzeug.routing import IntegerConverter

MAX_ID = 2**31 - 1


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: a number too large to be an id is not found (404)."""

    def __init__(self, url_map, *args, **kwargs) -> None:
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def id_arg(text: str) -> int:
    """For ``request.args.get(name, type=id_arg)``: a positive id, else ValueError (Flask then
    answers as if the argument were missing)."""
    value = int(text)
    if not 0 < value <= MAX_ID:
        raise ValueError(text)
    return value

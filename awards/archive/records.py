"""Writing one archived record: its time written and read back as stored, its refusal named by
its path."""

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from flask_babel import gettext as _
from sqlalchemy.exc import DataError, IntegrityError

from awards.archive.schema import ArchiveError, refuse
from awards.errors import DomainError
from awards.extensions import db


def time_text(value: datetime | None) -> str | None:
    """A stored time as the archive writes it (parse_time reads it back)."""
    return value.isoformat() if value is not None else None


def parse_time(value: str | None) -> datetime | None:
    """An archived time as naive UTC, the form every time is stored in."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value)
    return moment.astimezone(UTC).replace(tzinfo=None) if moment.tzinfo else moment


@contextmanager
def record(path: str) -> Iterator[None]:
    """Write one record; whatever refuses it is reported with its path."""
    try:
        yield
        db.session.flush()
    except ArchiveError:
        raise
    except DomainError as error:
        raise refuse(path, error.message) from error
    except (IntegrityError, DataError) as error:
        rule = str(error.orig).splitlines()[0]
        raise refuse(path, _("breaks a rule of the database (%(rule)s).", rule=rule)) from error

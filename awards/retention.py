"""How long files that nobody needs any more are kept: job results, uploaded inputs of jobs
that ended, the PDFs of revoked and superseded certificates. FILE_RETENTION_DAYS says; pages
tell the organizer the date, and housekeeping (the job worker, daily, or `flask files
collect`) deletes them after it."""

from datetime import datetime, timedelta

from flask import current_app


def retention_period() -> timedelta:
    return timedelta(days=current_app.config["FILE_RETENTION_DAYS"])


def kept_until(since: datetime) -> datetime:
    """When a file no longer needed from ``since`` on is deleted."""
    return since + retention_period()

"""Housekeeping: files past their retention period are deleted, every domain's in one step.
The job worker runs it once a day; `flask --app awards files collect` runs it from cron."""

from datetime import datetime

from awards.certificates.registry import collect_replaced_files
from awards.extensions import db
from awards.jobs.services import collect_expired_job_files


def collect_expired_files(*, now: datetime | None = None) -> dict[str, int]:
    """How many files of each kind were deleted. Commits: each run is its own transaction."""
    counts = {
        "job files": collect_expired_job_files(now=now),
        "certificate PDFs": collect_replaced_files(now=now),
    }
    db.session.commit()
    return counts

"""The queue's daily housekeeping: registered once, due once a day at a quiet hour."""

from datetime import datetime

from awards.jobs.queue import DAILY_AT, job_queue


def test_daily_work_is_due_once_a_day_and_runs_in_the_app(app):
    ran = []
    job_queue().every_day("note_the_day", lambda: ran.append(app.config["FILE_RETENTION_DAYS"]))
    huey = job_queue().huey
    hour, minute = DAILY_AT
    due = huey.read_periodic(datetime(2026, 12, 7, hour, minute))
    assert [task.name for task in due] == ["note_the_day"]
    assert huey.read_periodic(datetime(2026, 12, 7, hour, minute + 1)) == []
    huey.execute(due[0])
    assert ran == [90]

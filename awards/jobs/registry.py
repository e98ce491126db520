"""The kinds of job an app knows: each domain registers its own (in its jobs.py) with the runner
that does the work, the label its page shows and the links to its results; jobs/ names none."""

from collections.abc import Callable
from dataclasses import dataclass

from flask import Flask, current_app

from awards.jobs.models import KIND_LENGTH, Job

EXTENSION_KEY = "awards.jobs.kinds"


@dataclass
class Outcome:
    """What a finished job leaves: counts to show, a sentence, and maybe a file to download."""

    summary: dict
    message: str
    file: bytes | None = None
    file_name: str | None = None


# progress(done, total, message=None): the checkpoints a runner reports to (see tasks.py).
Progress = Callable[..., None]
Runner = Callable[[Job, Progress], Outcome]
# (label, url) pairs shown on a finished job's page after its own result file.
ResultLinks = Callable[[Job], list[tuple[str, str]]]


def _no_links(job: Job) -> list[tuple[str, str]]:
    return []


@dataclass(frozen=True)
class JobKind:
    name: str
    runner: Runner
    label: object  # a lazy string: shown in the reader's language
    result_links: ResultLinks = _no_links


def register_job_kind(
    app: Flask, name: str, *, runner: Runner, label: object, result_links: ResultLinks = _no_links
) -> None:
    """Make ``name`` a kind of job of ``app``: its pages, its workers and its commands.

    Called by a domain's ``register_job_kinds(app)``, which the app factory calls; per app,
    so every process that makes the app (web, worker, command) knows the same kinds.
    """
    kinds = app.extensions.setdefault(EXTENSION_KEY, {})
    if name in kinds:
        raise ValueError(f"job kind {name!r} is registered twice")
    if not 0 < len(name) <= KIND_LENGTH:
        raise ValueError(f"job kind {name!r} does not fit the jobs table")
    kinds[name] = JobKind(name, runner, label, result_links)


def job_kinds() -> dict[str, JobKind]:
    """The current app's kinds by name."""
    return current_app.extensions.get(EXTENSION_KEY, {})


def job_kind(name: str) -> JobKind:
    """The registered kind ``name``; LookupError when no domain registered it."""
    try:
        return job_kinds()[name]
    except KeyError:
        raise LookupError(f"no job kind {name!r} is registered") from None


def kind_labels() -> dict[str, object]:
    return {name: kind.label for name, kind in job_kinds().items()}

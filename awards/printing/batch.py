"""Many certificates at once: alike certificates share chunks, each chunk is rendered the fast
way or else the plain way, runs of alike chunks go to worker processes, and the files and the
combined PDF come back in the order given."""

import dataclasses
import math
import multiprocessing
import queue
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from awards.printing import fast, plain
from awards.printing.chunk import Chunk, Options
from awards.printing.errors import PageOverflowError
from awards.printing.fetcher import strict_weasyprint
from awards.printing.fonts import check_families
from awards.printing.merge import merge_pdfs
from awards.printing.prepared import lock, page_stylesheet, prepare, warm_up
from awards.printing.qr import qr_matrix
from awards.printing.themes import Theme
from awards.printing.values import (
    DEFAULT_LANGUAGES,
    FIT_STEPS,
    certificate_context_without_qr,
)

Progress = Callable[[int, int], None]
CHUNKS_PER_WORKER = 4  # at least, in a batch spread over processes
_worker: dict = {}  # in a worker process: the queue its progress goes to


@dataclass(frozen=True)
class CertificateBatch:
    """One PDF per certificate and every page in one PDF, both in the order given."""

    files: list[bytes]
    combined: bytes


def render_pages(theme: Theme, contexts: list[dict], matrices: list, options: Options) -> Chunk:
    """The pages of ``contexts`` (whose QR codes are ``matrices``) in one chunk: the fast path
    when it is used and succeeds, else the plain path. A certificate too long for its page is
    set again a step smaller (values.FIT_STEPS) until it fits.

    Raises PrintingError when WeasyPrint refuses a resource, warns (a missing glyph), needs a
    font the theme does not ship; PageOverflowError when a certificate needs two pages even
    in the smallest step.
    """
    while True:
        try:
            return _render_pages(theme, contexts, matrices, options)
        except PageOverflowError as error:
            if not error.indexes or any(
                contexts[index]["fit"] + 1 >= FIT_STEPS for index in error.indexes
            ):
                raise
            contexts = [
                {**context, "fit": context["fit"] + 1} if index in error.indexes else context
                for index, context in enumerate(contexts)
            ]


def _render_pages(theme: Theme, contexts: list[dict], matrices: list, options: Options) -> Chunk:
    with lock, strict_weasyprint():
        prepared = prepare(theme)
        page = page_stylesheet(theme.certificate_page_size, options.bleed, options.crop_marks)
        wanted = {"files": options.files, "combined": options.combined}
        chunk = None
        if options.fast:
            chunk = fast.render_chunk(prepared, contexts, matrices, page, **wanted)
        if chunk is None:  # not asked for, not used with these versions, or it failed
            chunk = plain.render_chunk(prepared, contexts, matrices, page, **wanted)
    check_families(theme, chunk.font_families)
    return chunk


def combined_pdf(chunks: list[Chunk], order: list[tuple[int, int]]) -> bytes | None:
    """The pages of ``chunks`` in one PDF, as ``order`` lists them by (chunk, page); None if
    the fast path failed to join its pages (then render the combined PDF the plain way)."""
    if all(chunk.fast for chunk in chunks):
        return fast.join_parts([chunk.combined for chunk in chunks], order)
    # Some chunks took the plain path: each chunk a PDF of its own, then pypdf.
    pdfs = [fast.join_parts([chunk.combined]) if chunk.fast else chunk.combined for chunk in chunks]
    if any(pdf is None for pdf in pdfs):
        return None
    if len(pdfs) == 1 and order == [(0, page) for page in range(chunks[0].count)]:
        return pdfs[0]
    return merge_pdfs(pdfs, order)


def _likeness(data: dict) -> tuple:
    # Certificates of one kind and category whose names are about as long tend to share their
    # page layouts, which a chunk then lays out and draws once for all of them.
    languages = data.get("languages") or DEFAULT_LANGUAGES
    names = data.get("recipient")
    names = names if isinstance(names, dict) else dict.fromkeys(languages, names)
    lengths = [len(str(names.get(code) or "")) for code in languages]
    return (str(data.get("kind")), repr(languages), repr(data.get("category")), lengths)


def render_batch(
    theme: Theme, certificates: list[dict], options: Options, *, chunk_size: int,
    workers: int, progress: Progress | None = None,
) -> CertificateBatch:  # fmt: skip
    """The certificates in chunks of at most ``chunk_size``, on ``workers`` processes (one:
    in this process); ``progress(done, total)`` after each chunk."""
    if not certificates:
        return CertificateBatch([], b"")
    for index, data in enumerate(certificates):
        certificate_context_without_qr(data, theme, index)  # bad input fails before rendering
    order = sorted(range(len(certificates)), key=lambda index: _likeness(certificates[index]))
    if len(certificates) <= chunk_size:
        workers = 1  # starting processes would take longer than the one chunk
    # Several chunks per worker, so that progress moves while they work side by side.
    per_worker = CHUNKS_PER_WORKER if workers > 1 else 1
    size = max(1, min(chunk_size, math.ceil(len(certificates) / (workers * per_worker))))
    jobs = [(theme, [(index, certificates[index]) for index in order[start : start + size]],
             options) for start in range(0, len(certificates), size)]  # fmt: skip
    if min(workers, len(jobs)) == 1:
        chunks = _in_this_process(jobs, len(certificates), progress)
    else:
        run = math.ceil(len(jobs) / min(workers, len(jobs)))
        runs = [jobs[start : start + run] for start in range(0, len(jobs), run)]
        chunks = _in_processes(theme, runs, len(certificates), progress)
    files, combined = _in_given_order(chunks, order, size, options)
    if combined is None:  # the fast path rendered the pages but failed to join them
        plain_only = dataclasses.replace(options, files=False, fast=False)
        combined = render_batch(
            theme, certificates, plain_only, chunk_size=size, workers=1
        ).combined
    return CertificateBatch(files, combined)


def _in_given_order(chunks: list, order: list[int], size: int, options) -> tuple:
    """The files and the combined PDF (None if the fast path failed to join its pages)."""
    # The stack of paper follows the ceremony, whatever order the chunks were rendered in.
    where = sorted((index, position // size, position % size)
                   for position, index in enumerate(order))  # fmt: skip
    files = [chunks[chunk].files[page] for _, chunk, page in where] if options.files else []
    combined = (
        combined_pdf(chunks, [(chunk, page) for _, chunk, page in where])
        if options.combined else b""
    )  # fmt: skip
    return files, combined


def _in_this_process(jobs: list[tuple], total: int, progress: Progress | None) -> list:
    chunks, done = [], 0
    for job in jobs:
        chunks.append(_render_job(job))
        done += chunks[-1].count
        if progress is not None:
            progress(done, total)
    return chunks


def _in_processes(theme: Theme, runs: list[list], total: int, progress: Progress | None) -> list:
    # spawn, not fork: the caller may be a threaded web server holding locks. Each worker
    # takes one run of alike chunks (so lays out fewer kinds of page) and reports each chunk.
    spawn = multiprocessing.get_context("spawn")
    reports = spawn.Queue()
    pool = ProcessPoolExecutor(
        len(runs), mp_context=spawn, initializer=_start_worker, initargs=(theme, reports)
    )
    try:
        futures = [pool.submit(_render_run, run) for run in runs]
        done = 0
        while done < total and not any(future.exception(0) for future in futures if future.done()):
            try:
                done += reports.get(timeout=0.2)
            except queue.Empty:
                continue
            if progress is not None:
                progress(done, total)
        return [chunk for future in futures for chunk in future.result()]
    finally:
        # The workers' own tidying up (a second or more with all their layouts) is not waited
        # for; they exit by themselves.
        pool.shutdown(wait=False, cancel_futures=True)


def _start_worker(theme: Theme, reports) -> None:
    # Load WeasyPrint, the theme's stylesheet and fonts once, before the first chunk.
    _worker["reports"] = reports
    warm_up(theme)


def _render_run(jobs: list[tuple]) -> list:
    chunks = []
    for job in jobs:
        chunks.append(_render_job(job))
        _worker["reports"].put(chunks[-1].count)
    return chunks


def _render_job(job: tuple) -> Chunk:
    theme, numbered, options = job
    contexts = [certificate_context_without_qr(data, theme, index) for index, data in numbered]
    matrices = [qr_matrix(context["verify_url"]) for context in contexts]
    return render_pages(theme, contexts, matrices, options)

"""Every organizer and judge page of a national program, one request at a time, through gunicorn.

    .venv/bin/python benchmarks/pages.py [--repeat 20] [--database-url URL] [--workers 2]

Builds the large demo (`flask --app awards demo --scale large`: 2,000 entries, 100 judges,
30,000 scorecards) in a temporary instance folder (a SQLite file, or the empty PostgreSQL
database --database-url names, migrated first) and starts gunicorn with the production config
on a free port of 127.0.0.1. Then, as the organizer, it finds the pages by following the links
of the program's pages (the program page, and from each page it reaches every link inside the
program, three clicks deep: filters, page 2 of a list, a category's detail, a judge's), keeping
one address per kind of page (the same path with other numbers and the same query arguments is
the same kind), and adds the inbox searched by a BIN. As the first judge it takes the queue
and a scorecard. Each page is asked for --repeat times by one client, each time beside a
/healthz request; the table gives p50 and p95 per page, the HTML size, and each page's p50
against /healthz's in the same run, then the worst page against the goal (p50 under 300 ms,
HTML under 300 KB). Only HTML pages are timed (exports are files, measured elsewhere).

Only 127.0.0.1 is ever contacted. Wall-clock times: run it on a quiet machine.
"""

import argparse
import html
import http.client
import os
import platform
import re
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

# The load benchmark's client, server and figures; this script runs beside it in benchmarks/.
from load import (  # noqa: E402  (a sibling script)
    HOST,
    TODO_LINK,
    Browser,
    Measurements,
    cpu_model,
    free_port,
    in_workdir,
    large_demo,
    log_in,
    percentile,
    start_server,
)
from sqlalchemy import create_engine, select

from awards.nominations.models import Nomination, NominationState
from awards.operations.large_demo import LARGE_DEMO_SLUG, ORGANIZER_EMAIL, judge_email
from awards.programs.models import Program
from config import database_url

GOAL_MS = 300
GOAL_KB = 300
LINK = re.compile(r'<a\b[^>]*\bhref="([^"#]+)')
PROGRAM = f"/programs/{LARGE_DEMO_SLUG}"
# Not pages to look at: logging out, the public side, files.
SKIP = re.compile(r"/logout|/export|\.(?:xlsx|csv|pdf|zip|png|svg|ics)(?:\?|$)|/download|/files/")


def get(browser: Browser, path: str) -> tuple[int, str, bytes, float]:
    """One GET with the browser's cookies: status, content type, body, seconds."""
    connection = http.client.HTTPConnection(HOST, browser.port, timeout=120)
    headers = {"Accept-Language": "en"}
    if browser.cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in browser.cookies.items())
    started = time.perf_counter()
    try:
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    seconds = time.perf_counter() - started
    return response.status, response.headers.get("Content-Type", ""), body, seconds


def kind_of(path: str) -> str:
    """Addresses of one kind of page: numbers in the path and argument values left out."""
    parts = urllib.parse.urlsplit(path)
    names = sorted({name for name, _ in urllib.parse.parse_qsl(parts.query)})
    return re.sub(r"\d+", "N", parts.path) + ("?" + "&".join(names) if names else "")


def links(body: bytes) -> list[str]:
    found = []
    for href in LINK.findall(body.decode("utf-8", "replace")):
        href = html.unescape(href)
        if href.startswith(PROGRAM) and not SKIP.search(href):
            found.append(href)
    return found


def discover(browser: Browser, start: list[str], depth: int = 3) -> list[str]:
    """The organizer's pages reachable from ``start`` by following links inside the program,
    one address per kind of page, in the order they were found."""
    kinds: dict[str, str] = {}
    frontier = list(start)
    for _level in range(depth + 1):
        following = []
        for path in frontier:
            if kind_of(path) in kinds:
                continue
            status, content_type, body, _seconds = get(browser, path)
            if status != 200 or not content_type.startswith("text/html"):
                continue
            kinds[kind_of(path)] = path
            following += links(body)
        frontier = following
    return list(kinds.values())


def a_bin(url: str) -> str | None:
    """The BIN of one accepted entry of the large demo, to search the inbox for."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            program_id = connection.scalar(
                select(Program.id).where(Program.slug == LARGE_DEMO_SLUG)
            )
            return connection.scalar(
                select(Nomination.bin).where(
                    Nomination.program_id == program_id, Nomination.bin.is_not(None),
                    Nomination.state == NominationState.ACCEPTED,
                ).order_by(Nomination.id.desc())
            )  # fmt: skip
    finally:
        engine.dispose()


def measure(browser: Browser, pages: list[tuple[str, str]], repeat: int) -> list[dict]:
    """Each page ``repeat`` times, each request beside one /healthz."""
    rows = []
    for role, path in pages:
        times, health, size, status = [], [], 0, None
        for _ in range(repeat):
            health.append(get(browser, "/healthz")[3])
            status, _type, body, seconds = get(browser, path)
            times.append(seconds)
            size = len(body)
        rows.append({
            "role": role, "path": path, "status": status, "kb": size / 1024,
            "p50": statistics.median(times) * 1000, "p95": percentile(times, 0.95) * 1000,
            "healthz": statistics.median(health) * 1000,
        })  # fmt: skip
    return rows


def report(rows: list[dict], facts: dict) -> int:
    print(f"\nmachine: {os.cpu_count()} CPUs, {cpu_model()}; Python {platform.python_version()}")
    print(f"database: {facts['database']}; large demo loaded in {facts['load']:.1f} s; "
          f"gunicorn with {facts['workers']} sync workers, production config, on {HOST}; "
          f"{facts['repeat']} requests per page, one client")  # fmt: skip
    width = max(len(row["path"]) for row in rows) + 2
    print(f"\n{'role':<10}{'page':<{width}}{'p50 ms':>8}{'p95 ms':>8}{'KB':>8}"
          f"{'x healthz':>11}  goal")  # fmt: skip
    worst = None
    for row in rows:
        ratio = row["p50"] / row["healthz"] if row["healthz"] else float("inf")
        within = row["status"] == 200 and row["p50"] < GOAL_MS and row["kb"] < GOAL_KB
        note = (
            "ok"
            if within
            else f"MISSED (HTTP {row['status']})"
            if row["status"] != 200
            else "MISSED"
        )
        print(f"{row['role']:<10}{row['path']:<{width}}{row['p50']:>8.0f}{row['p95']:>8.0f}"
              f"{row['kb']:>8.0f}{ratio:>10.1f}x  {note}")  # fmt: skip
        if worst is None or ratio > worst[0]:
            worst = (ratio, row)
    health = statistics.median(row["healthz"] for row in rows)
    print(f"\n/healthz p50 over the run: {health:.1f} ms")
    ratio, row = worst
    print(f"worst page: {row['path']} at {row['p50']:.0f} ms p50, {ratio:.1f}x /healthz, "
          f"{row['kb']:.0f} KB")  # fmt: skip
    slowest = max(rows, key=lambda r: r["p50"])
    heaviest = max(rows, key=lambda r: r["kb"])
    print(f"slowest: {slowest['path']} {slowest['p50']:.0f} ms (goal {GOAL_MS} ms); "
          f"heaviest: {heaviest['path']} {heaviest['kb']:.0f} KB (goal {GOAL_KB} KB)")  # fmt: skip
    missed = [row for row in rows if not (row["status"] == 200 and row["p50"] < GOAL_MS
                                          and row["kb"] < GOAL_KB)]  # fmt: skip
    print(f"{len(rows) - len(missed)} of {len(rows)} pages within the goal")
    return 1 if missed else 0


def run(args, workdir: Path) -> int:
    env, url, password, seconds = large_demo(args.database_url, workdir)
    facts = {"load": seconds, "workers": args.workers,
             "repeat": args.repeat,
             "database": "PostgreSQL" if url.startswith("postgres") else "SQLite file"}  # fmt: skip
    port = free_port()
    server = start_server(env, port, args.workers, workdir / "gunicorn.log")
    try:
        organizer, judge = Browser(port), Browser(port)
        if not (log_in(organizer, ORGANIZER_EMAIL, password, Measurements())
                and log_in(judge, judge_email(1), password, Measurements())):  # fmt: skip
            sys.exit("could not log in to the large demo")
        bin_ = a_bin(url)
        start = [PROGRAM, f"{PROGRAM}/inbox?q={bin_}"] if bin_ else [PROGRAM]
        found = discover(organizer, start)
        print(f"{len(found)} kinds of organizer page found by following links")
        queue = f"{PROGRAM}/judging/"
        todo = TODO_LINK.findall(get(judge, queue)[2].decode())
        pages = [("organizer", path) for path in found]
        pages += [("judge", path) for path in [queue, *todo[:1]]]
        for _round in range(2):  # both workers have compiled the templates
            for role, path in pages:
                get(organizer if role == "organizer" else judge, path)
        rows = measure(organizer, [p for p in pages if p[0] == "organizer"], args.repeat)
        rows += measure(judge, [p for p in pages if p[0] == "judge"], args.repeat)
    finally:
        server.terminate()
        server.wait(timeout=60)
    return report(rows, facts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20, help="requests per page (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--database-url",
        help="an empty PostgreSQL database to migrate and fill instead of a SQLite file",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary instance folder")
    args = parser.parse_args()
    in_workdir(run, args, "awards-pages-")


if __name__ == "__main__":
    main()

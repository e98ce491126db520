"""Judges scoring at once: gunicorn on the large demo, simulated judges, latency per step.

    .venv/bin/python benchmarks/load.py [--judges 20] [--duration 60] [--database-url URL]

Builds the large demo (`flask --app awards demo --scale large`) in a temporary instance folder
(a SQLite file there, or the empty PostgreSQL database --database-url names, migrated first),
starts gunicorn with the production config on a free port of 127.0.0.1, and lets --judges
simulated judges work for --duration seconds, each in its own thread with its own session:
open the login page, log in, then again and again open the queue, open a scorecard still to
do, submit it with points. A probe asks /healthz ten times a second meanwhile. Prints requests
per second and p50/p95 latency per step, the same for /healthz and the ratio of the p95s, and
compares what the judges were told they submitted with what the database holds afterwards.

Only 127.0.0.1 is ever contacted. The login rate limit is raised for the run (every judge logs
in from the same address); the output says so.
"""

import argparse
import http.client
import os
import platform
import random
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import create_engine, func, select

from awards.accounts.models import User
from awards.audit.models import AuditEntry, SubjectKind
from awards.judging.models import Scorecard
from awards.operations.large_demo import LARGE_DEMO_SLUG, Scale, judge_email
from config import database_url

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
HOST = "127.0.0.1"
LOGIN_RATE_LIMIT = "1000000 per minute"
LOGIN_STEPS = ("login page", "login")
LOOP_STEPS = ("queue", "scorecard", "submit")
STEPS = (*LOGIN_STEPS, *LOOP_STEPS)
QUEUE_PATH = f"/programs/{LARGE_DEMO_SLUG}/judging/"
TODO_LINK = re.compile(r'<tr data-status="(?:not_started|draft)">\s*<td><a href="([^"]+)"')
CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"')
VERSION = re.compile(r'name="version" type="hidden" value="([^"]*)"')
POINTS = re.compile(r'name="(points_\d+)"')


@dataclass
class Measurements:
    """Latencies (seconds) and failures per step, shared by the threads under one lock."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    failures: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    submitted: list[tuple[str, int]] = field(default_factory=list)
    emptied: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def record(self, step: str, seconds: float, failure: str | None = None) -> None:
        with self.lock:
            self.latencies[step].append(seconds)
            if failure:
                self.failures[step].append(failure)

    def fail(self, step: str, failure: str) -> None:
        with self.lock:
            self.failures[step].append(failure)


class Browser:
    """One person's requests: a new connection each (gunicorn's sync workers close them) and
    the cookies the server set. The production cookies are marked Secure, which a browser
    would not send over plain HTTP; this client sends them back anyway, to 127.0.0.1 only."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, form: dict | None = None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=120)
        headers = {"Accept-Language": "en"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode("utf-8", "replace")
        finally:
            connection.close()
        for header in response.headers.get_all("Set-Cookie") or []:
            name, _, value = header.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, response.headers.get("Location", ""), text


def timed(measurements, step, browser, method, path, form=None, *, expect):
    started = time.perf_counter()
    try:
        status, location, text = browser.request(method, path, form)
    except OSError as error:
        measurements.record(step, time.perf_counter() - started, f"{type(error).__name__}")
        return None
    failure = None if status == expect else f"HTTP {status}"
    measurements.record(step, time.perf_counter() - started, failure)
    return None if failure else (location, text)


def log_in(browser: Browser, email: str, password: str, measurements) -> bool:
    page = timed(measurements, "login page", browser, "GET", "/login", expect=200)
    if page is None:
        return False
    form = {"csrf_token": CSRF.search(page[1]).group(1), "email": email, "password": password,
            "next": ""}  # fmt: skip
    return timed(measurements, "login", browser, "POST", "/login", form, expect=302) is not None


def score_one(browser: Browser, rng: random.Random, measurements) -> int | None:
    """Open the queue, then the first scorecard still to do, and submit it with points.

    Returns the nomination's id when the server said "submitted"; 0 when nothing is left."""
    queue = timed(measurements, "queue", browser, "GET", QUEUE_PATH, expect=200)
    if queue is None:
        return None
    todo = TODO_LINK.findall(queue[1])
    if not todo:
        return 0
    card = timed(measurements, "scorecard", browser, "GET", todo[0], expect=200)
    if card is None:
        return None
    form = {"csrf_token": CSRF.search(card[1]).group(1), "action": "submit",
            "version": VERSION.search(card[1]).group(1), "overall_comment": ""}  # fmt: skip
    for name in POINTS.findall(card[1]):
        form[name] = str(rng.randint(0, 10))
        form[name.replace("points_", "comment_")] = ""
    done = timed(measurements, "submit", browser, "POST", todo[0], form, expect=302)
    if done is None or not done[0].endswith(QUEUE_PATH):
        return None
    return int(todo[0].rstrip("/").rsplit("/", 1)[1])


def judge_session(port, email, password, start, duration, measurements, seed) -> None:
    """Log in, wait for everyone to have logged in, then score one nomination after another
    until the time is up (or nothing is left to score)."""
    rng = random.Random(seed)  # noqa: S311  (points to type, not secrets)
    browser = Browser(port)
    try:
        logged_in = log_in(browser, email, password, measurements)
    except AttributeError:  # a page without the form it should have
        measurements.fail("login", "no login form")
        logged_in = False
    start.wait()
    deadline = time.monotonic() + duration
    while logged_in and time.monotonic() < deadline:
        try:
            nomination = score_one(browser, rng, measurements)
        except AttributeError:
            measurements.fail("scorecard", "no scorecard form")
            continue
        if nomination == 0:
            with measurements.lock:
                measurements.emptied += 1
            return
        if nomination:
            with measurements.lock:
                measurements.submitted.append((email, nomination))


def probe_health(port, start, duration, measurements, interval=0.1) -> None:
    browser = Browser(port)
    start.wait()
    deadline = time.monotonic() + duration
    while time.monotonic() < deadline:
        timed(measurements, "healthz", browser, "GET", "/healthz", expect=200)
        time.sleep(interval)


def warm_up(port: int) -> None:
    """Every worker has imported what it imports lazily and compiled the login templates."""
    browser = Browser(port)
    for _ in range(10):
        browser.request("GET", "/login")
        browser.request("GET", "/healthz")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def flask(env: dict, *args: str) -> str:
    result = subprocess.run(  # noqa: S603  (our own venv's flask, fixed arguments)
        [str(BIN / "flask"), "--app", "awards", *args], cwd=ROOT, env=env, check=False,
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        sys.exit(f"flask {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def start_server(env: dict, port: int, workers: int, log: Path) -> subprocess.Popen:
    command = [
        str(BIN / "gunicorn"), "awards:create_app()", "--workers", str(workers),
        "--bind", f"{HOST}:{port}", "--timeout", "120", "--log-level", "warning",
    ]  # fmt: skip
    with log.open("w") as output:
        server = subprocess.Popen(  # noqa: S603  (our own venv's gunicorn)
            command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    browser, started = Browser(port), time.monotonic()
    while time.monotonic() - started < 60:
        try:
            if browser.request("GET", "/healthz")[0] == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    sys.exit(f"gunicorn did not answer on {HOST}:{port}; see {log}")


def database_state(url: str) -> dict:
    """Submitted scorecards by (judge email, nomination id), and 'submitted' events per card."""
    engine = create_engine(database_url(url))
    try:
        with engine.connect() as connection:
            cards = connection.execute(
                select(User.email, Scorecard.nomination_id, func.count())
                .select_from(Scorecard)
                .join(User, User.id == Scorecard.judge_id)
                .where(Scorecard.state == "submitted")
                .group_by(User.email, Scorecard.nomination_id)
            ).all()
            events = connection.execute(
                select(User.email, Scorecard.nomination_id, func.count())
                .select_from(AuditEntry)
                .join(Scorecard, Scorecard.id == AuditEntry.subject_id)
                .join(User, User.id == Scorecard.judge_id)
                .where(
                    AuditEntry.subject_kind == SubjectKind.SCORECARD,
                    AuditEntry.action == "submitted",
                )
                .group_by(User.email, Scorecard.nomination_id)
            ).all()
    finally:
        engine.dispose()
    return {
        "cards": {(email, nomination): n for email, nomination, n in cards},
        "events": {(email, nomination): n for email, nomination, n in events},
    }


def integrity(before: dict, after: dict, believed: list[tuple[str, int]]) -> dict:
    """Lost: a judge was told "submitted" but the database has no submitted scorecard.
    Doubled: a scorecard submitted more than once, two scorecards for one judge and entry,
    or submissions in the database that no judge was told about."""
    new = set(after["cards"]) - set(before["cards"])
    lost = sum(1 for pair in set(believed) if pair not in after["cards"])
    doubled = len(believed) - len(set(believed))
    doubled += sum(1 for pair in new if after["cards"][pair] > 1)
    doubled += sum(1 for pair in new if after["events"].get(pair, 0) > 1)
    doubled += len(new - set(believed))
    return {"told": len(believed), "new in database": len(new), "lost": lost, "doubled": doubled}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def table(measurements: Measurements, steps, seconds: float | None = None) -> dict:
    """Print requests, failures, rate and latency per step; return the p95s in ms."""
    print(f"{'step':<12}{'requests':>10}{'failed':>8}{'req/s':>9}{'p50 ms':>9}{'p95 ms':>9}")
    p95 = {}
    for step in steps:
        values = measurements.latencies.get(step, [])
        if not values:
            continue
        p95[step] = percentile(values, 0.95) * 1000
        rate = f"{len(values) / seconds:.1f}" if seconds and step not in LOGIN_STEPS else "-"
        print(f"{step:<12}{len(values):>10}{len(measurements.failures[step]):>8}{rate:>9}"
              f"{percentile(values, 0.5) * 1000:>9.1f}{p95[step]:>9.1f}")  # fmt: skip
    return p95


def report(args, idle: Measurements, load: Measurements, seconds: float, facts: dict) -> None:
    print(f"\nmachine: {os.cpu_count()} CPUs, {cpu_model()}; Python {platform.python_version()}")
    print("load average (1 min) at the start and the end of the run: "
          f"{facts['load average'][0]:.1f}, {os.getloadavg()[0]:.1f}")  # fmt: skip
    print(f"database: {facts['database']}; large demo loaded in {facts['load']:.1f} s; "
          f"gunicorn with {args.workers} sync workers, production config, on {HOST}")  # fmt: skip
    print(
        f"login rate limit raised to '{LOGIN_RATE_LIMIT}' for this run "
        "(AWARDS_LOGIN_RATE_LIMIT), since every simulated judge logs in from 127.0.0.1"
    )
    print("\none client alone, before the load (one judge's pages, read only):")
    table(idle, ("healthz", "queue", "scorecard"))
    print(
        f"\n{args.judges} simulated judges for {seconds:.0f} s, no pause between requests; "
        "the client threads run on the same CPUs as the server (logins before the clock):"
    )
    p95 = table(load, (*STEPS, "healthz"), seconds)
    judged = sum(len(load.latencies.get(step, [])) for step in LOOP_STEPS)
    print(f"{'scoring steps':<20}{judged / seconds:>17.1f} req/s")
    for step in LOOP_STEPS:
        if step in p95 and p95.get("healthz"):
            print(f"p95 {step} / p95 healthz: {p95[step] / p95['healthz']:.1f}x (goal: at most 5x)")
    for step, failures in load.failures.items():
        if failures:
            print(f"failed {step}: {', '.join(sorted(set(failures)))}")
    if load.emptied:
        print(f"{load.emptied} judges ran out of nominations to score before the end")


def idle_reference(port: int, password: str, samples: int = 20) -> Measurements:
    """One client alone: what each page costs when nobody waits in line. Reads only."""
    measurements, browser = Measurements(), Browser(port)
    if not log_in(browser, judge_email(1), password, Measurements()):
        return measurements
    todo = TODO_LINK.findall(browser.request("GET", QUEUE_PATH)[2])
    for _ in range(samples):
        timed(measurements, "healthz", browser, "GET", "/healthz", expect=200)
        timed(measurements, "queue", browser, "GET", QUEUE_PATH, expect=200)
        if todo:
            timed(measurements, "scorecard", browser, "GET", todo[0], expect=200)
    return measurements


def large_demo(database_url: str | None, workdir: Path) -> tuple[dict, str, str, float]:
    """The production environment for a server on ``workdir`` (a SQLite file there unless
    ``database_url``), migrated and filled with the large demo: (environment, database URL,
    demo password, seconds the demo took to load). Also used by benchmarks/pages.py."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("AWARDS_")}
    env.pop("REDIS_URL", None)
    url = database_url or f"sqlite:///{workdir / 'awards.sqlite3'}"
    password = os.environ.get("AWARDS_DEMO_PASSWORD", "demo-awards-2025")
    env.update(
        FLASK_CONFIG="production", SECRET_KEY=secrets.token_urlsafe(32), DATABASE_URL=url,
        AWARDS_INSTANCE_DIR=str(workdir), AWARDS_DEMO_PASSWORD=password,
        AWARDS_LOGIN_RATE_LIMIT=LOGIN_RATE_LIMIT, AWARDS_LOG_LEVEL="WARNING",
    )  # fmt: skip
    flask(env, "db", "upgrade")
    started = time.perf_counter()
    print(flask(env, "demo", "--scale", "large").strip().splitlines()[0])
    return env, url, password, time.perf_counter() - started


def in_workdir(run, args, prefix: str) -> None:
    """``run(args, workdir)`` in a temporary folder, removed afterwards unless --keep; exits
    with its status."""
    workdir = Path(tempfile.mkdtemp(prefix=prefix))
    try:
        status = run(args, workdir)
    finally:
        if args.keep:
            print(f"instance folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    sys.exit(status)


def run(args, workdir: Path) -> int:
    env, url, password, seconds = large_demo(args.database_url, workdir)
    facts = {"load": seconds,
             "database": "PostgreSQL" if url.startswith("postgres") else "SQLite file"}  # fmt: skip
    before = database_state(url)
    port = free_port()
    server = start_server(env, port, args.workers, workdir / "gunicorn.log")
    measurements = Measurements()
    try:
        warm_up(port)
        facts["load average"] = os.getloadavg()
        idle = idle_reference(port, password)
        # Everyone logs in first (measured too); the clock starts once all have.
        start = threading.Barrier(args.judges + 2)
        threads = [threading.Thread(target=probe_health,
                                    args=(port, start, args.duration, measurements))]  # fmt: skip
        threads += [
            threading.Thread(target=judge_session, args=(
                port, judge_email(n + 1), password, start, args.duration, measurements, n))
            for n in range(args.judges)
        ]  # fmt: skip
        for thread in threads:
            thread.start()
        start.wait()
        started = time.monotonic()
        for thread in threads:
            thread.join()
        seconds = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=60)
    report(args, idle, measurements, seconds, facts)
    figures = integrity(before, database_state(url), measurements.submitted)
    print("scorecards: " + ", ".join(f"{name} {value}" for name, value in figures.items()))
    return 1 if figures["lost"] or figures["doubled"] else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--judges", type=int, default=20, help="simulated judges (default 20)")
    parser.add_argument("--duration", type=float, default=60, help="seconds (default 60)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    parser.add_argument(
        "--database-url",
        help="an empty PostgreSQL database to migrate and fill instead of a SQLite file",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary instance folder")
    args = parser.parse_args()
    if not 1 <= args.judges <= Scale().judges:
        parser.error(f"--judges must be from 1 to {Scale().judges}")
    in_workdir(run, args, "awards-load-")


if __name__ == "__main__":
    main()

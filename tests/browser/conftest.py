"""Browser tests: Debian's Chromium driven by Playwright against a real server on 127.0.0.1."""

import threading

import pytest
from werkzeug.serving import make_server

from awards import create_app
from awards.extensions import db, limiter
from awards.operations.demo import load_demo

CHROMIUM = "/usr/bin/chromium"
DEMO_PASSWORD = "browser-demo-password"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": [
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
        ],
    }  # fmt: skip


@pytest.fixture
def live_server(tmp_path, database_url):
    """The app with CSRF and rate limits on, a database of its own with the demo, on a free port."""
    app = create_app(
        {
            "WTF_CSRF_ENABLED": True,
            "SQLALCHEMY_DATABASE_URI": database_url,
            "MAIL_OUTBOX": tmp_path / "outbox",
            "UPLOAD_FOLDER": tmp_path / "uploads",
        }
    )
    with app.app_context():
        db.create_all()
        limiter.reset()
        load_demo(password=DEMO_PASSWORD)
        db.session.commit()
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join()
    server.server_close()
    with app.app_context():
        db.engine.dispose()


@pytest.fixture
def login(page, live_server):
    def log_in(email):
        page.goto(f"{live_server}/login")
        page.fill("input[name=email]", email)
        page.fill("input[name=password]", DEMO_PASSWORD)
        page.click("form.form button[type=submit]")

    return log_in

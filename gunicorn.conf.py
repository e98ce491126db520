"""Gunicorn settings for `make serve`: the production config, several workers, logs to stdout.

Every value can be changed from the environment: WEB_CONCURRENCY (workers, default two per
core plus one), AWARDS_BIND (default 127.0.0.1:8000, for a reverse proxy on the same machine),
AWARDS_WEB_TIMEOUT (seconds a request may take, default 120), and GUNICORN_CMD_ARGS for the
rest. See the README, "Running in production".
"""

import multiprocessing
import os

os.environ.setdefault("FLASK_CONFIG", "production")

from config import CONFIGS  # noqa: E402  (reads FLASK_CONFIG, set just above)

wsgi_app = "awards:create_app()"
bind = os.environ.get("AWARDS_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
# Rendering a ceremony booklet or a spreadsheet export takes seconds; batches run as jobs.
timeout = int(os.environ.get("AWARDS_WEB_TIMEOUT", 120))
graceful_timeout = 30
# A fresh worker now and then returns whatever memory PDF rendering has grown into.
max_requests = 2000
max_requests_jitter = 200
# No control socket: one fixed path per user would clash between two installations.
control_socket_disable = True
# Heartbeat files in memory, not on a disk that may stall.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108

# Access and error logs on stdout, in the format the app's own logs use (config.py).
accesslog = "-"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(f)s" "%(a)s"'
_config = CONFIGS[os.environ["FLASK_CONFIG"]]
_logging = _config.LOGGING or CONFIGS["production"].LOGGING
logconfig_dict = {
    **_logging,
    "loggers": {
        **_logging.get("loggers", {}),
        **{
            name: {"level": "INFO", "handlers": ["stdout"], "propagate": False}
            for name in ("gunicorn.error", "gunicorn.access")
        },
    },
}


def on_starting(server):
    """Refuse to start (rather than let every worker fail) when the settings cannot work."""
    try:
        _config.check()
    except RuntimeError as error:
        raise SystemExit(f"awards: {error}") from None

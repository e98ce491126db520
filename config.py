"""Configuration classes; every secret and every deployment choice comes from the environment."""

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("AWARDS_INSTANCE_DIR", BASE_DIR / "instance"))


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def database_url(url: str) -> str:
    """The URL SQLAlchemy needs: PostgreSQL through psycopg 3, whichever way it is spelled."""
    # Heroku-style URLs name the dialect "postgres"; plain "postgresql" would mean psycopg2.
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def _database_url(default_file: str) -> str:
    default = f"sqlite:///{INSTANCE_DIR / default_file}"
    return database_url(os.environ.get("DATABASE_URL") or default)


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url("awards.sqlite3")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    AWARDS_BASE_URL = os.environ.get("AWARDS_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    INSTANCE_DIR = INSTANCE_DIR
    UPLOAD_FOLDER = Path(os.environ.get("AWARDS_UPLOAD_FOLDER", INSTANCE_DIR / "uploads"))
    MAX_UPLOAD_BYTES = int(os.environ.get("AWARDS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
    MAX_DOCUMENTS_PER_NOMINATION = int(os.environ.get("AWARDS_MAX_DOCUMENTS", 10))
    # Pictures: the program's logo, the signatures and the seal printed on certificates.
    MAX_PICTURE_BYTES = int(os.environ.get("AWARDS_MAX_PICTURE_BYTES", 2 * 1024 * 1024))
    # A file of paper ballots; its preview sends it back in base64 (MAX_FORM_MEMORY_SIZE).
    MAX_BALLOT_BYTES = int(os.environ.get("AWARDS_MAX_BALLOT_BYTES", 2 * 1024 * 1024))
    # Room for the largest allowed upload plus the rest of the form.
    MAX_CONTENT_LENGTH = MAX_UPLOAD_BYTES + 1024 * 1024
    # The paper-ballot preview sends the checked file back as a form field (base64, up to ~3 MB).
    MAX_FORM_MEMORY_SIZE = 4 * 1024 * 1024
    # Certificates issued while the organizer waits (one rendering chunk, a few seconds);
    # a bigger batch runs as a background job with a progress bar.
    CERTIFICATES_WAIT_AT_MOST = 25

    # Background jobs: a Huey queue in a SQLite file (default: INSTANCE_DIR/jobs.sqlite3), or on
    # Redis when REDIS_URL is set; `flask --app awards jobs worker` runs them.
    REDIS_URL = os.environ.get("REDIS_URL") or None
    JOBS_QUEUE_NAME = os.environ.get("AWARDS_JOBS_QUEUE_NAME", "awards")
    JOBS_QUEUE_FILE = os.environ.get("AWARDS_JOBS_QUEUE_FILE") or None
    JOBS_IMMEDIATE = _env_bool("AWARDS_JOBS_IMMEDIATE")  # run each job inside its request
    JOBS_WORKERS = int(os.environ.get("AWARDS_JOBS_WORKERS", 2))
    JOBS_STALE_AFTER = int(os.environ.get("AWARDS_JOBS_STALE_AFTER", 300))  # seconds unchanged
    JOBS_SHUTDOWN_TIMEOUT = int(os.environ.get("AWARDS_JOBS_SHUTDOWN_TIMEOUT", 60))

    # Mail: SMTP when MAIL_SERVER is set, otherwise the console and an outbox folder.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "awards@localhost")
    MAIL_OUTBOX = Path(os.environ.get("AWARDS_MAIL_OUTBOX", INSTANCE_DIR / "outbox"))
    MAIL_TO_CONSOLE = True
    # The job worker sends each message; one SMTP refuses is tried again this many times,
    # after 1, 2, 4, … times the delay (seconds): 6 and 60 keep trying for about an hour.
    MAIL_RETRIES = int(os.environ.get("AWARDS_MAIL_RETRIES", 6))
    MAIL_RETRY_DELAY = int(os.environ.get("AWARDS_MAIL_RETRY_DELAY", 60))

    LANGUAGES = ("kk", "ru", "en")
    BABEL_DEFAULT_LOCALE = "kk"
    BABEL_DEFAULT_TIMEZONE = "Asia/Almaty"
    BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "awards" / "translations")

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = False
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # a long form typed over lunch must still submit

    RATELIMIT_ENABLED = True
    RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
    RATELIMIT_HEADERS_ENABLED = True
    LOGIN_RATE_LIMIT = os.environ.get("AWARDS_LOGIN_RATE_LIMIT", "10 per minute")
    RESET_RATE_LIMIT = os.environ.get("AWARDS_RESET_RATE_LIMIT", "5 per hour")
    FILE_RETENTION_DAYS = int(os.environ.get("AWARDS_FILE_RETENTION_DAYS", "90"))
    # How many reverse proxies in front of the app append to X-Forwarded-For and -Proto (one
    # nginx: 1). At 0 those headers are ignored: a client could claim any address with them.
    PROXY_COUNT = int(os.environ.get("AWARDS_PROXY_COUNT", 0))
    LOGGING = None  # a logging.config.dictConfig dictionary; None leaves Flask's default

    ARGON2_PROFILE = "RFC_9106_LOW_MEMORY"
    INVITATION_MAX_AGE = 14 * 24 * 3600
    PASSWORD_RESET_MAX_AGE = 2 * 3600
    DEMO_PASSWORD = os.environ.get("AWARDS_DEMO_PASSWORD", "demo-awards-2025")

    @classmethod
    def check(cls) -> None:
        """Refuse settings that cannot work; overridden where more is required."""


class DevelopmentConfig(Config):
    """`make run` on a laptop: no secret to set up, yet none published either."""

    @classmethod
    def check(cls) -> None:
        # Without SECRET_KEY a random key is made once and kept in instance/, so sessions
        # survive restarts and nobody can sign cookies with a key read from the repository.
        if not cls.SECRET_KEY:
            path = cls.INSTANCE_DIR / "secret_key"
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_text(secrets.token_urlsafe(48))
                path.chmod(0o600)
            cls.SECRET_KEY = path.read_text().strip()


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-only-not-secret"  # noqa: S105  (tests only; never deployed)
    # An empty in-memory SQLite database per app, or the PostgreSQL server the tests run on.
    SQLALCHEMY_DATABASE_URI = database_url(
        os.environ.get("AWARDS_TEST_DATABASE_URL") or "sqlite://"
    )
    WTF_CSRF_ENABLED = False
    MAIL_TO_CONSOLE = False
    ARGON2_PROFILE = "CHEAPEST"
    AWARDS_BASE_URL = "https://awards.example.kz"
    RATELIMIT_STORAGE_URI = "memory://"
    # Jobs run inside the commit that queues them, on no server; a test that starts a worker
    # (and perhaps Redis) sets these itself.
    REDIS_URL = None
    JOBS_IMMEDIATE = True


class ProductionConfig(Config):
    """`make serve`: gunicorn behind a reverse proxy that terminates HTTPS."""

    DEBUG = False
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    PREFERRED_URL_SCHEME = "https"
    MAIL_TO_CONSOLE = False
    # Several processes serve, so the rate limits count in a store they share.
    RATELIMIT_STORAGE_URI = (
        os.environ.get("RATELIMIT_STORAGE_URI") or os.environ.get("REDIS_URL") or "memory://"
    )
    # One stream for the app, gunicorn and the job worker: stdout, collected by the service
    # manager (systemd's journal, docker logs).
    LOGGING = {
        "version": 1,
        "disable_existing_loggers": False,
        "formatters": {
            "plain": {
                "format": "%(asctime)s [%(process)d] [%(levelname)s] %(name)s: %(message)s",
                "datefmt": "[%Y-%m-%d %H:%M:%S %z]",
            },
        },
        "handlers": {
            "stdout": {
                "class": "logging.StreamHandler",
                "stream": "ext://sys.stdout",
                "formatter": "plain",
            },
        },
        "root": {
            "level": os.environ.get("AWARDS_LOG_LEVEL", "INFO").upper(),
            "handlers": ["stdout"],
        },
        # Chatty at INFO about every document they render or plugin they load.
        "loggers": {
            name: {"level": "WARNING"}
            for name in ("weasyprint", "fontTools", "alembic.runtime.plugins")
        },
    }

    @classmethod
    def check(cls) -> None:
        """Refuse to start with settings that are only safe on a developer's machine."""
        if not cls.SECRET_KEY:
            raise RuntimeError("SECRET_KEY must be set in the environment for production.")


CONFIGS = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}

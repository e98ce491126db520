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


def _database_url(default_file: str) -> str:
    url = os.environ.get("DATABASE_URL", f"sqlite:///{INSTANCE_DIR / default_file}")
    # Heroku-style URLs name the dialect "postgres"; SQLAlchemy wants psycopg 3 explicitly.
    if url.startswith("postgres://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgres://")
    elif url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY")
    SQLALCHEMY_DATABASE_URI = _database_url("awards.sqlite3")
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    AWARDS_BASE_URL = os.environ.get("AWARDS_BASE_URL", "http://127.0.0.1:5000").rstrip("/")
    INSTANCE_DIR = INSTANCE_DIR
    UPLOAD_FOLDER = Path(os.environ.get("AWARDS_UPLOAD_FOLDER", INSTANCE_DIR / "uploads"))
    MAX_UPLOAD_BYTES = int(os.environ.get("AWARDS_MAX_UPLOAD_BYTES", 10 * 1024 * 1024))
    MAX_DOCUMENTS_PER_NOMINATION = int(os.environ.get("AWARDS_MAX_DOCUMENTS", 10))
    # Room for the largest allowed upload plus the rest of the form.
    MAX_CONTENT_LENGTH = MAX_UPLOAD_BYTES + 1024 * 1024
    # The paper-ballot preview sends the checked file back as a form field (base64, up to ~3 MB).
    MAX_FORM_MEMORY_SIZE = 4 * 1024 * 1024

    # Mail: SMTP when MAIL_SERVER is set, otherwise the console and an outbox folder.
    MAIL_SERVER = os.environ.get("MAIL_SERVER")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", 587))
    MAIL_USE_TLS = _env_bool("MAIL_USE_TLS", True)
    MAIL_USERNAME = os.environ.get("MAIL_USERNAME")
    MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD")
    MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "awards@localhost")
    MAIL_OUTBOX = Path(os.environ.get("AWARDS_MAIL_OUTBOX", INSTANCE_DIR / "outbox"))
    MAIL_TO_CONSOLE = True
    MAIL_IN_BACKGROUND = True

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
    SQLALCHEMY_DATABASE_URI = os.environ.get("AWARDS_TEST_DATABASE_URL", "sqlite://")
    WTF_CSRF_ENABLED = False
    MAIL_TO_CONSOLE = False
    MAIL_IN_BACKGROUND = False  # tests read the outbox right after the request
    ARGON2_PROFILE = "CHEAPEST"
    AWARDS_BASE_URL = "https://awards.example.kz"
    RATELIMIT_STORAGE_URI = "memory://"


class ProductionConfig(Config):
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_SECURE = True
    MAIL_TO_CONSOLE = False

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

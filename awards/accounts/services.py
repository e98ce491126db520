"""Account use cases: passwords, login, invitations and resets. Flushes, never commits."""

import hmac

from argon2 import PasswordHasher, profiles
from argon2.exceptions import InvalidHashError, VerificationError
from email_validator import EmailNotValidError, validate_email
from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import select

from awards.accounts.models import Organization, User
from awards.accounts.organizations import find_organization
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import LANGUAGE_NAMES, check_length, clean_texts, single_line, utcnow
from awards.mail import external_url, queue_email

MIN_PASSWORD_LENGTH = 10
NAME_MAX = 200
INVITATION_SALT = "awards.invitation"
RESET_SALT = "awards.password-reset"


def _hasher() -> PasswordHasher:
    profile = getattr(profiles, current_app.config["ARGON2_PROFILE"])
    return PasswordHasher.from_parameters(profile)


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` after checking the length rule."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise DomainError(
            _("The password must be at least %(n)d characters long.", n=MIN_PASSWORD_LENGTH),
            field="password",
        )
    return _hasher().hash(password)


def _password_matches(password_hash: str | None, password: str) -> bool:
    try:
        return _hasher().verify(password_hash or _dummy_hash(), password) and bool(password_hash)
    except (VerificationError, InvalidHashError):
        return False


_DUMMY: dict[str, str] = {}


def _dummy_hash() -> str:
    # Verifying against a real hash for unknown emails keeps the answer time the same.
    profile = current_app.config["ARGON2_PROFILE"]
    if profile not in _DUMMY:
        _DUMMY[profile] = _hasher().hash("not-a-real-password")
    return _DUMMY[profile]


def normalize_email(email: str) -> str:
    return (email or "").strip().lower()


def check_email(email: str | None, *, field: str = "email") -> str:
    """The address trimmed and lowercased, if a message can be addressed to it: its syntax only,
    no DNS lookup, as the forms have always checked it."""
    email = normalize_email(email)
    try:
        validate_email(email, check_deliverability=False)
    except EmailNotValidError as error:
        raise DomainError(_("Enter a valid email address."), field=field) from error
    return email


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def authenticate(*, email: str, password: str) -> User | None:
    """The active user with this email and password, or None; the same work either way.

    Side effects: records the login time on success.
    """
    user = find_user_by_email(email)
    ok = _password_matches(user.password_hash if user else None, password)
    if not (user and ok and user.is_active):
        return None
    user.last_login_at = utcnow()
    db.session.flush()
    return user


def create_user(
    *,
    email: str,
    name: str = "",
    password: str | None = None,
    locale: str = "kk",
    organization: Organization | None = None,
    is_admin: bool = False,
    actor: User | None,
) -> User:
    """A new user; active at once when a password is given, otherwise waiting for an invitation.

    Side effects: adds the user to the session and flushes.
    """
    email = check_email(email)
    if find_user_by_email(email):
        raise DomainError(_("A user with this email already exists."), field="email")
    check_length(name.strip(), max_length=NAME_MAX, field="name")
    user = User(
        email=email,
        name=name.strip(),
        locale=locale if locale in LANGUAGE_NAMES else "kk",
        organization=organization,
        is_admin=is_admin,
    )
    if password is not None:
        user.password_hash = hash_password(password)
        user.activated_at = utcnow()
    db.session.add(user)
    db.session.flush()
    return user


def change_password(*, user: User, current_password: str, new_password: str, actor: User) -> None:
    """Replace the password after checking the current one.

    Side effects: new hash stored; outstanding reset links stop working.
    """
    if actor.id != user.id:
        raise DomainError(_("You can only change your own password."))
    if not _password_matches(user.password_hash, current_password):
        raise DomainError(_("The current password is not correct."), field="current_password")
    user.password_hash = hash_password(new_password)
    db.session.flush()


def set_locale(*, user: User, locale: str, actor: User) -> None:
    """Save the language the user reads the site and their emails in."""
    if locale not in LANGUAGE_NAMES:
        raise DomainError(_("Unknown language."), field="locale")
    user.locale = locale
    db.session.flush()


def update_profile(*, user: User, name: str, locale: str, actor: User) -> User:
    """The user's own name and language. Side effects: stores both; flushes."""
    name = single_line(name)
    if not name:
        raise DomainError(_("Enter your name."), field="name")
    check_length(name, max_length=NAME_MAX, field="name")
    user.name = name
    set_locale(user=user, locale=locale, actor=actor)
    return user


def send_password_reset(*, email: str) -> None:
    """Email a link to set a new password to the active account with this address, if there
    is one; the caller answers the same either way.

    Side effects: queues one email (sent once the transaction commits) or nothing.
    """
    user = find_user_by_email(email)
    if user is None or not user.is_active:
        return
    link = external_url("accounts.reset_password", token=make_token(user, salt=RESET_SALT))
    queue_email(
        db.session(), to=user.email, locale=user.locale, template="password_reset", user=user,
        link=link,
    )  # fmt: skip


def find_or_create_organization(*, name: dict, bin: str | None = None, actor: User | None):
    """The organization with this BIN, or one going by a name of the same skeleton
    (awards.accounts.identity), or a new one. One found by a name that has no BIN yet gets
    ``bin`` (no other organization has it: the search by BIN came first)."""
    name = clean_texts(name)
    if not name:
        raise DomainError(_("Enter the organization's name."), field="organization")
    found = find_organization(names=name, bin=bin)
    if found is not None:
        if bin and found.bin is None:
            found.bin = bin  # found by a name: the BIN given is kept, not dropped
            db.session.flush()
        return found
    organization = Organization(name=name, bin=bin or None)
    db.session.add(organization)
    db.session.flush()
    return organization


# Tokens: signed, time-limited, and bound to the password hash so that each works once.


def _serializer(salt: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=salt)


def make_token(user: User, *, salt: str) -> str:
    return _serializer(salt).dumps({"uid": user.id, "fp": user.credential_fingerprint})


def read_token(token: str, *, salt: str, max_age: int, expired: str | None = None) -> User:
    """The user a token was made for, if it is genuine, fresh and not used yet."""
    try:
        data = _serializer(salt).loads(token, max_age=max_age)
    except SignatureExpired as exc:
        raise DomainError(expired or _("This link has expired. Ask for a new one.")) from exc
    except BadSignature as exc:
        raise DomainError(_("This link is not valid.")) from exc
    user = db.session.get(User, data.get("uid")) if isinstance(data, dict) else None
    if user is None or not hmac.compare_digest(str(data.get("fp")), user.credential_fingerprint):
        raise DomainError(_("This link has already been used or is no longer valid."))
    return user


def read_invitation(token: str) -> User:
    """The invited user a link was made for, while it is fresh and not yet accepted."""
    user = read_token(
        token,
        salt=INVITATION_SALT,
        max_age=current_app.config["INVITATION_MAX_AGE"],
        expired=_("This invitation has expired. Ask the organizer to invite you again."),
    )
    if user.is_active:
        raise DomainError(_("This invitation has already been accepted. Log in instead."))
    return user


def invitation_accepted_by(token: str) -> User | None:
    """The user who has already accepted the invitation of this genuine token (of any age),
    else None: opening the link again after accepting is no error."""
    try:
        data = _serializer(INVITATION_SALT).loads(token)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("uid")) if isinstance(data, dict) else None
    return user if user is not None and user.is_active else None


def accept_invitation(*, token: str, name: str, password: str, locale: str) -> User:
    """Activate an invited account with the name, password and language the invitee chose.

    Side effects: password set, account activated; the invitation link stops working.
    """
    user = read_invitation(token)
    if not name.strip():
        raise DomainError(_("Enter your name."), field="name")
    user.password_hash = hash_password(password)
    user.name = name.strip()
    set_locale(user=user, locale=locale, actor=user)
    user.activated_at = utcnow()
    db.session.flush()
    return user


def reset_password(*, token: str, password: str) -> User:
    """Set a new password from an emailed reset link.

    Side effects: new hash stored; the link and any other reset links stop working.
    """
    user = read_token(token, salt=RESET_SALT, max_age=current_app.config["PASSWORD_RESET_MAX_AGE"])
    if not user.is_active:
        raise DomainError(_("This link is not valid."))
    user.password_hash = hash_password(password)
    db.session.flush()
    return user

"""Program use cases: programs, categories, criteria, roles and invitations. Never commits."""

import re
from typing import BinaryIO

from flask_babel import gettext as _
from sqlalchemy import func, select

from awards import uploads
from awards.accounts import services as accounts
from awards.accounts.models import Organization, User
from awards.errors import DomainError
from awards.extensions import db
from awards.i18n import REQUIRED_LANGUAGES, clean_texts
from awards.mail import external_url, queue_email
from awards.programs.models import Category, Criterion, NomineeKind, Program, ProgramRole, Role

SLUG_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
PROGRAM_FIELDS = (
    "title", "year", "organizing_body", "timezone", "nominations_open_at",
    "nominations_close_at", "judging_open_at", "judging_close_at", "ceremony_at", "venue",
    "judges_per_nomination", "blind_judging", "scoring_method",
)  # fmt: skip


def _texts(
    value: dict | None, *, field: str, required: bool = True, multiline: bool = False
) -> dict:
    texts = clean_texts(value, multiline=multiline)
    missing = [code for code in REQUIRED_LANGUAGES if code not in texts]
    if required and missing:
        raise DomainError(_("Fill in the Kazakh and Russian versions."), field=field)
    return texts


def _check_slug(slug: str) -> str:
    slug = (slug or "").strip().lower()
    if not SLUG_RE.match(slug):
        raise DomainError(
            _("Use lowercase Latin letters, digits and hyphens, for example best-patron."),
            field="slug",
        )
    return slug


def _check_windows(fields: dict) -> None:
    for opens, closes in (
        ("nominations_open_at", "nominations_close_at"),
        ("judging_open_at", "judging_close_at"),
    ):
        if fields.get(opens) and fields.get(closes) and fields[opens] >= fields[closes]:
            raise DomainError(_("The closing time must come after the opening time."), field=closes)


def get_program_by_slug(slug: str) -> Program | None:
    return db.session.scalar(select(Program).where(Program.slug == slug))


def first_organizer(program: Program) -> User | None:
    """The program's longest-serving organizer: who a command acts as when none is named."""
    query = (
        select(User)
        .join(ProgramRole, ProgramRole.user_id == User.id)
        .where(ProgramRole.program_id == program.id, ProgramRole.role == Role.ORGANIZER)
        .order_by(ProgramRole.created_at, ProgramRole.id)
    )
    return db.session.scalars(query).first()


def create_program(*, actor: User, slug: str, **fields) -> Program:
    """A new program; its creator becomes its first organizer.

    Side effects: adds the program and the creator's organizer role; flushes.
    """
    slug = _check_slug(slug)
    if get_program_by_slug(slug):
        raise DomainError(_("This short name is already taken."), field="slug")
    program = Program(slug=slug, title={}, year=fields.get("year") or 2000)
    db.session.add(program)
    update_program(program=program, actor=actor, **fields)
    grant_role(program=program, user=actor, role=Role.ORGANIZER, actor=actor)
    return program


def update_program(*, program: Program, actor: User, **fields) -> Program:
    """Change a program's settings. Side effects: flushes."""
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise TypeError(f"unknown program fields: {sorted(unknown)}")
    _check_windows(fields)
    if "judges_per_nomination" in fields and (fields["judges_per_nomination"] or 0) < 1:
        raise DomainError(
            _("Each nomination needs at least one scorecard."), field="judges_per_nomination"
        )
    if "title" in fields:
        fields["title"] = _texts(fields["title"], field="title")
    for name in ("organizing_body", "venue"):
        if name in fields:
            fields[name] = _texts(fields[name], field=name, required=False)
    for name, value in fields.items():
        setattr(program, name, value)
    db.session.flush()
    return program


def _next_position(model, **filters) -> int:
    column = model.position
    query = select(func.coalesce(func.max(column), -1)).filter_by(**filters)
    return db.session.scalar(query) + 1


def add_category(*, program: Program, actor: User, slug: str, title: dict, **fields) -> Category:
    """A new category at the end of the program's list. Side effects: flushes."""
    slug = _check_slug(slug)
    taken = db.session.scalar(select(Category).filter_by(program_id=program.id, slug=slug))
    if taken:
        raise DomainError(
            _("This program already has a category with this short name."), field="slug"
        )
    category = Category(
        program=program,
        slug=slug,
        title={},
        position=_next_position(Category, program_id=program.id),
    )
    db.session.add(category)
    return update_category(category=category, actor=actor, title=title, **fields)


def update_category(*, category: Category, actor: User, **fields) -> Category:
    """Change a category's texts and settings. Side effects: flushes."""
    if "title" in fields:
        category.title = _texts(fields.pop("title"), field="title")
    for name in ("description", "eligibility_notes"):
        if name in fields:
            texts = _texts(fields.pop(name), field=name, required=False, multiline=True)
            setattr(category, name, texts)
    if "nominee_kind" in fields:
        if fields["nominee_kind"] not in set(NomineeKind):
            raise DomainError(_("Choose who can be nominated."), field="nominee_kind")
        category.nominee_kind = fields.pop("nominee_kind")
    if "max_laureates" in fields:
        if fields["max_laureates"] is None or fields["max_laureates"] < 0:
            raise DomainError(
                _("Enter 0 for no limit or a positive number."), field="max_laureates"
            )
        category.max_laureates = fields.pop("max_laureates")
    if fields:
        raise TypeError(f"unknown category fields: {sorted(fields)}")
    db.session.flush()
    return category


def _check_rubric_numbers(weight, max_points, step) -> None:
    if weight is None or weight <= 0:
        raise DomainError(_("The weight must be greater than zero."), field="weight")
    if max_points is None or max_points <= 0:
        raise DomainError(_("The maximum must be a whole number above zero."), field="max_points")
    if step is None or step <= 0 or step > max_points:
        raise DomainError(_("The step must be above zero and not above the maximum."), field="step")


def add_criterion(*, category: Category, actor: User, **fields) -> Criterion:
    """A new criterion at the end of the category's rubric. Side effects: flushes."""
    criterion = Criterion(
        category=category, name={}, position=_next_position(Criterion, category_id=category.id)
    )
    db.session.add(criterion)
    return update_criterion(criterion=criterion, actor=actor, **fields)


def update_criterion(
    *, criterion: Criterion, actor: User, name: dict, description: dict | None = None,
    weight: float = 1.0, max_points: int = 10, step: float = 1.0,
) -> Criterion:  # fmt: skip
    """Change a criterion's texts and numbers. Side effects: flushes."""
    _check_rubric_numbers(weight, max_points, step)
    criterion.name = _texts(name, field="name")
    criterion.description = _texts(
        description, field="description", required=False, multiline=True
    )
    criterion.weight, criterion.max_points, criterion.step = weight, max_points, step
    db.session.flush()
    return criterion


def delete_criterion(*, criterion: Criterion, actor: User) -> None:
    """Remove a criterion from its rubric. Side effects: deletes the row; flushes."""
    db.session.delete(criterion)
    db.session.flush()


def grant_role(*, program: Program, user: User, role: str, actor: User) -> ProgramRole:
    """Give ``user`` a role in ``program`` (once). Side effects: flushes."""
    if role not in set(Role):
        raise DomainError(_("Choose a role."), field="role")
    existing = db.session.scalar(
        select(ProgramRole).filter_by(program_id=program.id, user_id=user.id, role=role)
    )
    if existing:
        return existing
    program_role = ProgramRole(program=program, user=user, role=role)
    db.session.add(program_role)
    db.session.flush()
    return program_role


def revoke_role(*, program_role: ProgramRole, actor: User) -> None:
    """Take a role away; the last organizer of a program cannot be removed."""
    if program_role.role == Role.ORGANIZER:
        organizers = db.session.scalar(
            select(func.count())
            .select_from(ProgramRole)
            .filter_by(program_id=program_role.program_id, role=Role.ORGANIZER)
        )
        if organizers <= 1:
            raise DomainError(_("A program needs at least one organizer."))
    db.session.delete(program_role)
    db.session.flush()


def invite_member(
    *, program: Program, actor: User, email: str, role: str,
    organization: Organization | None = None, organization_names: dict | None = None,
    organization_bin: str | None = None, locale: str = "kk",
) -> ProgramRole:  # fmt: skip
    """Give a person a role, creating their account if needed, and email them.

    The organization (an object, or its names per language and BIN, found by its identity or
    created) is set only on a new account.
    Side effects: may create a pending user and an organization; grants the role; queues an
    invitation email (a 14-day signed link for new people, a notice for people who already
    have an account).
    """
    user = accounts.find_user_by_email(email)
    if user is None:
        names = {code: text for code, text in (organization_names or {}).items() if text}
        if organization is None and any(text.strip() for text in names.values()):
            organization = accounts.find_or_create_organization(
                name=names, bin=organization_bin or None, actor=actor
            )
        user = accounts.create_user(
            email=email, locale=locale, organization=organization, actor=actor
        )
    # An existing account keeps its organization: the organization decides what a committee
    # member may read in every program, so one program's organizer must not change it.
    program_role = grant_role(program=program, user=user, role=role, actor=actor)
    context = {"program": program, "role": role, "inviter": actor, "user": user}
    if user.is_active:
        context["link"] = external_url("programs.detail", slug=program.slug)
    else:
        token = accounts.make_token(user, salt=accounts.INVITATION_SALT)
        context["link"] = external_url("accounts.accept_invitation", token=token)
    queue_email(db.session(), to=user.email, locale=user.locale, template="invitation", **context)
    return program_role


LOGO_MAX_BYTES = 2 * 1024 * 1024


def set_program_logo(*, program: Program, actor: User, stream: BinaryIO) -> Program:
    """Store a new logo: a PNG or JPEG by its content, redrawn from its pixels.

    Side effects: writes the picture under a random name (gone again on rollback); the old
    logo's file is deleted once the change commits; flushes.
    """
    content = uploads.read_limited(stream, LOGO_MAX_BYTES)
    kind = uploads.sniff(content)
    if kind not in uploads.PILLOW_FORMATS:
        raise DomainError(_("The logo must be a PNG or JPEG picture."), field="file")
    content = uploads.reencode_image(content, kind)
    session = db.session()
    name = uploads.store_file(
        session, content, subfolder="logos", extension=uploads.EXTENSIONS[kind]
    )
    if program.logo_file:
        uploads.remove_after_commit(session, program.logo_file)
    program.logo_file = name
    db.session.flush()
    return program


def remove_program_logo(*, program: Program, actor: User) -> Program:
    """Side effects: the logo is forgotten and its file deleted once this commits; flushes."""
    if program.logo_file:
        uploads.remove_after_commit(db.session(), program.logo_file)
        program.logo_file = None
        db.session.flush()
    return program


def copy_program(*, source: Program, actor: User, slug: str, title: dict, year: int) -> Program:
    """A new program with the source's settings, categories and rubrics, without people or dates.

    Side effects: creates the program, its categories and criteria; the actor organizes it.
    """
    program = create_program(
        actor=actor, slug=slug, title=title, year=year,
        organizing_body=dict(source.organizing_body), timezone=source.timezone,
        venue=dict(source.venue),
    )  # fmt: skip
    for category in source.categories:
        copy = add_category(
            program=program, actor=actor, slug=category.slug, title=dict(category.title),
            description=dict(category.description), nominee_kind=category.nominee_kind,
            max_laureates=category.max_laureates,
            eligibility_notes=dict(category.eligibility_notes),
        )  # fmt: skip
        for criterion in category.criteria:
            add_criterion(
                category=copy, actor=actor, name=dict(criterion.name),
                description=dict(criterion.description), weight=criterion.weight,
                max_points=criterion.max_points, step=criterion.step,
            )  # fmt: skip
    return program

"""Program use cases: programs, categories, criteria, roles and invitations. Never commits."""

from typing import BinaryIO

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select

from awards import uploads
from awards.accounts import services as accounts
from awards.accounts.models import Organization, User
from awards.accounts.organizations import organization_named
from awards.errors import DomainError, FieldErrors
from awards.extensions import db
from awards.mail import external_url, queue_email
from awards.programs.levels import check_levels
from awards.programs.models import Category, Criterion, NomineeKind, Program, ProgramRole, Role
from awards.programs.rules import (
    CATEGORY_RULES,
    CRITERION_RULES,
    PROGRAM_RULES,
    check_degrees,
    check_rubric_numbers,
    check_slug,
    check_windows,
    cleaned,
)
from awards.programs.signals import program_copied

PROGRAM_FIELDS = (
    "title", "year", "organizing_body", "timezone", "nominations_open_at",
    "nominations_close_at", "judging_open_at", "judging_close_at", "ceremony_at", "venue",
    "judges_per_nomination", "blind_judging", "scoring_method", "normalization_min_scorecards",
)  # fmt: skip


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


def _slug_taken(slug: str | None) -> None:
    if slug and get_program_by_slug(slug):
        raise DomainError(_("This short name is already taken."), field="slug")


def _program_problems(fields: dict) -> tuple[FieldErrors, dict]:
    """What breaks the rules in a program's settings, and the settings cleaned."""
    problems = FieldErrors()
    unknown = set(fields) - set(PROGRAM_FIELDS)
    if unknown:
        raise TypeError(f"unknown program fields: {sorted(unknown)}")
    problems.run(check_windows, fields)
    return problems, problems.run(cleaned, PROGRAM_RULES, fields) or {}


def check_program(*, slug: str | None = None, **fields) -> None:
    """Refuse, with every problem at once, what create_program (with ``slug``) or
    update_program would refuse; writes nothing. Fields left out are not checked."""
    problems, _cleaned = _program_problems(fields)
    if slug is not None:
        problems.run(_slug_taken, problems.run(check_slug, slug))
    problems.raise_any()


def create_program(*, actor: User, slug: str, **fields) -> Program:
    """A new program; its creator becomes its first organizer.

    Side effects: adds the program and the creator's organizer role; flushes.
    """
    check_program(slug=slug, **fields)
    program = Program(slug=check_slug(slug), title={}, year=fields.get("year") or 2000)
    db.session.add(program)
    update_program(program=program, actor=actor, **fields)
    grant_role(program=program, user=actor, role=Role.ORGANIZER, actor=actor)
    return program


def update_program(*, program: Program, actor: User, **fields) -> Program:
    """Change a program's settings. Side effects: flushes."""
    problems, fields = _program_problems(fields)
    problems.raise_any()
    for name, value in fields.items():
        setattr(program, name, value)
    db.session.flush()
    return program


def _next_position(model, **filters) -> int:
    column = model.position
    query = select(func.coalesce(func.max(column), -1)).filter_by(**filters)
    return db.session.scalar(query) + 1


def _category_slug_taken(program: Program, slug: str | None) -> None:
    if slug and db.session.scalar(select(Category).filter_by(program_id=program.id, slug=slug)):
        raise DomainError(
            _("This program already has a category with this short name."), field="slug"
        )


def _category_problems(fields: dict) -> tuple[FieldErrors, dict]:
    unknown = set(fields) - {"title", "description", "eligibility_notes", "nominee_kind",
                             "max_laureates", "degree_rule", "degree_limits"}  # fmt: skip
    if unknown:
        raise TypeError(f"unknown category fields: {sorted(unknown)}")
    problems = FieldErrors()
    if "nominee_kind" in fields and fields["nominee_kind"] not in set(NomineeKind):
        problems.add(DomainError(_("Choose who can be nominated."), field="nominee_kind"))
    degrees = {}
    if "degree_rule" in fields or "degree_limits" in fields:  # the rule and its limits together
        rule = fields.pop("degree_rule", "none")
        checked = problems.run(check_degrees, rule, fields.pop("degree_limits", None))
        if checked:
            degrees = dict(zip(("degree_rule", "degree_limits"), checked, strict=True))
    return problems, {**(problems.run(cleaned, CATEGORY_RULES, fields) or {}), **degrees}


def check_category(*, program: Program, slug: str | None = None, **fields) -> None:
    """Refuse, with every problem at once, what add_category (with ``slug``) or
    update_category would refuse; writes nothing."""
    problems, _cleaned = _category_problems(fields)
    if slug is not None:
        problems.run(_category_slug_taken, program, problems.run(check_slug, slug))
    problems.raise_any()


def add_category(*, program: Program, actor: User, slug: str, title: dict, **fields) -> Category:
    """A new category at the end of the program's list. Side effects: flushes."""
    check_category(program=program, slug=slug, title=title, **fields)
    category = Category(
        program=program,
        slug=check_slug(slug),
        title={},
        position=_next_position(Category, program_id=program.id),
    )
    db.session.add(category)
    return update_category(category=category, actor=actor, title=title, **fields)


def update_category(*, category: Category, actor: User, **fields) -> Category:
    """Change a category's texts and settings. Side effects: flushes."""
    problems, fields = _category_problems(fields)
    problems.raise_any()
    for name, value in fields.items():
        setattr(category, name, value)
    db.session.flush()
    return category


def add_criterion(*, category: Category, actor: User, **fields) -> Criterion:
    """A new criterion at the end of the category's rubric. Side effects: flushes."""
    criterion = Criterion(
        category=category, name={}, position=_next_position(Criterion, category_id=category.id)
    )
    db.session.add(criterion)
    return update_criterion(criterion=criterion, actor=actor, **fields)


def check_criterion(
    *, name: dict | None, description: dict | None = None, weight=1.0, max_points=10, step=1.0,
    levels: list | None = None,
) -> dict:  # fmt: skip
    """The criterion's texts and levels cleaned, or every problem of its texts, numbers and
    levels at once."""
    problems = FieldErrors()
    problems.run(check_rubric_numbers, weight, max_points, step)
    texts = problems.run(cleaned, CRITERION_RULES, {"name": name, "description": description})
    clean_levels = problems.run(check_levels, levels, max_points)
    problems.raise_any()
    return {**texts, "levels": clean_levels}


def update_criterion(
    *, criterion: Criterion, actor: User, name: dict, description: dict | None = None,
    weight: float = 1.0, max_points: int = 10, step: float = 1.0, levels: list | None = None,
) -> Criterion:  # fmt: skip
    """Change a criterion's texts, numbers and levels. Side effects: flushes."""
    texts = check_criterion(
        name=name, description=description, weight=weight, max_points=max_points, step=step,
        levels=levels,
    )  # fmt: skip
    criterion.name, criterion.description = texts["name"], texts["description"]
    criterion.levels = texts["levels"]
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


def _keeps_organization(user: User, found: Organization | None) -> None:
    """An existing account keeps its organization: it decides what a committee member may read
    in every program, so one program's organizer must not change it by an invitation."""
    if found is not None and found.id == user.organization_id:
        return
    if user.organization is None:
        message = _(
            "This person already has an account, with no organization, and an invitation does "
            "not change it: leave the organization and BIN empty."
        )
    else:
        message = _(
            "This person already has an account, with %(organization)s, and an invitation does "
            "not change it: leave the organization and BIN empty.",
            organization=user.organization.display_name,
        )
    raise DomainError(message, field="organization")


def check_invitation(
    *, email: str | None, organization_names: dict | None = None,
    organization_bin: str | None = None,
) -> tuple[Organization | None, dict, str | None]:  # fmt: skip
    """What invite_member would do with the organization typed, or every problem with it at
    once (nothing typed is dropped silently): the organization found, its names and BIN as
    typed. Writes nothing."""
    found, names, bin = organization_named(names=organization_names, bin=organization_bin)
    user = accounts.find_user_by_email(email or "")
    if user is not None and (names or bin):
        _keeps_organization(user, found)
    return found, names, bin


def invite_member(
    *, program: Program, actor: User, email: str, role: str,
    organization: Organization | None = None, organization_names: dict | None = None,
    organization_bin: str | None = None, locale: str = "kk",
) -> ProgramRole:  # fmt: skip
    """Give a person a role, creating their account if needed, and email them.

    The organization (an object, or its names per language and BIN, found by its identity or
    created) is set only on a new account; an existing account's organization is never
    changed (typing another one is refused, see check_invitation). A BIN typed for an
    organization known without one is recorded on it.
    Side effects: may create a pending user and an organization, or set an organization's
    BIN; grants the role; queues an invitation email (a 14-day signed link for new people, a
    notice for people who already have an account).
    """
    user = accounts.find_user_by_email(email)
    if organization is None:
        found, names, bin = check_invitation(
            email=email, organization_names=organization_names, organization_bin=organization_bin
        )
        if found is not None and bin and found.bin is None:
            found.bin = bin
        organization = found
        if found is None and names:
            organization = accounts.find_or_create_organization(name=names, bin=bin, actor=actor)
    if user is None:
        user = accounts.create_user(
            email=email, locale=locale, organization=organization, actor=actor
        )
    program_role = grant_role(program=program, user=user, role=role, actor=actor)
    context = {"program": program, "role": role, "inviter": actor, "user": user}
    if user.is_active:
        context["link"] = external_url("programs.detail", slug=program.slug)
    else:
        token = accounts.make_token(user, salt=accounts.INVITATION_SALT)
        context["link"] = external_url("accounts.accept_invitation", token=token)
    queue_email(db.session(), to=user.email, locale=user.locale, template="invitation", **context)
    return program_role


def logo_from_upload(stream: BinaryIO) -> tuple[bytes, uploads.FileKind]:
    """A logo as uploaded: a PNG or JPEG by its content, at most MAX_PICTURE_BYTES (config),
    redrawn from its pixels. Returns the redrawn bytes and their kind; writes nothing."""
    content = uploads.read_limited(stream, current_app.config["MAX_PICTURE_BYTES"])
    kind = uploads.sniff(content)
    if kind not in uploads.PILLOW_FORMATS:
        raise DomainError(_("The logo must be a PNG or JPEG picture."), field="file")
    return uploads.reencode_image(content, kind), kind


def set_program_logo(*, program: Program, actor: User | None, stream: BinaryIO) -> Program:
    """Store a new logo: a PNG or JPEG by its content, redrawn from its pixels.

    Side effects: writes the picture under a random name (gone again on rollback); the old
    logo's file is deleted once the change commits; flushes.
    """
    content, kind = logo_from_upload(stream)
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


def _copy_logo(source: Program, program: Program) -> None:
    if not source.logo_file:
        return
    try:
        content = (uploads.upload_folder() / source.logo_file).read_bytes()
    except FileNotFoundError:
        return  # the file went missing on disk; the copy simply has no logo
    extension = source.logo_file.rsplit(".", 1)[-1]
    program.logo_file = uploads.store_file(
        db.session(), content, subfolder="logos", extension=extension
    )


def copy_program(*, source: Program, actor: User, slug: str, title: dict, year: int) -> Program:
    """A new program for another year: the source's settings, categories and rubrics, its logo,
    and, through ``program_copied``, the ceremony's running order and partners and the
    certificate settings; never its people, nominations, scores or results.

    Dates are not carried over: the windows and the ceremony day of another year are the
    organizer's to set, so they start empty. The running order's start times are times of day
    with no date, and are kept. Every file is the copy's own (a new stored name, new picture
    rows), so deleting one program's picture never breaks another's.
    Side effects: creates the program, its categories and criteria; the actor organizes it;
    writes a copy of the logo file (gone again on rollback); the receivers of
    ``program_copied`` add the running order, partners, certificate settings and copies of
    their pictures; flushes.
    """
    program = create_program(
        actor=actor, slug=slug, title=title, year=year,
        organizing_body=dict(source.organizing_body), timezone=source.timezone,
        venue=dict(source.venue), judges_per_nomination=source.judges_per_nomination,
        blind_judging=source.blind_judging, scoring_method=source.scoring_method,
        normalization_min_scorecards=source.normalization_min_scorecards,
    )  # fmt: skip
    _copy_logo(source, program)
    for category in source.categories:
        copy = add_category(
            program=program, actor=actor, slug=category.slug, title=dict(category.title),
            description=dict(category.description), nominee_kind=category.nominee_kind,
            max_laureates=category.max_laureates,
            eligibility_notes=dict(category.eligibility_notes),
            degree_rule=category.degree_rule, degree_limits=category.degree_limits,
        )  # fmt: skip
        for criterion in category.criteria:
            add_criterion(
                category=copy, actor=actor, name=dict(criterion.name),
                description=dict(criterion.description), weight=criterion.weight,
                max_points=criterion.max_points, step=criterion.step,
                levels=[dict(level) for level in criterion.levels],
            )  # fmt: skip
    program_copied.send(source, program=program, actor=actor)
    return program


def criteria_counts(program: Program) -> dict[int, int]:
    """How many criteria each category has (those with none absent), in one statement."""
    query = (
        select(Criterion.category_id, func.count())
        .join(Category, Category.id == Criterion.category_id)
        .where(Category.program_id == program.id)
        .group_by(Criterion.category_id)
    )
    return dict(db.session.execute(query).tuples().all())

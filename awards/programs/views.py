"""Program pages: load, check permission, validate, call one service, commit, redirect."""

from flask import (
    Blueprint,
    abort,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from awards import uploads
from awards.accounts.models import User
from awards.downloads import send_content
from awards.extensions import db
from awards.forms import validate_with_rules
from awards.i18n import to_local, to_utc, utcnow
from awards.pages import commit_or_flash, commit_or_show
from awards.programs import services
from awards.programs.forms import (
    CategoryForm,
    CriterionForm,
    InvitationForm,
    LogoForm,
    ProgramCopyForm,
    ProgramForm,
    level_rows_data,
)
from awards.programs.loaders import load_category, load_in_program, load_program
from awards.programs.models import Criterion, Program, ProgramRole
from awards.programs.permissions import (
    can_create_program,
    can_manage_program,
    roles_in,
)
from awards.programs.phases import phases_of

bp = Blueprint("programs", __name__, url_prefix="/programs")
DATETIME_FIELDS = (
    "nominations_open_at", "nominations_close_at", "judging_open_at", "judging_close_at",
    "ceremony_at",
)  # fmt: skip


@bp.before_request
@login_required
def _require_login():
    """Every program page needs a logged-in user."""


def _program_fields(form: ProgramForm) -> dict:
    fields = {name: form[name].data for name in services.PROGRAM_FIELDS}
    if fields["normalization_min_scorecards"] is None:  # left empty: as it is (2 when new)
        del fields["normalization_min_scorecards"]
    # A zone the form refused reads no time (the zone's own message is already beside it).
    zone = "UTC" if form.timezone.errors else fields["timezone"]
    for name in DATETIME_FIELDS:
        fields[name] = to_utc(fields[name], zone)
    return fields


def _form_from_program(program: Program) -> ProgramForm:
    form = ProgramForm(obj=program)
    if request.method == "GET":
        for name in DATETIME_FIELDS:
            form[name].data = to_local(getattr(program, name), program.timezone)
    return form


@bp.get("/")
def index():
    query = select(Program).order_by(Program.year.desc(), Program.id.desc())
    if not current_user.is_admin:
        mine = select(ProgramRole.program_id).where(ProgramRole.user_id == current_user.id)
        query = query.where(Program.id.in_(mine))
    programs = db.session.scalars(query).all()
    roles = {program.id: roles_in(current_user, program) for program in programs}
    return render_template(
        "programs/index.html", programs=programs, roles=roles,
        can_create=can_create_program(current_user),
    )  # fmt: skip


@bp.route("/new", methods=["GET", "POST"])
def new():
    if not can_create_program(current_user):
        abort(403)
    form = ProgramForm()
    if validate_with_rules(
        form, lambda: services.check_program(slug=form.slug.data, **_program_fields(form))
    ):
        done = commit_or_show(
            form,
            lambda: services.create_program(
                actor=current_user, slug=form.slug.data, **_program_fields(form)
            ),
            success=_("The program has been created."),
            target=lambda program: url_for("programs.detail", slug=program.slug),
        )
        if done:
            return done
    return render_template("programs/form.html", form=form, program=None)


@bp.get("/<slug>")
def detail(slug: str):
    program = load_program(slug)
    can_manage = can_manage_program(current_user, program)
    return render_template(
        "programs/detail.html", program=program, roles=roles_in(current_user, program),
        can_manage=can_manage, phases=phases_of(program, utcnow()) if can_manage else [],
        criteria_counts=services.criteria_counts(program),
    )  # fmt: skip


@bp.route("/<slug>/edit", methods=["GET", "POST"])
def edit(slug: str):
    program = load_program(slug, manage=True)
    form = _form_from_program(program)
    form.slug.render_kw = {"readonly": True}
    form.slug.data = program.slug
    if validate_with_rules(form, lambda: services.check_program(**_program_fields(form))):
        done = commit_or_show(
            form,
            lambda: services.update_program(
                program=program, actor=current_user, **_program_fields(form)
            ),
            success=_("The program has been saved."),
            target=url_for("programs.detail", slug=program.slug),
        )
        if done:
            return done
    return render_template("programs/form.html", form=form, program=program, logo_form=LogoForm())


@bp.route("/<slug>/copy", methods=["GET", "POST"])
def copy(slug: str):
    source = load_program(slug, manage=True)
    if not can_create_program(current_user):
        abort(403)
    form = ProgramCopyForm(year=source.year + 1, slug=f"{source.slug}-copy", title=source.title)
    if validate_with_rules(
        form,
        lambda: services.check_program(
            slug=form.slug.data, title=form.title.data, year=form.year.data
        ),
    ):
        done = commit_or_show(
            form,
            lambda: services.copy_program(
                source=source,
                actor=current_user,
                slug=form.slug.data,
                title=form.title.data,
                year=form.year.data,
            ),  # fmt: skip
            success=_("The categories and criteria have been copied."),
            target=lambda program: url_for("programs.detail", slug=program.slug),
        )
        if done:
            return done
    return render_template("programs/copy.html", form=form, program=source)


def _category_fields(form: CategoryForm) -> dict:
    names = ("title", "description", "nominee_kind", "max_laureates", "eligibility_notes")
    return {name: form[name].data for name in names} | form.degree_fields()


@bp.route("/<slug>/categories/new", methods=["GET", "POST"])
def category_new(slug: str):
    program = load_program(slug, manage=True)
    form = CategoryForm()
    if validate_with_rules(
        form,
        lambda: services.check_category(
            program=program, slug=form.slug.data, **_category_fields(form)
        ),
    ):
        done = commit_or_show(
            form,
            lambda: services.add_category(
                program=program, actor=current_user, slug=form.slug.data, **_category_fields(form)
            ),
            success=_("The category has been added. Now add its criteria."),
            target=lambda category: url_for(
                "programs.category", slug=slug, category_id=category.id
            ),
        )
        if done:
            return done
    return render_template("programs/category_form.html", form=form, program=program, category=None)


@bp.get("/<slug>/categories/<int:category_id>")
def category(slug: str, category_id: int):
    program = load_program(slug)
    category = load_category(program, category_id)
    return render_template(
        "programs/category.html", program=program, category=category,
        can_manage=can_manage_program(current_user, program),
    )  # fmt: skip


@bp.route("/<slug>/categories/<int:category_id>/edit", methods=["GET", "POST"])
def category_edit(slug: str, category_id: int):
    program = load_program(slug, manage=True)
    category = load_category(program, category_id)
    form = CategoryForm(obj=category)
    if request.method == "GET":
        form.show_degrees(category.degree_limits)
    form.slug.render_kw = {"readonly": True}
    form.slug.data = category.slug
    if validate_with_rules(
        form, lambda: services.check_category(program=program, **_category_fields(form))
    ):
        done = commit_or_show(
            form,
            lambda: services.update_category(
                category=category, actor=current_user, **_category_fields(form)
            ),
            success=_("The category has been saved."),
            target=url_for("programs.category", slug=slug, category_id=category.id),
        )
        if done:
            return done
    return render_template(
        "programs/category_form.html", form=form, program=program, category=category
    )


def _criterion_fields(form: CriterionForm) -> dict:
    names = ("name", "description", "weight", "max_points", "step")
    return {**{name: form[name].data for name in names}, "levels": form.levels()}


@bp.route("/<slug>/categories/<int:category_id>/criteria/new", methods=["GET", "POST"])
@bp.route(
    "/<slug>/categories/<int:category_id>/criteria/<int:criterion_id>/edit",
    methods=["GET", "POST"],
)
def criterion_form(slug: str, category_id: int, criterion_id: int | None = None):
    program = load_program(slug, manage=True)
    category = load_category(program, category_id)
    criterion = db.session.get(Criterion, criterion_id) if criterion_id else None
    if criterion_id and (criterion is None or criterion.category_id != category.id):
        abort(404)
    form = CriterionForm(
        obj=criterion, level_rows=level_rows_data(criterion.levels) if criterion else []
    )
    if validate_with_rules(form, lambda: services.check_criterion(**_criterion_fields(form))):

        def save():
            if criterion is None:
                return services.add_criterion(
                    category=category, actor=current_user, **_criterion_fields(form)
                )
            return services.update_criterion(
                criterion=criterion, actor=current_user, **_criterion_fields(form)
            )

        done = commit_or_show(
            form,
            save,
            success=_("The criterion has been saved."),
            target=url_for("programs.category", slug=slug, category_id=category.id),
        )
        if done:
            return done
    return render_template(
        "programs/criterion_form.html", form=form, program=program, category=category,
        criterion=criterion,
    )  # fmt: skip


@bp.post("/<slug>/categories/<int:category_id>/criteria/<int:criterion_id>/delete")
def criterion_delete(slug: str, category_id: int, criterion_id: int):
    program = load_program(slug, manage=True)
    category = load_category(program, category_id)
    criterion = db.session.get(Criterion, criterion_id)
    if criterion is None or criterion.category_id != category.id:
        abort(404)
    return commit_or_flash(
        lambda: services.delete_criterion(criterion=criterion, actor=current_user),
        success=_("The criterion has been removed."),
        target=url_for("programs.category", slug=slug, category_id=category.id),
    )


@bp.route("/<slug>/people", methods=["GET", "POST"])
def people(slug: str):
    program = load_program(slug, manage=True)
    form = InvitationForm()
    if validate_with_rules(
        form,
        lambda: services.check_invitation(
            email=form.email.data,
            organization_names=form.organization.data,
            organization_bin=form.bin.data,
        ),  # fmt: skip
    ):
        done = commit_or_show(
            form,
            lambda: services.invite_member(
                program=program,
                actor=current_user,
                email=form.email.data,
                role=form.role.data,
                organization_names=form.organization.data,
                organization_bin=form.bin.data,
                locale=form.locale.data,
            ),  # fmt: skip
            success=_("The invitation has been sent to %(email)s.", email=form.email.data),
            target=url_for("programs.people", slug=slug),
        )
        if done:
            return done
    # Each person and their organization loaded with the list, not one by one (a national
    # program has a hundred judges and more committees).
    roles = db.session.scalars(
        select(ProgramRole)
        .where(ProgramRole.program_id == program.id)
        .order_by(ProgramRole.role, ProgramRole.id)
        .options(selectinload(ProgramRole.user).selectinload(User.organization))
    ).all()
    return render_template("programs/people.html", form=form, program=program, roles=roles)


@bp.post("/<slug>/people/<int:role_id>/revoke")
def revoke(slug: str, role_id: int):
    program = load_program(slug, manage=True)
    program_role = load_in_program(ProgramRole, role_id, program)
    return commit_or_flash(
        lambda: services.revoke_role(program_role=program_role, actor=current_user),
        success=_("The role has been removed."),
        target=url_for("programs.people", slug=slug),
    )


@bp.post("/<slug>/logo")
def logo_upload(slug: str):
    program = load_program(slug, manage=True)
    form = LogoForm()
    target = url_for("programs.edit", slug=slug)
    if not form.validate_on_submit() or not form.file.data:
        flash(_("Choose a picture to upload."), "error")
        return redirect(target)
    return commit_or_flash(
        lambda: services.set_program_logo(
            program=program, actor=current_user, stream=form.file.data
        ),
        success=_("The logo has been saved."),
        target=target,
    )


@bp.post("/<slug>/logo/remove")
def logo_remove(slug: str):
    program = load_program(slug, manage=True)
    if not LogoForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: services.remove_program_logo(program=program, actor=current_user),
        success=_("The logo has been removed."),
        target=url_for("programs.edit", slug=slug),
    )


@bp.get("/<slug>/logo")
def logo(slug: str):
    program = load_program(slug)
    if not program.logo_file:
        abort(404)
    path = uploads.upload_folder() / program.logo_file
    if not path.is_file():
        abort(404)
    mimetype = f"image/{path.suffix.lstrip('.').replace('jpg', 'jpeg')}"
    return send_content(
        path, name=f"{program.slug}-logo{path.suffix}", mimetype=mimetype, inline=True,
        cache="private, max-age=300",
    )  # fmt: skip

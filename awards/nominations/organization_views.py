"""The organizations taking part in a program: their names per language, BIN and aliases."""

from flask import Blueprint, abort, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from awards.accounts import organizations as services
from awards.accounts.models import Organization, OrganizationAlias
from awards.extensions import db
from awards.forms import validate_with_rules
from awards.i18n import LANGUAGE_NAMES
from awards.nominations import inbox, permissions
from awards.nominations.forms import AliasForm, ConfirmForm, OrganizationForm
from awards.pages import commit_or_flash, commit_or_show
from awards.programs.loaders import load_program
from awards.programs.permissions import can_manage_program

bp = Blueprint("organizations", __name__, url_prefix="/programs/<slug>/organizations")


@bp.before_request
@login_required
def _require_login():
    """Every organization page needs a logged-in user."""


def _load(slug: str, organization_id: int):
    program = load_program(slug, can=can_manage_program)
    organization = db.session.get(Organization, organization_id)
    if organization is None or not permissions.can_manage_organization(
        current_user, program, organization
    ):
        abort(404)
    return program, organization


def _page(organization: Organization, program) -> str:
    return url_for("organizations.show", slug=program.slug, organization_id=organization.id)


@bp.get("/")
def index(slug: str):
    program = load_program(slug, can=can_manage_program)
    return render_template(
        "nominations/organizations.html", program=program,
        organizations=inbox.program_organizations(program),
    )  # fmt: skip


def _organization_form(organization: Organization, *, typed: bool) -> OrganizationForm:
    """The form as typed, or filled in from the organization."""
    if typed:
        return OrganizationForm()
    names = {code: organization.name.get(code, "") for code in LANGUAGE_NAMES}
    return OrganizationForm(formdata=None, data={"name": names, "bin": organization.bin or ""})


@bp.route("/<int:organization_id>", methods=["GET", "POST"])
def show(slug: str, organization_id: int):
    program, organization = _load(slug, organization_id)
    form = _organization_form(organization, typed=request.method == "POST")
    if validate_with_rules(
        form,
        lambda: services.check_organization(
            organization=organization, names=form.name.data, bin=form.bin.data
        ),
    ):
        done = commit_or_show(
            form,
            lambda: services.update_organization(
                organization=organization, names=form.name.data, bin=form.bin.data,
                actor=current_user,
            ),
            success=_("The organization has been saved."), target=_page(organization, program),
        )  # fmt: skip
        if done:
            return done
    return render_template(
        "nominations/organization.html", program=program, organization=organization,
        form=form, alias_form=AliasForm(formdata=None), confirm=ConfirmForm(),
    )  # fmt: skip


@bp.post("/<int:organization_id>/aliases")
def add_alias(slug: str, organization_id: int):
    program, organization = _load(slug, organization_id)
    alias_form = AliasForm()
    if alias_form.validate_on_submit():
        done = commit_or_show(
            alias_form,
            lambda: services.add_organization_alias(
                organization=organization, name=alias_form.name.data, actor=current_user
            ),
            success=_("The name has been added."), target=_page(organization, program),
        )  # fmt: skip
        if done:
            return done
    return render_template(
        "nominations/organization.html", program=program, organization=organization,
        form=_organization_form(organization, typed=False), alias_form=alias_form,
        confirm=ConfirmForm(),
    )  # fmt: skip


@bp.post("/<int:organization_id>/aliases/<int:alias_id>/remove")
def remove_alias(slug: str, organization_id: int, alias_id: int):
    program, organization = _load(slug, organization_id)
    alias = db.session.get(OrganizationAlias, alias_id)
    if alias is None or alias.organization_id != organization.id:
        abort(404)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: services.remove_organization_alias(alias=alias, actor=current_user),
        success=_("The name has been removed."), target=_page(organization, program),
    )  # fmt: skip

"""Ceremony pages: the running order and partners editor, the program booklet download, and
the hall screen's control page (the screen itself: screen_views.py)."""

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from wtforms.fields.choices import SelectChoice

from awards.ceremony import booklet, permissions, pronunciation, screen, services, stage
from awards.ceremony.forms import (
    BookletForm,
    ButtonForm,
    MoveForm,
    PartnerForm,
    RunningOrderItemForm,
    ScreenMoveForm,
    StagePapersForm,
)
from awards.ceremony.models import CeremonyPartner, RunningOrderItem
from awards.ceremony.slides import clamp
from awards.downloads import send_content
from awards.errors import DomainError
from awards.i18n import localized
from awards.pages import commit_or_flash, commit_or_show, committed
from awards.paging import page_number, paginate_list
from awards.printing.errors import PrintingError
from awards.printing.themes import available_themes
from awards.programs.loaders import load_in_program, load_program

bp = Blueprint("ceremony", __name__, url_prefix="/programs/<slug>/ceremony")


@bp.before_request
@login_required
def _require_login():
    """Every ceremony page needs a logged-in user."""


def load_for_organizer(slug: str):
    """The program, or 404 for people without a role in it, or 403 for non-organizers."""
    return load_program(slug, can=permissions.can_prepare_ceremony)


def load_item(program, item_id: int) -> RunningOrderItem:
    return load_in_program(RunningOrderItem, item_id, program)


def load_partner(program, partner_id: int) -> CeremonyPartner:
    return load_in_program(CeremonyPartner, partner_id, program)


def _item_form(program, item: RunningOrderItem | None = None) -> RunningOrderItemForm:
    data = {}
    if item is not None:
        data = {"starts_at": item.starts_at, "title": item.title, "presenter": item.presenter,
                "category": str(item.category_id or ""),
                "break_minutes": item.break_minutes}  # fmt: skip
    form = RunningOrderItemForm(data=data)
    form.category.choices = [SelectChoice("", _("None"))] + [
        SelectChoice(str(category.id), localized(category.title)) for category in program.categories
    ]
    return form


def _item_fields(form: RunningOrderItemForm) -> dict:
    return {
        "starts_at": form.starts_at.data, "title": form.title.data,
        "presenter": form.presenter.data,
        "category_id": int(form.category.data) if form.category.data else None,
        "break_minutes": form.break_minutes.data,
    }  # fmt: skip


def _booklet_form() -> BookletForm:
    form = BookletForm(formdata=request.args or None)
    form.theme.choices = [SelectChoice(t.name, localized(t.title)) for t in available_themes()]
    return form


def _stage_form() -> StagePapersForm:
    form = StagePapersForm(formdata=request.args or None)
    form.theme.choices = [SelectChoice(t.name, localized(t.title)) for t in available_themes()]
    return form


def _index(program, *, item_form=None, partner_form=None):
    items = services.running_order(program)
    return render_template(
        "ceremony/index.html", program=program, items=items,
        late=services.out_of_time_order(items), partners=services.ceremony_partners(program),
        stage=services.stage_order(program), item_form=item_form or _item_form(program),
        partner_form=partner_form or PartnerForm(), booklet_form=_booklet_form(),
        stage_form=_stage_form(), move=MoveForm(), button=ButtonForm(),
    )  # fmt: skip


def _editor(program, anchor: str) -> str:
    return url_for("ceremony.index", slug=program.slug, _anchor=anchor)


@bp.get("")
def index(slug: str):
    return _index(load_for_organizer(slug))


@bp.post("/items")
def item_add(slug: str):
    program = load_for_organizer(slug)
    form = _item_form(program)
    if form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: services.add_running_order_item(
                program=program, actor=current_user, **_item_fields(form)
            ),
            success=_("The point has been added to the running order."),
            target=_editor(program, "running-order"),
        )
        if done:
            return done
    return _index(program, item_form=form)


@bp.route("/items/<int:item_id>", methods=["GET", "POST"])
def item_edit(slug: str, item_id: int):
    program = load_for_organizer(slug)
    item = load_item(program, item_id)
    form = _item_form(program, item)
    if form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: services.update_running_order_item(
                item=item, actor=current_user, **_item_fields(form)
            ),
            success=_("The running order has been saved."),
            target=_editor(program, "running-order"),
        )
        if done:
            return done
    return render_template("ceremony/item_form.html", program=program, item=item, form=form)


@bp.post("/items/<int:item_id>/delete")
def item_delete(slug: str, item_id: int):
    program = load_for_organizer(slug)
    item = load_item(program, item_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: services.delete_running_order_item(item=item, actor=current_user),
        success=_("The point has been removed from the running order."),
        target=_editor(program, "running-order"),
    )


@bp.post("/items/<int:item_id>/move")
def item_move(slug: str, item_id: int):
    program = load_for_organizer(slug)
    item = load_item(program, item_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: services.move_running_order_item(
            item=item, actor=current_user, direction=form.direction.data
        ),
        success=_("The running order has been saved."),
        target=_editor(program, f"item-{item.id}"),
    )


@bp.post("/partners")
def partner_add(slug: str):
    program = load_for_organizer(slug)
    form = PartnerForm()
    if form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: services.add_partner(program=program, actor=current_user, name=form.name.data),
            success=_("The partner has been added."),
            target=_editor(program, "partners"),
        )
        if done:
            return done
    return _index(program, partner_form=form)


@bp.route("/partners/<int:partner_id>", methods=["GET", "POST"])
def partner_edit(slug: str, partner_id: int):
    program = load_for_organizer(slug)
    partner = load_partner(program, partner_id)
    form = PartnerForm(data={"name": partner.name})
    if form.validate_on_submit():
        done = commit_or_show(
            form,
            lambda: services.update_partner(
                partner=partner, actor=current_user, name=form.name.data
            ),
            success=_("The partner has been saved."),
            target=_editor(program, "partners"),
        )
        if done:
            return done
    return render_template(
        "ceremony/partner_form.html", program=program, partner=partner, form=form
    )


@bp.post("/partners/<int:partner_id>/delete")
def partner_delete(slug: str, partner_id: int):
    program = load_for_organizer(slug)
    partner = load_partner(program, partner_id)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: services.delete_partner(partner=partner, actor=current_user),
        success=_("The partner has been removed."),
        target=_editor(program, "partners"),
    )


@bp.post("/partners/<int:partner_id>/move")
def partner_move(slug: str, partner_id: int):
    program = load_for_organizer(slug)
    partner = load_partner(program, partner_id)
    form = MoveForm()
    if not form.validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: services.move_partner(
            partner=partner, actor=current_user, direction=form.direction.data
        ),
        success=_("The partners have been reordered."),
        target=_editor(program, f"partner-{partner.id}"),
    )


@bp.get("/booklet.pdf")
def booklet_download(slug: str):
    program = load_for_organizer(slug)
    theme = request.args.get("theme") or "classic"
    layout = request.args.get("layout") or "pages"
    try:
        pdf = booklet.booklet_pdf(program, theme=theme, layout=layout)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_editor(program, "booklet"))
    except PrintingError as error:
        flash(_("The booklet could not be printed faithfully: %(problem)s", problem=error), "error")
        return redirect(_editor(program, "booklet"))
    name = booklet.booklet_file_name(program, layout)
    return send_content(pdf, name=name, mimetype="application/pdf")


@bp.get("/stage.pdf")
def stage_paper_download(slug: str):
    """?paper=script|cue_cards|envelopes|handout&theme=…: one of the stage papers."""
    program = load_program(slug, can=permissions.can_print_stage_papers)
    paper = request.args.get("paper") or "script"
    theme = request.args.get("theme") or "classic"
    try:
        pdf = stage.stage_paper_pdf(program, paper, theme=theme)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_editor(program, "stage-papers"))
    except PrintingError as error:
        flash(_("The paper could not be printed faithfully: %(problem)s", problem=error), "error")
        return redirect(_editor(program, "stage-papers"))
    name = stage.stage_paper_file_name(program, paper)
    return send_content(pdf, name=name, mimetype="application/pdf")


def _typed_notes(rows) -> dict[str, dict]:
    return {
        row.key: {code: request.form.get(f"{row.key}-{code}", "") for code in ("kk", "ru")}
        for row in rows
    }


@bp.route("/pronunciation", methods=["GET", "POST"], endpoint="pronunciation")
def pronunciation_page(slug: str):
    """The names the presenter's script reads, a page at a time, each with its note."""
    program = load_program(slug, can=permissions.can_print_stage_papers)
    number = page_number(request.args)
    page = paginate_list(pronunciation.name_rows(program), number=number)
    form, typed, errors = ButtonForm(), None, {}
    if form.validate_on_submit():
        typed = _typed_notes(page.items)
        try:
            committed(lambda: pronunciation.save_pronunciations(
                program=program, actor=current_user, notes=typed,
            ))  # fmt: skip
        except DomainError as error:
            errors = error.fields or {error.field or "": error.message}
        else:
            flash(_("The pronunciation notes have been saved."), "success")
            return redirect(url_for("ceremony.pronunciation", slug=slug, page=page.number))
    return render_template(
        "ceremony/pronunciation.html", program=program, page=page, form=form,
        typed=typed, errors=errors,
    )  # fmt: skip


def load_for_running(slug: str):
    """The program, or 404 for people without a role in it, or 403 for who may not run the
    ceremony."""
    return load_program(slug, can=permissions.can_run_ceremony)


def _control(program) -> str:
    return url_for("ceremony.control", slug=program.slug, _anchor="slide")


@bp.get("/screen")
def control(slug: str):
    program = load_for_running(slug)
    slides = screen.program_slides(program)
    # The first visit makes the screen and its link, so there is one to copy.
    state = committed(lambda: screen.open_screen(program=program, actor=current_user))
    position = clamp(state.position, len(slides))
    return render_template(
        "ceremony/control.html", program=program, slides=slides, position=position,
        current=slides[position], upcoming=slides[position + 1] if position + 1 < len(slides)
        else None, screen=state, unrevealed=screen.unrevealed_categories(program),
        themes=available_themes(), button=ButtonForm(),
    )  # fmt: skip


@bp.post("/screen/move")
def control_move(slug: str):
    """Show a slide: the button says which (not "one more"), so a double tap or two people
    pressing at once land on the same slide instead of skipping one."""
    program = load_for_running(slug)
    form = ScreenMoveForm()
    if not form.validate_on_submit():
        abort(400)
    count = len(screen.program_slides(program))
    return commit_or_flash(
        lambda: screen.move_screen(
            screen=screen.open_screen(program=program, actor=current_user), actor=current_user,
            position=form.position.data, count=count,
        ),
        success=None, target=_control(program),
    )  # fmt: skip


@bp.post("/screen/link")
def control_link(slug: str):
    program = load_for_running(slug)
    if not ButtonForm().validate_on_submit():
        abort(400)
    return commit_or_flash(
        lambda: screen.regenerate_screen_link(program=program, actor=current_user),
        success=_("A new screen link is ready; the old one no longer works."),
        target=url_for("ceremony.control", slug=program.slug, _anchor="screen-link"),
    )  # fmt: skip


@bp.get("/screen/slides.pdf")
def slides_download(slug: str):
    program = load_for_running(slug)
    theme = request.args.get("theme") or "classic"
    try:
        pdf = screen.slides_pdf(program, theme=theme)
    except DomainError as error:
        flash(error.message, "error")
        return redirect(_control(program))
    except PrintingError as error:
        flash(_("The slides could not be printed faithfully: %(problem)s", problem=error), "error")
        return redirect(_control(program))
    return send_content(pdf, name=screen.slides_file_name(program), mimetype="application/pdf")

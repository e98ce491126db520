"""The organizer gives a category its practice entry. Its page belongs to the jury blueprint."""

from flask import abort, url_for
from flask_babel import gettext as _
from flask_login import current_user

from awards.forms import AppForm
from awards.judging import practice
from awards.judging.jury_views import bp, load_for_organizer
from awards.pages import commit_or_flash
from awards.programs.loaders import load_category


@bp.post("/categories/<int:category_id>/practice")
def add_practice(slug: str, category_id: int):
    program = load_for_organizer(slug)
    category = load_category(program, category_id)
    if not AppForm().validate_on_submit():  # the CSRF token
        abort(400)
    return commit_or_flash(
        lambda: practice.add_practice_entry(category=category, actor=current_user),
        success=_("The practice entry has been added: every judge of the category scores it "
                  "first, and it never counts."),
        target=url_for("jury.category_page", slug=slug, category_id=category.id),
    )  # fmt: skip

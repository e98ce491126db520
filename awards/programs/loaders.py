"""Loading a program, or a row of it, for a page: found and allowed, or the page answers 404
(or 403). Every domain's views load through here."""

from flask import abort
from flask_login import current_user

from awards.extensions import db
from awards.programs import services
from awards.programs.models import Category, Program
from awards.programs.permissions import can_manage_program, can_view_program


def load_program(slug: str, *, manage: bool = False, can=None) -> Program:
    """The program, or 404 for people without a role in it, or 403 when the user may not
    manage it (``manage``) or fails the permission ``can(user, program)``."""
    program = services.get_program_by_slug(slug)
    if program is None or not can_view_program(current_user, program):
        abort(404)
    if manage and not can_manage_program(current_user, program):
        abort(403)
    if can is not None and not can(current_user, program):
        abort(403)
    return program


def load_in_program(model, ident: int, program: Program):
    """The ``model`` row ``ident`` of ``program``, or 404 (also for another program's row)."""
    row = db.session.get(model, ident)
    if row is None or row.program_id != program.id:
        abort(404)
    return row


def load_category(program: Program, category_id: int) -> Category:
    return load_in_program(Category, category_id, program)

"""Results downloads for organizers: the whole workbook as XLSX, or one table as CSV."""

from flask import Blueprint, abort, request
from flask_login import current_user, login_required

from awards.downloads import send_content
from awards.programs.loaders import load_program
from awards.programs.models import Program
from awards.results import exports
from awards.results.aggregation import Method
from awards.results.permissions import can_export_results
from awards.spreadsheets import CSV_MIMETYPE, XLSX_MIMETYPE, to_csv, to_xlsx

bp = Blueprint("results_export", __name__)


@bp.before_request
@login_required
def _require_login():
    """Every download needs a logged-in user."""


def _load(slug: str) -> Program:
    program = load_program(slug)
    if not can_export_results(current_user, program):
        abort(403)
    return program


def _method(program: Program) -> str:
    """The method asked for in ``?method=``, else the program's own."""
    method = request.args.get("method", "")
    return method if method in set(Method) else program.scoring_method


def _download(content: bytes, name: str, mimetype: str):
    return send_content(content, name=name, mimetype=mimetype)


@bp.get("/programs/<slug>/results/export.xlsx")
def workbook(slug: str):
    program = _load(slug)
    method = _method(program)
    content = to_xlsx(exports.results_tables(program, method))
    name = exports.export_file_name(program, "results", "xlsx", method)
    return _download(content, name, XLSX_MIMETYPE)


@bp.get("/programs/<slug>/results/export/<table>.csv")
def table(slug: str, table: str):
    program = _load(slug)
    if table not in exports.TABLES:
        abort(404)
    method = _method(program)
    (data,) = exports.results_tables(program, method, names=(table,))
    name = exports.export_file_name(program, table, "csv", method)
    return _download(to_csv(data), name, CSV_MIMETYPE)

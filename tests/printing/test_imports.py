"""The print engine's place: it imports no domain and no web framework, and only the fast path
reaches into WeasyPrint's and pydyf's private parts."""

import ast
from pathlib import Path

import awards

PACKAGE = Path(awards.__file__).parent
# WeasyPrint's documented API: HTML, CSS, Document and its pages, URL fetchers, fonts.
PUBLIC_WEASYPRINT = ("weasyprint", "weasyprint.urls", "weasyprint.text.fonts")


def imported_modules(path: Path) -> list[str]:
    modules = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            modules += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            modules.append(node.module)
    return modules


def test_printing_imports_no_domain_and_no_web_framework():
    paths = list((PACKAGE / "printing").rglob("*.py"))
    assert len(paths) > 10
    for path in paths:
        for module in imported_modules(path):
            top = module.split(".")
            assert top[0] not in ("flask", "flask_babel", "sqlalchemy"), (path, module)
            assert top[0] != "awards" or top[1] == "printing", (path, module)


def test_only_the_fast_path_imports_weasyprint_internals_or_pydyf():
    fast = PACKAGE / "printing" / "fast"
    for path in PACKAGE.rglob("*.py"):
        if path.is_relative_to(fast):
            continue
        for module in imported_modules(path):
            if module.split(".")[0] == "weasyprint":
                assert module in PUBLIC_WEASYPRINT, (path, module)
            assert module.split(".")[0] != "pydyf", (path, module)


def test_outside_the_fast_path_printing_touches_no_private_attribute():
    fast = PACKAGE / "printing" / "fast"
    paths = [p for p in (PACKAGE / "printing").rglob("*.py") if not p.is_relative_to(fast)]
    assert len(paths) > 10
    for path in paths:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute) or not node.attr.startswith("_"):
                continue
            ours = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
            assert ours or node.attr.startswith("__"), (path, node.lineno, node.attr)

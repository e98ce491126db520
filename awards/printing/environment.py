"""The one Jinja environment theme templates are filled in: sandboxed, autoescaped, strict and
blind to the web app's templates."""

from functools import cache
from pathlib import Path

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from awards.printing.themes import Theme


@cache
def environment(theme_path: Path) -> jinja2.Environment:
    """The environment of the templates in ``theme_path``: a theme is written by someone else
    (the sandbox), the values it prints are typed by users (autoescaping), and a misspelt
    value must stop the rendering rather than print nothing (StrictUndefined)."""
    return SandboxedEnvironment(
        loader=jinja2.FileSystemLoader(theme_path),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def fill_template(theme: Theme, template_name: str, **values) -> str:
    """The theme's ``template_name`` filled with ``values`` and ``theme`` (name, title)."""
    template = environment(theme.path).get_template(template_name)
    return template.render(theme={"name": theme.name, "title": theme.title}, **values)

"""The one Jinja environment theme templates are filled in: sandboxed, autoescaped, strict."""

import jinja2
import pytest
from jinja2.sandbox import SecurityError

from awards.printing.environment import environment


def test_a_template_cannot_reach_into_python(tmp_path):
    template = environment(tmp_path).from_string(
        "{{ theme.__class__.__mro__[-1].__subclasses__() }}"
    )

    with pytest.raises(SecurityError):
        template.render(theme={"name": "classic"})


def test_values_are_escaped_and_a_misspelt_name_stops_the_rendering(tmp_path):
    env = environment(tmp_path)

    assert env.from_string("{{ name }}").render(name="<b>ТОО</b>") == "&lt;b&gt;ТОО&lt;/b&gt;"
    with pytest.raises(jinja2.UndefinedError):
        env.from_string("{{ nmae }}").render(name="ТОО")

import pytest

from awards.redirects import safe_next


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/x", "//evil.example", "/\\evil.example", "\\\\evil.example",
     "javascript:alert(1)", "evil.example/x", "/\tevil", "http:/evil.example"],
)  # fmt: skip
def test_safe_next_refuses_other_sites(target):
    assert safe_next(target, "/home") == "/home"


@pytest.mark.parametrize("target", ["/programs/", "/programs/x?tab=1", "/account#top"])
def test_safe_next_keeps_local_paths(target):
    assert safe_next(target, "/home") == target


def test_safe_next_empty_gives_default():
    assert safe_next(None, "/home") == "/home"
    assert safe_next("", "/home") == "/home"

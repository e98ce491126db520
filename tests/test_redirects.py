import pytest

from awards.redirects import safe_next, same_site_referrer


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


@pytest.mark.parametrize(
    ("referrer", "back"),
    [
        ("http://awards.kz/nominations/5", "/nominations/5"),
        ("https://awards.kz/programs/x/ballots?tab=1", "/programs/x/ballots?tab=1"),
        ("https://evil.example/nominations/5", None), ("//awards.kz/x", None),
        ("javascript:alert(1)", None), ("", None), (None, None),
    ],
)  # fmt: skip
def test_same_site_referrer_gives_back_only_this_sites_pages(referrer, back):
    assert same_site_referrer(referrer, "awards.kz") == back

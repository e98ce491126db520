"""An upload over the largest request the app reads, through a real server and browser: the
browser reads the answer (not a reset connection) and is back on its form with the limit."""

from playwright.sync_api import expect

from awards.operations.demo_texts import DEMO_SLUG

PROGRAM = f"/programs/{DEMO_SLUG}"


def test_a_file_over_the_limit_comes_back_to_its_form_with_the_limit_stated(
    page, login, live_server, tmp_path
):
    big = tmp_path / "logo.png"
    big.write_bytes(b"\x89PNG\r\n\x1a\n" + b"0" * (12 * 1024 * 1024))
    login("organizer@demo.kz")
    page.click(".lang-switch button[value=en]")
    page.goto(f"{live_server}{PROGRAM}/edit")
    page.set_input_files("#logo #file", str(big))
    page.click("#logo button[type=submit]")
    expect(page.locator(".flash-error")).to_have_text(
        "This file is 12 MB; files up to 10 MB are accepted."
    )
    assert page.url == f"{live_server}{PROGRAM}/edit"
    expect(page.locator("#logo")).to_contain_text("A PNG or JPEG picture of at most 2 MB")

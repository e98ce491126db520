"""The organizer prints Kazzinc's name in the dative, issues the demo's laureate certificates,
downloads them as a ZIP, revokes one, and its public check page says it is revoked."""

import zipfile
from pathlib import Path

from playwright.sync_api import expect

PROGRAM = "/programs/working-professions-2025"
LAUREATES = 17  # Kazzinc and the sixteen social partners of 2025
KAZZINC_AS_PRINTED = "Товариществу с ограниченной ответственностью «Казцинк»"


def test_organizer_issues_downloads_and_revokes_and_the_check_page_says_revoked(
    page, live_server, login
):
    page.set_default_timeout(120_000)  # seventeen PDFs render on two shared cores
    login("organizer@demo.kz")
    page.click(".lang-switch button[value=en]")
    page.goto(f"{live_server}{PROGRAM}")
    page.click("#certificates-link")
    page.click("#names-link")
    kazzinc = page.locator("#names tr", has_text="Kazzinc LLP")
    kazzinc.locator("input[name$=names_ru]").fill(KAZZINC_AS_PRINTED)
    kazzinc.locator("button[type=submit]").first.click()
    expect(page.locator(".flash-success")).to_be_visible()
    page.goto(f"{live_server}{PROGRAM}/certificates")
    page.click("#issue-link")
    expect(page.locator("#recipients input[name=recipients]:checked")).to_have_count(LAUREATES)
    expect(page.locator("#recipients")).to_contain_text(KAZZINC_AS_PRINTED)
    page.select_option("#theme", "classic")
    page.click("#issue-button")
    expect(page.locator(".flash-success")).to_contain_text(f"{LAUREATES} certificates issued")
    valid = page.locator("#kind-laureate tr[data-state=valid]")
    expect(valid).to_have_count(LAUREATES)

    with page.expect_download() as download:
        page.click("#kind-laureate a.download-zip")
    assert download.value.suggested_filename == "working-professions-2025-laureates.zip"
    with zipfile.ZipFile(download.value.path()) as archive:
        names = archive.namelist()
        assert len(names) == LAUREATES and all(name.endswith(".pdf") for name in names)
        assert all(archive.read(name).startswith(b"%PDF-") for name in names)
    assert "WP-2025-0001_Товариществу_с_ограниченной_ответственностью_Казцинк.pdf" in names

    # One certificate on its own keeps its Cyrillic name through a real server and browser.
    with page.expect_download() as single:
        page.click("#kind-laureate a:text-is('WP-2025-0001')")
    assert single.value.suggested_filename == (
        "WP-2025-0001_Товариществу_с_ограниченной_ответственностью_Казцинк.pdf"
    )
    assert Path(single.value.path()).read_bytes().startswith(b"%PDF-")

    row = valid.first
    serial = row.get_attribute("data-serial")
    row.locator("details.revoke summary").click()
    row.locator("input[name=reason]").fill("The name is misspelt")
    row.locator("details.revoke button").click()
    page.click("#confirm-dialog button[value=confirm]")  # revoking asks first
    revoked = page.locator(f"tr[data-serial='{serial}']")
    expect(revoked).to_have_attribute("data-state", "revoked")
    expect(revoked).to_contain_text("The name is misspelt")
    check_page = revoked.locator("a.verify-link").get_attribute("href")

    page.context.clear_cookies()
    page.goto(f"{live_server}{check_page}")
    page.click(".lang-switch button[value=en]")
    expect(page.locator("#state")).to_have_text("Revoked")
    expect(page.locator("#recipient")).to_contain_text(KAZZINC_AS_PRINTED)
    expect(page.locator("#verification")).not_to_contain_text("misspelt")
    page.screenshot(path="test-results/certificate-revoked.png", full_page=True)

"""The organizer decides and publishes the demo's results; the public reads them in Kazakh."""

from playwright.sync_api import expect

PROGRAM = "/programs/working-professions-2025"


def test_organizer_switches_method_confirms_publishes_and_public_reads_kazakh(
    page, live_server, login
):
    login("organizer@demo.kz")
    page.click(".lang-switch button[value=en]")
    page.goto(f"{live_server}{PROGRAM}/results")
    page.click("form[action$='/unpublish'] button")
    expect(page.locator("#publish")).to_be_visible()

    page.click("#categories a >> nth=1")
    page.click("a[href$='method=normalized']")
    expect(page.locator("#method-name")).to_have_text("Normalized per judge")
    page.click("#use-method")
    expect(page.locator("#method-name")).to_have_text("Normalized per judge")
    expect(page.locator("#use-method")).to_have_count(0)

    page.fill("#reason", "Re-deciding with the normalized method")
    page.click("#unfreeze")
    expect(page.locator("#confirm-laureates")).to_be_visible()
    expect(page.locator("#ranking input[name=laureates]:checked")).to_have_count(16)
    page.click("#confirm-laureates")
    expect(page.locator("#snapshot h2")).to_contain_text("version 2")

    page.goto(f"{live_server}{PROGRAM}/results")
    page.click("#publish")
    page.click("#confirm-dialog button[value=confirm]")  # publishing asks first
    expect(page.locator(".flash-success")).to_be_visible()

    page.context.clear_cookies()
    refused = []  # a CSP report would say the schema.org data block was treated as a script
    page.on("console", lambda message: refused.append(message.text))
    page.goto(f"{live_server}/results/working-professions-2025")
    page.click(".lang-switch button[value=kk]")
    expect(page.locator("html")).to_have_attribute("lang", "kk")
    expect(page.locator("#category-best-patron")).to_contain_text("«Қазмырыш» ЖШС")
    expect(page.locator("#category-best-social-partner li")).to_have_count(16)
    page.screenshot(path="test-results/results-public-kk.png", full_page=True)
    graph = page.evaluate(
        "JSON.parse(document.querySelector('script[type=\"application/ld+json\"]')"
        ".textContent)['@graph']"
    )
    assert graph[0]["@type"] == "Event" and graph[0]["startDate"].endswith("+05:00")
    assert "«Қазмырыш» ЖШС" in [thing["name"] for thing in graph[1:]]
    assert not [text for text in refused if "Content Security Policy" in text]

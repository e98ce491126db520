"""The organizer's first steps, in a real browser."""

from playwright.sync_api import expect


def test_organizer_switches_to_kazakh_and_creates_category_with_two_criteria(
    page, live_server, login
):
    login("organizer@demo.kz")
    expect(page.locator("h1")).to_be_visible()
    page.click(".lang-switch button[value=kk]")
    expect(page.locator("html")).to_have_attribute("lang", "kk")

    page.goto(f"{live_server}/programs/working-professions-2025")
    page.click("a[href$='/categories/new']")
    page.fill("#slug", "best-college")
    page.fill("#title_kk", "Жылдың үздік колледжі")
    page.fill("#title_ru", "Лучший колледж года")
    page.fill("#max_laureates", "3")
    page.click("form.form button[type=submit]")
    expect(page.locator("h1")).to_have_text("Жылдың үздік колледжі")

    for name_kk, name_ru, weight in [
        ("Дуалды оқыту", "Дуальное обучение", "3"),
        ("Түлектерді жұмысқа орналастыру", "Трудоустройство", "2"),
    ]:
        page.click("a[href$='/criteria/new']")
        page.fill("#name_kk", name_kk)
        page.fill("#name_ru", name_ru)
        page.fill("#weight", weight)
        page.click("form.form button[type=submit]")
    expect(page.locator("#criteria tbody tr")).to_have_count(2)
    expect(page.locator("#criteria")).to_contain_text("Түлектерді жұмысқа орналастыру")

    page.click(".crumbs a >> nth=1")
    expect(page.locator("#categories")).to_contain_text("Жылдың үздік колледжі")
    page.screenshot(path="test-results/foundation-category-kk.png", full_page=True)


def test_wrong_password_shows_message_and_keeps_email(page, live_server):
    page.goto(f"{live_server}/login")
    page.click(".lang-switch button[value=ru]")
    page.fill("input[name=email]", "organizer@demo.kz")
    page.fill("input[name=password]", "definitely wrong")
    page.click("form.form button[type=submit]")
    expect(page.locator(".form-errors")).to_be_visible()
    expect(page.locator("input[name=email]")).to_have_value("organizer@demo.kz")
    expect(page.locator("html")).to_have_attribute("lang", "ru")

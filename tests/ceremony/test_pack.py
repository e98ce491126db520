"""`flask ceremony pack`: the ceremony day's papers and files for the demo's 2025 ceremony,
checked as a print shop and a calendar would read them."""

from io import BytesIO

from icalendar import Calendar
from openpyxl import load_workbook
from pypdf import PdfReader

from awards.extensions import db
from awards.operations.demo import load_demo
from awards.operations.demo_texts import DEMO_REPRESENTATIVES, DEMO_SLUG
from tests.certificates import print_shop


def test_the_pack_holds_every_paper_and_file_of_the_ceremony_day(app, tmp_path):
    load_demo(password="demo password 2025")
    db.session.commit()
    out = tmp_path / "pack"
    result = app.test_cli_runner().invoke(args=["ceremony", "pack", DEMO_SLUG, "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(path.name.removeprefix(f"{DEMO_SLUG}-") for path in out.iterdir())
    assert names == sorted([
        "presenter-script.pdf", "cue-cards.pdf", "envelopes.pdf", "stage-hand-out.pdf",
        "place-cards.pdf", "slides.pdf", "guests.xlsx", "ceremony.ics",
    ])  # fmt: skip

    # Place cards: one sheet for each representative who comes, fonts embedded, kk and ru.
    cards = (out / f"{DEMO_SLUG}-place-cards.pdf").read_bytes()
    assert len(PdfReader(BytesIO(cards)).pages) == len(DEMO_REPRESENTATIVES)
    assert all(font["embedded"] and font["unicode"] for font in print_shop.fonts(cards))
    text = print_shop.flat(print_shop.text(cards))
    assert "Ерлан Жақсыбеков" in text and "Ерлан Жаксыбеков" in text
    assert "1-қатар, 4-орын" in text and "ряд 1, место 4" in text

    # The calendar file: the ceremony at 10:00 in Ust-Kamenogorsk, in the program's time zone.
    event = Calendar.from_ical((out / f"{DEMO_SLUG}-ceremony.ics").read_bytes()).events[0]
    assert event.start.isoformat() == "2025-12-19T10:00:00+05:00"
    assert str(event.start.tzinfo) == "Asia/Almaty"
    assert str(event["LOCATION"]) == "Өскемен қ."

    # The guest list: every laureate in stage order, in Russian.
    sheet = load_workbook(out / f"{DEMO_SLUG}-guests.xlsx").active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Номинация", "Лауреат", "Представитель") and len(rows) == 1 + 17
    assert rows[1][1] == "ТОО «Казцинк»" and rows[1][2] == "Ерлан Жаксыбеков"

"""The protocol as a PDF: its plain content with the serial, the version and the QR code to
its verification page, filled into a theme's protocol.html (A4, as many pages as it takes)."""

from datetime import date

from awards.printing.dates import format_long_date
from awards.printing.plain import render_document
from awards.printing.qr import qr_data_uri
from awards.printing.themes import load_theme
from awards.protocols.wording import PRINTED_LANGUAGES, WORDING, texts

PAGE_SIZE = "A4"


def _pair(value: dict) -> list[str]:
    """A text in each printed language, Kazakh first; one line when they are the same."""
    return list(dict.fromkeys(value[code] for code in PRINTED_LANGUAGES))


def _category(number: int, category: dict) -> dict:
    title = category["title"]
    agenda = {code: WORDING["agenda_item"][code] % {"title": title[code]}
              for code in PRINTED_LANGUAGES}  # fmt: skip
    printed = {**category, "number": number, "title": _pair(title), "agenda": _pair(agenda)}
    if not category["decided"]:
        return printed
    printed["rows"] = [{**row, "nominee": _pair(row["nominee"])} for row in category["rows"]]
    printed["laureates"] = [{**item, "nominee": _pair(item["nominee"])}
                            for item in category["laureates"]]  # fmt: skip
    printed["method_name"] = _pair(texts(category["method"]))
    printed["bootstrap"] = _pair(texts("bootstrap", n=f"{category['resamples']:,}".replace(
        ",", "\u00a0")))  # fmt: skip
    return printed


def _meeting(meeting: dict | None) -> dict | None:
    if meeting is None:
        return None
    day = date.fromisoformat(meeting["date"])
    return {"lines": [
        f"{meeting['place'][code]}, {format_long_date(day, code)}, {meeting['time']}"
        for code in PRINTED_LANGUAGES
    ]}  # fmt: skip


def template_values(content: dict, *, serial: str, version: int, verify_url: str) -> dict:
    """What protocol.html receives (certificates/README.md, "A protocol")."""
    jurors = content["jurors"]
    present = [juror for juror in jurors if juror["present"]]
    return {
        "languages": list(PRINTED_LANGUAGES),
        "labels": {key: _pair(texts(key)) for key in WORDING if "%" not in WORDING[key]["ru"]},
        "program_title": _pair(content["program_title"]),
        "organizing_body": _pair(content["organizing_body"]),
        "meeting": _meeting(content["meeting"]),
        "jurors": jurors,
        "present": present,
        "absent": [juror for juror in jurors if not juror["present"]],
        "quorum": _pair(texts("quorum", present=len(present), total=len(jurors))),
        "categories": [_category(n, c) for n, c in enumerate(content["categories"], start=1)],
        "serial": serial,
        "version": _pair(texts("version", n=version)),
        "verify_url": verify_url,
        "qr_image": qr_data_uri(verify_url),
    }


def render_protocol(theme: str, content: dict, *, serial: str, version: int,
                    verify_url: str) -> bytes:  # fmt: skip
    """The protocol as one PDF in ``theme``. ValueError for an unknown theme; PrintingError
    when WeasyPrint could not print it faithfully (a letter the fonts lack, say)."""
    spec = load_theme(theme)
    values = template_values(content, serial=serial, version=version, verify_url=verify_url)
    return render_document(spec, "protocol.html", PAGE_SIZE, protocol=values)

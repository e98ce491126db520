"""The stage papers' values for a theme's stage.html: the presenter's script, the cue cards,
the envelopes and the stage assistants' hand-out sheet, made from plain values (no ORM object)
and the theme's words (wording.toml's [stage]). Pure: no database, no request.

A moment is what the presenter does at one point of the ceremony: its heading, then per
language the lines read out (``say``), the names (``name``, with a pronunciation note and a
position) and notes to the presenter that are not read aloud (``direction``). A name stands on
a line of its own, as written, so that no sentence has to decline it.
"""

import unicodedata
from datetime import date, time

from awards.printing.dates import format_long_date
from awards.printing.themes import Theme
from awards.printing.values import _day, _ensure_plain, _languages, _localized, _unique

# What an A6 cue card holds, in lines of its type (stage.css: 10.5 pt on 89 mm), and about how
# many characters a line takes; a moment longer than a card goes on over the next cards.
CARD_LINES = (30, 24, 19)  # by fitting step: the renderer takes the next while a card overflows
CARD_LINE_CHARS = 44
# The inside of an envelope: its type steps down with the lines of names it holds.
ENVELOPE_LENGTHS = ("short", "long", "very-long", "extra-long")
FIT_STEPS = 3
STRESS_MARK = "\u0301"  # the combining acute accent over the stressed vowel
VOWELS = set("аәеёиіоөуұүыэюяaeiouyАӘЕЁИІОӨУҰҮЫЭЮЯAEIOUY")


def stressed(note: str) -> str:
    """A pronunciation note as printed: "+" typed before a vowel (Сактаг+анов) becomes an
    acute accent over it (Сактага́нов); a "+" elsewhere stays as typed."""
    out, chars, i = [], note, 0
    while i < len(chars):
        if chars[i] == "+" and i + 1 < len(chars) and chars[i + 1] in VOWELS:
            out.append(chars[i + 1] + STRESS_MARK)
            i += 2
            continue
        out.append(chars[i])
        i += 1
    return unicodedata.normalize("NFC", "".join(out))


def _say(text: str) -> dict:
    return {"kind": "say", "text": text}


def _direction(text: str) -> dict:
    return {"kind": "direction", "text": text}


def _name(name: dict, code: str, detail: dict | None = None) -> dict:
    """A name as the script prints it in language ``code``: the name, its pronunciation note
    in that language (or the other one's), and a position below it."""
    note = name.get("note") or {}
    typed = note.get(code) or next((text for text in note.values() if text), "")
    return {
        "kind": "name",
        "text": name["text"][code],
        "note": stressed(typed) if typed else None,
        "detail": (detail or {}).get(code) or None,
    }


def _phrase(theme: Theme, key: str, code: str, **values) -> str:
    text = theme.wording["stage"][key][code]
    for name, value in values.items():
        text = text.replace("{" + name + "}", value)
    return text


def _moment(kind: str, heading: dict, languages, *, at=None, intro=None, entries=(), outro=None):
    """A moment's ``units``, each language -> lines: the intro, each entry (a name the
    presenter reads out, with what goes with it), the outro. A unit is never split."""
    units = [intro, *entries, outro]
    return {
        "kind": kind,
        "time": at.strftime("%H:%M") if isinstance(at, time) else None,
        "heading": _unique(heading[code] for code in languages),
        "units": [unit for unit in units if unit and any(unit.values())],
    }


def _per_language(languages, lines) -> dict:
    return {code: lines(code) for code in languages}


def _opening(values: dict, theme: Theme, languages) -> dict:
    def lines(code):
        return [
            _say(_phrase(theme, "greeting", code)), _say(_phrase(theme, "welcome", code)),
            _name({"text": values["title"]}, code),
        ]  # fmt: skip

    heading = theme.wording["stage"]["opening"]
    return _moment("opening", heading, languages, intro=_per_language(languages, lines))


def _point(point: dict, theme: Theme, languages) -> dict:
    presenter = point.get("presenter")

    def lines(code):
        if presenter:
            return [_say(_phrase(theme, "speaker", code)), _name(presenter, code)]
        return [_direction(point["title"][code])]

    return _moment(
        "point", point["title"], languages, at=point.get("time"),
        intro=_per_language(languages, lines),
    )  # fmt: skip


def _introduction(point: dict, category: dict, theme: Theme, languages) -> dict:
    def lines(code):
        said = [_say(_phrase(theme, "category_intro", code, title=category["title"][code]))]
        if category.get("description"):
            said.append(_say(category["description"][code]))
        if category["nominees"]:
            said.append(_say(_phrase(theme, "nominees_intro", code)))
        return said

    entries = [
        _per_language(languages, lambda code, name=name: [_name(name, code)])
        for name in category["nominees"]
    ]
    return _moment(
        "category", point["title"], languages, at=point.get("time"),
        intro=_per_language(languages, lines), entries=entries,
    )  # fmt: skip


def _laureate_lines(laureate: dict, theme: Theme, code: str) -> list[dict]:
    lines = [_name(laureate["name"], code)]
    representative = laureate.get("representative")
    if representative:
        lines.append(_say(_phrase(theme, "representative", code)))
        lines.append(_name(representative, code, representative.get("position")))
    else:
        lines.append(_say(_phrase(theme, "organization_invited", code)))
    return lines


def _envelope(point: dict, category: dict, theme: Theme, languages) -> dict:
    presenter = point.get("presenter")
    laureates = category["laureates"]
    key = "laureate" if len(laureates) == 1 else "laureates"

    def intro(code):
        lines = []
        if presenter:
            lines += [_say(_phrase(theme, "award_presenter", code)), _name(presenter, code)]
        lines.append(_say(_phrase(theme, "open_envelope", code)))
        if not category["frozen"]:
            return [*lines, _direction(_phrase(theme, "results_pending", code))]
        return [*lines, _say(_phrase(theme, key, code, title=category["title"][code]))]

    def outro(code):
        return [_say(_phrase(theme, "congratulations", code))] if category["frozen"] else []

    entries = [
        _per_language(languages, lambda code, one=one: _laureate_lines(one, theme, code))
        for one in (laureates if category["frozen"] else [])
    ]
    heading = {
        code: f"{theme.wording['stage']['envelope'][code]}: {category['title'][code]}"
        for code in languages
    }
    return _moment(
        "envelope", heading, languages, intro=_per_language(languages, intro), entries=entries,
        outro=_per_language(languages, outro),
    )  # fmt: skip


def _partners(values: dict, theme: Theme, languages) -> dict:
    entries = [
        _per_language(languages, lambda code, name=name: [_name({"text": name}, code)])
        for name in values["partners"]
    ]
    intro = _per_language(languages, lambda code: [_say(_phrase(theme, "partners_thanks", code))])
    heading = theme.wording["stage"]["partners"]
    return _moment("partners", heading, languages, intro=intro, entries=entries)


def _closing(theme: Theme, languages) -> dict:
    intro = _per_language(languages, lambda code: [_say(_phrase(theme, "farewell", code))])
    return _moment("closing", theme.wording["stage"]["closing"], languages, intro=intro)


def moments(values: dict, theme: Theme, languages: list[str]) -> list[dict]:
    """The ceremony moment by moment: the opening, each point of the running order (a point
    awarding a category is its introduction with the nominees, then its envelope moment),
    the partners' thanks (when there are partners) and the closing."""
    found = [_opening(values, theme, languages)]
    for point in values["points"]:
        if point.get("category") is None:
            found.append(_point(point, theme, languages))
            continue
        category = values["categories"][point["category"]]
        found.append(_introduction(point, category, theme, languages))
        found.append(_envelope(point, category, theme, languages))
    if values["partners"]:
        found.append(_partners(values, theme, languages))
    found.append(_closing(theme, languages))
    return found


def _lines(texts) -> int:
    return sum(-(-len(text) // CARD_LINE_CHARS) or 1 for text in texts)


def _cost(unit: dict) -> int:
    """About how many lines of a card ``unit`` takes: its lines, each language's mark."""
    texts = [
        f"{line['text']} [{line['note']}]" if line.get("note") else line["text"]
        for lines in unit.values() for line in lines
    ]  # fmt: skip
    details = sum(1 for lines in unit.values() for line in lines if line.get("detail"))
    return _lines(texts) + details + len([code for code in unit if unit[code]])


def _split(unit: dict, room: int) -> list[dict]:
    """A unit longer than a card, one language a unit (each still whole)."""
    if _cost(unit) <= room:
        return [unit]
    return [
        {other: lines if other == code else [] for other in unit}
        for code, lines in unit.items() if lines
    ]  # fmt: skip


def _pack(units: list[dict], room: int) -> list[list[dict]]:
    pieces, current, used = [], [], 0
    for unit in (piece for whole in units for piece in _split(whole, room)):
        cost = _cost(unit)
        if current and used + cost > room:
            pieces.append(current)
            current, used = [], 0
        current.append(unit)
        used += cost
    return [*pieces, current] if current or not pieces else pieces


def cards(found: list[dict], lines: int = CARD_LINES[0]) -> list[dict]:
    """One cue card per moment; a moment longer than a card goes on over as many cards as it
    needs, never breaking a name from what goes with it (nor, when it fits, one language's
    intro from the other's)."""
    result = []
    for moment in found:
        room = lines - _lines(moment["heading"]) - (1 if moment["time"] else 0)
        pieces = _pack(moment["units"], room)
        for index, piece in enumerate(pieces):
            result.append({**moment, "units": piece, "part": index + 1, "parts": len(pieces)})
    for number, card in enumerate(result, start=1):
        card["number"], card["total"] = number, len(result)
    return result


def _envelope_card(category: dict, theme: Theme, languages, fit: int) -> dict:
    laureates = category["laureates"] if category["frozen"] else []
    names = [
        [{"text": text, "note": note} for text, note in _noted(laureate["name"], languages)]
        for laureate in laureates
    ]
    pending = _unique(_phrase(theme, "results_pending", code) for code in languages)
    size = sum(len(lines) for lines in names)
    return {
        "title": _localized(category["title"], languages),
        "laureates": names,
        "pending": [] if category["frozen"] else pending,
        "length": ENVELOPE_LENGTHS[min(sum(size > n for n in (6, 14, 44)) + fit, 3)],
    }


def _noted(name: dict, languages) -> list[tuple[str, str | None]]:
    """A laureate's name once per language it differs in, each with its note."""
    seen, lines = set(), []
    for code in languages:
        line = _name(name, code)
        if line["text"] in seen:
            continue
        seen.add(line["text"])
        lines.append((line["text"], line["note"]))
    return lines


def _handout_row(row: dict, number: int, languages) -> dict:
    representative = row.get("representative") or {}
    return {
        "number": number,
        "serial": row["serial"],
        "category": _localized(row.get("category"), languages),
        "recipient": _localized(row["recipient"], languages),
        "receives": _localized(representative.get("text"), languages),
        "position": _localized(representative.get("position"), languages),
    }


def stage_context(paper: str, data: dict, theme: Theme, fit: int = 0) -> dict:
    """The values stage.html receives for ``paper`` (script, cue_cards, envelopes, handout);
    ``fit`` (0 to FIT_STEPS - 1) packs cue cards and envelopes tighter, step by step."""
    _ensure_plain(data, paper)
    languages = _languages(data, theme, paper)
    day: date = _day(data.get("date"))
    labels = {key: _localized(text, languages) for key, text in theme.wording["stage"].items()}
    # The envelope's heading over the laureates: the booklet's, without a category's title.
    labels["laureates"] = _localized(theme.wording["program"]["laureates"], languages)
    context = {
        "paper": paper,
        "languages": languages,
        "title": _localized(data["title"], languages),
        "organizing_body": _localized(data["organizing_body"], languages),
        "venue": _localized(data["venue"], languages),
        "date": _unique(format_long_date(day, code) for code in languages),
        "labels": labels,
        "language_labels": {code: code.upper() for code in languages},
    }
    if paper in ("script", "cue_cards"):
        found = moments(data, theme, languages)
        context["moments"] = cards(found, CARD_LINES[fit]) if paper == "cue_cards" else found
    elif paper == "envelopes":
        context["envelopes"] = [
            _envelope_card(data["categories"][point["category"]], theme, languages, fit)
            for point in data["points"] if point.get("category") is not None
        ]  # fmt: skip
    else:
        context["rows"] = [
            _handout_row(row, number, languages) for number, row in enumerate(data["rows"], start=1)
        ]
    return context

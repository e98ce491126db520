"""Files sent to the browser: every download names itself here, the way RFC 6266 says.

HTTP headers travel as Latin-1, so a Kazakh or Russian file name cannot go into
``filename="…"`` as it is (a real server refuses the whole reply). The header carries an ASCII
transliteration for old clients and the real name as ``filename*=UTF-8''…`` (RFC 8187), which
every current browser prefers.
"""

import io
import re
from os import PathLike
from urllib.parse import quote

from flask import Response, send_file
from werkzeug.http import dump_options_header

# Russian and Kazakh letters to Latin, close to how Kazakhstan's own documents spell them.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    "ә": "a", "ғ": "g", "қ": "q", "ң": "n", "ө": "o", "ұ": "u", "ү": "u", "һ": "h", "і": "i",
}  # fmt: skip
_QUOTES = re.compile("[«»\"“”„'‘’`]")
# What may stay in the quoted ASCII name: no quote, backslash, semicolon or control character.
_UNSAFE = re.compile(r"[^A-Za-z0-9 ._()+,=@-]+")
# RFC 8187 attr-char beyond letters and digits; everything else is percent-encoded.
_ATTR_CHARS = "!#$&+-.^_`|~"


def _ascii(text: str) -> str:
    letters = []
    for char in text:
        latin = _LATIN.get(char.lower())
        if latin is None:
            letters.append(char)
        else:
            letters.append(latin.capitalize() if char.isupper() else latin)
    return _UNSAFE.sub("_", _QUOTES.sub("", "".join(letters))).strip(" ._")


def ascii_name(name: str) -> str:
    """The file name in plain ASCII: letters transliterated, anything unsafe replaced."""
    stem, dot, extension = name.rpartition(".")
    if not dot:
        stem, extension = name, ""
    stem, extension = _ascii(stem) or "download", _ascii(extension)
    return f"{stem}.{extension}" if extension else stem


def content_disposition(name: str, *, inline: bool = False) -> str:
    """The Content-Disposition value for a file called ``name``."""
    disposition = "inline" if inline else "attachment"
    fallback = ascii_name(name)
    value = dump_options_header(disposition, {"filename": fallback})  # quoted where needed
    if fallback != name:
        value += f"; filename*=UTF-8''{quote(name, safe=_ATTR_CHARS)}"
    return value


def send_content(
    content: bytes | str | PathLike,
    *,
    name: str,
    mimetype: str,
    inline: bool = False,
    cache: str = "private, no-store",
) -> Response:
    """A download of bytes in memory or of a file on disk, named ``name``, never sniffed."""
    source = io.BytesIO(content) if isinstance(content, bytes) else content
    response = send_file(source, mimetype=mimetype, max_age=0)
    response.headers["Content-Disposition"] = content_disposition(name, inline=inline)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = cache
    return response

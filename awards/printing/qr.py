"""The QR code printed on a certificate: it points a phone at the public verification page.

segno encodes the URL; the data mask is chosen here by the penalty rules of ISO/IEC 18004
(7.8.3) on rows and columns held as integers, several times faster than segno's own search,
which a batch of a thousand certificates would otherwise spend most of its time in.
"""

import re
from functools import cache
from urllib.parse import quote

import segno
from segno import consts
from segno import encoder as _encoder

BORDER = 4  # the quiet zone, in modules
DARK = "#111111"
LIGHT = "#ffffff"
MASKS = range(8)
_RUN = re.compile(r"00000+|11111+")
FINDER = "1011101"


@cache
def _planes(width: int) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """Each data mask limited to the encoding region, as one integer of the whole matrix by
    rows and one by columns (first row in the highest bits), and the 2×2-block positions."""
    function = _encoder.make_matrix(width, width)
    _encoder.add_finder_patterns(function, width, width)
    _encoder.add_alignment_patterns(function, width, width)
    function[-8][8] = 0x1  # the dark module
    by_rows, by_columns = [], []
    for pattern in _encoder.get_data_mask_functions(False):
        bits = [
            "".join("1" if function[i][j] > 0x1 and pattern(i, j) else "0" for j in range(width))
            for i in range(width)
        ]
        by_rows.append(int("".join(bits), 2))
        by_columns.append(int("".join("".join(column) for column in zip(*bits, strict=True)), 2))
    corners = int(("1" * (width - 1) + "0") * (width - 1) + "0" * width, 2)
    return tuple(by_rows), tuple(by_columns), corners


def _finder_like(text: str, width: int) -> int:
    """N3: dark-light-dark×3-light-dark with four light modules (or the edge) on one side,
    scanned as segno scans it (a pattern counted, the next is looked for after it)."""
    count, line = 0, width + 1
    index = text.find(FINDER)
    while index != -1:
        start = index - index % line
        column, after = index - start, index + 7
        if (
            column in (0, width - 7)
            or "1" not in text[max(index - 4, start) : index]
            or "1" not in text[after : min(after + 4, start + width)]
        ):
            count += 1
        else:
            after = index + 4
        index = text.find(FINDER, after)
    return count


def _penalty(rows: int, columns: int, width: int, corners: int) -> int:
    """N1 + N2 + N3 + N4 of ISO/IEC 18004:2015 table 11, as segno scores a matrix."""
    size = width * width
    lines = []
    for matrix in (format(rows, f"0{size}b"), format(columns, f"0{size}b")):
        lines += [matrix[start : start + width] for start in range(0, size, width)]
    text = "2".join(lines)
    runs = _RUN.findall(text)
    score = sum(map(len, runs)) - 2 * len(runs)  # 3 + (length - 5) per run of 5 or more
    score += 40 * _finder_like(text, width)
    vertical = ~(rows ^ (rows << width))
    blocks = vertical & (vertical << 1) & ~(rows ^ (rows << 1)) & corners
    score += 3 * blocks.bit_count()
    dark = rows.bit_count() * 100 / size
    lower_step = dark - dark % 5
    return score + 10 * int(min(abs(lower_step - 50), abs(lower_step - 45)) // 5)


def _as_integers(matrix, width: int) -> tuple[int, int]:
    """A matrix of 0/1 modules as one integer by rows and one by columns."""
    bits = "".join(bytes(row).hex()[1::2] for row in matrix)
    return int(bits, 2), int("".join(bits[column::width] for column in range(width)), 2)


@cache
def _format_planes(width: int, version: int, error: int) -> tuple[tuple[int, int], ...]:
    """What writing each mask's format information instead of mask 0's changes."""
    planes = []
    for number in MASKS:
        matrix = tuple(bytearray(width) for _ in range(width))
        _encoder.add_format_info(matrix, version, error, number)
        planes.append(_as_integers(matrix, width))
    return tuple((rows ^ planes[0][0], columns ^ planes[0][1]) for rows, columns in planes)


def qr_matrix(url: str) -> tuple[bytes, ...]:
    """The modules of the QR code for ``url`` (level M), one bytes row of 0/1 per module row,
    without the quiet zone: segno's code with the mask whose finished symbol is least
    penalised."""
    code = segno.make_qr(url, error="m", mask=0)
    width = len(code.matrix)
    row_masks, column_masks, corners = _planes(width)
    formats = _format_planes(width, code.version, consts.ERROR_MAPPING[code.error])
    rows, columns = _as_integers(code.matrix, width)
    # Masks touch the encoding region only, format information its own modules: each
    # candidate is the mask-0 symbol with both changed.
    candidates = [
        (
            rows ^ row_masks[0] ^ row_masks[number] ^ formats[number][0],
            columns ^ column_masks[0] ^ column_masks[number] ^ formats[number][1],
        )
        for number in MASKS
    ]
    best = min(candidates, key=lambda pair: _penalty(*pair, width, corners))[0]
    masked = format(best, f"0{width * width}b")
    return tuple(
        bytes.fromhex("0" + "0".join(masked[start : start + width]))
        for start in range(0, width * width, width)
    )


def dark_runs(matrix: tuple[bytes, ...]):
    """(row, first column, length) of each horizontal run of dark modules."""
    for number, row in enumerate(matrix):
        for match in re.finditer(b"\x01+", row):
            yield number, match.start(), match.end() - match.start()


def qr_svg(matrix: tuple[bytes, ...]) -> str:
    """The code as one compact SVG path over a white square, quiet zone included."""
    size = len(matrix) + 2 * BORDER
    path = "".join(
        f"M{column + BORDER} {row + BORDER}h{length}v1h-{length}z"
        for row, column, length in dark_runs(matrix)
    )
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}" '
        f'width="{size}" height="{size}"><path fill="{LIGHT}" d="M0 0h{size}v{size}h-{size}z"/>'
        f'<path fill="{DARK}" d="{path}"/></svg>'
    )


def qr_svg_data_uri(matrix: tuple[bytes, ...]) -> str:
    """qr_svg as a data: URI."""
    return "data:image/svg+xml," + quote(qr_svg(matrix), safe=' =:/"')


def qr_data_uri(url: str) -> str:
    """An SVG data: URI of a QR code for ``url``, with its quiet zone, in near-black."""
    # Level M survives a crease or a smudge and keeps the code small enough for the corner.
    return qr_svg_data_uri(qr_matrix(url))

"""The QR code: segno's code with the least penalised mask, drawn as a self-contained SVG;
decoding is checked on printed pages (test_documents.py)."""

import re
from urllib.parse import unquote

import segno
from segno import encoder as segno_encoder

from awards.printing.qr import qr_data_uri, qr_matrix


def test_qr_data_uri_is_self_contained_svg():
    uri = qr_data_uri("https://awards.example.kz/verify/wp2025-0001")

    assert uri.startswith("data:image/svg+xml")
    svg = unquote(uri)
    assert "<svg" in svg
    assert "href" not in svg


def test_qr_data_uri_differs_per_url():
    first = qr_data_uri("https://awards.example.kz/verify/a")

    assert first == qr_data_uri("https://awards.example.kz/verify/a")
    assert first != qr_data_uri("https://awards.example.kz/verify/b")


def test_qr_matrix_is_segnos_code_with_the_least_penalised_mask():
    for number in range(12):
        token = "Q7fK2mXv9LpR" * (number % 3 + 1)  # versions 3 to 5
        url = f"https://awards.example.kz/verify/wp2025-{number:04d}-{token}"
        codes = [segno.make_qr(url, error="m", mask=mask).matrix for mask in range(8)]
        scores = [segno_encoder.evaluate_mask(list(code), len(code), len(code)) for code in codes]

        best = scores.index(min(scores))
        assert qr_matrix(url) == tuple(bytes(row) for row in codes[best])


def test_qr_svg_draws_the_dark_modules_inside_the_quiet_zone():
    matrix = qr_matrix("https://awards.example.kz/verify/a")
    svg = unquote(qr_data_uri("https://awards.example.kz/verify/a"))

    size = len(matrix) + 8
    assert f'viewBox="0 0 {size} {size}"' in svg
    dark = sum(row.count(1) for row in matrix)
    drawn = sum(int(length) for length in re.findall(r"h(\d+)v1", svg))
    assert drawn == dark

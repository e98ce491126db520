"""The QR code image: a self-contained SVG; decoding is checked on printed pages."""

from urllib.parse import unquote

from awards.certificates.qr import qr_data_uri


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

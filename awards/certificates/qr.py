"""The QR code printed on a certificate: it points a phone at the public verification page."""

import segno


def qr_data_uri(url: str) -> str:
    """An SVG data: URI of a QR code for ``url``, with its quiet zone, in near-black."""
    # Level M survives a crease or a smudge and keeps the code small enough for the corner.
    code = segno.make_qr(url, error="m")
    return code.svg_data_uri(border=4, dark="#111111", light="#ffffff")

"""JPEG data without metadata segments: the picture decodes to the very same pixels."""

import io

import pytest
from PIL import Image

from awards.jpeg_metadata import JpegError, without_jpeg_metadata

MARK = "NOMINATOR-7731"


def picture(mode: str = "RGB", **options) -> bytes:
    """A JPEG carrying EXIF (Artist, Make), XMP, an ICC profile and a comment."""
    size = (64, 48)
    pixels = bytes(range(256)) * (size[0] * size[1] * len(mode) // 256)
    exif = Image.Exif()
    exif[0x013B], exif[0x010F] = f"Artist {MARK}", f"Make {MARK}"
    icc = b"\x00" * 128 + MARK.encode()  # not a real profile: only its bytes matter here
    output = io.BytesIO()
    Image.frombytes(mode, size, pixels).save(
        output, "JPEG", exif=exif, comment=MARK.encode(), icc_profile=icc,
        xmp=f"<x:xmpmeta>{MARK}</x:xmpmeta>".encode(), **options,
    )  # fmt: skip
    return output.getvalue()


def decoded(data: bytes) -> bytes:
    with Image.open(io.BytesIO(data)) as image:
        return image.tobytes()


@pytest.mark.parametrize(
    "options",
    [{}, {"progressive": True, "optimize": True}, {"restart_marker_blocks": 2}],
    ids=["baseline", "progressive", "restart markers"],
)
def test_metadata_goes_and_pixels_stay(options):
    original = picture(**options)
    assert original.count(MARK.encode()) >= 4
    cleaned = without_jpeg_metadata(original)
    assert MARK.encode() not in cleaned
    assert b"Exif" not in cleaned and b"ICC_PROFILE" not in cleaned and b"xmpmeta" not in cleaned
    assert decoded(cleaned) == decoded(original)


def test_adobe_segment_stays_so_cmyk_decodes_the_same():
    original = picture("CMYK")
    cleaned = without_jpeg_metadata(original)
    assert b"Adobe" in cleaned and MARK.encode() not in cleaned
    assert decoded(cleaned) == decoded(original)


def test_photoshop_block_and_whatever_follows_the_picture_are_dropped():
    original = picture()
    iptc = b"Photoshop 3.0\x008BIM\x04\x04" + MARK.encode()
    app13 = b"\xff\xed" + (len(iptc) + 2).to_bytes(2, "big") + iptc
    smuggled = original[:2] + app13 + original[2:] + b"\xff\xd8" + MARK.encode() + b"\xff\xd9"
    cleaned = without_jpeg_metadata(smuggled)
    assert MARK.encode() not in cleaned and cleaned.endswith(b"\xff\xd9")
    assert decoded(cleaned) == decoded(original)


def test_a_picture_cut_short_is_closed_not_refused():
    original = picture()
    cleaned = without_jpeg_metadata(original[:-200])
    assert cleaned.endswith(b"\xff\xd9") and MARK.encode() not in cleaned


@pytest.mark.parametrize(
    "data",
    [b"not a jpeg", b"\xff\xd8", b"\xff\xd8\xff\xe1\x00", b"\xff\xd8\xff\xe1\xff\xff" + bytes(9)],
    ids=["no start", "nothing after start", "length cut", "impossible length"],
)
def test_data_that_is_no_jpeg_is_refused(data):
    with pytest.raises(JpegError):
        without_jpeg_metadata(data)

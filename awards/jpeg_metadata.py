"""JPEG data without the segments that carry metadata; the compressed picture is copied as is."""

SOI, EOI, SOS = 0xD8, 0xD9, 0xDA
APP14 = 0xEE
ADOBE_LENGTH = 12  # "Adobe", version, two flag words, colour transform: nothing else is read
# Frame headers, Huffman, arithmetic and quantization tables, restart interval, line count,
# hierarchical progression: what a decoder needs. Every APPn but Adobe's, every comment and
# every unknown marker is left out.
DECODING_MARKERS = frozenset(set(range(0xC0, 0xD0)) - {0xC8} | {0xDB, 0xDC, 0xDD, 0xDE, 0xDF})


class JpegError(ValueError):
    """The data is not a JPEG stream that can be walked segment by segment."""


def without_jpeg_metadata(data: bytes) -> bytes:
    """``data`` keeping only what decoding needs: EXIF, XMP, IPTC, ICC, JFIF thumbnails,
    comments and whatever follows the end of the picture are dropped; the scans stay
    byte for byte, so the picture decodes exactly as before."""
    if not data.startswith(bytes([0xFF, SOI])):
        raise JpegError("no start of image")
    kept = [bytes([0xFF, SOI])]
    position, scans = 2, 0
    while position < len(data):
        marker, position = _marker_at(data, position)
        if marker == EOI:
            break
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            continue  # stray restart or TEM marker: no length, nothing to keep
        end = _segment_end(data, position)
        if marker == SOS:
            end = _end_of_scan(data, end)
            kept.append(bytes([0xFF, marker]) + data[position:end])
            scans += 1
        elif marker in DECODING_MARKERS:
            kept.append(bytes([0xFF, marker]) + data[position:end])
        elif marker == APP14 and data[position + 2 : position + 7] == b"Adobe":
            kept.append(_adobe_segment(data[position + 2 : end]))
        position = end
    if not scans:
        raise JpegError("no picture in the data")
    kept.append(bytes([0xFF, EOI]))
    return b"".join(kept)


def _marker_at(data: bytes, position: int) -> tuple[int, int]:
    # Like libjpeg, stray bytes between segments are skipped (and so left out).
    position = data.find(b"\xff", position)
    if position < 0:
        raise JpegError("no marker where one was due")
    while position < len(data) and data[position] == 0xFF:
        position += 1  # fill bytes may precede any marker
    if position >= len(data) or data[position] == 0x00:
        raise JpegError("marker cut short")
    return data[position], position + 1


def _segment_end(data: bytes, position: int) -> int:
    if position + 2 > len(data):
        raise JpegError("segment length cut short")
    length = int.from_bytes(data[position : position + 2], "big")
    if length < 2 or position + length > len(data):
        raise JpegError(f"segment at byte {position} has an impossible length")
    return position + length


def _end_of_scan(data: bytes, position: int) -> int:
    """Where the entropy-coded data after a scan header ends: at the first marker that is
    neither a stuffed zero nor a restart. A scan cut off by the end of the data ends there."""
    while True:
        position = data.find(b"\xff", position)
        if position < 0 or position + 1 >= len(data):
            return len(data)
        following = data[position + 1]
        if following == 0x00 or 0xD0 <= following <= 0xD7:
            position += 2
        elif following == 0xFF:
            position += 1
        else:
            return position


def _adobe_segment(payload: bytes) -> bytes:
    # The colour transform flag decides how CMYK and YCCK pictures decode, so it stays.
    if len(payload) < ADOBE_LENGTH:
        raise JpegError("Adobe segment cut short")
    return bytes([0xFF, APP14]) + (ADOBE_LENGTH + 2).to_bytes(2, "big") + payload[:ADOBE_LENGTH]

"""Pictures an organizer uploads: a signature and a seal as real PNG and JPEG files."""

import io

from PIL import Image, ImageDraw

TRANSPARENT = (255, 255, 255, 0)
INK = (27, 47, 122, 255)


def signature_png(width: int = 300, height: int = 100) -> bytes:
    """An RGBA signature: a blue stroke on a transparent background."""
    image = Image.new("RGBA", (width, height), TRANSPARENT)
    draw = ImageDraw.Draw(image)
    draw.line(
        [(10, 70), (60, 20), (90, 75), (140, 30), (190, 70), (240, 25), (290, 40)],
        fill=INK, width=6,
    )  # fmt: skip
    return _saved(image, "PNG")


def seal_palette_png(size: int = 160) -> bytes:
    """A palette seal whose transparent colour lives in a tRNS chunk, as optimizers save it."""
    image = Image.new("P", (size, size), 0)
    image.putpalette([255, 255, 255, 42, 74, 168] + [0, 0, 0] * 254)
    draw = ImageDraw.Draw(image)
    draw.ellipse([4, 4, size - 5, size - 5], outline=1, width=8)
    draw.ellipse([30, 30, size - 31, size - 31], outline=1, width=4)
    output = io.BytesIO()
    image.save(output, "PNG", transparency=0)
    return output.getvalue()


def photo_jpeg(width: int = 200, height: int = 120) -> bytes:
    return _saved(Image.new("RGB", (width, height), (200, 180, 150)), "JPEG")


def big_png(side: int = 3000) -> bytes:
    return _saved(Image.new("RGBA", (side, side // 2), (0, 0, 0, 0)), "PNG")


def _saved(image: Image.Image, format_name: str) -> bytes:
    output = io.BytesIO()
    image.save(output, format_name)
    return output.getvalue()


def opened(content: bytes) -> Image.Image:
    return Image.open(io.BytesIO(content))

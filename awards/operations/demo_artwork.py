"""What the demo draws instead of shipping real files: a signature's pen stroke and a round seal
that says it is a sample for the certificates, and small one-page PDFs for supporting documents."""

import io
import math

from PIL import Image, ImageDraw, ImageFont

from awards.printing.themes import THEMES_DIR

INK = (27, 47, 122, 255)
SEAL_INK = (42, 74, 168, 215)


def _png(image: Image.Image) -> bytes:
    output = io.BytesIO()
    image.save(output, "PNG")
    return output.getvalue()


def demo_signature() -> bytes:
    """A flowing pen stroke on a transparent background, 600 × 200 px."""
    image = Image.new("RGBA", (600, 200), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    # A cursive-like trace: a drift to the right with loops that shrink as the hand speeds up.
    points = []
    for step in range(400):
        t = step / 400 * 7 * math.pi
        loop = 48 * math.exp(-t / 14)
        points.append((40 + t * 22 + loop * math.cos(t * 2.2), 105 - loop * math.sin(t * 2.2)))
    draw.line(points, fill=INK, width=6, joint="curve")
    draw.line([(70, 165), (470, 150)], fill=INK, width=4)
    return _png(image)


def _text_on_circle(image, text: str, font, radius: float, centre: float) -> None:
    step = 360 / len(text)
    for index, letter in enumerate(text):
        angle = index * step - 90 - 1.5 * step  # the first word centred at the top
        glyph = Image.new("RGBA", (60, 60), (255, 255, 255, 0))
        ImageDraw.Draw(glyph).text((30, 30), letter, font=font, fill=SEAL_INK, anchor="mm")
        rotated = glyph.rotate(-angle - 90, resample=Image.Resampling.BICUBIC)
        x = centre + radius * math.cos(math.radians(angle)) - 30
        y = centre + radius * math.sin(math.radians(angle)) - 30
        image.alpha_composite(rotated, (round(x), round(y)))


def demo_seal(size: int = 480) -> bytes:
    """A round blue seal reading "ҮЛГІ • ОБРАЗЕЦ • SAMPLE" around a star, transparent outside."""
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    centre = size / 2
    for radius, width in ((centre - 6, 9), (centre - 78, 4)):
        draw.ellipse(
            [centre - radius, centre - radius, centre + radius, centre + radius],
            outline=SEAL_INK, width=width,
        )  # fmt: skip
    font = ImageFont.truetype(str(THEMES_DIR / "fonts" / "PTSans-Bold.ttf"), 38)
    _text_on_circle(image, "ҮЛГІ • ОБРАЗЕЦ • SAMPLE • ", font, centre - 44, centre)
    star = [
        (
            centre + (70 if i % 2 == 0 else 28) * math.cos(math.radians(i * 36 - 90)),
            centre + (70 if i % 2 == 0 else 28) * math.sin(math.radians(i * 36 - 90)),
        )
        for i in range(10)
    ]
    draw.polygon(star, fill=SEAL_INK)
    return _png(image)


def _pdf_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def demo_pdf(lines: list[str]) -> bytes:
    """A one-page A4 PDF with ASCII ``lines`` in Helvetica, built by hand (no renderer needed)."""
    text = " ".join(f"({_pdf_text(line)}) '" for line in lines)
    stream = f"BT /F1 14 Tf 18 TL 72 780 Td {text} ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream),
    ]
    output, offsets = io.BytesIO(), []
    output.write(b"%PDF-1.4\n")
    for number, body in enumerate(objects, start=1):
        offsets.append(output.tell())
        output.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = output.tell()
    output.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    output.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    output.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
                 % (len(objects) + 1, xref))  # fmt: skip
    return output.getvalue()

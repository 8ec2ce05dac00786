"""Scanned pages made for the tests: Vietnamese text drawn on a white A4 page at 300 dpi (the vendored Liberation
Serif), saved as a PDF with no text layer, as a scanner saves it."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

FONT = Path(__file__).resolve().parents[2] / "thidua" / "documents" / "fonts" / "LiberationSerif-Regular.ttf"
BOLD = FONT.with_name("LiberationSerif-Bold.ttf")
A4 = (2480, 3508)  # pixels at 300 dpi


def page(lines: list[str], *, size: int = 50) -> Image.Image:
    image = Image.new("L", A4, 255)
    draw = ImageDraw.Draw(image)
    regular, bold = ImageFont.truetype(str(FONT), size), ImageFont.truetype(str(BOLD), size)
    y = 250
    for line in lines:
        font = bold if line.isupper() else regular
        draw.text((220, y), line, fill=0, font=font)
        y += int(size * 1.6)
    return image


def scanned_pdf(*pages: Image.Image) -> bytes:
    out = io.BytesIO()
    first, *rest = pages
    first.save(out, format="PDF", resolution=300.0, save_all=True, append_images=rest)
    return out.getvalue()


def blank() -> Image.Image:
    return Image.new("L", A4, 255)

"""The page and type of Decree 30/2020/NĐ-CP, Phụ lục I (thể thức và kỹ thuật trình bày văn bản hành chính),
shared by the DOCX and the PDF renderers.

A4 portrait; margins top 20 mm, bottom 20 mm, left 30 mm, right 15 mm (the decree allows 20–25, 20–25, 30–35,
15–20). Times New Roman: the DOCX names it (Word has it; LibreOffice substitutes its metric twin), the PDF embeds
Liberation Serif, the metric twin that covers Vietnamese, vendored in ``thidua/documents/fonts`` so rendering needs
no system font. Because the two fonts share their metrics, line lengths measured here hold for both files.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONTS_DIR = Path(__file__).resolve().parent.parent / "fonts"

PAGE_WIDTH_MM = 210
PAGE_HEIGHT_MM = 297
MARGIN_TOP_MM = 20
MARGIN_BOTTOM_MM = 20
MARGIN_LEFT_MM = 30
MARGIN_RIGHT_MM = 15
HEADER_DISTANCE_MM = 10  # the page number sits in the top margin
TEXT_WIDTH_MM = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM  # 165

# The header: issuing body and number on the left, motto and place-date on the right.
HEADER_LEFT_MM = 70
HEADER_RIGHT_MM = TEXT_WIDTH_MM - HEADER_LEFT_MM  # 95
# The foot: recipients on the left, signature block on the right.
FOOT_LEFT_MM = 75
FOOT_RIGHT_MM = TEXT_WIDTH_MM - FOOT_LEFT_MM  # 90

DOCX_FONT = "Times New Roman"
PDF_FONT = "LiberationSerif"
PDF_FONT_FILES = {
    "LiberationSerif": "LiberationSerif-Regular.ttf",
    "LiberationSerif-Bold": "LiberationSerif-Bold.ttf",
    "LiberationSerif-Italic": "LiberationSerif-Italic.ttf",
    "LiberationSerif-BoldItalic": "LiberationSerif-BoldItalic.ttf",
}

# Sizes in points (the decree's ranges in brackets).
SIZE_PARENT_BODY = 13  # cơ quan chủ quản, capitals, upright [12-13]
SIZE_ISSUER = 13  # cơ quan ban hành, capitals, bold [12-13]
SIZE_MOTTO_TITLE = 12  # quốc hiệu, capitals, bold [12-13]; 13 pt would not fit beside the issuer
SIZE_MOTTO_SUBTITLE = 14  # tiêu ngữ, bold [13-14]
SIZE_NUMBER = 13  # "Số: 13/KH-LĐLĐ" [13]
SIZE_PLACE_DATE = 14  # italic [13-14]
SIZE_KIND = 14  # KẾ HOẠCH, capitals, bold [13-14]
SIZE_TITLE = 14  # trích yếu, bold [13-14]
SIZE_BODY = 14  # [13-14]
SIZE_RECIPIENTS_LABEL = 12  # "Nơi nhận:", bold italic [12]
SIZE_RECIPIENTS = 11  # [11]
SIZE_SIGNER = 14  # [13-14]
SIZE_PAGE_NUMBER = 13  # [13-14]
SIZE_TABLE = 11  # lists in a document: a table of seven columns holds 11 pt
TABLE_CELL_PADDING_MM = 1  # left and right, in both renderers

FIRST_LINE_INDENT_MM = 10  # [1-1.27 cm]
PARAGRAPH_SPACING_PT = 6  # at least 6 pt between paragraphs
LINE_SPACING = 1.15  # single spacing of Times New Roman, as a multiple of the size
RULE_THICKNESS_PT = 0.75
SIGNATURE_SPACE_MM = 25  # room for the hand signature and the seal

# The rule under the issuing body and under the summary: 1/3 to 1/2 of the text above.
SHORT_RULE_RATIO = 0.4


@cache
def register_pdf_fonts() -> str:
    """Register the vendored Liberation Serif family with ReportLab (once) and return its family name."""
    for name, file_name in PDF_FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file_name)))
    addMapping(PDF_FONT, 0, 0, "LiberationSerif")
    addMapping(PDF_FONT, 1, 0, "LiberationSerif-Bold")
    addMapping(PDF_FONT, 0, 1, "LiberationSerif-Italic")
    addMapping(PDF_FONT, 1, 1, "LiberationSerif-BoldItalic")
    return PDF_FONT


def pdf_font_name(*, bold: bool = False, italic: bool = False) -> str:
    register_pdf_fonts()
    if bold and italic:
        return "LiberationSerif-BoldItalic"
    if bold:
        return "LiberationSerif-Bold"
    if italic:
        return "LiberationSerif-Italic"
    return "LiberationSerif"


def text_width_mm(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """Width of one line of ``text`` in Times New Roman (measured on its metric twin), in millimetres."""
    points = pdfmetrics.stringWidth(text, pdf_font_name(bold=bold, italic=italic), size)
    return points * 25.4 / 72


def rule_width_mm(
    text: str, size: float, *, bold: bool = False, ratio: float = 1.0, column_mm: float
) -> float:
    """Length of a rule under ``text`` (the longest line it takes in a column of ``column_mm``), times ``ratio``."""
    return min(text_width_mm(text, size, bold=bold), column_mm) * ratio

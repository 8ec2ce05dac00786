"""A plan laid out as a real .docx (Decree 30 layout: header and signature in borderless tables), built with
python-docx. ``documents/ke-hoach-12-kcn-hau-giang-2021.pdf`` is this document converted once by LibreOffice."""

import io

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt

HEADER_LEFT = ["LIÊN ĐOÀN LAO ĐỘNG TỈNH HẬU GIANG", "CÔNG ĐOÀN CÁC KHU CÔNG NGHIỆP", "Số: 12 /KH-CĐKCN"]
HEADER_RIGHT = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "Hậu Giang, ngày 08 tháng 3 năm 2021",
]
BODY = [
    ("KẾ HOẠCH", True),
    ("Tổ chức phong trào thi đua trong công nhân, lao động các khu công nghiệp năm 2021", True),
    (
        "Căn cứ Kế hoạch số 06/KH-LĐLĐ ngày 15/02/2021 của Ban Thường vụ Liên đoàn Lao động tỉnh Hậu Giang "
        "“Về việc phát động phong trào thi đua năm 2021”;",
        False,
    ),
    ("Ban Thường vụ Công đoàn các Khu công nghiệp xây dựng kế hoạch như sau:", False),
    ("I. NỘI DUNG THI ĐUA", True),
    ("1. Phong trào thi đua “Lao động giỏi, Lao động sáng tạo” trong công nhân các doanh nghiệp.", False),
    ("2. Phong trào “Xanh - Sạch - Đẹp, bảo đảm an toàn vệ sinh lao động”.", False),
    ("II. THỜI GIAN THI ĐUA", True),
    (
        "Đợt 1: Từ đầu năm đến 30/6/2021: thi đua chào mừng 91 năm ngày thành lập Đảng Cộng sản Việt Nam "
        "(03/02/1930 - 03/02/2021) và 131 năm ngày sinh Chủ tịch Hồ Chí Minh (19/5/1890 - 19/5/2021).",
        False,
    ),
    (
        "Đợt 2: Từ 01/7/2021 đến 31/12/2021: thi đua chào mừng 92 năm ngày thành lập Công đoàn Việt Nam "
        "(28/7/1929 - 28/7/2021).",
        False,
    ),
    ("Sau mỗi đợt, công đoàn cơ sở báo cáo kết quả về Công đoàn các Khu công nghiệp./.", False),
]
FOOTER_LEFT = ["Nơi nhận:", "- LĐLĐ tỉnh (b/cáo);", "- CĐCS trực thuộc (th/hiện);", "- Lưu VT."]
FOOTER_RIGHT = ["TM. BAN THƯỜNG VỤ", "CHỦ TỊCH", "(Đã ký)", "Huỳnh Văn Dũng"]


def _cell(cell, lines, *, bold_first=0):
    cell.paragraphs[0].text = ""
    for i, line in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = i < bold_first


def build_docx() -> bytes:
    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    header = document.add_table(rows=1, cols=2)
    _cell(header.cell(0, 0), HEADER_LEFT, bold_first=2)
    _cell(header.cell(0, 1), HEADER_RIGHT, bold_first=2)
    for text, bold in BODY:
        paragraph = document.add_paragraph()
        paragraph.add_run(text).bold = bold
        if bold and not text.startswith(("I", "V")):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer = document.add_table(rows=1, cols=2)
    _cell(footer.cell(0, 0), FOOTER_LEFT, bold_first=1)
    _cell(footer.cell(0, 1), FOOTER_RIGHT, bold_first=2)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()

"""Text out of a file: .md / .txt (any common encoding), .docx (paragraphs and tables in reading order), .pdf
(text layer). The content decides, the file name is only a hint: a .docx is a zip, a PDF starts with "%PDF"."""

from __future__ import annotations

import io
import zipfile

from thidua.core import vnencoding

from .context import ParseContext


def extract_text(data: bytes, filename: str | None, ctx: ParseContext) -> str:
    name = (filename or "").lower()
    if data.startswith(b"%PDF"):
        return _pdf(data, ctx)
    if data.startswith(b"PK\x03\x04"):
        return _docx(data, ctx)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        ctx.warn("Tệp Word cũ (.doc) chưa đọc được; hãy lưu lại dưới dạng .docx rồi tải lên.")
        return ""
    if name.endswith((".docx", ".pdf")):
        ctx.warn(f"Tệp “{filename}” không đúng định dạng như phần mở rộng của nó; đã đọc như văn bản thuần.")
    return decode_bytes(data, ctx)


def decode_bytes(data: bytes, ctx: ParseContext) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    # 8-bit files: the legacy fonts (TCVN3, VNI) store their letters on Latin-1 code points (normalisation converts
    # them line by line); otherwise Windows-1258, the Vietnamese code page.
    latin = data.decode("latin-1")
    if vnencoding.detect_and_convert(latin)[1] in (vnencoding.TCVN3, vnencoding.VNI):
        return latin
    try:
        text = data.decode("cp1258")
    except UnicodeDecodeError:
        return latin
    ctx.warn("Tệp được lưu bằng bảng mã Windows-1258 và đã được chuyển sang Unicode; hãy kiểm tra lại.")
    return text


def _docx(data: bytes, ctx: ParseContext) -> str:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        ctx.warn(f"Không đọc được tệp .docx: {error}.")
        return ""
    paragraphs: list[str] = []

    def walk(element) -> None:
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                paragraphs.append(Paragraph(child, document).text)
            elif child.tag == qn("w:tbl"):
                for row in child.iterchildren(qn("w:tr")):
                    for cell in row.iterchildren(qn("w:tc")):
                        walk(cell)
            elif child.tag == qn("w:sdt"):
                content = child.find(qn("w:sdtContent"))
                if content is not None:
                    walk(content)

    walk(document.element.body)
    # Each paragraph is a paragraph: a blank line keeps the normaliser from joining them.
    return "\n\n".join(paragraphs)


def _pdf(data: bytes, ctx: ParseContext) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as error:
        ctx.warn(f"Không đọc được tệp PDF: {error}.")
        return ""
    text = "\n".join(pages)
    if not text.strip():
        ctx.warn("Tệp PDF không có lớp chữ (có thể là bản quét); cần nhận dạng chữ (OCR) trước khi nhập.")
    return text

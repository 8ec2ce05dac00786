"""Text out of a file: .md / .txt (any common encoding), .docx (paragraphs and tables in reading order), .pdf
(text layer). The content decides, the file name is only a hint: a .docx is a zip, a PDF starts with "%PDF"."""

from __future__ import annotations

import io
import zipfile

from django.utils.translation import gettext

from thidua.core import vnencoding

from .context import ParseContext

# Bounds for a hostile file: each member of a .docx and all of them together, as their headers declare them (zipfile
# never inflates a member past its declared size: more is a CRC error), and the text read out of any file.
MAX_MEMBER_BYTES = 30 * 1024 * 1024
MAX_UNZIPPED_BYTES = 60 * 1024 * 1024
MAX_TEXT_CHARS = 1_000_000
NO_TEXT_LAYER = "no_text_layer"  # the code of the warning a scanned PDF gets: the import then offers OCR


class UnreadableFile(ValueError):
    """A file that cannot be read as what it is (corrupt, not what its name says, dangerous or far too large): the
    import refuses it with this Vietnamese message and creates nothing."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _count(n: int) -> str:
    return f"{n:,}".replace(",", ".")


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.0f}"


def extract_text(data: bytes, filename: str | None, ctx: ParseContext) -> str:
    name = (filename or "").lower()
    shown = filename or "tệp"
    if data.startswith(b"%PDF"):
        text = _pdf(data, shown, ctx)
    elif data.startswith(b"PK\x03\x04"):
        text = _docx(data, shown)
    elif data.startswith(b"\xd0\xcf\x11\xe0"):
        ctx.warn(gettext("Tệp Word cũ (.doc) chưa đọc được; hãy lưu lại dưới dạng .docx rồi tải lên."))
        return ""
    elif name.endswith(".docx"):
        raise UnreadableFile(f"Tệp “{shown}” bị hỏng hoặc không phải tệp Word (.docx): không đọc được.")
    elif name.endswith(".pdf"):
        raise UnreadableFile(f"Tệp “{shown}” bị hỏng hoặc không phải tệp PDF: không đọc được.")
    else:
        text = decode_bytes(data, ctx)
    if len(text) > MAX_TEXT_CHARS:
        raise UnreadableFile(
            f"Tệp “{shown}” có nội dung quá dài ({_count(len(text))} ký tự, tối đa {_count(MAX_TEXT_CHARS)}): "
            "không phải một văn bản kế hoạch."
        )
    return text


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
    ctx.warn(
        gettext("Tệp được lưu bằng bảng mã Windows-1258 và đã được chuyển sang Unicode; hãy kiểm tra lại.")
    )
    return text


def _check_zip(data: bytes, shown: str) -> None:
    """Refuse a .docx whose members would inflate past the bounds, before anything is inflated."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError) as error:
        raise UnreadableFile(
            f"Tệp “{shown}” bị hỏng hoặc không phải tệp Word (.docx): không đọc được."
        ) from error
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > MAX_MEMBER_BYTES or total > MAX_UNZIPPED_BYTES:
            raise UnreadableFile(
                f"Tệp “{shown}” quá lớn khi giải nén (hơn {_mb(max(member.file_size, total))} MB, tối đa "
                f"{_mb(MAX_UNZIPPED_BYTES)} MB): không đọc được."
            )
    if "word/document.xml" not in {m.filename for m in members}:
        raise UnreadableFile(f"Tệp “{shown}” không phải tệp Word (.docx): không có phần nội dung văn bản.")


def _docx(data: bytes, shown: str) -> str:
    import docx
    from docx.oxml.ns import qn
    from docx.text.paragraph import Paragraph
    from lxml import etree

    _check_zip(data, shown)
    try:
        document = docx.Document(io.BytesIO(data))
    except etree.LxmlError as error:  # an entity bomb, a broken XML part
        raise UnreadableFile(
            f"Tệp “{shown}” có phần XML hỏng hoặc nguy hiểm (ví dụ thực thể lồng nhau): không đọc được."
        ) from error
    except (zipfile.BadZipFile, KeyError, ValueError, EOFError, NotImplementedError) as error:
        raise UnreadableFile(
            f"Tệp “{shown}” bị hỏng hoặc không phải tệp Word (.docx): không đọc được."
        ) from error
    paragraphs: list[str] = []
    size = 0

    def walk(element) -> None:
        nonlocal size
        for child in element.iterchildren():
            if child.tag == qn("w:p"):
                text = Paragraph(child, document).text
                size += len(text) + 2
                if size > MAX_TEXT_CHARS:
                    raise UnreadableFile(
                        f"Tệp “{shown}” có nội dung quá dài (hơn {_count(MAX_TEXT_CHARS)} ký tự): không phải một "
                        "văn bản kế hoạch."
                    )
                paragraphs.append(text)
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


def _pdf(data: bytes, shown: str, ctx: ParseContext) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = []
        size = 0
        for page in reader.pages:
            pages.append(page.extract_text() or "")
            size += len(pages[-1])
            if size > MAX_TEXT_CHARS:
                break
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError, OSError,
            RecursionError) as error:  # fmt: skip
        raise UnreadableFile(f"Tệp “{shown}” bị hỏng hoặc không phải tệp PDF: không đọc được.") from error
    text = "\n".join(pages)
    if not text.strip():
        ctx.warn(
            gettext("Tệp PDF không có lớp chữ (có thể là bản quét); cần nhận dạng chữ (OCR) trước khi nhập."),
            code=NO_TEXT_LAYER,
        )
    return text

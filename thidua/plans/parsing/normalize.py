"""Clean raw text before it is read: encodings, Unicode form, quotes, dashes, Markdown marks, wrapped lines.

Texts come from Word files, PDFs, web pages and old ABC/VNI documents. After ``normalize_text`` every line is NFC
Unicode with single spaces, every dash is "-", every double quote is “ or ”, and paragraphs broken by a PDF's line
wrapping are whole again.
"""

from __future__ import annotations

import re
import unicodedata

from django.utils.translation import gettext, gettext_lazy

from thidua.core import vnencoding

from .context import ParseContext

# Capital letters of Vietnamese (for symbols such as "KH-LĐLĐ" and for words in capitals).
UPPER = "A-Z" + "".join(
    ch
    for ch in map(chr, range(0xC0, 0x1EFA))
    if ch.isupper() and unicodedata.name(ch, "").startswith("LATIN")
)
LOWER = "a-z" + "".join(
    ch
    for ch in map(chr, range(0xDF, 0x1EFA))
    if ch.islower() and unicodedata.name(ch, "").startswith("LATIN")
)

_DASHES = re.compile("[\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_MOJIBAKE = re.compile("Ã[\u0080-\u00bf]|á»|áº|Æ°|Æ¡|Ä‘|Ä\u0090")
_CP1252_BYTES = {
    bytes([b]).decode("cp1252"): b for b in range(0x80, 0xA0) if b not in (0x81, 0x8D, 0x8F, 0x90, 0x9D)
}
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_STAR = "\x00"
# "13 /KH-LĐLĐ", "13/ KH-LĐLĐ" -> "13/KH-LĐLĐ"
_SYMBOL_SPACE = re.compile(rf"(\d)\s*/\s+(?=[{UPPER}])|(\d)\s+/\s*(?=[{UPPER}])")

# Kinds of documents cited at the start of a line ("Kế hoạch số 08/KH-TLĐ ..."), as ``kinds.KINDS`` has them.
CITED = "Kế hoạch|Hướng dẫn|Quyết định|Chỉ thị|Nghị quyết|Công văn|Thông báo|Chương trình|Nghị định|Thông tư|Kết luận"
# A line that begins something new: never glued to the line before it.
STARTER = re.compile(
    rf"^(?:[-+•*–]\s|\d{{1,2}}(?:\.\d{{1,2}})*\s*[.)\-/]\s|[IVX]{{1,5}}\s*[.\-/)]\s|[a-zđ]\)\s"
    rf"|Căn cứ|Thực hiện|Kính gửi|Nơi nhận|Số\s*:|V/v|Đợt\s|Giai đoạn\s|TM\.|KT\.|[{UPPER}\s\d.,\-&/]+$"
    rf"|(?:Để|Nhằm|Trên cơ sở)\s|(?:{CITED})\s+(?:số\s*:?\s*)?\d{{1,5}}\s*[/-])"
)


def _repair_mojibake(text: str, ctx: ParseContext) -> str:
    """UTF-8 read as Windows-1252 ("Káº¿ hoáº¡ch") back to UTF-8 ("Kế hoạch")."""
    if len(_MOJIBAKE.findall(text)) < 3:
        return text
    data = bytearray()
    for ch in text:
        code = _CP1252_BYTES.get(ch, ord(ch))
        if code > 0xFF:
            return text  # not a character Windows-1252 has: the text is not UTF-8 misread
        data.append(code)
    try:
        repaired = data.decode("utf-8")
    except UnicodeDecodeError:
        return text
    ctx.warn(
        gettext(
            "Văn bản bị lỗi mã hóa (UTF-8 bị đọc nhầm thành Windows-1252) và đã được sửa lại; hãy kiểm tra."
        )
    )
    return repaired


_LEGACY_CHARS = {
    vnencoding.TCVN3: (frozenset(vnencoding.TCVN3_TO_UNICODE), vnencoding.decode_tcvn3),
    vnencoding.VNI: (frozenset("".join(vnencoding.VNI_TO_UNICODE)), vnencoding.decode_vni),
}


def _convert_legacy(lines: list[str], ctx: ParseContext) -> list[str]:
    """Lines typed in TCVN3 (ABC) or VNI fonts become Unicode. Each line is judged on its own (a pasted paragraph
    may differ); when most lines share one legacy encoding, the short lines that cannot be judged on their own
    ("Sè: 18/KH-C§N") are read in it too."""
    detected = [vnencoding.detect_and_convert(line) for line in lines]
    counts: dict[str, int] = {}
    for _, encoding in detected:
        if encoding in _LEGACY_CHARS:
            counts[encoding] = counts.get(encoding, 0) + 1
    non_ascii = sum(1 for line in lines if not line.isascii())
    dominant = max(counts, key=lambda e: counts[e]) if counts else None
    if dominant and counts[dominant] < 0.6 * non_ascii:
        dominant = None
    out = []
    found: dict[str, int] = {}
    for line, (converted, encoding) in zip(lines, detected, strict=True):
        if dominant and encoding != dominant and not line.isascii():
            charset, decode = _LEGACY_CHARS[dominant]
            if {ch for ch in line if not ch.isascii()} - set(
                "\u201c\u201d\u2018\u2019\u2013\u2014"
            ) <= charset:
                converted, encoding = decode(line), dominant
        if encoding in _LEGACY_CHARS:
            found[encoding] = found.get(encoding, 0) + 1
        out.append(converted)
    for encoding, count in found.items():
        ctx.warn(
            gettext(
                "%(count)s dòng được gõ bằng bảng mã %(encoding)s và đã được chuyển sang Unicode; hãy kiểm tra lại."
            )
            % {"count": count, "encoding": vnencoding.ENCODING_LABELS[encoding]}
        )
    return out


def _quotes(line: str) -> str:
    line = line.replace("''", '"').replace("``", '"')
    line = re.sub("[„‟«″〝]", "“", line)
    line = re.sub("[»〞]", "”", line)

    def pair(opening: str, closing: str, plain: str, text: str) -> str:
        out = []
        for i, ch in enumerate(text):
            if ch == plain:
                before = text[i - 1] if i else " "
                out.append(opening if before.isspace() or before in "([{-:;/" + _STAR else closing)
            else:
                out.append(ch)
        return "".join(out)

    line = pair("“", "”", '"', line)
    return pair("‘", "’", "'", line)


def _markdown(line: str) -> str:
    line = _MD_HEADING.sub("", line)
    line = line.replace("\\*", _STAR)
    line = _MD_ESCAPE.sub(r"\1", line)
    bullet = re.match(r"^\s*[*+]\s+", line)
    if bullet:
        line = "- " + line[bullet.end() :]
    line = line.replace("*", "").replace("__", "")
    return line.replace(_STAR, "*")


def clean_line(line: str) -> str:
    line = _DASHES.sub("-", line)
    line = _markdown(line)
    line = _quotes(line)
    line = _SPACES.sub(" ", line).strip()
    line = _SYMBOL_SPACE.sub(lambda m: (m.group(1) or m.group(2)) + "/", line)
    # quotes with inner spaces: “ Lao động giỏi ” -> “Lao động giỏi”
    line = re.sub(r"“\s+", "“", line)
    return re.sub(r"\s+”", "”", line)


def _is_capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return bool(letters) and all(ch.isupper() for ch in letters)


def _joins(previous: str, line: str) -> bool:
    """Is ``line`` the rest of the paragraph ``previous`` (wrapped by a PDF or a hard line break)?"""
    if not previous or previous[-1] in ".:;!?" or _is_capitals(previous) or STARTER.match(line):
        return False
    if line[0].islower():
        return True
    return len(previous) >= 60  # a long line cut at the page's width; short lines end on purpose


def decoded_lines(text: str, ctx: ParseContext) -> list[str]:
    """The source's lines as they are numbered in the file, decoded (mis-read UTF-8, TCVN3/VNI fonts) but not yet
    cleaned or joined: what the preview shows beside what was read."""
    text = unicodedata.normalize("NFC", _repair_mojibake(text, ctx))
    raw_lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n").split("\n")
    return _convert_legacy(raw_lines, ctx)


def cleaned_line(raw: str) -> str:
    """One decoded line cleaned and repaired as the reader reads it (without joining it to its neighbours)."""
    from .repair import repair_line

    return repair_line(clean_line(unicodedata.normalize("NFC", _INVISIBLE.sub("", raw))))[0]


def normalize_text(text: str, ctx: ParseContext) -> list[str]:
    """The document's non-empty lines, cleaned, with wrapped paragraphs joined."""
    raw_lines = decoded_lines(text, ctx)
    if any("\ufffd" in line for line in raw_lines):
        ctx.warn(
            gettext(
                "Văn bản có ký tự không đọc được (�): có thể tệp bị hỏng mã hóa; hãy kiểm tra các chỗ đó."
            )
        )
    from .repair import repair_line  # it reads the kinds of documents, which read this module's letters

    lines: list[str] = []
    blank = True
    table_row = False  # the line before was a row of a table (cells separated by tabs): never joined
    repairs: dict[str, int] = {}
    for raw in raw_lines:
        line = clean_line(unicodedata.normalize("NFC", _INVISIBLE.sub("", raw)))
        line, made = repair_line(line)
        for kind in made:
            repairs[kind] = repairs.get(kind, 0) + 1
        if not line or re.fullmatch(r"[-_=*.~ ]{3,}", line):
            blank = True
            continue
        row = "\t" in raw.strip()
        if not blank and not row and not table_row and lines and _joins(lines[-1], line):
            lines[-1] = f"{lines[-1]} {line}"
        else:
            lines.append(line)
        blank, table_row = False, row
    _warn_repairs(repairs, ctx)
    return lines


_REPAIRS = {
    "letters": gettext_lazy(
        "%(count)s dòng có chữ bị hỏng khi sao chép từ PDF (“Cơng đồn”, “u nước”...) đã được sửa lại; hãy kiểm tra."
    ),
    "words": gettext_lazy(
        "%(count)s dòng thiếu chữ (“Căn” thay cho “Căn cứ”) hoặc đọc nhầm chữ (“Sô:” thay cho “Số:”) đã được sửa lại; "
        "hãy kiểm tra."
    ),
    "digits": gettext_lazy(
        "%(count)s dòng có chữ số bị nhận dạng nhầm (chữ “O”, “l” thay cho số 0, 1) đã được sửa lại; hãy kiểm tra."
    ),
}


def _warn_repairs(repairs: dict[str, int], ctx: ParseContext) -> None:
    """One warning a kind of repair that changes words (spacing alone is not worth a warning)."""
    for kind, message in _REPAIRS.items():
        if repairs.get(kind):
            ctx.warn(str(message) % {"count": repairs[kind]}, part="file", code=f"repaired_{kind}")

"""The header block: issuing body, number and symbol, place and date, kind and title (trích yếu).

Decree 30/2020 puts the issuer and "Số: .../..." on the left, the national motto and "Bến Tre, ngày ..." on the right,
then the kind ("KẾ HOẠCH") and the title centred below. Copied out of a PDF these pieces often run together on one
line; they are split apart first.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext

from .context import ParseContext
from .dates import find_dates, parse_date, resolve
from .kinds import KIND_HEADING, KIND_INLINE, KINDS, NUMBER, canonical_kind, format_number, kind_from_number
from .normalize import UPPER

CITED_KINDS = "|".join(sorted(KINDS, key=len, reverse=True))

_MOTTO = re.compile(
    # an extractor may drop a word of the motto: "Độc lập - Tự - Hạnh phúc", "Độc lập - Tự do - phúc"
    r"CỘNG\s+H(?:ÒA|OÀ|OA)\s+XÃ\s+HỘI\s+CHỦ\s+NGHĨA\s+VIỆT\s+NAM"
    r"|Độc\s+lập\s*-\s*Tự(?:\s+do)?\s*-\s*(?:Hạnh\s+)?phúc|Độc\s+lập\s*-\s*-?\s*Hạnh\s+phúc",
    re.IGNORECASE,
)
BODY_START = re.compile(
    r"^(?:[-+•]\s*)?(?:Căn cứ|Thực hiện|Kính gửi|Nhằm|Để|Trên cơ sở|Theo)\b|^[IVX]{1,5}\s*[.\-/)]\s|^Phần\s"
    rf"|^(?:[-+•]\s*)?(?:{CITED_KINDS})\s+(?:số\s*:?\s*)?\d{{1,5}}\s*[/-]"
    # a numbered item or a phase: "1. Mục đích: ...", "Đợt 1 từ ..."
    r"|^\d{1,2}\s*[.)]\s+[^\W\d]|^(?:Đợt|Giai đoạn)\s+(?:\d|[IVX]+\b)",
    re.IGNORECASE,
)
_INLINE_BODY = re.compile(r"(?<=[^\s(])\s+(?=(?:Căn cứ|Kính gửi)\b)")
_INLINE_NUMBER = re.compile(r"(?<=\S)\s+(?=Số\s*:?\s*\d*\s*/)")
_NUMBER_LINE = re.compile(r"^Số\s*:?\s*(?P<rest>.*)$")
_PLACE_DATE = re.compile(
    r"(?P<prefix>[^,]*?)\s*,\s*(?P<date>ngày\b(?:[\s.…_]*\d{0,2}[\s.…_]*tháng[\s.…_]*\d{0,2}[\s.…_]*năm\s+\d{4}"
    r"|\s*\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}))",
    re.IGNORECASE,
)
_VV = re.compile(r"^V/v\b\s*:?\s*(?P<title>.*)$", re.IGNORECASE)
# Lines that may stand above the header: "Mẫu số 01", "Dự thảo", "Phụ lục 2", a page number
_ABOVE_HEADER = re.compile(r"^(?:Mẫu\b|Dự thảo\b|Phụ lục\b|Trang\s+\d|\d+$)", re.IGNORECASE)
_ORG_START = re.compile(
    r"^(?:TỔNG|LIÊN ĐOÀN|LĐLĐ|CÔNG ĐOÀN|CĐCS|CĐ|BAN|ĐẢNG|ĐOÀN|UBND|ỦY BAN|UỶ BAN|HỘI|SỞ|BỘ|CHÍNH PHỦ|THỦ TƯỚNG|VĂN PHÒNG)\b"
)


@dataclass
class Header:
    kind: str | None = None
    number: str | None = None
    place: str | None = None
    date: datetime.date | None = None
    issuer: str | None = None
    title: str | None = None
    body_start: int = 0
    title_lines: list[str] = field(default_factory=list)
    number_unreadable: bool = False  # a "Số:" line without a number it could read (already warned about)


def _is_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _is_sentence(line: str) -> bool:
    """A paragraph of the body rather than a title's line: it ends a sentence, or holds two."""
    return (
        bool(re.search(r"[.;!?]$", line) and len(line) > 30)
        or line.endswith(":")
        or bool(re.search(rf"[.;!?]\s+[{UPPER}]", line))
    )


def _mostly_capitals(text: str) -> bool:
    """An organisation's name in capitals, allowing a word a legacy font could not capitalise ("TỈNH Cà MAU")."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 6 and sum(ch.isupper() for ch in letters) >= 0.85 * len(letters)


def split_header_lines(lines: list[str]) -> list[str]:
    """Pull apart the header pieces a PDF copy runs together, up to the first line of the body."""
    lines = _join_broken_motto(lines)
    out: list[str] = []
    for index, line in enumerate(lines):
        if index >= 25 or (BODY_START.match(line) and out):
            return out + lines[index:]
        pieces = _MOTTO.sub("\n", line)
        pieces = _INLINE_NUMBER.sub("\n", pieces)
        pieces = re.sub(r"(năm\s+\d{4})\s+(?=\S)", r"\1\n", pieces) if _PLACE_DATE.search(pieces) else pieces
        pieces = KIND_INLINE.sub("\n", pieces)
        pieces = _INLINE_BODY.sub("\n", pieces)
        parts = [p.strip(" -") for p in pieces.split("\n")]
        out.extend(p for p in parts if p)
        if any(BODY_START.match(p) for p in parts[1:]):
            return out + lines[index + 1 :]
    return out


def _join_broken_motto(lines: list[str]) -> list[str]:
    """ "CỘNG HÒA XÃ HỘI CHỦ NGHĨA" / "VIỆT NAM": a motto a narrow column wrapped becomes one line again."""
    lines = list(lines)
    index = 0
    while index < min(len(lines) - 1, 25):
        joined = f"{lines[index]} {lines[index + 1]}"
        m = _MOTTO.search(joined)
        if m and m.start() < len(lines[index]) < m.end():
            lines[index : index + 2] = [joined]
            continue
        index += 1
    return lines


def _starts_document(line: str) -> bool:
    return bool(
        (_mostly_capitals(line) and _ORG_START.match(line))
        or _MOTTO.search(line)
        or re.match(r"^Số\s*:", line)
    )


def drop_preamble(lines: list[str], ctx: ParseContext) -> list[str]:
    """Without the lines a web page or a document site puts above the document (breadcrumbs, a title line, "Ngày
    đăng", a table of properties): they stop at the first line of the header (the issuing body in capitals, the
    national motto or "Số:"). A text without a header (a news article) is left whole."""
    first = next((i for i, line in enumerate(lines[:15]) if _starts_document(line)), None)
    if not first:
        return lines
    if any(BODY_START.match(line) or KIND_HEADING.match(line) for line in lines[:first]):
        return lines  # a body or a heading before it: the "header" found is not the document's
    ctx.warn(
        gettext("Bỏ qua %(count)s dòng đứng trước phần đầu văn bản (nguồn, tiêu đề trang web): “%(text)s”.")
        % {"count": first, "text": " / ".join(lines[:first])[:200]},
        part="header",
        code="preamble_dropped",
    )
    return lines[first:]


def _place(prefix: str) -> str | None:
    words = prefix.split()
    caps = 0
    while caps < len(words) and _is_capitals(words[caps]):
        caps += 1
    if caps >= 3:  # the issuer ran into the place: "LIÊN ĐOÀN LAO ĐỘNG TỈNH TRÀ VINH Trà Vinh"
        words = words[caps:]
    place = " ".join(words).strip(" -:")
    return place or None


# "TỔNG LĐLĐ VIỆT NAM LIÊN ĐOÀN LAO ĐỘNG TỈNH QUẢNG NGÃI": the superior and the issuer on one line
_INNER_ORG = re.compile(
    r"(?<!TỔNG)(?<!\bBAN CHẤP HÀNH)\s+(?=(?:LIÊN ĐOÀN LAO ĐỘNG|LĐLĐ|CÔNG ĐOÀN|CĐCS|CĐ)\s)"
)


def _issuer(lines: list[str]) -> str | None:
    """The issuing body: the last organisation in the header's capital lines (the first may be its superior)."""
    groups: list[str] = []
    for line in (piece for whole in lines for piece in _INNER_ORG.split(whole)):
        if groups and not _ORG_START.match(line):
            groups[-1] = f"{groups[-1]} {line}"
        else:
            groups.append(line)
    return groups[-1] if groups else None


def parse_header(lines: list[str], ctx: ParseContext) -> Header:
    header = Header()
    issuer_lines: list[str] = []
    last = -1  # index of the header's last line
    title_started = False
    queue = list(enumerate(lines[:25]))
    while queue:
        index, line = queue.pop(0)
        if BODY_START.match(line):
            break
        if title_started:
            if len(header.title_lines) >= 4 or _PLACE_DATE.search(line) or _NUMBER_LINE.match(line):
                break
            if header.title_lines and _is_sentence(line):
                break  # the body begins without "Căn cứ": a paragraph of sentences, not the title's next line
            if header.title_lines and _is_capitals(line) != _is_capitals(header.title_lines[-1]):
                break
            header.title_lines.append(line)
            last = index
            continue
        m = _NUMBER_LINE.match(line)
        if m and header.number is None:
            number = NUMBER.search(m.group("rest"))
            if number and number.start() <= 3:
                header.number = format_number(number)
                rest = m.group("rest")[number.end() :].strip(" .,-")
            else:
                ctx.warn(gettext("Văn bản chưa có số hoặc số không đọc được: “%(line)s”.") % {"line": line})
                header.number_unreadable = True
                rest = ""
            last = index
            if rest:
                queue.insert(0, (index, rest))
            continue
        m = _PLACE_DATE.search(line)
        if m and header.date is None and header.place is None:
            header.place = _place(m.group("prefix"))
            header.date = parse_date(m.group("date"), ctx)
            if header.date is None:
                year = re.search(r"\d{4}", m.group("date"))
                ctx.year = int(year.group(0)) if year else None
                ctx.warn(gettext("Ngày ban hành của văn bản để trống hoặc không đọc được."))
            last = index
            rest = line[m.end() :].strip(" .,-")
            if rest:
                queue.insert(0, (index, rest))
            continue
        # a kind alone on its line in any case ("Kế HOẠCH": TCVN3 has no capital Ế)
        m = KIND_HEADING.match(line.upper() if canonical_kind(line) else line)
        if m and header.kind is None:
            header.kind = canonical_kind(m.group("kind"))
            title_started = True
            if m.group("rest"):
                header.title_lines.append(m.group("rest"))
            last = index
            continue
        m = _VV.match(line)
        if m and header.title is None:
            header.title_lines.append(m.group("title"))
            header.kind = header.kind or "Công văn"
            last = index
            continue
        if _mostly_capitals(line) and header.number is None and header.kind is None:
            issuer_lines.append(line)
            last = index
            continue
        if header.number or header.date or header.kind or not _ABOVE_HEADER.match(line):
            break  # the body begins without "Căn cứ" (or there is no header at all)
        last = index
    header.body_start = last + 1
    header.issuer = _issuer(issuer_lines)
    header.title = " ".join(header.title_lines).strip(" .") or None
    if header.kind is None:
        header.kind = kind_from_number(header.number)
    _context_year(header, ctx)
    return header


_DESCRIBED = re.compile(
    rf"\b(?:ban hành|ký|phát động|triển khai|có|theo)\s+(?P<kind>{CITED_KINDS})\s+số\s*:?\s*(?=\d)",
    re.IGNORECASE,
)


def described_document(lines: list[str], header: Header, ctx: ParseContext) -> None:
    """A text without a header (a news article about the launch) that names the document it reports on: "Ngày
    10/3/2020, Liên đoàn Lao động tỉnh ... ban hành Kế hoạch số 45/KH-LĐLĐ ..." gives its kind, number and date,
    said to be taken from the article."""
    if header.number or header.kind or header.date or header.number_unreadable:
        return
    for line in lines[:4]:
        m = _DESCRIBED.search(line)
        number = NUMBER.match(line, m.end()) if m else None
        if not (m and number):
            continue
        dates = [d for d in find_dates(line[: m.start()]) if d.year]
        own = re.match(r"\s*(?:ban hành\s+)?ngày\s+[^,;(]{4,30}", line[number.end() :], re.IGNORECASE)
        if own:  # "Theo Kế hoạch số 09/KH-LĐLĐ ngày 01/3/2024 của ...": the document's own date
            dates = [d for d in find_dates(own.group(0)) if d.year] or dates
        header.kind = canonical_kind(m.group("kind"))
        header.number = format_number(number)
        header.date = resolve(dates[-1], ctx) if dates else None
        ctx.warn(
            gettext(
                "Văn bản không có phần đầu (số, ngày, nơi ban hành): số, ký hiệu và ngày được lấy từ câu “%(text)s”; "
                "hãy đối chiếu với văn bản gốc."
            )
            % {"text": line[:160]},
            part="header",
            code="described_document",
        )
        _context_year(header, ctx)
        if ctx.year is None:
            _year_of_the_text(lines, ctx)
        return


def _year_of_the_text(lines: list[str], ctx: ParseContext) -> None:
    """A text without a date of its own (a news article): dates without a year belong to the first year it writes."""
    for line in lines[:4]:
        found = re.search(r"(?<![\d/])(?:19|20)\d\d(?!\d)", line)
        if found:
            ctx.year = int(found.group(0))
            ctx.warn(
                gettext("Văn bản không ghi ngày ban hành: các ngày không ghi năm được hiểu là năm %(year)s.")
                % {"year": ctx.year},
                part="header",
                code="inferred_year",
            )
            return


def _context_year(header: Header, ctx: ParseContext) -> None:
    if header.date:
        ctx.plan_date = header.date
        ctx.year = header.date.year
    if ctx.year is None and header.title:
        year = re.search(r"năm\s+(\d{4})", header.title)
        if year:
            ctx.year = int(year.group(1))
    if ctx.year is None and header.number:
        year = re.search(r"/(\d{4})/", header.number)
        if year:
            ctx.year = int(year.group(1))

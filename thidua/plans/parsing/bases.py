"""Legal bases ("Căn cứ ..."): each cited document with its kind, number, date, issuer and quoted title."""

from __future__ import annotations

import re

from .context import ParseContext
from .dates import parse_date
from .kinds import KINDS, NUMBER, canonical_kind, format_number
from .normalize import CITED, STARTER

_INTRO = re.compile(
    r"^(?:[-+•]\s*)?(?:Căn cứ|Thực hiện|Trên cơ sở|Theo)\b"
    # a basis recognised by its shape alone: "Kế hoạch số 08/KH-TLĐ ngày 12/01/2018 của ..." (the words before dropped)
    rf"|^(?:[-+•]\s*)?(?:{CITED})\s+(?:số\s*:?\s*)?\d{{1,5}}\s*[/-][^;]*\bngày\b",
    re.IGNORECASE,
)
_NUMBERED_KINDS = "|".join(sorted((k for k in KINDS if k not in ("Luật", "Điều lệ")), key=len, reverse=True))
# "Kế hoạch số 02/KH-TLĐ", "Chỉ thị 05-CT/TW", "Luật Thi đua, Khen thưởng", "Điều lệ Công đoàn Việt Nam"
CITATION = re.compile(
    rf"\b(?P<kind>{_NUMBERED_KINDS})\s+(?:số\s*:?\s*)?(?=\d)|\b(?P<named>Luật|Điều lệ)\s+(?=[^\W\d])",
    re.IGNORECASE,
)
_QUOTED = re.compile(r"“([^”]+)”|‘([^’]+)’")
_NAMED_NUMBER = re.compile(r"\ssố\s*:?\s*(?=\d)", re.IGNORECASE)  # "Luật ... số 06/2022/QH15"
_ISSUER = re.compile(r"\b(?:của|do)\s+(?P<issuer>.+?)\s*(?=“|‘|\s(?:về|V/v|ban hành|quy định)\b|;|,|\.?$)")
# "..., Ban Thường vụ Liên đoàn Lao động tỉnh xây dựng kế hoạch như sau:" — the document's own sentence, not a basis
OWN_CLAUSE = re.compile(
    r",\s*[^,;“”]*\b(?:xây dựng|đề nghị|hướng dẫn|ban hành|triển khai|thông báo|yêu cầu|phát động)\b[^;“”]*$"
)
_ABOUT = re.compile(r"\s(?:về việc|về|V/v)\s+(?P<title>[^;]+)", re.IGNORECASE)


def _quote_spans(text: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in _QUOTED.finditer(text)]


def bases_block(lines: list[str], start: int) -> tuple[str, int]:
    """The text of the "Căn cứ" paragraphs that open the body, and the index of the first line after them."""
    texts: list[str] = []
    index = start
    if index < len(lines) and lines[index].startswith("Kính gửi"):
        index += 1
        while index < len(lines) and lines[index].startswith(("-", "+", "•")):
            index += 1
        start = index
    while index < len(lines) and index < start + 15:
        line = lines[index]
        if _INTRO.match(line) or (texts and (line.startswith(("-", "+", "•")) or not STARTER.match(line))):
            if (
                texts
                and not _INTRO.match(line)
                and not line.startswith(("-", "+", "•"))
                and texts[-1].endswith(".")
            ):
                break  # a new paragraph ("Liên đoàn Lao động tỉnh xây dựng Kế hoạch ...")
            texts.append(line)
            index += 1
            continue
        break
    return "\n".join(texts), index


def parse_legal_bases(text: str, ctx: ParseContext) -> list[dict]:
    text = OWN_CLAUSE.sub("", re.sub(r"\s+", " ", text))
    quotes = _quote_spans(text)
    starts = [m for m in CITATION.finditer(text) if not any(s < m.start() < e for s, e in quotes)]
    bases = []
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text)
        bases.append(_citation(text[m.start() : end], m, ctx))
    return bases


def _citation(span: str, m: re.Match, ctx: ParseContext) -> dict:
    kind = canonical_kind(m.group("kind") or m.group("named"))
    body = span[m.end() - m.start() :]
    quote = _QUOTED.search(body)
    before_quote = body[: quote.start()] if quote else body
    number = NUMBER.match(before_quote) if m.group("kind") else None
    named_number = _NAMED_NUMBER.search(before_quote) if m.group("named") else None
    if named_number:  # "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15/6/2022": the number after the name
        number = NUMBER.match(before_quote, named_number.end())
    after_number = before_quote[number.end() :] if number else before_quote
    date = None
    date_text = re.search(r"\b(?:ngày|ban hành)\b.*", after_number, re.IGNORECASE)
    if date_text:
        date = parse_date(date_text.group(0), ctx)
    issuer = _ISSUER.search(after_number)
    if quote:
        title = quote.group(1) or quote.group(2)
    elif m.group("named"):
        named = before_quote[: named_number.start()] if number and named_number else after_number
        title = re.split(r"\s(?:số|ngày|năm|của)\s|;", named)[0]
    else:
        about = _ABOUT.search(after_number)
        title = about.group("title") if about else None
    return {
        "kind": kind,
        "number": format_number(number) if number else None,
        "date": date,
        "issuer": _clean(issuer.group("issuer")) if issuer else None,
        "title": _clean(title),
    }


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    text = re.sub(r"\s+", " ", text).strip(" ;,.:\n")
    return text or None

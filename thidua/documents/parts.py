"""The parts of an official document as Decree 30/2020/NĐ-CP, Phụ lục I lays them out, as plain data.

An ``OfficialDocument`` holds only str, int, bool, dates, lists and dicts: ``thidua.documents.render`` lays it out as
DOCX or PDF, and tests read it without rendering anything. Each app builds its own documents from its records in
``<app>/documents.py`` with ``official_document`` and the helpers here; this module knows no app::

    {
        "parent_body": "TỔNG LĐLĐ VIỆT NAM",        # cơ quan chủ quản, capitals ("" when there is none)
        "issuer": "LĐLĐ TỈNH BẾN TRE",             # cơ quan ban hành, capitals, bold, a rule under it
        "motto_style": "national",                 # "national" | "union" | "none"
        "motto": {"title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "subtitle": "Độc lập - Tự do - Hạnh phúc"},
        "kind": "Kế hoạch",
        "kind_heading": "KẾ HOẠCH",
        "number": "13/KH-LĐLĐ",
        "number_line": "Số: 13/KH-LĐLĐ",
        "place": "Bến Tre",
        "date": datetime.date(2017, 2, 22),
        "place_date_line": "Bến Tre, ngày 22 tháng 02 năm 2017",
        "title": "Phát động phong trào thi đua ...",
        "sections": [{"heading": "I. MỤC ĐÍCH YÊU CẦU:" or None, "level": 0-3, "paragraphs": [paragraph, ...]}],
        "recipients": [{"name": "Ban CSKT-XH&TKT TLĐ", "purpose": "để báo cáo",
                        "line": "- Ban CSKT-XH&TKT TLĐ (để báo cáo);"}, ...],   # the last one is "Lưu: VT"
        "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "name": "Trần Trung Hào"},
        "document_title": "Kế hoạch số 13/KH-LĐLĐ",
        "file_stem": "ke-hoach-13-kh-ldld-2017",
        "appendices": [{"heading": "Phụ lục", "title": "DANH SÁCH ...", "caption": "(Kèm theo ...)",
                        "table": grid_table(...)}],                  # on pages of their own, after the signature
    }

A paragraph is ``{"runs": [{"text": str, "bold": bool, "italic": bool}, ...]}``, with ``"align": "center"`` for a
centred line of its own (``centred``). Section levels: 0 has no heading, 1
is "I. ...", 2 is "1. ...", 3 is "1.1. ..." or "* ...". Inside body text a name in quotes is italic, the quotes
upright. Every text goes through ``clean``: control characters already stored (a title typed with \\x0b) never reach
a renderer. An official document is Vietnamese whatever the interface language: nothing here is translated, and the
apps build their documents under ``translation.override("vi")`` (labels of choices are gettext'd).
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, NotRequired, TypedDict

__all__ = [
    "format_date",
    "format_long_date",
]  # re-exported: the dates a document writes, from thidua.core.dates

from thidua.core.dates import format_date, format_long_date
from thidua.core.text import fold, nfc


class Run(TypedDict):
    text: str
    bold: bool
    italic: bool


class Paragraph(TypedDict):
    runs: list[Run]
    align: NotRequired[str]  # "center": a line of its own, centred, without the first-line indent


class TableColumn(TypedDict):
    header: str
    width_mm: float
    align: str  # "left" | "center" | "right"


class GridTable(TypedDict):
    """A ruled table under a section's paragraphs (a list attached to a document): headers bold and centred,
    repeated on every page; ``rows`` of texts, one per column; ``bold_rows`` (indexes) for totals."""

    columns: list[TableColumn]
    rows: list[list[str]]
    bold_rows: list[int]


class Section(TypedDict):
    heading: str | None
    level: int
    paragraphs: list[Paragraph]
    table: NotRequired[GridTable]


class Appendix(TypedDict):
    """A list sent with the document (phụ lục), on pages of its own after the signature: "Phụ lục" and the list's
    name centred in bold, "(Kèm theo Quyết định số … ngày … của …)" centred in italics, a short rule, the table."""

    heading: str
    title: str
    caption: str
    table: GridTable


class Motto(TypedDict):
    title: str
    subtitle: str


class RecipientLine(TypedDict):
    name: str
    purpose: str
    line: str


class Signer(TypedDict):
    on_behalf: str
    title: str
    name: str


class OfficialDocument(TypedDict):
    parent_body: str
    issuer: str
    motto_style: str
    motto: Motto
    kind: str
    kind_heading: str
    number: str
    number_line: str
    place: str
    date: datetime.date | None
    place_date_line: str
    title: str
    sections: list[Section]
    recipients: list[RecipientLine]
    signer: Signer
    document_title: str
    file_stem: str
    appendices: NotRequired[list[Appendix]]


MOTTOS: dict[str, Motto] = {
    # Decree 30/2020: Quốc hiệu and Tiêu ngữ.
    "national": {"title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "subtitle": "Độc lập - Tự do - Hạnh phúc"},
    # Some documents of the confederation carry the union's name where state bodies put the motto.
    "union": {"title": "CÔNG ĐOÀN VIỆT NAM", "subtitle": ""},
    "none": {"title": "", "subtitle": ""},
}
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]

# Names longer than this take their usual abbreviation in the header ("LIÊN ĐOÀN LAO ĐỘNG" -> "LĐLĐ"): the
# header's left column holds about 25 capitals of 13 pt on one line.
HEADER_NAME_MAX_CHARS = 26
HEADER_ABBREVIATIONS = [
    (re.compile(r"liên đoàn lao động", re.IGNORECASE), "LĐLĐ"),
    (re.compile(r"công đoàn cơ sở", re.IGNORECASE), "CĐCS"),
    (re.compile(r"trách nhiệm hữu hạn", re.IGNORECASE), "TNHH"),
]

# Room left for the hand-written day, month and number of a form not issued yet (no-break spaces keep their width).
BLANK = "\u00a0"
PLACEHOLDER = "…"  # what a draft leaves to be filled in by hand
QUOTE_MARKS = "“”\"'"
_QUOTED = re.compile(r"(“[^”]*”|\"[^\"]*\")")
# Control characters a document cannot hold (XML 1.0 refuses them; a PDF would show boxes): all below U+0020 but
# tab and newline, and DEL.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def clean(text: str | None) -> str:
    """Text a document can hold: NFC, without control characters (a carriage return or a form feed is a space)."""
    if not text:
        return ""
    return _CONTROL.sub(
        lambda m: " " if m.group(0) in "\r\x0b\x0c" else "", unicodedata.normalize("NFC", text)
    )


def clean_line(text: str | None) -> str:
    """One line of a document: cleaned, white space collapsed."""
    return nfc(clean(text))


# --- paragraphs and runs ----------------------------------------------------------------------------------------


def run(text: str, *, bold: bool = False, italic: bool = False) -> Run:
    return {"text": clean(text), "bold": bold, "italic": italic}


def paragraph(*parts: str | Mapping[str, Any]) -> Paragraph:
    """A paragraph of runs; a plain string part is an upright run."""
    runs = []
    for part in parts:
        if isinstance(part, str):
            runs.append(run(part))
        else:
            runs.append(run(part["text"], bold=bool(part.get("bold")), italic=bool(part.get("italic"))))
    return {"runs": [r for r in runs if r["text"]]}


def quoted_runs(text: str, *, bold: bool = False) -> list[Run]:
    """Runs of ``text`` where what stands inside quotes is italic and the quotes themselves upright."""
    runs: list[Run] = []
    for piece in _QUOTED.split(text):
        if not piece:
            continue
        if _QUOTED.fullmatch(piece):
            runs.append(run(piece[0], bold=bold))
            if piece[1:-1]:
                runs.append(run(piece[1:-1], bold=bold, italic=True))
            runs.append(run(piece[-1], bold=bold))
        else:
            runs.append(run(piece, bold=bold))
    return runs


def quoted_paragraph(text: str, *, label: str = "") -> Paragraph:
    """A body paragraph whose quoted names are italic, after an optional bold ``label`` ("Đợt 1:")."""
    runs = [run(label, bold=True)] if label else []
    if label and text:
        text = " " + text.lstrip()
    return {"runs": runs + quoted_runs(text)}


def section(heading: str | None, level: int, paragraphs: Iterable[str | Mapping[str, Any]]) -> Section:
    """A heading (``None`` for level 0) and its paragraphs; plain strings become paragraphs with italic quotes; a
    paragraph keeps its ``align``."""
    made: list[Paragraph] = []
    for p in paragraphs:
        if isinstance(p, str):
            made.append(quoted_paragraph(clean_line(p)))
            continue
        par = paragraph(*p["runs"])
        if p.get("align"):
            par["align"] = str(p["align"])
        made.append(par)
    return {
        "heading": clean_line(heading) if heading else None,
        "level": level if heading else 0,
        "paragraphs": made,
    }


def centred(text: str, *, bold: bool = True) -> Paragraph:
    """A line of its own, centred (the deciding authority, "QUYẾT ĐỊNH:" in a decision, as Decree 30/2020 sets
    them)."""
    return {"runs": [run(text, bold=bold)], "align": "center"}


def appendix(title: str, caption: str, table: GridTable, *, heading: str = "Phụ lục") -> Appendix:
    return {"heading": clean_line(heading), "title": clean_line(title).upper(), "caption": clean_line(caption),
            "table": table}  # fmt: skip


def grid_table(columns: Sequence[tuple[str, float, str]], rows: Iterable[Sequence[Any]], *,
               bold_rows: Iterable[int] = ()) -> GridTable:  # fmt: skip
    """A ruled table from (header, width in mm, align) columns and rows of values (each cleaned to one line of
    text; ``None`` is empty). The widths should add up to the text width (165 mm)."""
    cols: list[TableColumn] = [
        {"header": clean_line(h), "width_mm": float(w), "align": a} for h, w, a in columns
    ]
    body = [[clean(str(v)) if v is not None else "" for v in row] for row in rows]
    for number, row in enumerate(body, start=1):
        if len(row) != len(cols):
            raise ValueError(f"row {number} has {len(row)} cells for {len(cols)} columns")
    return {"columns": cols, "rows": body, "bold_rows": sorted(set(bold_rows))}


def paragraph_text(par: Mapping[str, Any]) -> str:
    return "".join(r["text"] for r in par["runs"])


def text_paragraphs(value: str | Sequence[str] | None) -> list[str]:
    """Paragraphs of a text field: one per non-empty line, white space collapsed."""
    if not value:
        return []
    lines = (
        value.splitlines()
        if isinstance(value, str)
        else [line for item in value for line in item.splitlines()]
    )
    return [clean_line(line) for line in lines if clean_line(line)]


def end_with_full_stop(par: Paragraph) -> None:
    """The decree ends the body with "./." after its last paragraph."""
    last = par["runs"][-1]
    if not last["text"].rstrip().endswith("./."):
        last["text"] = last["text"].rstrip().rstrip(".;:,") + "./."


def last_paragraph(sections: list[Section]) -> Paragraph | None:
    paragraphs = [p for s in sections for p in s["paragraphs"] if p["runs"]]
    return paragraphs[-1] if paragraphs else None


# --- header lines -------------------------------------------------------------------------------------------------


def header_name(name: str | None, *, abbreviate: bool = True) -> str:
    """An organisation's name as the header prints it: capitals, abbreviated when it would not fit on a line. The
    issuing body's own name is never abbreviated (Decree 30/2020, Appendix I: only the superior body's may be); a
    long name wraps between words and the rule goes under the whole name."""
    text = clean_line(name)
    if abbreviate and len(text) > HEADER_NAME_MAX_CHARS:
        for pattern, abbreviation in HEADER_ABBREVIATIONS:
            text = pattern.sub(abbreviation, text)
    return text.upper()


def motto(style: str) -> Motto:
    if style not in MOTTOS:
        raise ValueError(f"Kiểu quốc hiệu không hợp lệ: {style!r} (national, union hoặc none).")
    found = MOTTOS[style]
    return {"title": found["title"], "subtitle": found["subtitle"]}


def format_number(number: str | None) -> str:
    """The number and symbol as the decree writes them: a leading zero below 10 ("5/KH-LĐLĐ" -> "05/KH-LĐLĐ"),
    no stray spaces ("13 /KH-LĐLĐ" -> "13/KH-LĐLĐ")."""
    text = re.sub(r"\s*/\s*", "/", clean_line(number))
    match = re.match(r"^(\d+)(/.*)?$", text)
    if match and int(match.group(1)) < 10:
        return f"{int(match.group(1)):02d}{match.group(2) or ''}"
    return text


def format_number_line(number: str | None) -> str:
    text = format_number(number)
    return f"Số: {text}" if text else f"Số:{BLANK * 8}/"


def format_place_date(place: str | None, value: datetime.date | None, *, year: int | None = None) -> str:
    """The place and date line, "Bến Tre, ngày 22 tháng 02 năm 2017"; what a draft does not have yet is a clean
    placeholder to fill in by hand: "…, ngày … tháng … năm 2017"."""
    when = (
        format_long_date(value)
        if value
        else f"ngày {PLACEHOLDER} tháng {PLACEHOLDER} năm {year or PLACEHOLDER}"
    )
    return f"{clean_line(place) or PLACEHOLDER}, {when}"


def is_archive(name: str | None, purpose: str | None) -> bool:
    """The "Lưu: VT, ..." line of "Nơi nhận"."""
    return fold(clean_line(purpose)) == "luu" or fold(clean_line(name)).startswith("luu")


def recipient_lines(
    recipients: Iterable[tuple[str, str | None]],
) -> list[tuple[int | None, str, str, str]]:
    """The lines of "Nơi nhận" as printed: (index of the recipient given, or None for the archive line added when
    there is none, name, purpose, line). "Lưu: VT, ..." comes last (Decree 30/2020, Appendix I)."""
    cleaned = [(i, clean_line(name), clean_line(purpose)) for i, (name, purpose) in enumerate(recipients)]
    named: list[tuple[int | None, str, str]] = [(i, name, purpose) for i, name, purpose in cleaned if name]
    if named and not any(is_archive(name, purpose) for _, name, purpose in named):
        named.append((None, "VT", "lưu"))
    named.sort(
        key=lambda item: is_archive(item[1], item[2])
    )  # the archive line last, the others in their order
    return [
        (i, name, purpose, recipient_line(name, purpose, last=n == len(named) - 1))
        for n, (i, name, purpose) in enumerate(named)
    ]


def recipient_line(name: str, purpose: str | None, *, last: bool) -> str:
    """A line of "Nơi nhận", "- Ban CSKT-XH&TKT TLĐ (để báo cáo);"; the last line ends with a full stop."""
    name = clean_line(name)
    purpose = clean_line(purpose)
    if purpose and fold(purpose) == "luu":
        text = name if fold(name).startswith("luu") else f"Lưu: {name}"
    elif purpose and fold(purpose) not in fold(name):
        text = f"{name} ({purpose})"
    else:
        text = name
    text = re.sub(r"\s+([,;:.)])", r"\1", text).rstrip(" ;.,")  # no space before punctuation
    return f"- {text}{'.' if last else ';'}"


def file_stem(kind: str, number: str, year: int | None) -> str:
    text = fold(f"{kind} {number} {year or ''}")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "van-ban"


# --- the whole document ---------------------------------------------------------------------------------------


def official_document(
    *,
    issuer: str,
    parent_body: str = "",
    motto_style: str = "national",
    kind: str,
    number: str | None = None,
    place: str | None = None,
    date: datetime.date | None = None,
    year: int | None = None,
    title: str | None = None,
    sections: list[Section],
    recipients: Iterable[tuple[str, str | None]] = (),
    signer: Mapping[str, str | None] | None = None,
    end_body: bool = False,
    appendices: Sequence[Appendix] = (),
) -> OfficialDocument:
    """A document from its parts: ``issuer`` and ``parent_body`` as their names (the header prints them in capitals,
    abbreviated when long), ``recipients`` as (name, purpose) in order (the "Lưu" line last), ``signer`` as
    ``on_behalf``, ``title`` and ``name``. ``end_body`` puts the decree's "./." after the body's last paragraph."""
    kind = clean_line(kind)
    number = format_number(number)
    year = date.year if date else year
    if end_body:
        last = last_paragraph(sections)
        if last:
            end_with_full_stop(last)
    lines: list[RecipientLine] = [
        {"name": name, "purpose": purpose, "line": line}
        for _, name, purpose, line in recipient_lines(recipients)
    ]
    signer = signer or {}
    document: OfficialDocument = {
        "parent_body": header_name(parent_body),
        "issuer": header_name(issuer, abbreviate=False),
        "motto_style": motto_style,
        "motto": motto(motto_style),
        "kind": kind,
        "kind_heading": kind.upper(),
        "number": number,
        "number_line": format_number_line(number),
        "place": clean_line(place),
        "date": date,
        "place_date_line": format_place_date(place, date, year=year),
        "title": clean_line(title),
        "sections": sections,
        "recipients": lines,
        "signer": {
            "on_behalf": clean_line(signer.get("on_behalf")).upper(),
            "title": clean_line(signer.get("title")).upper(),
            "name": clean_line(signer.get("name")),
        },
        "document_title": f"{kind} số {number}" if number else kind,
        "file_stem": file_stem(kind, number, year),
    }
    if appendices:
        document["appendices"] = list(appendices)
    return document

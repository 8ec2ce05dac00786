"""Plain data for official documents laid out as Decree 30/2020/NĐ-CP, Phụ lục I says.

A context holds only dicts, lists, str, bool, int and dates: ``thidua.documents.render`` lays it out as DOCX or PDF,
and tests read it without rendering anything. The plan context::

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
                        "line": "- Ban CSKT-XH&TKT TLĐ (để báo cáo);"}, ...],
        "signer": {"on_behalf": "TM. BAN THƯỜNG VỤ", "title": "PHÓ CHỦ TỊCH THƯỜNG TRỰC", "name": "Trần Trung Hào"},
        "document_title": "Kế hoạch số 13/KH-LĐLĐ",
        "file_stem": "ke-hoach-13-kh-ldld-2017",
    }

A paragraph is ``{"runs": [{"text": str, "bold": bool, "italic": bool}, ...]}``. Section levels: 0 has no
heading (the paragraphs before "I." and after the measures), 1 is "I. ...", 2 is "1. ...", 3 is "1.1. ..." or
"* ...". Inside body text a name in quotes is italic, the quotes upright, as the reference plan writes movements.

``plan_context_from_parsed`` builds it from the structure ``thidua.plans.parsing`` extracts from an official text,
``plan_context`` from a ``thidua.plans.models.Plan``. A parsed structure may carry the body ready-made under
``sections`` (same shape as above; paragraphs may be plain strings); otherwise the body is written from the
structured fields (legal bases, introduction, purposes and requirements, movements, measures, phases, the paragraph
after them, closing). Text fields are a string (paragraphs on their own lines) or the parser's list of paragraphs;
measures are rows (``target``, ``order``, ``text``) or the parser's groups (``target``, ``heading``,
``paragraphs``). Purposes and requirements both present get the sub-headings "1. Mục đích:" / "2. Yêu cầu:", so
that the text reads back as two parts.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from thidua.core.dates import format_date, format_long_date, from_iso
from thidua.core.text import fold, nfc

MOTTOS: dict[str, dict[str, str]] = {
    # Decree 30/2020: Quốc hiệu and Tiêu ngữ.
    "national": {"title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "subtitle": "Độc lập - Tự do - Hạnh phúc"},
    # Some documents of the confederation carry the union's name where state bodies put the motto.
    "union": {"title": "CÔNG ĐOÀN VIỆT NAM", "subtitle": ""},
    "none": {"title": "", "subtitle": ""},
}

# Section III of a plan: the kinds of unit its measures address, in the order the text takes them.
MEASURE_GROUPS: list[tuple[str, str, str | None]] = [
    # target, heading, parent heading (the sub-headings of grassroots unions)
    ("grassroots_business", "Công đoàn trong các đơn vị sản xuất kinh doanh:", "Đối với Công đoàn cơ sở:"),
    ("grassroots_admin", "Công đoàn trong các cơ quan hành chính, sự nghiệp:", "Đối với Công đoàn cơ sở:"),
    ("upper", "Đối với Công đoàn cấp trên cơ sở:", None),
    ("general", "Biện pháp chung:", None),
]
MEASURE_TARGET_BY_LABEL = {
    fold("Công đoàn trong các đơn vị sản xuất kinh doanh"): "grassroots_business",
    fold("Công đoàn trong các cơ quan hành chính, sự nghiệp"): "grassroots_admin",
    fold("Công đoàn cấp trên cơ sở"): "upper",
    fold("Biện pháp chung"): "general",
}
MEASURE_TARGET_KEYS = {target for target, _, _ in MEASURE_GROUPS}
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
QUOTE_MARKS = "“”\"'"
_QUOTED = re.compile(r"(“[^”]*”|\"[^\"]*\")")
_STARTS_WITH_ITEM_MARK = re.compile(r"^\s*[-–+•]")


# --- paragraphs and runs ----------------------------------------------------------------------------------------


def run(text: str, *, bold: bool = False, italic: bool = False) -> dict[str, Any]:
    return {"text": unicodedata.normalize("NFC", text), "bold": bold, "italic": italic}


def paragraph(*parts: str | Mapping[str, Any]) -> dict[str, Any]:
    """A paragraph of runs; a plain string part is an upright run."""
    runs = []
    for part in parts:
        if isinstance(part, str):
            runs.append(run(part))
        else:
            runs.append(run(part["text"], bold=bool(part.get("bold")), italic=bool(part.get("italic"))))
    return {"runs": [r for r in runs if r["text"]]}


def quoted_runs(text: str, *, bold: bool = False) -> list[dict[str, Any]]:
    """Runs of ``text`` where what stands inside quotes is italic and the quotes themselves upright."""
    runs: list[dict[str, Any]] = []
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


def quoted_paragraph(text: str, *, label: str = "") -> dict[str, Any]:
    """A body paragraph whose quoted names are italic, after an optional bold ``label`` ("Đợt 1:")."""
    runs = [run(label, bold=True)] if label else []
    if label and text:
        text = " " + text.lstrip()
    return {"runs": runs + quoted_runs(text)}


def section(heading: str | None, level: int, paragraphs: Iterable[str | Mapping[str, Any]]) -> dict[str, Any]:
    """A heading (``None`` for level 0) and its paragraphs; plain strings become paragraphs with italic quotes."""
    return {
        "heading": nfc(heading) if heading else None,
        "level": level if heading else 0,
        "paragraphs": [
            quoted_paragraph(nfc(p)) if isinstance(p, str) else paragraph(*p["runs"]) for p in paragraphs
        ],
    }


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
    return [nfc(line) for line in lines if nfc(line)]


# --- header lines -------------------------------------------------------------------------------------------------


def header_name(name: str | None) -> str:
    """An organisation's name as the header prints it: capitals, abbreviated when it would not fit on a line."""
    text = nfc(name)
    if len(text) > HEADER_NAME_MAX_CHARS:
        for pattern, abbreviation in HEADER_ABBREVIATIONS:
            text = pattern.sub(abbreviation, text)
    return text.upper()


def motto(style: str) -> dict[str, str]:
    if style not in MOTTOS:
        raise ValueError(f"Kiểu quốc hiệu không hợp lệ: {style!r} (national, union hoặc none).")
    return dict(MOTTOS[style])


def format_number(number: str | None) -> str:
    """The number and symbol as the decree writes them: a leading zero below 10 ("5/KH-LĐLĐ" -> "05/KH-LĐLĐ"),
    no stray spaces ("13 /KH-LĐLĐ" -> "13/KH-LĐLĐ")."""
    text = re.sub(r"\s*/\s*", "/", nfc(number))
    match = re.match(r"^(\d+)(/.*)?$", text)
    if match and int(match.group(1)) < 10:
        return f"{int(match.group(1)):02d}{match.group(2) or ''}"
    return text


def format_number_line(number: str | None) -> str:
    text = format_number(number)
    return f"Số: {text}" if text else f"Số:{BLANK * 8}/"


def format_place_date(place: str | None, value: datetime.date | None, *, year: int | None = None) -> str:
    """The place and date line, "Bến Tre, ngày 22 tháng 02 năm 2017"; a document not dated yet leaves room for the
    day and month."""
    blank = BLANK * 6
    when = format_long_date(value) if value else f"ngày{blank}tháng{blank}năm {year or BLANK * 6}"
    place = nfc(place)
    return f"{place}, {when}" if place else when.capitalize()


def recipient_line(name: str, purpose: str | None, *, last: bool) -> str:
    """A line of "Nơi nhận", "- Ban CSKT-XH&TKT TLĐ (để báo cáo);"; the last line ends with a full stop."""
    name = nfc(name)
    purpose = nfc(purpose)
    if purpose and fold(purpose) == "luu":
        text = name if fold(name).startswith("luu") else f"Lưu: {name}"
    elif purpose and fold(purpose) not in fold(name):
        text = f"{name} ({purpose})"
    else:
        text = name
    return f"- {text.rstrip(';.')}{'.' if last else ';'}"


def file_stem(kind: str, number: str, year: int | None) -> str:
    text = fold(f"{kind} {number} {year or ''}")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-") or "van-ban"


# --- the body of a plan ---------------------------------------------------------------------------------------


def legal_basis_text(basis: Mapping[str, Any]) -> str:
    """A cited document, "Kế hoạch số 02/KH-TLĐ ngày 10/02/2017 của Đoàn Chủ tịch ... “Về việc ...”"."""
    parts = [nfc(basis.get("kind")) or "Văn bản"]
    if basis.get("number"):
        parts.append(f"số {format_number(basis['number'])}")
    day = from_iso(basis.get("date"))
    if day:
        parts.append(f"ngày {format_date(day)}")
    if basis.get("issuer"):
        parts.append(f"của {nfc(basis['issuer'])}")
    if basis.get("title"):
        title = nfc(basis["title"]).strip(QUOTE_MARKS)
        parts.append(f"“{title}”")
    return " ".join(parts)


def legal_bases_paragraph(bases: Sequence[Mapping[str, Any]]) -> dict[str, Any] | None:
    if not bases:
        return None
    return paragraph("Căn cứ vào " + "; ".join(legal_basis_text(b) for b in bases) + ".")


def movement_text(movement: Mapping[str, Any]) -> str:
    """A focus movement, "1- Phong trào thi đua “A”; Phong trào “B”; ...": the names in quotes come first unless
    the text has them."""
    text = nfc(movement.get("text"))
    names = [nfc(n) for n in movement.get("names") or [] if nfc(n)]
    missing = [n for n in names if n not in text]
    if missing:
        named = "; ".join(("Phong trào thi đua" if i == 0 else "Phong trào") + f" “{n}”" for i, n in
                          enumerate(missing))  # fmt: skip
        text = f"{named}; {text}" if text else f"{named};"
    order = movement.get("order")
    return f"{order}- {text}" if order not in (None, "") else text


def commemoration_text(item: Mapping[str, Any]) -> str:
    """The anniversary as the plan writes it, with its dates in brackets when the text has none."""
    text = nfc(item.get("text")).rstrip(";.")
    base, day = from_iso(item.get("base_date")), from_iso(item.get("date"))
    if base and day and "(" not in text:
        text = f"{text} ({format_date(base)} - {format_date(day)})"
    return text


def phase_range(start: datetime.date | None, end: datetime.date | None, *, start_is_open: bool) -> str:
    """A phase's dates, "Từ đầu năm đến 31/08/2017" or "Từ 01/09/2017 đến 31/12/2017"."""
    begin = "Từ đầu năm" if start_is_open or not start else f"Từ {format_date(start)}"
    return f"{begin} đến {format_date(end)}" if end else begin


def phase_paragraph(phase: Mapping[str, Any], *, issued: datetime.date | None) -> dict[str, Any]:
    start, end = from_iso(phase.get("start")), from_iso(phase.get("end"))
    start_is_open = phase.get("start_is_open")
    if start_is_open is None:
        # "Từ đầu năm": the phase opens on the first day of a year the plan was issued later in.
        start_is_open = bool(start and start.month == 1 and start.day == 1 and issued and issued > start)
    content = nfc(phase.get("text") or phase.get("celebrates"))
    if not content:
        items = [commemoration_text(c) for c in phase.get("commemorations") or []]
        content = f"Thi đua lập thành tích chào mừng {'; '.join(items)}." if items else ""
    when = phase_range(start, end, start_is_open=bool(start_is_open))
    name = nfc(phase.get("name")) or "Đợt"
    return quoted_paragraph(f"{when}: {content}" if content else f"{when}.", label=f"{name}:")


def _measure_target(measure: Mapping[str, Any]) -> str:
    target = nfc(measure.get("target"))
    return MEASURE_TARGET_BY_LABEL.get(fold(target).rstrip(":"), target)


def measure_sections(measures: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Section III's sub-sections: "1. Đối với Công đoàn cơ sở:" (1.1, 1.2), "2. ... cấp trên cơ sở:", ...

    A measure is a row (``target``, ``order``, ``text``) or a group the parser read (``target``, ``heading``,
    ``paragraphs``). Groups for a kind of unit the decree's list does not name (``target`` null) follow under their
    own heading; paragraphs with neither target nor heading stand first, under section III itself (a section with
    no heading here: ``plan_sections`` moves them up).
    """
    by_target: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}  # heading -> paragraphs, kinds of unit outside MEASURE_GROUPS
    loose: list[str] = []
    for measure in sorted(measures, key=lambda m: m.get("order") or 0):
        texts = text_paragraphs(measure.get("text") or measure.get("items") or measure.get("paragraphs"))
        target = _measure_target(measure)
        if target in MEASURE_TARGET_KEYS:
            by_target.setdefault(target, []).extend(texts)
        elif nfc(measure.get("heading")):
            others.setdefault(nfc(measure.get("heading")).rstrip(":"), []).extend(texts)
        else:
            loose.extend(texts)

    def items(texts: list[str]) -> list[str]:
        return [t if _STARTS_WITH_ITEM_MARK.match(t) else f"- {t}" for t in texts]

    sections: list[dict[str, Any]] = [section(None, 0, items(loose))] if loose else []
    number = 0
    parent_open: str | None = None
    sub_number = 0
    for target, heading, parent in MEASURE_GROUPS:
        if not by_target.get(target):
            continue
        if parent:
            if parent_open != parent:
                number += 1
                sub_number = 0
                parent_open = parent
                sections.append(section(f"{number}. {parent}", 2, []))
            sub_number += 1
            sections.append(section(f"{number}.{sub_number}. {heading}", 3, items(by_target[target])))
        else:
            number += 1
            parent_open = None
            sections.append(section(f"{number}. {heading}", 2, items(by_target[target])))
    for heading, texts in others.items():
        number += 1
        sections.append(section(f"{number}. {heading}:", 2, items(texts)))
    return sections


def plan_sections(data: Mapping[str, Any], *, issued: datetime.date | None) -> list[dict[str, Any]]:
    """The body of a plan written from its structured fields."""
    sections: list[dict[str, Any]] = []
    opening = []
    bases = legal_bases_paragraph(data.get("legal_bases") or [])
    if bases:
        opening.append(bases)
    opening.extend(quoted_paragraph(p) for p in text_paragraphs(data.get("introduction")))
    if opening:
        sections.append(section(None, 0, opening))

    # The numbered parts: (heading, its own paragraphs, its sub-sections), numbered I, II, III as present.
    numbered: list[tuple[str, list[Any], list[dict[str, Any]]]] = []
    purposes, requirements = text_paragraphs(data.get("purposes")), text_paragraphs(data.get("requirements"))
    if requirements:  # both: each under its own heading, so that the text reads back as two parts
        numbered.append(("MỤC ĐÍCH, YÊU CẦU:", [], [section("1. Mục đích:", 2, purposes),
                                                     section("2. Yêu cầu:", 2, requirements)]))  # fmt: skip
    elif purposes:
        numbered.append(("MỤC ĐÍCH YÊU CẦU:", purposes, []))
    movements = sorted(data.get("movements") or [], key=lambda m: m.get("order") or 0)
    if movements:
        focus = section("* Các phong trào thi đua trọng tâm:", 3, [movement_text(m) for m in movements])
        numbered.append(("NỘI DUNG THI ĐUA:", [], [focus]))
    measures = measure_sections(data.get("measures") or [])
    if measures:
        own = measures.pop(0)["paragraphs"] if measures[0]["heading"] is None else []
        numbered.append(("BIỆN PHÁP TỔ CHỨC THỰC HIỆN:", own, measures))
    for index, (heading, own, children) in enumerate(numbered):
        sections.append(section(f"{ROMAN[index]}. {heading}", 1, own))
        sections.extend(children)

    tail: list[dict[str, Any]] = []
    phases = data.get("phases") or []
    if phases:
        year = issued.year if issued else (from_iso(phases[0].get("start")) or datetime.date.today()).year
        tail.append(paragraph(f"Phong trào thi đua năm {year} chia thành {len(phases)} đợt như sau:"))
        tail.extend(phase_paragraph(p, issued=issued) for p in phases)
    loose = [commemoration_text(c) for c in data.get("commemorations") or []]
    if loose:
        tail.append(quoted_paragraph(f"Chào mừng {'; '.join(loose)}."))
    tail.extend(quoted_paragraph(p) for p in text_paragraphs(data.get("phase_review")))
    closing = text_paragraphs(data.get("closing"))
    if not closing:
        closing = [reporting_sentence(d) for d in data.get("reporting_duties") or [] if d.get("to_whom")]
    tail.extend(quoted_paragraph(p) for p in closing)
    if closing:
        # Only a closing paragraph takes the final "./.": added to a phase or a measure, it would change what the
        # text says about it when the document is read again.
        _end_with_full_stop(tail[-1])
    if tail:
        sections.append(section(None, 0, tail))
    return sections


def reporting_sentence(duty: Mapping[str, Any]) -> str:
    due = from_iso(duty.get("due"))
    text = nfc(duty.get("text")) or "Các cấp Công đoàn báo cáo kết quả"
    return f"{text} về {nfc(duty['to_whom'])}" + (f" trước ngày {format_date(due)}." if due else ".")


def _end_with_full_stop(par: dict[str, Any]) -> None:
    """The decree ends the body with "./." after its last paragraph."""
    last = par["runs"][-1]
    if not last["text"].rstrip().endswith("./."):
        last["text"] = last["text"].rstrip().rstrip(".;:,") + "./."


def _last_paragraph(sections: list[dict[str, Any]]) -> dict[str, Any] | None:
    paragraphs = [p for s in sections for p in s["paragraphs"] if p["runs"]]
    return paragraphs[-1] if paragraphs else None


def _sections_from_data(raw: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [section(s.get("heading"), int(s.get("level") or 0), s.get("paragraphs") or []) for s in raw]


# --- contexts --------------------------------------------------------------------------------------------------


def _context(
    data: Mapping[str, Any], *, issuer_name: str, parent_body_name: str, motto_style: str
) -> dict[str, Any]:
    issued = from_iso(data.get("date"))
    kind = nfc(data.get("kind")) or "Kế hoạch"
    number = format_number(data.get("number"))
    year = issued.year if issued else data.get("year")
    if data.get("sections"):
        sections = _sections_from_data(data["sections"])
        last = _last_paragraph(sections)
        if last:
            _end_with_full_stop(last)
    else:
        sections = plan_sections(data, issued=issued)
    raw_recipients = [r for r in data.get("recipients") or [] if nfc(r.get("name"))]
    recipients = [
        {
            "name": nfc(r["name"]),
            "purpose": nfc(r.get("purpose")),
            "line": recipient_line(r["name"], r.get("purpose"), last=i == len(raw_recipients) - 1),
        }
        for i, r in enumerate(raw_recipients)
    ]
    signer = data.get("signer") or {}
    return {
        "parent_body": header_name(parent_body_name),
        "issuer": header_name(issuer_name),
        "motto_style": motto_style,
        "motto": motto(motto_style),
        "kind": kind,
        "kind_heading": kind.upper(),
        "number": number,
        "number_line": format_number_line(number),
        "place": nfc(data.get("place")),
        "date": issued,
        "place_date_line": format_place_date(data.get("place"), issued, year=year),
        "title": nfc(data.get("title")),
        "sections": sections,
        "recipients": recipients,
        "signer": {
            "on_behalf": nfc(signer.get("on_behalf")).upper(),
            "title": nfc(signer.get("title")).upper(),
            "name": nfc(signer.get("name")),
        },
        "document_title": f"{kind} số {number}" if number else kind,
        "file_stem": file_stem(kind, number, year),
    }


def plan_context_from_parsed(
    parsed: Mapping[str, Any], *, issuer_name: str, parent_body_name: str, motto_style: str = "national"
) -> dict[str, Any]:
    """The document context of a plan read from its official text (``thidua.plans.parsing``'s structure)."""
    return _context(
        parsed, issuer_name=issuer_name, parent_body_name=parent_body_name, motto_style=motto_style
    )


def plan_context(plan: Any, *, motto_style: str = "national") -> dict[str, Any]:
    """The document context of a ``thidua.plans.models.Plan`` (its children read in their stored order)."""
    phases = list(plan.phases.all())
    commemorations = list(plan.commemorations.all())

    def commemoration(c: Any) -> dict[str, Any]:
        return {"text": c.text, "ordinal": c.ordinal, "base_date": c.base_date, "date": c.date}

    data = {
        "kind": plan.get_kind_display(),
        "number": plan.number_display,
        "year": plan.year,
        "place": plan.place,
        "date": plan.date,
        "title": plan.title,
        "introduction": plan.introduction,
        "purposes": plan.purposes,
        "requirements": plan.requirements,
        "legal_bases": [
            {
                "kind": b.get_kind_display(),
                "number": b.number,
                "date": b.date,
                "issuer": b.issuer,
                "title": b.title,
            }
            for b in plan.legal_bases.all()
        ],
        "movements": [{"order": m.order, "names": m.names, "text": m.text} for m in plan.movements.all()],
        "measures": [{"target": m.target, "order": m.order, "text": m.text} for m in plan.measures.all()],
        "phases": [
            {
                "name": p.name,
                "start": p.start,
                "end": p.end,
                "start_is_open": p.start_is_open,
                "text": p.celebrates,
                "commemorations": [commemoration(c) for c in commemorations if c.phase_id == p.pk],
            }
            for p in phases
        ],
        "commemorations": [commemoration(c) for c in commemorations if c.phase_id is None],
        "phase_review": plan.phase_review,
        "closing": plan.closing,
        "reporting_duties": [
            {"to_whom": d.to_whom, "due": d.due, "text": d.text} for d in plan.reporting_duties.all()
        ],
        "recipients": [
            {"name": r.name, "purpose": r.get_purpose_display() if r.purpose and r.purpose != "other" else ""}
            for r in plan.recipients.all()
        ],
        "signer": {"on_behalf": plan.signer_on_behalf, "title": plan.signer_title, "name": plan.signer_name},
    }
    issuer = plan.issuer
    parent = type(issuer).objects.get_parent(issuer)
    return _context(
        data, issuer_name=issuer.name, parent_body_name=parent.name if parent else "", motto_style=motto_style
    )

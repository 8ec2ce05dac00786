"""A plan as an official document (Decree 30/2020/NĐ-CP) on the documents kit (``thidua.documents.parts``).

``plan_document(plan)`` builds the document of a stored ``Plan`` (its parts read in their stored order),
``plan_document_from_parsed(parsed, ...)`` the document of a text read by ``thidua.plans.parsing`` (a
``ParsedPlan``, or the same structure as plain data: dicts and lists, dates as ``datetime.date`` or ISO text). A
parsed structure may carry the body ready-made under ``sections`` (same shape as ``parts.Section``; paragraphs may
be plain strings); otherwise the body is written from the structured fields: legal bases, introduction, purposes
and requirements, movements, measures by kind of unit, phases, the paragraph after them, closing. Purposes and
requirements both present get the sub-headings "1. Mục đích:" / "2. Yêu cầu:", so that the text reads back as two
parts. The document is Vietnamese whatever the interface language (built under ``translation.override("vi")``).
"""

from __future__ import annotations

import dataclasses
import datetime
import re
from collections.abc import Mapping, Sequence
from typing import Any

from django.utils import translation

from thidua.core.dates import from_iso
from thidua.core.text import fold, nfc
from thidua.documents.parts import (
    QUOTE_MARKS,
    ROMAN,
    OfficialDocument,
    Paragraph,
    Section,
    end_with_full_stop,
    format_date,
    format_number,
    official_document,
    paragraph,
    quoted_paragraph,
    section,
    text_paragraphs,
)

from .models import MeasureTarget

# Section III of a plan: the kinds of unit its measures address, in the order the text takes them, with the heading
# the text gives each ("{label}" is the kind's name) and the heading above it (the sub-headings of grassroots unions).
MEASURE_GROUPS: list[tuple[MeasureTarget, str, str | None]] = [
    (MeasureTarget.GRASSROOTS_BUSINESS, "{label}:", "Đối với Công đoàn cơ sở:"),
    (MeasureTarget.GRASSROOTS_ADMIN, "{label}:", "Đối với Công đoàn cơ sở:"),
    (MeasureTarget.UPPER, "Đối với {label}:", None),
    (MeasureTarget.GENERAL, "{label}:", None),
]
MEASURE_TARGET_KEYS = {str(target) for target in MeasureTarget}
_STARTS_WITH_ITEM_MARK = re.compile(r"^\s*[-–+•]")


def _target_by_label() -> dict[str, str]:
    with translation.override("vi"):
        return {fold(str(target.label)): str(target) for target in MeasureTarget}


def _plain(data: Any) -> Any:
    """A parse result (dataclasses) as dicts and lists; plain data as it is."""
    if dataclasses.is_dataclass(data) and not isinstance(data, type):
        return {f.name: _plain(getattr(data, f.name)) for f in dataclasses.fields(data)}
    if isinstance(data, list | tuple):
        return [_plain(v) for v in data]
    return data


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


def legal_bases_paragraph(bases: Sequence[Mapping[str, Any]]) -> Paragraph | None:
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


def phase_paragraph(phase: Mapping[str, Any], *, issued: datetime.date | None, label: str = "") -> Paragraph:
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
    return quoted_paragraph(f"{when}: {content}" if content else f"{when}.", label=label or f"{name}:")


def _measure_target(measure: Mapping[str, Any], by_label: Mapping[str, str]) -> str:
    target = nfc(measure.get("target"))
    return by_label.get(fold(target).rstrip(":"), target)


def measure_sections(measures: Sequence[Mapping[str, Any]]) -> list[Section]:
    """Section III's sub-sections: "1. Đối với Công đoàn cơ sở:" (1.1, 1.2), "2. ... cấp trên cơ sở:", ...

    A measure is a row (``target``, ``order``, ``text``) or a group the parser read (``target``, ``heading``,
    ``paragraphs``). Groups for a kind of unit the decree's list does not name (``target`` null) follow under their
    own heading; paragraphs with neither target nor heading stand first, under section III itself (a section with
    no heading here: ``plan_sections`` moves them up).
    """
    by_target: dict[str, list[str]] = {}
    others: dict[str, list[str]] = {}  # heading -> paragraphs, kinds of unit outside MEASURE_GROUPS
    loose: list[str] = []
    by_label = _target_by_label()
    for measure in sorted(measures, key=lambda m: m.get("order") or 0):
        texts = text_paragraphs(measure.get("text") or measure.get("items") or measure.get("paragraphs"))
        target = _measure_target(measure, by_label)
        if target in MEASURE_TARGET_KEYS:
            by_target.setdefault(target, []).extend(texts)
        elif nfc(measure.get("heading")):
            others.setdefault(nfc(measure.get("heading")).rstrip(":"), []).extend(texts)
        else:
            loose.extend(texts)

    def items(texts: list[str]) -> list[str]:
        return [t if _STARTS_WITH_ITEM_MARK.match(t) else f"- {t}" for t in texts]

    sections: list[Section] = [section(None, 0, items(loose))] if loose else []
    number = 0
    parent_open: str | None = None
    sub_number = 0
    for kind, template, parent in MEASURE_GROUPS:
        target = str(kind)
        if not by_target.get(target):
            continue
        heading = template.format(label=kind.label)
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


def plan_sections(data: Mapping[str, Any], *, issued: datetime.date | None) -> list[Section]:
    """The body of a plan written from its structured fields."""
    sections: list[Section] = []
    opening: list[Paragraph] = []
    bases = legal_bases_paragraph(data.get("legal_bases") or [])
    if bases:
        opening.append(bases)
    opening.extend(quoted_paragraph(p) for p in text_paragraphs(data.get("introduction")))
    if opening:
        sections.append(section(None, 0, opening))

    # The numbered parts, numbered I, II, III as present; the free sections where they stood in the text, after the
    # part each names (a free section with a heading takes the next number).
    free = data.get("free_sections") or []
    number = 0

    def free_after(part: str) -> None:
        nonlocal number
        placed, number = free_sections(
            [f for f in free if (f.get("after") or "measures") == part], first=number
        )
        sections.extend(placed)

    def numbered(heading: str, own: list[Any], children: list[Section]) -> None:
        nonlocal number
        sections.append(section(f"{ROMAN[number]}. {heading}", 1, own))
        sections.extend(children)
        number += 1

    free_after("opening")
    purposes, requirements = text_paragraphs(data.get("purposes")), text_paragraphs(data.get("requirements"))
    if requirements:  # both: each under its own heading, so that the text reads back as two parts
        numbered("MỤC ĐÍCH, YÊU CẦU:", [], [section("1. Mục đích:", 2, purposes),
                                            section("2. Yêu cầu:", 2, requirements)])  # fmt: skip
    elif purposes:
        numbered("MỤC ĐÍCH YÊU CẦU:", purposes, [])
    free_after("purposes")
    movements = sorted(data.get("movements") or [], key=lambda m: m.get("order") or 0)
    if movements:
        focus = section("* Các phong trào thi đua trọng tâm:", 3, [movement_text(m) for m in movements])
        numbered("NỘI DUNG THI ĐUA:", [], [focus])
    free_after("contents")
    measures = measure_sections(data.get("measures") or [])
    if measures:
        own = measures.pop(0)["paragraphs"] if measures[0]["heading"] is None else []
        numbered("BIỆN PHÁP TỔ CHỨC THỰC HIỆN:", own, measures)
    free_after("measures")

    tail: list[Paragraph] = []
    phases = data.get("phases") or []
    if phases:
        year = issued.year if issued else (from_iso(phases[0].get("start")) or datetime.date.today()).year
        if len(phases) == 1:  # one period: no "chia thành 1 đợt"
            tail.append(phase_paragraph(phases[0], issued=issued, label="Thời gian thi đua:"))
        else:
            tail.append(paragraph(f"Phong trào thi đua năm {year} chia thành {len(phases)} đợt như sau:"))
            tail.extend(phase_paragraph(p, issued=issued) for p in phases)
    loose = [commemoration_text(c) for c in data.get("commemorations") or []]
    if loose:
        tail.append(quoted_paragraph(f"Chào mừng {'; '.join(loose)}."))
    tail.extend(quoted_paragraph(p) for p in text_paragraphs(data.get("phase_review")))
    if any((f.get("after") or "measures") == "phases" for f in free):
        if tail:
            sections.append(section(None, 0, tail))
        tail = []
        free_after("phases")
    closing = text_paragraphs(data.get("closing"))
    if not closing:
        closing = [reporting_sentence(d) for d in data.get("reporting_duties") or [] if d.get("to_whom")]
    tail.extend(quoted_paragraph(p) for p in closing)
    if closing:
        # Only a closing paragraph takes the final "./.": added to a phase or a measure, it would change what the
        # text says about it when the document is read again.
        end_with_full_stop(tail[-1])
    if tail:
        sections.append(section(None, 0, tail))
    return sections


_HEADING_NUMBER = re.compile(r"^\s*(?:[IVX]{1,5}|\d{1,2}|[A-D])\s*[.)\-/]\s*")


def free_sections(free: Sequence[Mapping[str, Any]], *, first: int) -> tuple[list[Section], int]:
    """Free sections (parts of the text the structure does not hold) in their order, and the number the next
    numbered part takes: one with a heading is numbered as a part ("IV. KHEN THƯỞNG:"), one without stands as
    paragraphs."""
    sections: list[Section] = []
    number = first
    for item in free:
        paragraphs = text_paragraphs(item.get("text") or item.get("paragraphs"))
        heading = free_heading(item.get("heading"))
        if heading and number < len(ROMAN):
            sections.append(section(f"{ROMAN[number]}. {heading}:", 1, paragraphs))
            number += 1
        elif paragraphs:
            sections.append(section(None, 0, paragraphs))
    return sections, number


def free_heading(heading: str | None) -> str:
    """A free section's heading without the number the source gave it ("I. KẾT QUẢ" -> "KẾT QUẢ")."""
    return _HEADING_NUMBER.sub("", nfc(heading)).strip().rstrip(":")


def reporting_sentence(duty: Mapping[str, Any]) -> str:
    due = from_iso(duty.get("due"))
    text = nfc(duty.get("text")) or "Các cấp Công đoàn báo cáo kết quả"
    return f"{text} về {nfc(duty['to_whom'])}" + (f" trước ngày {format_date(due)}." if due else ".")


def _sections_from_data(raw: Sequence[Mapping[str, Any]]) -> list[Section]:
    return [section(s.get("heading"), int(s.get("level") or 0), s.get("paragraphs") or []) for s in raw]


# --- the documents ---------------------------------------------------------------------------------------------


def _document(
    data: Mapping[str, Any], *, issuer_name: str, parent_body_name: str, motto_style: str
) -> OfficialDocument:
    issued = from_iso(data.get("date"))
    if data.get("sections"):
        sections = _sections_from_data(data["sections"])
    else:
        sections = plan_sections(data, issued=issued)
    signer = data.get("signer") or {}
    return official_document(
        issuer=issuer_name, parent_body=parent_body_name, motto_style=motto_style,
        kind=nfc(data.get("kind")) or "Kế hoạch", number=data.get("number"), place=data.get("place"), date=issued,
        year=data.get("year"), title=data.get("title"), sections=sections,
        recipients=[(r.get("name") or "", r.get("purpose")) for r in data.get("recipients") or []],
        signer=signer, end_body=bool(data.get("sections")),
    )  # fmt: skip


def plan_document_from_parsed(
    parsed: Any, *, issuer_name: str, parent_body_name: str, motto_style: str = "national"
) -> OfficialDocument:
    """The document of a plan read from its official text (``thidua.plans.parsing``'s ``ParsedPlan``, or the same
    structure as plain data)."""
    with translation.override("vi"):
        return _document(_plain(parsed), issuer_name=issuer_name, parent_body_name=parent_body_name,
                         motto_style=motto_style)  # fmt: skip


def plan_document(plan: Any, *, motto_style: str = "national") -> OfficialDocument:
    """The document of a ``thidua.plans.models.Plan`` (its children read in their stored order)."""
    with translation.override("vi"):
        return _plan_document(plan, motto_style=motto_style)


def recipient_purpose(recipient: Any) -> str:
    """A stored recipient's purpose as "Nơi nhận" writes it ("để báo cáo", "lưu"); none for "other"."""
    return recipient.get_purpose_display() if recipient.purpose and recipient.purpose != "other" else ""


def _plan_document(plan: Any, *, motto_style: str) -> OfficialDocument:
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
        "recipients": [{"name": r.name, "purpose": recipient_purpose(r)} for r in plan.recipients.all()],
        "signer": {"on_behalf": plan.signer_on_behalf, "title": plan.signer_title, "name": plan.signer_name},
        "free_sections": [
            {"heading": f.heading, "text": f.text, "after": f.after} for f in plan.free_sections.all()
        ],
    }
    issuer = plan.issuer
    parent = type(issuer).objects.get_parent(issuer)
    return _document(
        data, issuer_name=issuer.name, parent_body_name=parent.name if parent else "", motto_style=motto_style
    )

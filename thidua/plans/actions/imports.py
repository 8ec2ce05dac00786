"""The official text in: a draft from the structure the parser extracts."""

from __future__ import annotations

import dataclasses
import datetime
import re
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.orgs.models import Unit

from .. import queries
from ..models import (
    Commemoration,
    DocumentKind,
    FreeSection,
    MeasureTarget,
    Plan,
    PlanEvent,
    RecipientPurpose,
)
from ..parsing.result import (
    ParsedCommemoration,
    ParsedDuty,
    ParsedFreeSection,
    ParsedMeasureGroup,
    ParsedPlan,
    ParsedSigner,
)
from .drafts import _fmt, _today, create_plan

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# --- the official text in -------------------------------------------------------------------------------------


PURPOSES_BY_TEXT = [
    ("bao cao", RecipientPurpose.REPORT),
    ("thuc hien", RecipientPurpose.IMPLEMENT),
    ("trien khai", RecipientPurpose.IMPLEMENT),
    ("luu", RecipientPurpose.ARCHIVE),
    ("biet", RecipientPurpose.INFORM),
]


def _kind_of(text: str | None, default: str = DocumentKind.PLAN) -> str:
    key = fold(text or "")
    for value, label in DocumentKind.choices:
        if key and fold(str(label)) == key:
            return value
    return default


def _purpose_of(text: str | None) -> str:
    key = fold(text or "")
    for words, purpose in PURPOSES_BY_TEXT:
        if words in key:
            return purpose
    return RecipientPurpose.OTHER if key else ""


def _recipient_unit(name: str, issuer: Unit) -> tuple[Unit | None, bool]:
    """The unit of the system a recipient line designates (the issuer's parent or a unit below it), and whether it
    means every unit directly below the issuer."""
    key = fold(name)
    if "truc thuoc" in key or ("cac cap" in key and "cong doan" in key):
        return None, True
    candidates = list(Unit.objects.filter(path__subtree=issuer.path, depth=issuer.depth + 1).active())
    if issuer.depth > 1:
        candidates += list(Unit.objects.filter(path=issuer.path[: -Unit.steplen]))
    for unit in candidates:
        if key in {fold(unit.name), fold(unit.short_name)}:
            return unit, False
    return None, False


MEASURE_TARGET_KEYS = {t.value for t in MeasureTarget}
_PHASE_NAMED = re.compile(r"\b(?:Đợt|Giai đoạn)\s+(\d{1,2})\b", re.IGNORECASE)


def _long_text(paragraphs: list[str]) -> str:
    """A text field of the plan: its paragraphs separated by a blank line."""
    return "\n\n".join(p for p in paragraphs if p)


def _measures(groups: list[ParsedMeasureGroup]) -> list[dict[str, Any]]:
    """Measure rows (target, text) from the parser's groups. A group for a kind of unit the model does not know
    (``target`` None) is kept among the general measures, each paragraph led by the group's heading."""
    rows = []
    for group in groups:
        heading = (group.heading or "").strip().rstrip(":")
        for text in group.paragraphs:
            if not text:
                continue
            if group.target in MEASURE_TARGET_KEYS:
                rows.append({"target": group.target, "text": text})
            else:
                rows.append(
                    {"target": MeasureTarget.GENERAL, "text": f"{heading}: {text}" if heading else text}
                )
    return rows


def _reporting_duties(duties: list[ParsedDuty], n_phases: int) -> list[dict[str, Any]]:
    """Reporting duties from the parser's ``reporting`` (to whom, due, the sentence): a sentence naming a phase
    ("Báo cáo kết quả Đợt 1 ...") is that phase's duty."""
    rows = []
    for duty in duties:
        if not duty.to_whom:
            continue
        named = _PHASE_NAMED.search(duty.text or "")
        phase_order = int(named.group(1)) if named and 1 <= int(named.group(1)) <= n_phases else None
        rows.append({"phase_order": phase_order, "to_whom": duty.to_whom[:300], "due": duty.due,
                     "text": (duty.text or "")[:500]})  # fmt: skip
    return rows


CORRECTABLE_FIELDS = ["kind", "place", "date", "title", "signer_on_behalf", "signer_title", "signer_name"]
CORRECTABLE_PHASE_FIELDS = ["name", "start", "end", "report_due"]


def _corrected(
    parsed: ParsedPlan, corrections: dict[str, Any]
) -> tuple[ParsedPlan, str | None, list[str | None]]:
    """The parser's structure with the user's corrections applied, the kind chosen (a ``DocumentKind`` value) and
    each recipient's purpose chosen (a ``RecipientPurpose`` value; None: as the text reads). ``corrections`` holds plan
    fields (``kind`` a ``DocumentKind`` value, ``date`` a date), ``phases`` (one dict per parsed phase, in order, of
    name, start, end, report_due) and ``recipients`` (one dict per parsed recipient, of ``purpose``). A phase whose
    start is changed from the year's first day no longer starts "Từ đầu năm"."""
    unknown = set(corrections) - {*CORRECTABLE_FIELDS, "phases", "recipients", "free_sections", "paragraphs"}
    if unknown:
        raise TypeError(f"unknown corrections: {sorted(unknown)}")
    signer = dataclasses.replace(parsed.signer or ParsedSigner())
    fixed = dataclasses.replace(parsed, signer=signer)
    kind = None
    for name in CORRECTABLE_FIELDS:
        if name not in corrections:
            continue
        value = corrections[name]
        if name.startswith("signer_"):
            setattr(signer, name.removeprefix("signer_"), value)
        elif name == "kind":
            kind = value
        else:
            setattr(fixed, name, value)
    phases = [dataclasses.replace(p) for p in parsed.phases]
    rows = corrections.get("phases")
    if rows is not None:
        if len(rows) != len(phases):
            raise ValidationError({"phases": _("Số đợt thi đua sửa lại không khớp với văn bản đã đọc.")})
        for phase, row in zip(phases, rows, strict=True):
            start = row.get("start")
            if phase.start_is_open and start is not None and start != phase.start:
                phase.start_is_open = False
            for name in CORRECTABLE_PHASE_FIELDS:
                if name in row:
                    setattr(phase, name, row[name])
    fixed.phases = phases
    purposes: list[str | None] = [None] * len(parsed.recipients)
    rows = corrections.get("recipients")
    if rows is not None:
        if len(rows) != len(purposes):
            raise ValidationError({"recipients": _("Số nơi nhận sửa lại không khớp với văn bản đã đọc.")})
        purposes = [row["purpose"] or "" if "purpose" in row else None for row in rows]
    rows = corrections.get("free_sections")
    if rows is not None:
        if len(rows) != len(parsed.free_sections):
            raise ValidationError(
                {"__all__": _("Số mục không xếp được sửa lại không khớp với văn bản đã đọc.")}
            )
        _move_free_sections(fixed, rows)
    moves = corrections.get("paragraphs")
    if moves:
        _move_paragraphs(fixed, parsed, moves)
    return fixed, kind, purposes


FREE_SECTION_PARTS = ("introduction", "purposes", "requirements", "phase_review", "closing")


def _after(value: str | None) -> str:
    """Where a free section stood, as the model knows it (after the measures when the parser's value is unknown)."""
    return value if value in FreeSection.After.values else FreeSection.After.MEASURES


def _move_free_sections(parsed: ParsedPlan, rows: list[dict[str, Any]]) -> None:
    """The free sections the officer moved into a part (``part`` one of FREE_SECTION_PARTS) join its paragraphs,
    their heading first; the others stay free sections."""
    kept = []
    for free, row in zip(parsed.free_sections, rows, strict=True):
        part = row.get("part") or ""
        if part not in FREE_SECTION_PARTS:
            kept.append(free)
            continue
        paragraphs = ([free.heading] if free.heading else []) + list(free.paragraphs)
        setattr(parsed, part, list(getattr(parsed, part)) + paragraphs)
    parsed.free_sections = kept


PARAGRAPH_TARGETS = (*FREE_SECTION_PARTS, "free")
_NUMBERED_PART = re.compile(r"^(measures|phases)\.(\d{1,3})$")


def paragraphs_of(parsed: ParsedPlan, part: str) -> list[str]:
    """The paragraphs of a part of the parse result a move may take from: a body part (FREE_SECTION_PARTS), a group
    of measures (``measures.N``, its paragraphs) or a phase (``phases.N``, its text as one paragraph); empty for
    anything else."""
    if part in FREE_SECTION_PARTS:
        return list(getattr(parsed, part))
    numbered = _NUMBERED_PART.match(part)
    if numbered is None:
        return []
    kind, n = numbered.group(1), int(numbered.group(2))
    if kind == "measures":
        return list(parsed.measures[n - 1].paragraphs) if 1 <= n <= len(parsed.measures) else []
    return [parsed.phases[n - 1].text or ""] if 1 <= n <= len(parsed.phases) else []


def _take(fixed: ParsedPlan, parsed: ParsedPlan, part: str, indexes: set[int]) -> None:
    """The parse result's paragraphs ``indexes`` of ``part`` taken out of the corrected structure."""
    if part in FREE_SECTION_PARTS:
        read = list(
            getattr(parsed, part)
        )  # the free sections moved in were appended after what the parser read
        kept = [p for i, p in enumerate(read) if i not in indexes]
        setattr(fixed, part, kept + list(getattr(fixed, part))[len(read) :])
        return
    kind, _dot, number = part.partition(".")
    n = int(number) - 1
    if kind == "measures":
        group = fixed.measures[n]
        fixed.measures = [*fixed.measures[:n],
                          dataclasses.replace(group, paragraphs=[p for i, p in enumerate(group.paragraphs)
                                                                 if i not in indexes]),
                          *fixed.measures[n + 1 :]]  # fmt: skip
    else:  # a phase keeps its dates and anniversaries, without the text moved out
        fixed.phases[n].text = None


def _move_paragraphs(fixed: ParsedPlan, parsed: ParsedPlan, moves: list[dict[str, Any]]) -> None:
    """Paragraphs the officer moved: each move names the part the parser put it in (``part``: one of
    FREE_SECTION_PARTS, ``measures.N`` or ``phases.N``, see ``paragraphs_of``), its place there in the parse result
    (``index``) and where it goes (``to``: a body part, or ``"free"`` for a free section of its own). Anything not in
    the parse result is refused, nothing half applied."""
    taken: dict[str, set[int]] = {}
    added: list[tuple[str, str]] = []
    for move in moves:
        part, index, to = str(move.get("part")), move.get("index"), move.get("to")
        source = paragraphs_of(parsed, part)
        if (not isinstance(index, int) or not 0 <= index < len(source) or not source[index]
                or to not in PARAGRAPH_TARGETS):  # fmt: skip
            raise ValidationError(
                {
                    "__all__": _(
                        "Đoạn văn được chuyển không có trong văn bản đã đọc hoặc nơi chuyển đến không hợp lệ."
                    )
                }
            )
        if to == part or index in taken.get(part, set()):
            continue
        taken.setdefault(part, set()).add(index)
        added.append((to, source[index]))
    for part, indexes in taken.items():
        _take(fixed, parsed, part, indexes)
    for to, text in added:
        if to == "free":
            fixed.free_sections = [*fixed.free_sections, ParsedFreeSection(paragraphs=[text])]
        else:
            setattr(fixed, to, [*getattr(fixed, to), text])


def _check_date_fits(date: datetime.date | None, year: int) -> None:
    if date is not None and not queries.issue_date_fits(date, year):
        first, last = queries.issue_date_window(year)
        raise ValidationError({"date": _(
            "Ngày ban hành %(day)s không thuộc năm %(year)s (phải từ %(first)s đến %(last)s)."
        ) % {"day": _fmt(date), "year": year, "first": _fmt(first), "last": _fmt(last)}})  # fmt: skip


@transaction.atomic
def create_plan_from_parsed(parsed: ParsedPlan, issuer: Unit, *, by: User | None, number: int | None = None, symbol: str = "",
                            year: int | None = None, source_text: str = "",
                            corrections: dict[str, Any] | None = None) -> Plan:  # fmt: skip
    """A draft from the structure ``thidua.plans.parsing`` extracts from an official text. Number, symbol and year
    may be corrected by the caller, and the fields of ``corrections`` (see ``_corrected``) from the import preview;
    a number already taken, a phase ending before it starts or an issue date outside the plan's year is refused
    (the field named) and nothing is created."""
    kind_value: str | None = None
    purposes: list[str | None] = [None] * len(parsed.recipients)
    if corrections:
        parsed, kind_value, purposes = _corrected(parsed, corrections)
    parsed_number, parsed_symbol = queries.split_number(parsed.number or "")
    date = parsed.date
    year = year or (date.year if date else None)
    if year is not None:
        _check_date_fits(date, year)
    if year is None:
        days = [d for p in parsed.phases for d in (p.start, p.end) if d is not None]
        year = days[0].year if days else _today().year
    catalog = list(Commemoration.objects.all())
    legal_bases = []
    for basis in parsed.legal_bases:
        cited_number, cited_symbol = queries.split_number(basis.number or "")
        cited = None
        if cited_number and basis.date:
            cited = (
                Plan.objects.active()
                .issued()
                .filter(number=cited_number, symbol=cited_symbol, year=basis.date.year)
                .filter(
                    Q(
                        issuer__path__in=[
                            issuer.path[:i] for i in range(Unit.steplen, len(issuer.path), Unit.steplen)
                        ]
                    )
                )  # fmt: skip
                .first()
            )
        legal_bases.append({"kind": _kind_of(basis.kind, DocumentKind.OTHER), "number": basis.number or "",
                            "date": basis.date, "issuer": basis.issuer or "", "title": basis.title or "",
                            "cited_plan": cited})  # fmt: skip
    phases, commemorations = [], []

    def commemoration_row(c: ParsedCommemoration, phase_order: int | None) -> dict[str, Any]:
        return {"phase_order": phase_order, "text": (c.text or "")[:500], "ordinal": c.ordinal,
                "base_date": c.base_date, "date": c.date,
                "commemoration": queries.match_commemoration(c.text or "", c.base_date, catalog)}  # fmt: skip

    for order, p in enumerate(parsed.phases, start=1):
        start_is_open = p.start_is_open or (p.start is None and p.end is not None)
        phases.append({"name": p.name or _("Đợt %(n)s") % {"n": order}, "start": p.start or datetime.date(year, 1, 1),
                       "end": p.end or datetime.date(year, 12, 31), "start_is_open": start_is_open,
                       "celebrates": p.text or "", "report_due": p.report_due})  # fmt: skip
        commemorations += [commemoration_row(c, order) for c in p.commemorations]
    commemorations += [commemoration_row(c, None) for c in parsed.commemorations]
    recipients = []
    for r, chosen in zip(parsed.recipients, purposes, strict=True):
        unit, to_subordinates = _recipient_unit(r.name or "", issuer)
        purpose = chosen if chosen is not None else _purpose_of(r.purpose)
        recipients.append({"name": r.name or "", "purpose": purpose, "unit": unit,
                           "to_subordinates": to_subordinates})  # fmt: skip
    signer = parsed.signer or ParsedSigner()
    parts = {
        "legal_bases": legal_bases,
        "movements": [{"names": m.names, "text": m.text or ""} for m in parsed.movements],
        "measures": _measures(parsed.measures),
        "phases": phases,
        "commemorations": commemorations,
        "reporting_duties": _reporting_duties(parsed.reporting, len(phases)),
        "recipients": recipients,
        # nothing of the text lost: the paragraphs no part took, in their order
        "free_sections": [
            {"heading": (f.heading or "")[:300], "text": _long_text(f.paragraphs), "after": _after(f.after)}
            for f in parsed.free_sections
            if f.paragraphs
        ],  # fmt: skip
    }
    return create_plan(
        issuer, by=by, title=parsed.title or _("(chưa có trích yếu)"), year=year,
        kind=kind_value or _kind_of(parsed.kind), symbol=symbol or parsed_symbol, number=number or parsed_number,
        place=parsed.place or "", date=date, introduction=_long_text(parsed.introduction),
        purposes=_long_text(parsed.purposes), requirements=_long_text(parsed.requirements),
        phase_review=_long_text(parsed.phase_review), closing=_long_text(parsed.closing),
        signer_on_behalf=signer.on_behalf or "", signer_title=signer.title or "", signer_name=signer.name or "",
        source_text=source_text, event=PlanEvent.Action.IMPORT, parts=parts,
    )  # fmt: skip

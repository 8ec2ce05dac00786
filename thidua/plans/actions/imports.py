"""The official text in: a draft from the structure the parser extracts."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from thidua.core.dates import from_iso, to_json
from thidua.core.text import fold
from thidua.orgs.models import Unit

from .. import queries
from ..models import (
    Commemoration,
    DocumentKind,
    MeasureTarget,
    Plan,
    PlanEvent,
    RecipientPurpose,
)
from .drafts import _fmt, _today, create_plan

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


def _long_text(value: str | list[str] | None) -> str:
    """A text field from the parser's text (paragraphs separated by a blank line) or list of paragraphs."""
    if not value:
        return ""
    return value if isinstance(value, str) else "\n\n".join(p for p in value if p)


def _measures(raw: list[dict[str, Any]] | dict[str, list[str]]) -> list[dict[str, Any]]:
    """Measure rows (target, text) from the parser's groups ``{"target", "heading", "paragraphs"}``, or from rows
    ``{"target", "text"}``, or from ``{target: [texts]}``. A group for a kind of unit the model does not know
    (``target`` null) is kept among the general measures, each paragraph led by the group's heading."""
    if isinstance(raw, dict):
        raw = [{"target": t, "text": text} for t, texts in raw.items() for text in texts]
    rows = []
    for group in raw:
        target = group.get("target")
        paragraphs = group.get("paragraphs")
        texts: list[str | None] = list(paragraphs) if paragraphs is not None else [group.get("text")]
        heading = (group.get("heading") or "").strip().rstrip(":")
        for text in texts:
            if not text:
                continue
            if target in MEASURE_TARGET_KEYS:
                rows.append({"target": target, "text": text})
            else:
                rows.append(
                    {"target": MeasureTarget.GENERAL, "text": f"{heading}: {text}" if heading else text}
                )
    return rows


def _reporting_duties(raw: list[dict[str, Any]], n_phases: int) -> list[dict[str, Any]]:
    """Reporting duties from the parser's ``reporting`` (to whom, due, the sentence): a sentence naming a phase
    ("Báo cáo kết quả Đợt 1 ...") is that phase's duty."""
    duties = []
    for d in raw:
        if not d.get("to_whom"):
            continue
        text = d.get("text") or ""
        phase_order = d.get("phase_order")
        named = _PHASE_NAMED.search(text)
        if phase_order is None and named and 1 <= int(named.group(1)) <= n_phases:
            phase_order = int(named.group(1))
        duties.append({"phase_order": phase_order, "to_whom": d["to_whom"][:300], "due": from_iso(d.get("due")),
                       "text": text[:500]})  # fmt: skip
    return duties


CORRECTABLE_FIELDS = ["kind", "place", "date", "title", "signer_on_behalf", "signer_title", "signer_name"]
CORRECTABLE_PHASE_FIELDS = ["name", "start", "end", "report_due"]


def _corrected(parsed: dict[str, Any], corrections: dict[str, Any]) -> dict[str, Any]:
    """The parser's structure with the user's corrections applied. ``corrections`` holds plan fields (``kind`` as a
    ``DocumentKind`` value, ``date`` a date), ``phases`` (one dict per parsed phase, in order, of name, start, end,
    report_due) and ``recipients`` (one dict per parsed recipient, of ``purpose``, a ``RecipientPurpose`` value). A
    phase whose start is changed from the year's first day no longer starts "Từ đầu năm"."""
    unknown = set(corrections) - {*CORRECTABLE_FIELDS, "phases", "recipients"}
    if unknown:
        raise TypeError(f"unknown corrections: {sorted(unknown)}")
    fixed = dict(parsed)
    signer = dict(parsed.get("signer") or {})
    for name in CORRECTABLE_FIELDS:
        if name not in corrections:
            continue
        value = corrections[name]
        if name.startswith("signer_"):
            signer[name.removeprefix("signer_")] = value
        elif name == "date":
            fixed["date"] = value.isoformat() if value else None
        elif name == "kind":
            fixed["kind_value"] = value
        else:
            fixed[name] = value
    fixed["signer"] = signer
    phases = [dict(p) for p in parsed.get("phases") or []]
    rows = corrections.get("phases")
    if rows is not None:
        if len(rows) != len(phases):
            raise ValidationError({"phases": _("Số đợt thi đua sửa lại không khớp với văn bản đã đọc.")})
        for phase, row in zip(phases, rows, strict=True):
            start = row.get("start")
            if phase.get("start_is_open") and start is not None and start.isoformat() != phase.get("start"):
                phase["start_is_open"] = False
            for name in CORRECTABLE_PHASE_FIELDS:
                if name in row:
                    value = row[name]
                    phase[name] = to_json(value)
    fixed["phases"] = phases
    recipients = [dict(r) for r in parsed.get("recipients") or []]
    rows = corrections.get("recipients")
    if rows is not None:
        if len(rows) != len(recipients):
            raise ValidationError({"recipients": _("Số nơi nhận sửa lại không khớp với văn bản đã đọc.")})
        for recipient, row in zip(recipients, rows, strict=True):
            if "purpose" in row:
                recipient["purpose_value"] = row["purpose"] or ""
    fixed["recipients"] = recipients
    return fixed


def _check_date_fits(date: datetime.date | None, year: int) -> None:
    if date is not None and not queries.issue_date_fits(date, year):
        first, last = queries.issue_date_window(year)
        raise ValidationError({"date": _(
            "Ngày ban hành %(day)s không thuộc năm %(year)s (phải từ %(first)s đến %(last)s)."
        ) % {"day": _fmt(date), "year": year, "first": _fmt(first), "last": _fmt(last)}})  # fmt: skip


@transaction.atomic
def create_plan_from_parsed(parsed: dict[str, Any], issuer: Unit, *, by, number: int | None = None,
                            symbol: str = "", year: int | None = None, source_text: str = "",
                            corrections: dict[str, Any] | None = None) -> Plan:  # fmt: skip
    """A draft from the structure ``thidua.plans.parsing`` extracts from an official text. Number, symbol and year
    may be corrected by the caller, and the fields of ``corrections`` (see ``_corrected``) from the import preview;
    a number already taken, a phase ending before it starts or an issue date outside the plan's year is refused
    (the field named) and nothing is created."""
    if corrections:
        parsed = _corrected(parsed, corrections)
    parsed_number, parsed_symbol = queries.split_number(parsed.get("number") or "")
    date = from_iso(parsed.get("date"))
    phases_in = parsed.get("phases") or []
    year = year or (date.year if date else None)
    if year is not None:
        _check_date_fits(date, year)
    if year is None:
        days = [d for p in phases_in for key in ("start", "end") if (d := from_iso(p.get(key))) is not None]
        year = days[0].year if days else _today().year
    catalog = list(Commemoration.objects.all())
    legal_bases = []
    for basis in parsed.get("legal_bases") or []:
        cited_number, cited_symbol = queries.split_number(basis.get("number") or "")
        basis_date = from_iso(basis.get("date"))
        cited = None
        if cited_number and basis_date:
            cited = (
                Plan.objects.active()
                .issued()
                .filter(number=cited_number, symbol=cited_symbol, year=basis_date.year)
                .filter(
                    Q(
                        issuer__path__in=[
                            issuer.path[:i] for i in range(Unit.steplen, len(issuer.path), Unit.steplen)
                        ]
                    )
                )  # fmt: skip
                .first()
            )
        legal_bases.append({"kind": _kind_of(basis.get("kind"), DocumentKind.OTHER), "number": basis.get("number") or "",
                            "date": basis_date, "issuer": basis.get("issuer") or "",
                            "title": basis.get("title") or "", "cited_plan": cited})  # fmt: skip
    phases, commemorations = [], []

    def commemoration_row(c: dict[str, Any], phase_order: int | None) -> dict[str, Any]:
        base = from_iso(c.get("base_date"))
        return {"phase_order": phase_order, "text": (c.get("text") or "")[:500], "ordinal": c.get("ordinal"),
                "base_date": base, "date": from_iso(c.get("date")),
                "commemoration": queries.match_commemoration(c.get("text") or "", base, catalog)}  # fmt: skip

    for order, p in enumerate(phases_in, start=1):
        start, end = from_iso(p.get("start")), from_iso(p.get("end"))
        start_is_open = bool(p.get("start_is_open")) or (start is None and end is not None)
        start = start or datetime.date(year, 1, 1)
        end = end or datetime.date(year, 12, 31)
        phases.append({"name": p.get("name") or _("Đợt %(n)s") % {"n": order}, "start": start, "end": end,
                       "start_is_open": start_is_open, "celebrates": p.get("text") or p.get("celebrates") or "",
                       "report_due": from_iso(p.get("report_due"))})  # fmt: skip
        commemorations += [commemoration_row(c, order) for c in p.get("commemorations") or []]
    commemorations += [commemoration_row(c, None) for c in parsed.get("commemorations") or []]
    recipients = []
    for r in parsed.get("recipients") or []:
        unit, to_subordinates = _recipient_unit(r.get("name") or "", issuer)
        purpose = r["purpose_value"] if "purpose_value" in r else _purpose_of(r.get("purpose"))
        recipients.append({"name": r.get("name") or "", "purpose": purpose, "unit": unit,
                           "to_subordinates": to_subordinates})  # fmt: skip
    measures = _measures(parsed.get("measures") or [])
    duties = _reporting_duties(parsed.get("reporting_duties") or parsed.get("reporting") or [], len(phases))
    signer = parsed.get("signer") or {}
    parts = {
        "legal_bases": legal_bases,
        "movements": [
            {"names": m.get("names") or [], "text": m.get("text") or ""}
            for m in parsed.get("movements") or []
        ],
        "measures": measures,
        "phases": phases,
        "commemorations": commemorations,
        "reporting_duties": duties,
        "recipients": recipients,
    }
    return create_plan(
        issuer, by=by, title=parsed.get("title") or _("(chưa có trích yếu)"), year=year,
        kind=parsed.get("kind_value") or _kind_of(parsed.get("kind")), symbol=symbol or parsed_symbol, number=number or parsed_number,
        place=parsed.get("place") or "", date=date, introduction=_long_text(parsed.get("introduction")),
        purposes=_long_text(parsed.get("purposes")), requirements=_long_text(parsed.get("requirements")),
        phase_review=_long_text(parsed.get("phase_review")), closing=_long_text(parsed.get("closing")),
        signer_on_behalf=signer.get("on_behalf") or "", signer_title=signer.get("title") or "",
        signer_name=signer.get("name") or "", source_text=source_text, event=PlanEvent.Action.IMPORT, parts=parts,
    )  # fmt: skip

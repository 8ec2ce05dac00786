"""Drafts: creating a plan (with the next free number) and changing it while it is a draft."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.text import nfc
from thidua.orgs.models import Unit

from .. import queries
from ..models import (
    PLAN_AUDIT_FIELDS,
    Commemoration,
    DocumentKind,
    FreeSection,
    LegalBasis,
    Measure,
    Movement,
    Phase,
    PhaseCommemoration,
    Plan,
    PlanEvent,
    PlanStatus,
    Recipient,
    ReportingDuty,
)
from ..parsing.commemorations import find_commemorations
from ..parsing.context import ParseContext
from ..parsing.movements import names_in
from ..parsing.normalize import cleaned_line

if TYPE_CHECKING:
    from django.contrib.auth.models import User

PLAN_FIELDS = PLAN_AUDIT_FIELDS
TEXT_FIELDS = [
    "kind", "symbol", "place", "title", "introduction", "purposes", "requirements", "phase_review", "closing",
    "signer_on_behalf", "signer_title", "signer_name", "source_text",
]  # fmt: skip
EDITABLE_FIELDS = {*TEXT_FIELDS, "number", "year", "date"}

LEGAL_BASIS_FIELDS = ["kind", "number", "date", "issuer", "title", "cited_plan"]
MOVEMENT_FIELDS = ["names", "text", "upper_movement"]
MEASURE_FIELDS = ["target", "text"]
PHASE_FIELDS = ["name", "start", "end", "start_is_open", "celebrates", "report_due", "opens_registration",
                "opens_reporting", "opens_proposals", "upper_phase"]  # fmt: skip
COMMEMORATION_FIELDS = ["commemoration", "text", "ordinal", "base_date", "date"]
DUTY_FIELDS = ["to_whom", "due", "text"]
RECIPIENT_FIELDS = ["name", "purpose", "unit", "to_subordinates"]
FREE_SECTION_FIELDS = ["heading", "text", "after"]


def _today() -> datetime.date:
    return timezone.localdate()


def _actor(by: User | None):
    return by if getattr(by, "pk", None) else None


def _event(
    plan: Plan, action: str, *, by: User | None, from_status: str = "", to_status: str = "", note: str = ""
) -> PlanEvent:
    return PlanEvent.objects.create(plan=plan, action=action, from_status=from_status, to_status=to_status,
                                    by=_actor(by), note=note[:500])  # fmt: skip


# Texts of several paragraphs: each line is cleaned, the line breaks kept (a blank line between paragraphs).
LONG_TEXT_FIELDS = {"introduction", "purposes", "requirements", "phase_review", "closing"}


def _clean_text(value, name: str = ""):
    if not isinstance(value, str):
        return value
    if name == "source_text":
        return unicodedata.normalize("NFC", value)
    if name in LONG_TEXT_FIELDS:
        text = "\n".join(nfc(line) for line in value.splitlines())
        return re.sub(r"\n{3,}", "\n\n", text).strip("\n")
    return nfc(value)


def _fmt(day: datetime.date | None) -> str:
    return format_date(day)


def _check_number_free(plan: Plan) -> None:
    taken = (
        Plan.objects.active()
        .filter(issuer_id=plan.issuer_id, symbol=plan.symbol, year=plan.year, number=plan.number)
        .exclude(pk=plan.pk)
        .first()
    )
    if taken:
        raise ValidationError(
            {
                "number": _(
                    "Số %(number)s năm %(year)s đã được dùng cho “%(title)s”. Số còn trống tiếp theo: %(next)s."
                )
                % {
                    "number": plan.number_display,
                    "year": plan.year,
                    "title": taken.title,
                    "next": queries.next_number(plan.issuer, plan.symbol, plan.year),
                }
            }  # fmt: skip
        )


def _save_plan(plan: Plan) -> None:
    _check_number_free(plan)
    plan.full_clean(exclude=["lineage", "based_on", "copied_from", "created_by", "issuer"], validate_unique=False,
                    validate_constraints=False)  # fmt: skip
    try:
        with transaction.atomic():
            plan.save()
    except IntegrityError as exc:  # a concurrent plan took the number between the check and the save
        raise ValidationError({"number": _("Số %(number)s vừa được dùng cho văn bản khác.")
                               % {"number": plan.number_display}}) from exc  # fmt: skip


# --- children of a draft: replaced as a whole, rows keep their id when given one -------------------------------


def _remove_parts(plan: Plan, objs: list, *, by: User | None) -> None:
    """Remove parts of a draft that an edit left out, each with an audit record that keeps what it was (its values
    before, nothing after). A phase takes its commemorations with it: they are recorded too."""
    if not objs:
        return
    if isinstance(objs[0], Phase):
        _remove_parts(plan, list(PhaseCommemoration.objects.filter(phase__in=objs)), by=by)
    audit.record_rows(
        type(objs[0]),
        [(obj.pk, str(obj), audit.diff(audit.snapshot(obj), {})) for obj in objs],
        by=by,
        action="delete",
        note=_("Bỏ khỏi dự thảo kế hoạch “%(plan)s”") % {"plan": plan},
    )
    for obj in objs:
        obj.delete()


def _sync(plan: Plan, model, related: str, rows: Iterable[dict[str, Any]] | None, fields: list[str],
          extra: dict[str, Any] | None = None, *, by: User | None = None,
          paragraphs: tuple[str, ...] = ()) -> list:  # fmt: skip
    """Make the plan's rows of ``model`` exactly ``rows`` (dicts of ``fields``, optional ``id``), numbered in
    order. Returns the saved rows. ``None`` leaves the rows alone. Rows left out are removed with an audit record."""
    if rows is None:
        return list(getattr(plan, related).all())
    existing = {obj.pk: obj for obj in getattr(plan, related).all()}
    kept, saved = set(), []
    for order, row in enumerate(rows, start=1):
        obj = existing.get(row.get("id")) if row.get("id") else None
        if obj is None:
            obj = model(plan=plan)
        for name in fields:
            if name in row:
                # a field of paragraphs keeps its blank lines (cleaned as the plan's long texts are)
                value = _clean_text(row[name], "introduction" if name in paragraphs else "")
                setattr(obj, name, value)
        for name, value in (extra or {}).items():
            setattr(obj, name, value)
        obj.order = order
        obj.full_clean(exclude=["plan", "phase", "upper_phase", "upper_movement", "cited_plan", "commemoration",
                                "unit"])  # fmt: skip
        obj.save()
        kept.add(obj.pk)
        saved.append(obj)
    _remove_parts(plan, [obj for pk, obj in existing.items() if pk not in kept], by=by)
    return saved


def _check_phases(plan: Plan, phases: list[dict[str, Any]]) -> None:
    errors = []
    for index, row in enumerate(phases, start=1):
        name = row.get("name") or _("Đợt %(n)s") % {"n": index}
        start, end = row.get("start"), row.get("end")
        if start is None or end is None:
            errors.append(_("%(phase)s: cần có ngày bắt đầu và ngày kết thúc.") % {"phase": name})
            continue
        if end < start:
            errors.append(_("%(phase)s: ngày kết thúc %(end)s trước ngày bắt đầu %(start)s.")
                          % {"phase": name, "end": _fmt(end), "start": _fmt(start)})  # fmt: skip
        upper = row.get("upper_phase")
        if (
            upper is not None
            and row.get("report_due")
            and upper.report_due
            and row["report_due"] > upper.report_due
        ):
            errors.append(
                _("%(phase)s: hạn báo cáo %(due)s muộn hơn hạn của kế hoạch cấp trên (%(upper)s).")
                % {"phase": name, "due": _fmt(row["report_due"]), "upper": _fmt(upper.report_due)}
            )
    if errors:
        raise ValidationError({"phases": errors})


def _write_parts(plan: Plan, parts: dict[str, Any], *, by: User | None) -> None:
    """Write the parts given (each a list of dicts; absent parts are left alone)."""
    _sync(plan, LegalBasis, "legal_bases", parts.get("legal_bases"), LEGAL_BASIS_FIELDS, by=by)
    movements = parts.get("movements")
    if (
        movements is not None
    ):  # a movement typed without names is read as an import reads it (its quoted names)
        movements = [
            {**row, "names": row.get("names") or names_in(row.get("text") or "")} for row in movements
        ]
    _sync(plan, Movement, "movements", movements, MOVEMENT_FIELDS, by=by)
    if parts.get("measures") is not None:
        _write_measures(plan, parts["measures"], by=by)
    phases = None
    if parts.get("phases") is not None:
        _check_phases(plan, parts["phases"])
        phases = _sync(plan, Phase, "phases", parts["phases"], PHASE_FIELDS, by=by)
    if parts.get("commemorations") is not None:
        phases = phases if phases is not None else list(plan.phases.order_by("order"))
        _write_commemorations(plan, parts["commemorations"], phases, by=by)
    if parts.get("reporting_duties") is not None:
        phases = phases if phases is not None else list(plan.phases.order_by("order"))
        by_order = {p.order: p for p in phases}
        rows = [{**r, "phase": by_order.get(r.get("phase_order"))} for r in parts["reporting_duties"]]
        _sync(plan, ReportingDuty, "reporting_duties", rows, [*DUTY_FIELDS, "phase"], by=by)
    _sync(plan, Recipient, "recipients", parts.get("recipients"), RECIPIENT_FIELDS, by=by)
    _sync(plan, FreeSection, "free_sections", parts.get("free_sections"), FREE_SECTION_FIELDS, by=by,
          paragraphs=("text",))  # fmt: skip


def _write_measures(plan: Plan, rows: list[dict[str, Any]], *, by: User | None) -> None:
    """Measures numbered within each target, in the order given."""
    existing: dict[int, Measure] = {m.pk: m for m in plan.measures.all()}
    kept: set[int] = set()
    counters: dict[str, int] = {}
    for row in rows:
        measure = existing.get(row.get("id") or 0) or Measure(plan=plan)
        measure.target, measure.text = row["target"], nfc(row["text"])
        counters[measure.target] = counters.get(measure.target, 0) + 1
        measure.order = counters[measure.target]
        measure.full_clean(exclude=["plan"])
        measure.save()
        kept.add(measure.pk)
    _remove_parts(plan, [old for pk, old in existing.items() if pk not in kept], by=by)


def _write_commemorations(
    plan: Plan, rows: list[dict[str, Any]], phases: list[Phase], *, by: User | None
) -> None:
    """Commemorations placed in the phase of their ``phase_order`` (none: outside the phases), numbered within it."""
    by_order = {p.order: p for p in phases}
    existing: dict[int, PhaseCommemoration] = {c.pk: c for c in plan.commemorations.all()}
    kept: set[int] = set()
    counters: dict[int | None, int] = {}
    for row in rows:
        item = existing.get(row.get("id") or 0) or PhaseCommemoration(plan=plan)
        for name in COMMEMORATION_FIELDS:
            if name in row:
                setattr(item, name, _clean_text(row[name]))
        item.phase = by_order.get(row["phase_order"]) if row.get("phase_order") else None
        counters[item.phase_id] = counters.get(item.phase_id, 0) + 1
        item.order = counters[item.phase_id]
        item.full_clean(exclude=["plan", "phase", "commemoration"])
        item.save()
        kept.add(item.pk)
    _remove_parts(plan, [old for pk, old in existing.items() if pk not in kept], by=by)


def _with_typed_commemorations(plan: Plan, parts: dict[str, Any]) -> list[dict[str, Any]]:
    """The commemorations of an edit plus the anniversaries the officer typed in a phase's text ("chào mừng 95 năm
    Ngày thành lập Công đoàn Việt Nam") that the phase does not hold yet, read as an import reads them: the ordinal,
    the base date from the brackets or the catalog, the catalog entry. An anniversary the catalog does not know and
    the text gives no date for is left to the officer."""
    rows = parts.get("commemorations")
    if rows is None:  # the edit leaves the commemorations alone: those stored, in their phases
        orders = {p.pk: index for index, p in enumerate(plan.phases.order_by("order"), start=1)}
        rows = [{"id": c.pk, "phase_order": orders.get(c.phase_id or 0), **{f: getattr(c, f) for f in COMMEMORATION_FIELDS}}
                for c in plan.commemorations.all()]  # fmt: skip
    rows = list(rows)
    catalog = list(Commemoration.objects.all())
    for order, phase in enumerate(parts["phases"], start=1):
        text = " ".join(cleaned_line(line) for line in (phase.get("celebrates") or "").splitlines())
        if not text.strip():
            continue
        held = [r for r in rows if r.get("phase_order") == order]
        period = (phase["start"], phase["end"]) if phase.get("start") and phase.get("end") else None
        for found in find_commemorations(text, ParseContext(), year=plan.year, period=period):
            if found["ordinal"] is None or found["base_date"] is None:
                continue
            match = queries.match_commemoration(found["text"], found["base_date"], catalog)
            if any(r.get("base_date") == found["base_date"] or (match and r.get("commemoration") == match)
                   for r in held):  # fmt: skip
                continue
            row = {"phase_order": order, "text": found["text"][:500], "ordinal": found["ordinal"],
                   "base_date": found["base_date"], "date": found["date"], "commemoration": match}  # fmt: skip
            rows.append(row)
            held.append(row)
    return rows


PART_NAMES = (
    "legal_bases",
    "movements",
    "measures",
    "phases",
    "commemorations",
    "reporting_duties",
    "recipients",
    "free_sections",
)


def _parts_snapshot(plan: Plan) -> dict[str, int]:
    return {name: getattr(plan, name).count() for name in PART_NAMES}


# --- creating and editing drafts ------------------------------------------------------------------------------


@transaction.atomic
def create_plan(issuer: Unit, *, by: User | None, title: str, year: int | None = None, kind: str = DocumentKind.PLAN,
                symbol: str = "", number: int | None = None, event: str = PlanEvent.Action.CREATE,
                parts: dict[str, Any] | None = None, **fields) -> Plan:  # fmt: skip
    """A new draft of ``issuer``. Without a number, the next free number of the issuer, symbol and year is used."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    year = year or (fields.get("date") or _today()).year
    symbol = nfc(symbol) or queries.default_symbol(issuer, kind)
    if not number:
        # Drafts of one issuer taking "the next number" at the same time queue here (on SQLite the IMMEDIATE
        # transaction already does), so each gets its own number instead of a clash.
        list(Unit.objects.select_for_update().filter(pk=issuer.pk).values_list("pk", flat=True))
    plan = Plan(issuer=issuer, kind=kind, title=nfc(title), year=year, symbol=symbol,
                number=number or queries.next_number(issuer, symbol, year), status=PlanStatus.DRAFT,
                created_by=_actor(by), **{k: _clean_text(v, k) for k, v in fields.items()})  # fmt: skip
    _save_plan(plan)
    if parts:
        _write_parts(plan, parts, by=by)
    _event(plan, event, by=by, to_status=PlanStatus.DRAFT)
    audit.record(plan, by=by, action="create",
                 after={**audit.snapshot(plan, PLAN_FIELDS), **_parts_snapshot(plan)})  # fmt: skip
    return plan


@transaction.atomic
def update_plan(plan: Plan, *, by: User | None, parts: dict[str, Any] | None = None, **fields) -> Plan:
    """Change a draft: its fields and, for each part given in ``parts``, the whole list of that part."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_draft or plan.archived_at is not None:
        raise ValidationError(_("Kế hoạch đã ban hành chỉ được sửa đổi, bổ sung; không sửa trực tiếp."))
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        raise TypeError(f"unknown plan fields: {sorted(unknown)}")
    before = {**audit.snapshot(plan, PLAN_FIELDS), **_parts_snapshot(plan)}
    for name, value in fields.items():
        setattr(plan, name, _clean_text(value, name))
    _save_plan(plan)
    if parts and parts.get("phases") is not None:
        parts = {**parts, "commemorations": _with_typed_commemorations(plan, parts)}
    if parts:
        _write_parts(plan, parts, by=by)
    after = {**audit.snapshot(plan, PLAN_FIELDS), **_parts_snapshot(plan)}
    changed_parts = [name for name in PART_NAMES if parts and parts.get(name) is not None]
    audit.record(plan, by=by, action="update", before=before, after=after,
                 note=", ".join(changed_parts))  # fmt: skip
    _event(plan, PlanEvent.Action.UPDATE, by=by, from_status=plan.status, to_status=plan.status)
    return plan

"""The cascade: a lower unit's plan built from the upper one, next year's copy, reminders to deploy."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.text import nfc
from thidua.notices.actions import notify
from thidua.orgs.models import Level, Unit

from .. import queries
from ..models import (
    MeasureTarget,
    NoticeKind,
    Phase,
    Plan,
    PlanDelivery,
    PlanEvent,
    PlanStatus,
    RecipientPurpose,
)
from .drafts import LEGAL_BASIS_FIELDS, RECIPIENT_FIELDS, _event, create_plan
from .workflow import plan_url

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# Reports to the level below are due this many days before the upper level's own deadline.
REPORT_LEAD_DAYS = 5


# --- the cascade ----------------------------------------------------------------------------------------------


def _lower_due(upper_due: datetime.date | None, phase_end: datetime.date) -> datetime.date | None:
    """A lower unit's report is due a few days before the upper deadline, never before its phase ends unless the
    upper deadline itself is."""
    if upper_due is None:
        return None
    earlier = upper_due - datetime.timedelta(days=REPORT_LEAD_DAYS)
    return earlier if earlier >= phase_end else upper_due


def _measure_targets(unit: Unit) -> list[str]:
    if unit.level == Level.GRASSROOTS:
        admin = unit.sector in ("administrative", "public_service")
        return [
            MeasureTarget.GRASSROOTS_ADMIN if admin else MeasureTarget.GRASSROOTS_BUSINESS,
            MeasureTarget.GENERAL,
        ]
    return [t.value for t in MeasureTarget]


def _signer_for(unit: Unit) -> tuple[str, str]:
    if unit.level == Level.GRASSROOTS:
        return "TM. BAN CHẤP HÀNH", "CHỦ TỊCH"
    return "TM. BAN THƯỜNG VỤ", "CHỦ TỊCH"


@transaction.atomic
def build_plan_from(upper: Plan, unit: Unit, *, by: User | None) -> Plan:
    """A draft of ``unit``'s own plan prefilled from the upper plan: it cites the upper plan, takes its movements,
    the measures for units like it, its phases (report deadlines no later than the upper ones) with their
    commemorations, and sends its report to the upper unit."""
    upper = Plan.objects.select_related("issuer").get(pk=upper.pk)
    if upper.status != PlanStatus.ISSUED or upper.archived_at is not None:
        raise ValidationError(_("Chỉ xây dựng kế hoạch từ kế hoạch cấp trên đã ban hành."))
    below_now = unit.path.startswith(upper.issuer.path) and unit.pk != upper.issuer_id
    if not below_now and not queries.was_below(unit, upper.issuer, queries.tree_day(upper)):
        raise ValidationError(_("%(unit)s không trực thuộc %(issuer)s.") % {"unit": unit.name,
                                                                               "issuer": upper.issuer.name})  # fmt: skip
    upper_phases = list(upper.phases.order_by("order").prefetch_related("commemorations"))
    targets = _measure_targets(unit)
    on_behalf, title = _signer_for(unit)
    parts: dict[str, Any] = {
        "legal_bases": [
            {
                "kind": upper.kind,
                "number": upper.number_display,
                "date": upper.date,
                "issuer": upper.issuer.name,
                "title": upper.title,
                "cited_plan": upper,
            }  # fmt: skip
        ],
        "movements": [
            {"names": list(m.names), "text": m.text, "upper_movement": m}
            for m in upper.movements.order_by("order")
        ],  # fmt: skip
        "measures": [
            {"target": m.target, "text": m.text}
            for m in upper.measures.order_by("target", "order")
            if m.target in targets
        ],  # fmt: skip
        "phases": [
            {
                "name": p.name,
                "start": p.start,
                "end": p.end,
                "start_is_open": p.start_is_open,
                "celebrates": p.celebrates,
                "report_due": _lower_due(p.report_due, p.end),
                "opens_registration": p.opens_registration,
                "opens_reporting": p.opens_reporting,
                "opens_proposals": p.opens_proposals,
                "upper_phase": p,
            }  # fmt: skip
            for p in upper_phases
        ],
        "commemorations": [
            {
                "phase_order": phase_order,
                "commemoration": c.commemoration,
                "text": c.text,
                "ordinal": c.ordinal,
                "base_date": c.base_date,
                "date": c.date,
            }  # fmt: skip
            for phase_order, c in _commemorations_in_order(upper, upper_phases)
        ],
        "reporting_duties": [
            {
                "phase_order": p.order,
                "to_whom": upper.issuer.name,
                "due": _lower_due(p.report_due, p.end),
                "text": _("Báo cáo kết quả %(phase)s") % {"phase": p.name},
            }  # fmt: skip
            for p in upper_phases
            if p.report_due
        ],
        "recipients": [
            {
                "name": upper.issuer.short_name or upper.issuer.name,
                "purpose": RecipientPurpose.REPORT,
                "unit": upper.issuer,
                "to_subordinates": False,
            },  # fmt: skip
            *(
                [
                    {
                        "name": _("Các công đoàn trực thuộc"),
                        "purpose": RecipientPurpose.IMPLEMENT,
                        "unit": None,
                        "to_subordinates": True,
                    }
                ]  # fmt: skip
                if unit.numchild or queries.children_on(unit, queries.tree_day(upper))
                else []
            ),
            {
                "name": "VT",
                "purpose": RecipientPurpose.ARCHIVE,
                "unit": None,
                "to_subordinates": False,
            },
        ],
    }
    plan = create_plan(
        unit, by=by, title=upper.title, year=upper.year, kind=upper.kind, place=upper.place,
        introduction=_("Căn cứ %(kind)s số %(number)s của %(issuer)s, %(unit)s xây dựng kế hoạch triển khai với "
                       "những nội dung sau:") % {"kind": upper.get_kind_display(), "number": upper.number_display,
                                                 "issuer": upper.issuer.name, "unit": unit.name},
        purposes=upper.purposes, requirements=upper.requirements, phase_review=upper.phase_review,
        signer_on_behalf=on_behalf, signer_title=title, event=PlanEvent.Action.BUILD, parts=parts,
    )  # fmt: skip
    Plan.objects.filter(pk=plan.pk).update(based_on=upper, lineage=upper.child_lineage)
    plan.based_on, plan.lineage = upper, upper.child_lineage
    return plan


def _commemorations_in_order(plan: Plan, phases: list[Phase]):
    for phase in phases:
        for c in sorted(phase.commemorations.all(), key=lambda c: (c.order, c.pk)):
            yield phase.order, c
    for c in plan.commemorations.filter(phase__isnull=True).order_by("order", "id"):
        yield None, c


def _shift(day: datetime.date | None, years: int) -> datetime.date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02
        return datetime.date(day.year + years, 2, 28)


def _rewrite(text: str, ordinals: dict[int, int], old_year: int, new_year: int) -> str:
    """Move a text to another year in one pass: 'N năm' ordinals from the map, and the year itself."""
    if not text:
        return text

    def replace(match: re.Match) -> str:
        number = int(match.group(1))
        if match.group(2):
            return f"{ordinals[number]}{match.group(2)}" if number in ordinals else match.group(0)
        return str(new_year) if number == old_year else match.group(0)

    return re.sub(r"\b(\d{1,4})(\s+năm\b)?", replace, text)


@transaction.atomic
def copy_plan_to_year(plan: Plan, year: int, *, by: User | None) -> Plan:
    """Next year's draft from this plan: the same content with phase dates moved to ``year`` and the ordinals of its
    commemorations recomputed (in the commemorations and in the texts that write them)."""
    source = Plan.objects.select_related("issuer").get(pk=plan.pk)
    years = year - source.year
    if years == 0:
        raise ValidationError(
            {"year": _("Chọn một năm khác năm %(year)s của kế hoạch.") % {"year": source.year}}
        )
    phases = list(source.phases.order_by("order").prefetch_related("commemorations__commemoration"))
    commemorations = list(_commemorations_in_order(source, phases))
    ordinals: dict[int, int] = {}
    new_rows = []
    for phase_order, c in commemorations:
        new_date = _shift(c.date, years)
        event = c.event_date
        new_ordinal = (new_date or datetime.date(year, 1, 1)).year - event.year if event else None
        if new_ordinal is None and c.ordinal is not None:
            new_ordinal = c.ordinal + years
        if c.ordinal is not None and new_ordinal is not None:
            ordinals[c.ordinal] = new_ordinal
        new_rows.append((phase_order, c, new_date, new_ordinal))
    for phase_order, c, new_date, new_ordinal in new_rows:
        c.new = {"phase_order": phase_order, "commemoration": c.commemoration, "ordinal": new_ordinal,
                 "base_date": c.base_date, "date": new_date,
                 "text": _rewrite(c.text, {c.ordinal: new_ordinal} if c.ordinal and new_ordinal else {},
                                  source.year, year)}  # fmt: skip

    def moved(text: str) -> str:
        return _rewrite(text, ordinals, source.year, year)

    parts = {
        "legal_bases": [
            {name: getattr(b, name) for name in LEGAL_BASIS_FIELDS}
            for b in source.legal_bases.order_by("order")
        ],  # fmt: skip
        "movements": [
            {"names": list(m.names), "text": moved(m.text)} for m in source.movements.order_by("order")
        ],
        "measures": [
            {"target": m.target, "text": m.text} for m in source.measures.order_by("target", "order")
        ],
        "phases": [
            {
                "name": p.name,
                "start": _shift(p.start, years),
                "end": _shift(p.end, years),
                "start_is_open": p.start_is_open,
                "celebrates": moved(p.celebrates),
                "report_due": _shift(p.report_due, years),
                "opens_registration": p.opens_registration,
                "opens_reporting": p.opens_reporting,
                "opens_proposals": p.opens_proposals,
            }  # fmt: skip
            for p in phases
        ],
        "commemorations": [c.new for _order, c in commemorations],
        "reporting_duties": [
            {
                "phase_order": d.phase.order if d.phase else None,
                "to_whom": d.to_whom,
                "due": _shift(d.due, years),
                "text": moved(d.text),
            }  # fmt: skip
            for d in source.reporting_duties.select_related("phase").order_by("order")
        ],
        "recipients": [
            {name: getattr(r, name) for name in RECIPIENT_FIELDS} for r in source.recipients.order_by("order")
        ],  # fmt: skip
    }
    copy = create_plan(
        source.issuer, by=by, title=moved(source.title), year=year, kind=source.kind, symbol=source.symbol,
        place=source.place, introduction=moved(source.introduction), purposes=moved(source.purposes),
        requirements=moved(source.requirements), phase_review=moved(source.phase_review),
        closing=moved(source.closing), signer_on_behalf=source.signer_on_behalf, signer_title=source.signer_title,
        signer_name=source.signer_name, event=PlanEvent.Action.COPY, parts=parts,
    )  # fmt: skip
    Plan.objects.filter(pk=copy.pk).update(copied_from=source)
    copy.copied_from = source
    return copy


@transaction.atomic
def send_reminders(plan: Plan, units: Iterable[Unit], *, by: User | None, message: str = "") -> int:
    """Remind units below the issuer that have not issued their plan from this one: an in-app notice and an
    e-mail to their officers and leaders. Returns the number of units reminded."""
    plan = Plan.objects.select_related("issuer").get(pk=plan.pk)
    if plan.status != PlanStatus.ISSUED or plan.archived_at is not None:
        raise ValidationError(_("Chỉ nhắc triển khai kế hoạch đang có hiệu lực."))
    units = [u for u in units if u.path.startswith(plan.issuer.path) and u.pk != plan.issuer_id]
    if not units:
        raise ValidationError(_("Chọn ít nhất một đơn vị trực thuộc để nhắc."))
    now = timezone.now()
    title = _("Nhắc triển khai %(kind)s số %(number)s của %(issuer)s") % {
        "kind": plan.get_kind_display(), "number": plan.number_display, "issuer": plan.issuer.name}  # fmt: skip
    body = nfc(message) or _("Đơn vị chưa ban hành kế hoạch triển khai “%(title)s”. Đề nghị khẩn trương thực hiện.") % {
        "title": plan.title}  # fmt: skip
    told = notify(
        units=units,
        kind=NoticeKind.REMINDER,
        title=title,
        body=body,
        url=plan_url(plan),
        by=by,
        mail_now=True,
    )
    PlanDelivery.objects.filter(plan=plan, unit__in=units).update(last_reminded_at=now)
    _event(plan, PlanEvent.Action.REMIND, by=by, from_status=plan.status, to_status=plan.status,
           note=_("Nhắc %(n)s đơn vị: %(names)s") % {"n": told, "names": ", ".join(u.display_name for u in units)})  # fmt: skip
    return told

"""The workflow of an issued plan: issue (delivery to the units that receive it), amend, close, archive; and the
notices a daily job sends when phases open and close."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import to_json
from thidua.core.text import nfc
from thidua.notices.actions import notify

from .. import queries
from ..models import (
    NoticeKind,
    Phase,
    Plan,
    PlanAmendment,
    PlanDelivery,
    PlanEvent,
    PlanStatus,
    Recipient,
    RecipientPurpose,
)
from ..permissions import PLAN_WORKFLOW
from .drafts import (
    PLAN_FIELDS,
    _actor,
    _check_phases,
    _clean_text,
    _event,
    _fmt,
    _today,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# What an amendment of an issued plan may change: its wording and signature, and its phases' dates and contents.
AMENDABLE_FIELDS = ["title", "introduction", "purposes", "requirements", "phase_review", "closing", "signer_title",
                    "signer_name"]  # fmt: skip
AMENDABLE_PHASE_FIELDS = ["name", "end", "celebrates", "report_due", "opens_registration", "opens_reporting",
                          "opens_proposals"]  # fmt: skip
# A report due within this many days is announced by notify_phase_changes.
REPORT_SOON_DAYS = 5
NOT_DELIVERED = {RecipientPurpose.REPORT, RecipientPurpose.ARCHIVE}


# --- the workflow ---------------------------------------------------------------------------------------------


def _deliver(plan: Plan, *, by: User | None) -> list[PlanDelivery]:
    """Put the plan in the inbox of every recipient that is a unit of the system and must carry it out or know it
    (and of every unit directly below the issuer on the plan's day when a recipient says so). A copy sent up "để báo
    cáo" or kept "lưu" is not a plan to deploy: the upper unit follows its subtree's plans through the cascade."""
    targets: dict[int, Recipient | None] = {}
    for recipient in plan.recipients.all():
        if recipient.purpose in NOT_DELIVERED:
            continue
        if recipient.unit_id and recipient.unit_id != plan.issuer_id:
            targets.setdefault(recipient.unit_id, recipient)
        if recipient.to_subordinates:
            for child in queries.children_on(plan.issuer, queries.tree_day(plan)):
                targets.setdefault(child.pk, recipient)
    already = set(PlanDelivery.objects.filter(plan=plan).values_list("unit_id", flat=True))
    deliveries = [
        PlanDelivery(plan=plan, unit_id=uid, recipient=r, received_on=plan.date or _today())
        for uid, r in targets.items()
        if uid not in already
    ]
    PlanDelivery.objects.bulk_create(deliveries)
    return deliveries


def plan_url(plan: Plan) -> str:
    return reverse("plans:plan-detail", args=[plan.pk])


@transaction.atomic
def issue_plan(plan: Plan, *, by: User | None, date: datetime.date | None = None, note: str = "") -> Plan:
    """Issue a draft: it becomes read-only, and every recipient that is a unit of the system receives it. The issue
    date (``date``, else the draft's date, else today) must fall within the plan's year or its last two months
    before (``queries.issue_date_window``) and may not be after today."""
    with PLAN_WORKFLOW.step(plan, "issue", by=by, note=note) as step:
        plan = step.obj
        errors = {}
        if not plan.title:
            errors["title"] = _("Cần có trích yếu trước khi ban hành.")
        if not plan.signer_name:
            errors["signer_name"] = _("Cần có họ tên người ký trước khi ban hành.")
        if errors:
            raise ValidationError(errors)
        today = _today()
        day = date or plan.date or today
        if day > today:
            raise ValidationError({"date": _(
                "Ngày ban hành %(day)s sau ngày hôm nay (%(today)s): không ban hành văn bản với ngày chưa đến."
            ) % {"day": _fmt(day), "today": _fmt(today)}})  # fmt: skip
        if not queries.issue_date_fits(day, plan.year):
            first, last = queries.issue_date_window(plan.year)
            raise ValidationError({"date": _(
                "Ngày ban hành %(day)s không phù hợp với kế hoạch năm %(year)s: phải từ %(first)s đến %(last)s (trong "
                "năm %(year)s, hoặc tháng 11, 12 năm trước đó)."
            ) % {"day": _fmt(day), "year": plan.year, "first": _fmt(first), "last": _fmt(last)}})  # fmt: skip
        plan.date = day
        plan.issued_at = timezone.now()
        deliveries = _deliver(plan, by=by)
        step.audit_note = _("Gửi đến %(n)s đơn vị") % {"n": len(deliveries)}
        notify(
            units=[d.unit_id for d in deliveries], kind=NoticeKind.PLAN_RECEIVED, by=by, url=plan_url(plan),
            key=f"plan:{plan.pk}:received", mail_now=True,
            title=_("Nhận %(kind)s số %(number)s của %(issuer)s")
            % {"kind": plan.get_kind_display(), "number": plan.number_display, "issuer": plan.issuer.name},
            body=_("“%(title)s”. Đề nghị đơn vị xây dựng kế hoạch triển khai.") % {"title": plan.title},
        )  # fmt: skip
    return plan


@transaction.atomic
def amend_plan(plan: Plan, *, by: User | None, reason: str, fields: dict[str, Any] | None = None,
               phases: dict[int, dict[str, Any]] | None = None) -> PlanAmendment:  # fmt: skip
    """Change an issued plan: the change is recorded (before and after, with the reason) as an amendment, and the
    units that received the plan are told."""
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do sửa đổi, bổ sung.")})
    with PLAN_WORKFLOW.step(plan, "amend", by=by, reason=reason) as step:
        plan = step.obj
        changes: dict[str, list[Any]] = {}
        for name, value in (fields or {}).items():
            if name not in AMENDABLE_FIELDS:
                raise ValidationError({name: _("Trường này không sửa đổi được sau khi ban hành.")})
            value = _clean_text(value, name)
            if getattr(plan, name) != value:
                changes[name] = [getattr(plan, name), value]
                setattr(plan, name, value)
        plan_phases = {p.pk: p for p in plan.phases.select_related("upper_phase")}
        touched = []
        for phase_id, values in (phases or {}).items():
            phase = plan_phases.get(phase_id)
            if phase is None:
                raise ValidationError({"phases": _("Đợt thi đua không thuộc kế hoạch này.")})
            for name, value in values.items():
                if name not in AMENDABLE_PHASE_FIELDS:
                    raise ValidationError(
                        {"phases": _("Không sửa được “%(field)s” của đợt thi đua.") % {"field": name}}
                    )
                value = _clean_text(value)
                if getattr(phase, name) != value:
                    changes[f"{phase.name}.{name}"] = [to_json(getattr(phase, name)), to_json(value)]
                    setattr(phase, name, value)
            touched.append(phase)
        if not changes:
            raise ValidationError(_("Không có nội dung nào thay đổi."))
        _check_phases(plan, [{"name": p.name, "start": p.start, "end": p.end, "report_due": p.report_due,
                              "upper_phase": p.upper_phase} for p in touched])  # fmt: skip
        for phase in touched:
            phase.full_clean(exclude=["plan", "upper_phase"])
            phase.save()
        plan.full_clean(exclude=["lineage", "based_on", "copied_from", "created_by", "issuer"], validate_unique=False,
                        validate_constraints=False)  # fmt: skip
        order = plan.amendments.count() + 1
        amendment = PlanAmendment.objects.create(plan=plan, order=order, reason=reason, made_by=_actor(by),
                                                 changes={k: [to_json(a), to_json(b)] for k, (a, b) in changes.items()})  # fmt: skip
        # The phases' changes are not fields of the plan: the audit record keeps them beside the plan's own.
        step.changes = {k: v for k, v in amendment.changes.items() if k not in AMENDABLE_FIELDS}
        step.audit_note = _("Sửa đổi, bổ sung lần %(n)s") % {"n": order}
        receivers = PlanDelivery.objects.filter(plan=plan).values_list("unit_id", flat=True)
        notify(
            units=list(receivers), kind=NoticeKind.PLAN_AMENDED, by=by, url=plan_url(plan),
            key=f"plan:{plan.pk}:amended:{order}", mail_now=True,
            title=_("%(kind)s số %(number)s được sửa đổi, bổ sung (lần %(n)s)")
            % {"kind": plan.get_kind_display(), "number": plan.number_display, "n": order},
            body=reason,
        )  # fmt: skip
    return amendment


@transaction.atomic
def close_plan(plan: Plan, *, by: User | None, note: str = "") -> Plan:
    with PLAN_WORKFLOW.step(plan, "close", by=by, note=note) as step:
        step.obj.closed_at = timezone.now()
    return step.obj


@transaction.atomic
def archive_plan(plan: Plan, *, by: User | None, note: str = "") -> Plan:
    """Set a plan aside (entered by mistake, superseded). Nothing is deleted; its number stays taken."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.archived_at is not None:
        raise ValidationError(_("Kế hoạch đã được lưu trữ."))
    before = audit.snapshot(plan, PLAN_FIELDS)
    plan.archived_at = timezone.now()
    plan.save(update_fields=["archived_at", "updated_at"])
    _event(plan, PlanEvent.Action.ARCHIVE, by=by, from_status=plan.status, to_status=plan.status, note=note)
    audit.record(plan, by=by, action="archive", before=before,
                 after=audit.snapshot(plan, PLAN_FIELDS), note=note)  # fmt: skip
    return plan


# --- phases open and close by their dates; a daily job tells those concerned -----------------------------------


@transaction.atomic
def notify_phase_changes(day: datetime.date | None = None, *, by: User | None = None) -> dict[str, int]:
    """Tell the units concerned (the issuer and the units that received the plan) that a phase of an issued plan
    opens or closes today, or that its report is due in a few days. Running it twice on a day tells nobody twice.
    Returns the number of units told, by kind."""
    day = day or _today()
    soon = day + datetime.timedelta(days=REPORT_SOON_DAYS)
    phases = list(
        Phase.objects.filter(plan__status=PlanStatus.ISSUED, plan__archived_at__isnull=True)
        .filter(Q(start=day) | Q(end=day) | Q(report_due=soon))
        .select_related("plan", "plan__issuer")
    )
    receivers: dict[int, list[int]] = {}
    for plan_id, unit_id in PlanDelivery.objects.filter(plan__in={p.plan_id for p in phases}).values_list(
        "plan_id", "unit_id"
    ):
        receivers.setdefault(plan_id, []).append(unit_id)
    counts = {NoticeKind.PHASE_OPENS: 0, NoticeKind.PHASE_CLOSES: 0, NoticeKind.REPORT_DUE: 0}
    for phase in phases:
        plan = phase.plan
        units = [plan.issuer_id, *receivers.get(plan.pk, [])]
        label = f"{phase.name} – {plan.get_kind_display()} số {plan.number_display}"
        if phase.start == day:
            counts[NoticeKind.PHASE_OPENS] += notify(
                units=units, kind=NoticeKind.PHASE_OPENS, by=by, url=plan_url(plan), key=f"phase:{phase.pk}:opens",
                title=_("Bắt đầu %(label)s") % {"label": label},
                body=_("Từ %(start)s đến %(end)s. %(celebrates)s") % {"start": _fmt(phase.start),
                                                                     "end": _fmt(phase.end),
                                                                     "celebrates": phase.celebrates},
            )  # fmt: skip
        if phase.end == day:
            counts[NoticeKind.PHASE_CLOSES] += notify(
                units=units, kind=NoticeKind.PHASE_CLOSES, by=by, url=plan_url(plan), key=f"phase:{phase.pk}:closes",
                title=_("Kết thúc %(label)s") % {"label": label},
                body=_("Hạn báo cáo kết quả: %(due)s.") % {"due": _fmt(phase.report_due) or _("theo kế hoạch")},
            )  # fmt: skip
        if phase.report_due == soon:
            counts[NoticeKind.REPORT_DUE] += notify(
                units=[u for u in units if u != plan.issuer_id], kind=NoticeKind.REPORT_DUE, by=by, url=plan_url(plan),
                key=f"phase:{phase.pk}:due",
                title=_("Sắp đến hạn báo cáo %(label)s") % {"label": label},
                body=_("Hạn báo cáo kết quả về %(issuer)s: %(due)s.") % {"issuer": plan.issuer.name,
                                                                        "due": _fmt(phase.report_due)},
            )  # fmt: skip
    return {str(k): v for k, v in counts.items()}

"""Supervision: record an inspection with its recommendations, follow each up until it is closed; notify the
recommendations past their deadline (``notify_overdue_recommendations``, run daily)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.notices.actions import notify
from thidua.orgs.models import Level, Unit

from ..models import AreaAssignment, Enterprise, FollowUp, Inspection, Recommendation, RecommendationStatus
from ..permissions import RECOMMENDATION_WORKFLOW, can_edit_inspection, can_supervise

if TYPE_CHECKING:
    from django.contrib.auth.models import User

OVERDUE_KIND = "recommendation_overdue"
INSPECTION_FIELDS = ["upper_unit_id", "subject_unit_id", "subject_enterprise_id", "kind", "held_on", "topics", "team",
                     "state_bodies", "findings", "archived_at"]  # fmt: skip
RECOMMENDATION_FIELDS = ["inspection_id", "content", "responsible", "deadline", "status", "closed_on"]


def _actor(by):
    return by if getattr(by, "pk", None) else None


@transaction.atomic
def record_inspection(*, by: User | None, upper_unit: Unit, kind: str, held_on: datetime.date, topics: str, team: str,
                      subject_unit: Unit | None = None, subject_enterprise: Enterprise | None = None,
                      state_bodies: str = "", findings: str = "",
                      recommendations: Iterable[dict[str, Any]] = ()) -> Inspection:  # fmt: skip
    """An inspection or supervision by ``upper_unit`` of a grassroots union or an enterprise it follows, with its
    recommendations (content, responsible, deadline)."""
    if by is not None and not can_supervise(by, upper_unit):
        raise PermissionDenied
    if (subject_unit is None) == (subject_enterprise is None):
        raise ValidationError(_("Chọn một công đoàn cơ sở hoặc một doanh nghiệp được kiểm tra, giám sát."))
    if subject_unit is not None and (subject_unit.level != Level.GRASSROOTS
                                     or not subject_unit.path.startswith(upper_unit.path)):  # fmt: skip
        raise ValidationError({"subject_unit": _("Công đoàn cơ sở được kiểm tra phải trực thuộc “%(unit)s”.")
                               % {"unit": upper_unit}})  # fmt: skip
    if subject_enterprise is not None and not subject_enterprise.upper_unit.path.startswith(upper_unit.path):
        raise ValidationError({"subject_enterprise": _("Doanh nghiệp được kiểm tra phải do “%(unit)s” theo dõi.")
                               % {"unit": upper_unit}})  # fmt: skip
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Ngày kiểm tra, giám sát không được sau hôm nay.")})
    inspection = Inspection(
        upper_unit=upper_unit, subject_unit=subject_unit, subject_enterprise=subject_enterprise, kind=kind,
        held_on=held_on, topics=" ".join(topics.split()), team=team.strip(), state_bodies=" ".join(state_bodies.split()),
        findings=findings.strip(), recorded_by=_actor(by),
    )  # fmt: skip
    inspection.full_clean()
    inspection.save()
    audit.record(inspection, by=by, action="create", after=audit.snapshot(inspection, INSPECTION_FIELDS))
    for item in recommendations:
        _add(inspection, by=by, **item)
    return inspection


def _add(
    inspection: Inspection, *, by, content: str, responsible: str, deadline: datetime.date
) -> Recommendation:
    if deadline < inspection.held_on:
        raise ValidationError({"deadline": _("Thời hạn thực hiện kiến nghị phải từ ngày kiểm tra (%(date)s) trở đi.")
                               % {"date": format_date(inspection.held_on)}})  # fmt: skip
    rec = Recommendation(inspection=inspection, content=content.strip(), responsible=" ".join(responsible.split()),
                         deadline=deadline)  # fmt: skip
    rec.full_clean()
    rec.save()
    audit.record(rec, by=by, action="create", after=audit.snapshot(rec, RECOMMENDATION_FIELDS))
    return rec


@transaction.atomic
def add_recommendation(inspection: Inspection, *, by: User | None, content: str, responsible: str,
                       deadline: datetime.date) -> Recommendation:  # fmt: skip
    inspection = Inspection.objects.select_for_update().select_related("upper_unit").get(pk=inspection.pk)
    if by is not None and not can_edit_inspection(by, inspection):
        raise PermissionDenied
    return _add(inspection, by=by, content=content, responsible=responsible, deadline=deadline)


@transaction.atomic
def archive_inspection(inspection: Inspection, *, by: User | None, note: str = "") -> Inspection:
    inspection = Inspection.objects.select_for_update().select_related("upper_unit").get(pk=inspection.pk)
    if by is not None and not can_edit_inspection(by, inspection):
        raise PermissionDenied
    before = audit.snapshot(inspection, INSPECTION_FIELDS)
    inspection.archived_at = timezone.now()
    inspection.save(update_fields=["archived_at"])
    audit.record(inspection, by=by, action="archive", before=before, after=audit.snapshot(inspection, INSPECTION_FIELDS),
                 note=note)  # fmt: skip
    return inspection


def _editable(rec: Recommendation, by) -> Recommendation:
    rec = Recommendation.objects.select_related("inspection__upper_unit").select_for_update().get(pk=rec.pk)
    if by is not None and not can_edit_inspection(by, rec.inspection):
        raise PermissionDenied
    return rec


@transaction.atomic
def record_follow_up(
    rec: Recommendation, *, by: User | None, recorded_on: datetime.date, content: str
) -> FollowUp:
    """What was done about an open recommendation."""
    rec = _editable(rec, by)
    if rec.status != RecommendationStatus.OPEN:
        raise ValidationError(_("Kiến nghị đã đóng: hãy mở lại trước khi ghi thêm kết quả thực hiện."))
    if recorded_on > timezone.localdate() or recorded_on < rec.inspection.held_on:
        raise ValidationError({"recorded_on": _("Ngày phải từ ngày kiểm tra (%(date)s) đến hôm nay.")
                               % {"date": format_date(rec.inspection.held_on)}})  # fmt: skip
    entry = FollowUp(
        recommendation=rec, recorded_on=recorded_on, content=content.strip(), recorded_by=_actor(by)
    )
    entry.full_clean()
    entry.save()
    audit.record(entry, by=by, action="follow_up", after=audit.snapshot(entry, ["recommendation_id", "recorded_on",
                                                                                 "content"]))  # fmt: skip
    return entry


@transaction.atomic
def close_recommendation(rec: Recommendation, *, by: User | None, closed_on: datetime.date,
                         note: str = "") -> Recommendation:  # fmt: skip
    rec = _editable(rec, by)
    if closed_on > timezone.localdate() or closed_on < rec.inspection.held_on:
        raise ValidationError({"closed_on": _("Ngày hoàn thành phải từ ngày kiểm tra (%(date)s) đến hôm nay.")
                               % {"date": format_date(rec.inspection.held_on)}})  # fmt: skip
    with RECOMMENDATION_WORKFLOW.step(rec, "close", by=by, note=note) as step:
        step.obj.closed_on = closed_on
    return step.obj


@transaction.atomic
def reopen_recommendation(rec: Recommendation, *, by: User | None, reason: str) -> Recommendation:
    rec = _editable(rec, by)
    with RECOMMENDATION_WORKFLOW.step(rec, "reopen", by=by, reason=reason) as step:
        step.obj.closed_on = None
    return step.obj


def notify_overdue_recommendations(*, today: datetime.date | None = None) -> int:
    """Tell the inspecting union, the inspected union and the officer following it of each open recommendation past
    its deadline — once per recommendation and deadline (running it twice tells nobody twice). Returns the number of
    recommendations notified."""
    day = today or timezone.localdate()
    overdue = list(
        Recommendation.objects.overdue(day)
        .select_related(
            "inspection__upper_unit", "inspection__subject_unit", "inspection__subject_enterprise"
        )
        .order_by("deadline", "id")
    )
    officers: dict[tuple[str, int], list[int]] = {}
    unit_ids = {r.inspection.subject_unit_id for r in overdue if r.inspection.subject_unit_id}
    enterprise_ids = {
        r.inspection.subject_enterprise_id for r in overdue if r.inspection.subject_enterprise_id
    }
    for a in AreaAssignment.objects.open().filter(unit_id__in=unit_ids).values("unit_id", "officer_id"):
        officers.setdefault(("unit", a["unit_id"]), []).append(a["officer_id"])
    for a in (
        AreaAssignment.objects.open()
        .filter(enterprise_id__in=enterprise_ids)
        .values("enterprise_id", "officer_id")
    ):
        officers.setdefault(("enterprise", a["enterprise_id"]), []).append(a["officer_id"])
    told = 0
    for rec in overdue:
        inspection = rec.inspection
        units = [inspection.upper_unit] + ([inspection.subject_unit] if inspection.subject_unit else [])
        key = ("unit", inspection.subject_unit_id) if inspection.subject_unit_id else (
            "enterprise", inspection.subject_enterprise_id)  # fmt: skip
        from django.contrib.auth import get_user_model

        users = get_user_model().objects.filter(pk__in=officers.get(key, []))  # type: ignore[arg-type]
        sent = notify(
            units=units, users=users, kind=OVERDUE_KIND,
            title=_("Kiến nghị quá hạn tại %(subject)s (hạn %(date)s)") % {
                "subject": inspection.subject, "date": format_date(rec.deadline)},
            body=rec.content[:1000], url=reverse("supervision:inspection-detail", args=[inspection.pk]),
            key=f"enterprises.overdue.{rec.pk}.{rec.deadline.isoformat()}",
        )  # fmt: skip
        told += 1 if sent else 0
    return told

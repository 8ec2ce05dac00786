"""The only writes of activities: record, change, archive (never delete). Every change is audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.scoping import has_perm
from thidua.core.text import nfc
from thidua.orgs.models import Unit
from thidua.plans.models import Movement, Phase, Plan

from .models import Activity, ActivityKind
from .permissions import SUBMIT, can_edit_activity

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AUDIT_FIELDS = ["unit_id", "kind", "title", "start_on", "end_on", "place", "participants", "women", "plan_id",
                "movement_id", "phase_id", "description", "archived_at"]  # fmt: skip
FIELDS = ("kind", "title", "start_on", "end_on", "place", "participants", "women", "movement", "phase",
          "description")  # fmt: skip
MAX_PEOPLE = 1_000_000


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


def _content(values: dict[str, Any], by: User | None) -> dict[str, Any]:
    if values.get("kind") not in ActivityKind.values:
        raise ValidationError({"kind": _("Loại hoạt động không hợp lệ.")})
    title = _clean(values.get("title"))
    if not title:
        raise ValidationError({"title": _("Cần ghi tên hoạt động.")})
    start: datetime.date | None = values.get("start_on")
    if start is None:
        raise ValidationError({"start_on": _("Cần ghi ngày bắt đầu.")})
    end: datetime.date = values.get("end_on") or start
    if end < start:
        raise ValidationError({"end_on": _("Ngày kết thúc không thể trước ngày bắt đầu.")})
    participants, women = values.get("participants") or 0, values.get("women") or 0
    if not 0 <= participants <= MAX_PEOPLE:
        raise ValidationError({"participants": _("Số người tham gia không hợp lệ.")})
    if not 0 <= women <= participants:
        raise ValidationError({"women": _("Số nữ tham gia không thể nhiều hơn tổng số người tham gia.")})
    movement: Movement | None = values.get("movement")
    phase: Phase | None = values.get("phase")
    plans = {m.plan_id for m in (movement, phase) if m is not None}
    if len(plans) > 1:
        raise ValidationError({"movement": _("Phong trào và đợt thi đua phải thuộc cùng một kế hoạch.")})
    plan_id = next(iter(plans), None)
    if plan_id is not None and by is not None and not Plan.objects.visible_to(by).filter(pk=plan_id).exists():
        raise ValidationError({"phase": _("Không tìm thấy kế hoạch trong phạm vi của đơn vị.")})
    if phase is not None and (start > phase.end or end < phase.start):
        raise ValidationError(
            {"phase": _("Thời gian hoạt động phải nằm trong %(phase)s.") % {"phase": str(phase)}}
        )
    return {
        "kind": values["kind"], "title": title[:300], "start_on": start, "end_on": end,
        "place": _clean(values.get("place"))[:300], "participants": participants, "women": women,
        "plan_id": plan_id, "movement": movement, "phase": phase,
        "description": "\n".join(line.rstrip() for line in nfc(values.get("description") or "").strip().splitlines()),
    }  # fmt: skip


@transaction.atomic
def record_activity(unit: Unit, *, by: User | None, **values: Any) -> Activity:
    """An activity run by ``unit`` (a unit that has ended takes those dated before its last day)."""
    if by is not None and not has_perm(by, SUBMIT, unit.path):
        raise PermissionDenied
    content = _content(values, by)
    if not unit.is_active and not (unit.dissolved_on and content["end_on"] <= unit.dissolved_on
                                   and unit.archived_at is None):  # fmt: skip
        raise ValidationError(_("Đơn vị đã ngừng hoạt động: không ghi nhận hoạt động được."))
    activity = Activity.objects.create(unit=unit, created_by=_actor(by), **content)
    audit.record(activity, by=by, action="create", after=audit.snapshot(activity, AUDIT_FIELDS))
    return activity


def _for_update(activity: Activity, by: User | None) -> Activity:
    activity = Activity.objects.select_for_update().select_related("unit").get(pk=activity.pk)
    if activity.archived_at is not None:
        raise ValidationError(_("Hoạt động đã được lưu trữ."))
    if by is not None and not can_edit_activity(by, activity):
        raise PermissionDenied
    return activity


@transaction.atomic
def update_activity(activity: Activity, *, by: User | None, **values: Any) -> Activity:
    activity = _for_update(activity, by)
    before = audit.snapshot(activity, AUDIT_FIELDS)
    for name, value in _content({**{f: getattr(activity, f) for f in FIELDS}, **values}, by).items():
        setattr(activity, name, value)
    activity.save()
    audit.record(
        activity, by=by, action="update", before=before, after=audit.snapshot(activity, AUDIT_FIELDS)
    )
    return activity


@transaction.atomic
def archive_activity(activity: Activity, *, by: User | None, reason: str) -> Activity:
    activity = _for_update(activity, by)
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    activity.archived_at = timezone.now()
    activity.save(update_fields=["archived_at", "updated_at"])
    audit.record(activity, by=by, action="archive", before={"archived_at": None},
                 after={"archived_at": activity.archived_at.isoformat()}, note=reason)  # fmt: skip
    return activity

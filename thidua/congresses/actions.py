"""The only writes of congresses: the level above schedules a unit's congress for a term (or many at once),
the congress is recorded as held (date, delegates, new executive committee) or as not held, and the daily reminder
tells units whose congress is near or past its planned date. Every change is audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.scoping import has_perm
from thidua.core.text import nfc
from thidua.notices.actions import notify
from thidua.orgs.models import Unit, UnitVersion

from .models import Congress, CongressStatus
from .permissions import SUBMIT, can_cancel, can_record_held

if TYPE_CHECKING:
    from django.contrib.auth.models import User

AUDIT_FIELDS = ["unit_id", "term_start", "term_end", "number", "planned_on", "scheduled_by_id", "held_on",
                "delegates", "committee_size", "status", "note", "archived_at"]  # fmt: skip
DUE_KIND = "congress_due"
OVERDUE_KIND = "congress_overdue"
MAX_DELEGATES = 5_000
MAX_COMMITTEE = 200


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


def check_term(term_start: int, term_end: int) -> None:
    if not (
        isinstance(term_start, int) and isinstance(term_end, int) and 1950 <= term_start < term_end <= 2200
    ):
        raise ValidationError(
            {"term_start": _("Nhiệm kỳ không hợp lệ: năm bắt đầu phải trước năm kết thúc.")}
        )
    if term_end - term_start > 10:
        raise ValidationError({"term_end": _("Một nhiệm kỳ không dài quá 10 năm.")})


def stands_above(scheduler: Unit, unit: Unit, day: datetime.date) -> bool:
    """Does ``scheduler`` stand above ``unit`` today, or did it on ``day`` (a district federation that scheduled its
    grassroots unions' congresses in 2017 and was dissolved in 2025)?"""
    if unit.pk == scheduler.pk:
        return False
    if unit.path.startswith(scheduler.path):
        return True
    paths = dict(
        UnitVersion.objects.as_of(day).filter(unit__in=[unit.pk, scheduler.pk]).values_list("unit_id", "path")
    )
    below, above = paths.get(unit.pk), paths.get(scheduler.pk)
    return bool(below and above and below != above and below.startswith(above))


@transaction.atomic
def schedule_congress(unit: Unit, *, by: User | None, scheduled_by: Unit, term_start: int, term_end: int,
                      planned_on: datetime.date, number: int | None = None) -> Congress:  # fmt: skip
    """Set (or move) the planned date of ``unit``'s congress for the term in the schedule of ``scheduled_by``, a
    unit above it. Creates the congress when it is not recorded yet."""
    if planned_on is not None and not stands_above(scheduled_by, unit, planned_on):
        raise ValidationError(_("Lịch Đại hội của một đơn vị do cấp trên của đơn vị đó xếp."))
    if by is not None and not has_perm(by, SUBMIT, scheduled_by.path):
        raise PermissionDenied
    check_term(term_start, term_end)
    if planned_on is None:
        raise ValidationError({"planned_on": _("Cần ghi ngày dự kiến tổ chức Đại hội.")})
    if not term_start - 1 <= planned_on.year <= term_start + 1:
        raise ValidationError({"planned_on": _("Ngày dự kiến phải trong khoảng năm đầu nhiệm kỳ %(year)s (±1 năm).")
                               % {"year": term_start}})  # fmt: skip
    congress = (Congress.objects.select_for_update().current()
                .filter(unit=unit, term_start=term_start).first())  # fmt: skip
    if congress is None:
        congress = Congress(unit=unit, term_start=term_start, term_end=term_end, created_by=_actor(by))
        before: dict = {}
    else:
        if congress.status != CongressStatus.PREPARING:
            raise ValidationError(
                _("Đại hội đã tổ chức hoặc đã ghi nhận không tổ chức: không xếp lại lịch được.")
            )
        before = audit.snapshot(congress, AUDIT_FIELDS)
    congress.term_end, congress.planned_on, congress.scheduled_by = term_end, planned_on, scheduled_by
    if number is not None:
        congress.number = number
    congress.save()
    audit.record(
        congress, by=by, action="schedule", before=before, after=audit.snapshot(congress, AUDIT_FIELDS)
    )
    return congress


@transaction.atomic
def schedule_congresses(scheduled_by: Unit, *, by: User | None, term_start: int, term_end: int,
                        dates: Iterable[tuple[Unit, datetime.date]]) -> list[Congress]:  # fmt: skip
    """The upper level's schedule: a planned date for each of several units below it, all or nothing (a refusal
    names the unit)."""
    done = []
    for unit, day in dates:
        try:
            done.append(schedule_congress(unit, by=by, scheduled_by=scheduled_by, term_start=term_start,
                                          term_end=term_end, planned_on=day))  # fmt: skip
        except ValidationError as error:
            raise ValidationError(
                _("%(unit)s: %(error)s") % {"unit": unit.display_name, "error": " ".join(error.messages)}
            ) from error
    return done


@transaction.atomic
def record_congress_held(congress: Congress, *, by: User | None, held_on: datetime.date, delegates: int | None,
                         committee_size: int | None, note: str = "") -> Congress:  # fmt: skip
    """The congress took place: its date, the official delegates, the size of the new executive committee."""
    congress = Congress.objects.select_for_update().select_related("unit").get(pk=congress.pk)
    if by is not None and not can_record_held(by, congress):
        raise PermissionDenied
    if congress.archived_at is not None or congress.status == CongressStatus.CANCELLED:
        raise ValidationError(_("Đại hội đã được ghi nhận không tổ chức hoặc đã lưu trữ."))
    if held_on is None:
        raise ValidationError({"held_on": _("Cần ghi ngày tổ chức Đại hội.")})
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": _("Ngày tổ chức không thể sau hôm nay.")})
    if not congress.term_start - 1 <= held_on.year <= congress.term_end:
        raise ValidationError(
            {"held_on": _("Ngày tổ chức phải thuộc nhiệm kỳ %(term)s.") % {"term": congress.term}}
        )
    if delegates is not None and not 1 <= delegates <= MAX_DELEGATES:
        raise ValidationError({"delegates": _("Số đại biểu phải từ 1 đến %(n)s.") % {"n": MAX_DELEGATES}})
    if committee_size is not None and not 1 <= committee_size <= MAX_COMMITTEE:
        raise ValidationError({"committee_size": _("Số ủy viên Ban Chấp hành phải từ 1 đến %(n)s.")
                               % {"n": MAX_COMMITTEE}})  # fmt: skip
    if committee_size and delegates and committee_size > delegates:
        raise ValidationError(
            {"committee_size": _("Số ủy viên Ban Chấp hành không thể nhiều hơn số đại biểu.")}
        )
    before = audit.snapshot(congress, AUDIT_FIELDS)
    congress.held_on, congress.delegates, congress.committee_size = held_on, delegates, committee_size
    congress.status = CongressStatus.HELD
    congress.note = _clean(note)[:500] or congress.note
    congress.save()
    audit.record(congress, by=by, action="hold", before=before, after=audit.snapshot(congress, AUDIT_FIELDS))
    return congress


@transaction.atomic
def cancel_congress(congress: Congress, *, by: User | None, reason: str) -> Congress:
    """The congress will not be held for this term (the unit was dissolved, merged, ...): said by the level above."""
    congress = Congress.objects.select_for_update().select_related("unit").get(pk=congress.pk)
    if by is not None and not can_cancel(by, congress):
        raise PermissionDenied
    if congress.held_on is not None or congress.archived_at is not None:
        raise ValidationError(_("Đại hội đã tổ chức hoặc đã lưu trữ."))
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do không tổ chức Đại hội.")})
    before = audit.snapshot(congress, AUDIT_FIELDS)
    congress.status, congress.note = CongressStatus.CANCELLED, reason[:500]
    congress.save()
    audit.record(congress, by=by, action="cancel", before=before, after=audit.snapshot(congress, AUDIT_FIELDS),
                 note=reason)  # fmt: skip
    return congress


# --- reminders -------------------------------------------------------------------------------------------------


@transaction.atomic
def remind_congresses(*, today: datetime.date | None = None, days_before: int = 14) -> dict[str, int]:
    """Tell each unit whose congress is planned within ``days_before`` days and not held yet (once per planned
    date), and tell the unit and the level that scheduled it when the planned date has passed (once per planned
    date). Returns the number of units told of each."""
    today = today or timezone.localdate()
    pending = (Congress.objects.current().filter(status=CongressStatus.PREPARING, held_on__isnull=True,
                                                 planned_on__isnull=False).select_related("unit"))  # fmt: skip
    told = {"due": 0, "overdue": 0}
    for congress in pending.filter(
        planned_on__gte=today, planned_on__lte=today + datetime.timedelta(days=days_before)
    ):
        told["due"] += notify(
            units=[congress.unit_id], kind=DUE_KIND,
            title=_("Đại hội %(unit)s nhiệm kỳ %(term)s dự kiến ngày %(day)s") % {
                "unit": congress.unit.display_name, "term": congress.term, "day": format_date(congress.planned_on)},
            body=_("Đề nghị đơn vị hoàn tất công tác chuẩn bị để tổ chức Đại hội kịp tiến độ theo kế hoạch."),
            url=reverse("congresses:congress-detail", args=[congress.pk]),
            key=f"congress-due:{congress.pk}:{congress.planned_on.isoformat()}",
        )  # fmt: skip
    for congress in pending.filter(planned_on__lt=today):
        units = [congress.unit_id] + ([congress.scheduled_by_id] if congress.scheduled_by_id else [])
        told["overdue"] += notify(
            units=units, kind=OVERDUE_KIND,
            title=_("Đại hội %(unit)s nhiệm kỳ %(term)s đã quá ngày dự kiến %(day)s") % {
                "unit": congress.unit.display_name, "term": congress.term, "day": format_date(congress.planned_on)},
            body=_("Đại hội chưa được ghi nhận đã tổ chức. Đề nghị đơn vị báo cáo tình hình hoặc cấp trên xếp lại lịch."),
            url=reverse("congresses:congress-detail", args=[congress.pk]),
            key=f"congress-overdue:{congress.pk}:{congress.planned_on.isoformat()}",
        )  # fmt: skip
    return told

"""The path from survey to union, on the ``PIPELINE`` workflow: survey visits, the recruitment plan and its
progress, the founding of the grassroots union (through orgs' founding action: the unit enters the tree with its
decision, and the enterprise is linked to it), linking a union that already exists, pausing and resuming.

Each step happens on a day (a survey of 2017 entered today happened in 2017): it is the event's day and may not
come before the enterprise's current stage began, so the time spent in each stage stays meaningful.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.orgs import actions as org_actions
from thidua.orgs.models import Level, Unit
from thidua.orgs.permissions import can_manage_unit

from ..models import Enterprise, RecruitmentPlan, RecruitmentProgress, Stage, SurveyVisit
from ..permissions import PIPELINE, can_edit_enterprise
from .registry import check_union_unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

SURVEY_FIELDS = ["visited_on", "officers", "workforce", "attitude", "findings"]
PLAN_FIELDS = ["adopted_on", "target_members", "target_on", "measures"]
OPEN = (Stage.NOT_SURVEYED, Stage.SURVEYED, Stage.MOBILISING)


def _actor(by):
    return by if getattr(by, "pk", None) else None


def _check_day(enterprise: Enterprise, day: datetime.date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("Ngày không được sau hôm nay.")})
    if day < enterprise.stage_since:
        raise ValidationError({field: _("Ngày phải từ %(date)s trở đi (ngày bắt đầu giai đoạn “%(stage)s”).")
                               % {"date": format_date(enterprise.stage_since),
                                  "stage": enterprise.get_stage_display()}})  # fmt: skip


def _locked(enterprise: Enterprise, by) -> Enterprise:
    enterprise = Enterprise.objects.select_related("upper_unit").select_for_update().get(pk=enterprise.pk)
    if by is not None and not can_edit_enterprise(by, enterprise):
        raise PermissionDenied
    return enterprise


def _stepped(enterprise: Enterprise, day: datetime.date) -> None:
    enterprise.last_step_on = max(enterprise.last_step_on, day)


@transaction.atomic
def record_survey(enterprise: Enterprise, *, by: User | None, visited_on: datetime.date, officers: str,
                  attitude: str, workforce: int | None = None, findings: str = "") -> SurveyVisit:  # fmt: skip
    """A survey visit: the first one moves the enterprise to "surveyed"; the workforce found updates the
    registry's."""
    enterprise = _locked(enterprise, by)
    if enterprise.stage not in OPEN or enterprise.archived_at is not None:
        raise ValidationError(_("Không ghi khảo sát cho doanh nghiệp ở giai đoạn “%(stage)s”.")
                              % {"stage": PIPELINE.state_label(enterprise)})  # fmt: skip
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": _("Ngày không được sau hôm nay.")})
    values = {"visited_on": visited_on, "officers": " ".join(officers.split()), "attitude": attitude,
              "workforce": workforce, "findings": findings.strip()}  # fmt: skip
    if enterprise.stage == Stage.NOT_SURVEYED:
        _check_day(enterprise, visited_on, "visited_on")
        with PIPELINE.step(enterprise, "survey", by=by, note=_("Khảo sát ngày %(date)s") % {
                "date": format_date(visited_on)}) as step:  # fmt: skip
            obj = step.obj
            visit = _create_visit(obj, by, values)
            obj.stage_since = visited_on
            _stepped(obj, visited_on)
            if workforce is not None:
                obj.workforce = workforce
        return visit
    visit = _create_visit(enterprise, by, values)
    before = audit.snapshot(enterprise, ["last_step_on", "workforce"])
    _stepped(enterprise, visited_on)
    if workforce is not None and visited_on >= (enterprise.surveys.exclude(pk=visit.pk).values_list(
            "visited_on", flat=True).first() or visited_on):  # fmt: skip
        enterprise.workforce = workforce
    enterprise.save(update_fields=["last_step_on", "workforce", "updated_at"])
    audit.record(enterprise, by=by, action="record_survey", before=before,
                 after=audit.snapshot(enterprise, ["last_step_on", "workforce"]),
                 note=_("Khảo sát ngày %(date)s") % {"date": format_date(visited_on)})  # fmt: skip
    return visit


def _create_visit(enterprise: Enterprise, by, values: dict[str, Any]) -> SurveyVisit:
    visit = SurveyVisit(enterprise=enterprise, recorded_by=_actor(by), **values)
    visit.full_clean()
    visit.save()
    audit.record(visit, by=by, action="create", after=audit.snapshot(visit, SURVEY_FIELDS))
    return visit


@transaction.atomic
def adopt_recruitment_plan(enterprise: Enterprise, *, by: User | None, adopted_on: datetime.date,
                           target_members: int, target_on: datetime.date, measures: str = "") -> RecruitmentPlan:  # fmt: skip
    """The plan to recruit members and found the union: the first moves the enterprise to "mobilising"; a later
    one (a revised target) replaces it from its day on."""
    enterprise = _locked(enterprise, by)
    if target_members < 1:
        raise ValidationError({"target_members": _("Chỉ tiêu kết nạp phải từ 1 đoàn viên trở lên.")})
    if target_on < adopted_on:
        raise ValidationError({"target_on": _("Thời hạn phải từ ngày lập kế hoạch trở đi.")})
    values = {"adopted_on": adopted_on, "target_members": target_members, "target_on": target_on,
              "measures": measures.strip()}  # fmt: skip
    if enterprise.stage == Stage.MOBILISING and enterprise.archived_at is None:
        _check_day(enterprise, adopted_on, "adopted_on")
        plan = _create_plan(enterprise, by, values)
        before = audit.snapshot(enterprise, ["last_step_on"])
        _stepped(enterprise, adopted_on)
        enterprise.save(update_fields=["last_step_on", "updated_at"])
        audit.record(enterprise, by=by, action="plan", before=before, after=audit.snapshot(enterprise, ["last_step_on"]),
                     note=_("Điều chỉnh kế hoạch vận động"))  # fmt: skip
        return plan
    if not PIPELINE.allowed(enterprise, "plan"):
        raise ValidationError(PIPELINE.refusal(enterprise, "plan"))
    _check_day(enterprise, adopted_on, "adopted_on")
    with PIPELINE.step(enterprise, "plan", by=by, note=_("Chỉ tiêu %(n)s đoàn viên đến %(date)s") % {
            "n": target_members, "date": format_date(target_on)}) as step:  # fmt: skip
        plan = _create_plan(step.obj, by, values)
        step.obj.stage_since = adopted_on
        _stepped(step.obj, adopted_on)
    return plan


def _create_plan(enterprise: Enterprise, by, values: dict[str, Any]) -> RecruitmentPlan:
    plan = RecruitmentPlan(enterprise=enterprise, recorded_by=_actor(by), **values)
    plan.full_clean()
    plan.save()
    audit.record(plan, by=by, action="create", after=audit.snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def record_progress(plan: RecruitmentPlan, *, by: User | None, recorded_on: datetime.date, recruited: int,
                    note: str = "") -> RecruitmentProgress:  # fmt: skip
    """Members recruited since the last entry."""
    enterprise = _locked(plan.enterprise, by)
    if enterprise.stage != Stage.MOBILISING or enterprise.archived_at is not None:
        raise ValidationError(
            _("Chỉ ghi tiến độ kết nạp khi doanh nghiệp đang được vận động thành lập công đoàn.")
        )
    if recorded_on < plan.adopted_on:
        raise ValidationError({"recorded_on": _("Ngày phải từ ngày lập kế hoạch (%(date)s) trở đi.")
                               % {"date": format_date(plan.adopted_on)}})  # fmt: skip
    if recorded_on > timezone.localdate():
        raise ValidationError({"recorded_on": _("Ngày không được sau hôm nay.")})
    if recruited < 1:
        raise ValidationError({"recruited": _("Số đoàn viên kết nạp thêm phải từ 1 trở lên.")})
    entry = RecruitmentProgress(plan=plan, recorded_on=recorded_on, recruited=recruited, note=note.strip(),
                                recorded_by=_actor(by))  # fmt: skip
    entry.full_clean()
    entry.save()
    before = audit.snapshot(enterprise, ["last_step_on"])
    _stepped(enterprise, recorded_on)
    enterprise.save(update_fields=["last_step_on", "updated_at"])
    audit.record(entry, by=by, action="record_progress",
                 after=audit.snapshot(entry, ["plan_id", "recorded_on", "recruited", "note"]))  # fmt: skip
    audit.record(enterprise, by=by, action="record_progress", before=before,
                 after=audit.snapshot(enterprise, ["last_step_on"]))  # fmt: skip
    return entry


@transaction.atomic
def found_union(enterprise: Enterprise, *, by: User | None, code: str, name: str, founded_on: datetime.date,
                decision: str, short_name: str = "") -> Unit:  # fmt: skip
    """The grassroots union is founded: orgs' founding action puts it in the tree under the upper-level union, with
    its decision (number and date in ``decision``), and the enterprise is linked to it."""
    enterprise = _locked(enterprise, by)
    upper = enterprise.upper_unit
    if by is not None and not can_manage_unit(by, upper):
        raise PermissionDenied
    if not PIPELINE.allowed(enterprise, "found"):
        raise ValidationError(PIPELINE.refusal(enterprise, "found"))
    if upper.archived_at is not None or (upper.dissolved_on is not None and founded_on >= upper.dissolved_on):
        raise ValidationError(_("Công đoàn cấp trên “%(unit)s” đã giải thể hoặc lưu trữ.") % {"unit": upper})
    decision = " ".join(decision.split())
    if not decision:
        raise ValidationError({"decision": _("Cần ghi số, ngày quyết định thành lập công đoàn cơ sở.")})
    _check_day(enterprise, founded_on, "founded_on")
    with PIPELINE.step(enterprise, "found", by=by, note=decision) as step:
        unit = org_actions.create_unit(
            upper, by=by, code=code.strip(), name=name, short_name=short_name, level=Level.GRASSROOTS,
            sector=enterprise.ownership, founded_on=founded_on, decision=decision,
            province_code=enterprise.province_code, ward_code=enterprise.ward_code, address=enterprise.address,
            workforce_size=enterprise.workforce,
        )  # fmt: skip
        obj = step.obj
        obj.union_unit = unit
        obj.founding_decision = decision[:100]
        obj.stage_since = founded_on
        _stepped(obj, founded_on)
    return unit


@transaction.atomic
def link_union(enterprise: Enterprise, *, by: User | None, union_unit: Unit, on: datetime.date | None = None,
               note: str = "") -> Enterprise:  # fmt: skip
    """The enterprise turns out to have a union already (founded before it was registered, or by another path)."""
    enterprise = _locked(enterprise, by)
    check_union_unit(union_unit, enterprise.upper_unit)
    day = on or timezone.localdate()
    _check_day(enterprise, day, "on")
    with PIPELINE.step(enterprise, "link", by=by, note=note or str(union_unit)) as step:
        step.obj.union_unit = union_unit
        step.obj.stage_since = day
        _stepped(step.obj, day)
    return step.obj


@transaction.atomic
def pause_case(
    enterprise: Enterprise, *, by: User | None, reason: str, on: datetime.date | None = None
) -> Enterprise:
    """Stop mobilising for now (the enterprise stopped operating, or the employer refuses): out of the stalled
    cases, with the reason."""
    enterprise = _locked(enterprise, by)
    day = on or timezone.localdate()
    _check_day(enterprise, day, "on")
    with PIPELINE.step(enterprise, "pause", by=by, reason=reason) as step:
        step.obj.stage_since = day
        _stepped(step.obj, day)
    return step.obj


@transaction.atomic
def resume_case(enterprise: Enterprise, *, by: User | None, on: datetime.date | None = None,
                note: str = "") -> Enterprise:  # fmt: skip
    enterprise = _locked(enterprise, by)
    day = on or timezone.localdate()
    _check_day(enterprise, day, "on")
    with PIPELINE.step(enterprise, "resume", by=by, note=note) as step:
        step.obj.stage_since = day
        _stepped(step.obj, day)
    return step.obj

"""The path from survey to union: the forms of each step on an enterprise, and the pipeline page of an upper-level
union (counts at each stage, time spent in each, stalled cases)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.workflow import transition_view
from thidua.orgs.models import Unit

from .. import actions
from ..forms import DayForm, FoundingForm, LinkUnionForm, ProgressForm, RecruitmentPlanForm, SurveyForm
from ..models import Stage
from ..permissions import PIPELINE, UPPER_LEVELS, can_edit_enterprise, can_found_union
from ..queries import STALLED_DAYS, pipeline, uppers_visible_to
from .common import enterprise_for, unit_param


def _step_form(request, pk: int, *, form_class, allowed, perform, heading: str, success: str, form_kwargs=None,
               initial=None):  # fmt: skip
    enterprise = enterprise_for(request.user, pk)
    if not allowed(request.user, enterprise):
        raise PermissionDenied
    form = form_class(request.POST or None, initial=initial(enterprise) if initial else None,
                      **(form_kwargs(enterprise) if form_kwargs else {}))  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            perform(enterprise, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, success)
            return redirect("enterprises:enterprise-detail", pk=enterprise.pk)
    return render(request, "enterprises/form.html", {
        "form": form, "enterprise": enterprise, "heading": heading,
        "back_url": reverse("enterprises:enterprise-detail", args=[enterprise.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _may_survey(user, e) -> bool:
    return can_edit_enterprise(user, e) and e.is_open_case


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request, pk: int):
    return _step_form(request, pk, form_class=SurveyForm, allowed=_may_survey, perform=actions.record_survey,
                      heading=_("Ghi lần khảo sát, nắm tình hình"), success=_("Đã ghi lần khảo sát."),
                      initial=lambda e: {"visited_on": timezone.localdate(), "workforce": e.workforce})  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request, pk: int):
    return _step_form(
        request, pk, form_class=RecruitmentPlanForm,
        allowed=lambda u, e: can_edit_enterprise(u, e) and e.stage in (Stage.SURVEYED, Stage.MOBILISING),
        perform=actions.adopt_recruitment_plan, heading=_("Kế hoạch vận động kết nạp đoàn viên, thành lập công đoàn"),
        success=_("Đã lưu kế hoạch vận động."), initial=lambda e: {"adopted_on": timezone.localdate()},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def progress_create(request, pk: int):
    def perform(enterprise, *, by, **values):
        plan = enterprise.recruitment_plans.first()
        if plan is None:
            raise ValidationError(_("Chưa có kế hoạch vận động."))
        return actions.record_progress(plan, by=by, **values)

    return _step_form(
        request, pk, form_class=ProgressForm,
        allowed=lambda u, e: can_edit_enterprise(u, e) and e.stage == Stage.MOBILISING,
        perform=perform, heading=_("Ghi tiến độ kết nạp đoàn viên"), success=_("Đã ghi tiến độ kết nạp."),
        initial=lambda e: {"recorded_on": timezone.localdate()},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def found(request, pk: int):
    def initial(e) -> dict[str, Any]:
        return {"name": _("Công đoàn cơ sở %(name)s") % {"name": e.name}, "founded_on": timezone.localdate(),
                "code": f"CDCS-{e.tax_code}"}  # fmt: skip

    return _step_form(request, pk, form_class=FoundingForm, allowed=can_found_union, perform=actions.found_union,
                      heading=_("Thành lập công đoàn cơ sở"), initial=initial,
                      success=_("Đã thành lập công đoàn cơ sở và đưa vào cây tổ chức."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def link(request, pk: int):
    return _step_form(
        request, pk, form_class=LinkUnionForm, allowed=lambda u, e: PIPELINE.can(u, e, "link"),
        perform=actions.link_union, heading=_("Ghi nhận doanh nghiệp đã có công đoàn cơ sở"),
        success=_("Đã gắn doanh nghiệp với công đoàn cơ sở."), form_kwargs=lambda e: {"enterprise": e},
        initial=lambda e: {"on": timezone.localdate()},
    )  # fmt: skip


STEPS = {
    "pause": (actions.pause_case, _("Đã tạm dừng vận động.")),
    "resume": (actions.resume_case, _("Đã chuyển doanh nghiệp về danh sách vận động.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def step(request, pk: int, name: str):
    if name not in STEPS:
        raise Http404
    enterprise = enterprise_for(request.user, pk)
    perform, success = STEPS[name]
    return transition_view(request, enterprise, name, perform=perform, form_class=DayForm,
                           form_kwargs={"initial": {"on": timezone.localdate()}},
                           back_url=reverse("enterprises:enterprise-detail", args=[enterprise.pk]),
                           success_message=str(success))  # fmt: skip


@login_required
@require_GET
def pipeline_page(request):
    """The pipeline of one upper-level union (``?unit=``; by default the user's first one)."""
    unit = unit_param(request)
    choices = list(uppers_visible_to(request.user))
    if unit is None:
        unit = _default_upper(request.user, choices)
    if unit is not None and unit.level not in UPPER_LEVELS:
        raise Http404
    raw = request.GET.get("days", "")
    days = int(raw) if raw.isdigit() and 1 <= int(raw) <= 3650 else STALLED_DAYS
    today = timezone.localdate()
    data = pipeline(unit, today=today, stalled_days=days) if unit is not None else None
    return render(request, "enterprises/pipeline.html", {
        "unit": unit, "data": data, "choices": choices, "days": days, "today": today,
    })  # fmt: skip


def _default_upper(user, choices: list[Unit]) -> Unit | None:
    from thidua.core.scoping import own_paths

    mine = own_paths(user)
    for path in mine:
        unit = Unit.objects.filter(path=path, level__in=UPPER_LEVELS).first()
        if unit is not None:
            return unit
    return choices[0] if choices else None

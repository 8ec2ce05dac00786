"""The workflow buttons of a plan: issue, amend, close, archive, copy to another year, build a lower plan, remind."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.workflow import transition_view
from thidua.orgs.models import Unit

from .. import actions, forms, permissions, queries
from ..actions import plan_url
from ..models import Plan
from .base import back_to, error_message, plan_for

# --- the workflow ---------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_issue(request, pk: int):
    plan = plan_for(request.user, pk)
    issue_date, _reason = queries.proposed_issue_date(plan)
    return transition_view(
        request, plan, "issue", back_url=plan_url(plan), form_class=forms.IssueForm,
        form_kwargs={"initial": {"date": issue_date}}, warnings=queries.issue_warnings,
        perform=lambda plan, *, by, date: actions.issue_plan(plan, by=by, date=date),
        success_message=lambda issued: _("Đã ban hành %(number)s và gửi đến %(n)s đơn vị.")
        % {"number": issued.number_display, "n": issued.deliveries.count()},
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def plan_amend(request, pk: int):
    plan = plan_for(request.user, pk)
    if not permissions.can_amend_plan(request.user, plan):
        raise PermissionDenied
    phases = list(plan.phases.order_by("order"))
    form = forms.AmendForm(request.POST or None, phases=phases, initial={"title": plan.title})
    if request.method == "POST" and form.is_valid():
        try:
            actions.amend_plan(plan, by=request.user, reason=form.cleaned_data["reason"],
                               fields={"title": form.cleaned_data["title"]}, phases=form.phase_changes())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error, aliases={"phases": "__all__"})
        else:
            messages.success(request, _("Đã ghi nhận sửa đổi, bổ sung."))
            return back_to(plan)
    return render(request, "plans/plan_amend.html", {"plan": plan, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def plan_close(request, pk: int):
    plan = plan_for(request.user, pk)
    return transition_view(
        request, plan, "close", back_url=plan_url(plan),
        perform=lambda plan, *, by: actions.close_plan(plan, by=by),
        success_message=_("Đã kết thúc kế hoạch."),
    )  # fmt: skip


@login_required
@require_POST
def plan_archive(request, pk: int):
    plan = plan_for(request.user, pk)
    if not permissions.can_archive_plan(request.user, plan):
        raise PermissionDenied
    try:
        actions.archive_plan(plan, by=request.user, note=request.POST.get("note", "")[:500])
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("Đã lưu trữ kế hoạch."))
    return back_to(plan)


@login_required
@require_POST
def plan_copy(request, pk: int):
    plan = plan_for(request.user, pk)
    if not permissions.can_copy_plan(request.user, plan):
        raise PermissionDenied
    form = forms.CopyForm(request.POST)
    if form.is_valid():
        try:
            copy = actions.copy_plan_to_year(plan, form.cleaned_data["year"], by=request.user)
        except ValidationError as error:
            messages.error(request, error_message(error))
        else:
            messages.success(request, _("Đã sao chép sang năm %(year)s: dự thảo %(number)s.")
                             % {"year": copy.year, "number": copy.number_display})  # fmt: skip
            return redirect("plans:plan-update", pk=copy.pk)
    else:
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
    return back_to(plan)


@login_required
@require_POST
def plan_build(request, pk: int):
    plan = plan_for(request.user, pk)
    units = permissions.units_that_can_build_from(request.user, plan)
    form = forms.BuildForm(request.POST, units=units)
    if not units.exists():
        raise PermissionDenied
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return back_to(plan)
    unit = form.cleaned_data["unit"]
    if not permissions.can_build_from(request.user, plan, unit):
        raise PermissionDenied
    try:
        built = actions.build_plan_from(plan, unit, by=request.user)
    except ValidationError as error:
        messages.error(request, error_message(error))
        return back_to(plan)
    messages.success(request, _("Đã tạo dự thảo kế hoạch của %(unit)s từ kế hoạch %(number)s.")
                     % {"unit": unit.name, "number": plan.number_display})  # fmt: skip
    return redirect("plans:plan-update", pk=built.pk)


@login_required
@require_POST
def plan_remind(request, pk: int):
    plan = plan_for(request.user, pk)
    if not permissions.can_send_reminders(request.user, plan):
        raise PermissionDenied
    candidates = (
        Unit.objects.visible_to(request.user)
        .filter(path__subtree=plan.issuer.path)
        .exclude(pk=plan.issuer_id)
    )
    form = forms.ReminderForm(request.POST, units=candidates)
    if not form.is_valid():
        messages.error(request, " ".join(m for errors in form.errors.values() for m in errors))
        return back_to(plan)
    try:
        told = actions.send_reminders(plan, form.cleaned_data["units"], by=request.user,
                                      message=form.cleaned_data["message"])  # fmt: skip
    except ValidationError as error:
        messages.error(request, error_message(error))
    else:
        messages.success(request, _("Đã nhắc %(n)s đơn vị.") % {"n": told})
    return redirect(f"{plan_url_with_anchor(plan)}")


def plan_url_with_anchor(plan: Plan) -> str:
    from django.urls import reverse

    return reverse("plans:plan-detail", args=[plan.pk]) + "#trien-khai"

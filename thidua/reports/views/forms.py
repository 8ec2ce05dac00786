"""The report forms of a phase: the list, drafting and changing one (the plan issuer's officers), its page (the
indicators, the reports owed and their states) and publishing it. Reads go through the scoping (404 outside);
writes through ``actions.forms``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.paging import page_of
from thidua.core.permissions import VIEW
from thidua.core.workflow import transition_view
from thidua.plans.models import Phase, Plan

from .. import queries
from ..actions import forms as actions
from ..forms import ReportFormForm
from ..models import ExpectedReport, ExpectedReportStatus, FormStatus, Indicator, ReportForm
from ..permissions import can_close_form, can_create_form, can_edit_form, can_reopen_form

PAGE_SIZE = 50


def form_for(user, pk: int) -> ReportForm:
    """The form if the user sees it (its issuer's subtree, or a published form the user's units owe), else 404."""
    return get_object_or_404(queries.forms_visible_to(user).select_related("phase", "phase__plan",
                                                                           "phase__plan__issuer"), pk=pk)  # fmt: skip


def phase_for(user, pk: int) -> Phase:
    return get_object_or_404(Phase.objects.select_related("plan", "plan__issuer")
                             .filter(plan__in=Plan.objects.visible_to(user, VIEW)), pk=pk)  # fmt: skip


def _indicators_for(phase: Phase):
    return Indicator.objects.current().for_unit(phase.plan.issuer).order_by("order", "code")


@login_required
@require_GET
def form_list(request):
    forms = (
        queries.forms_visible_to(request.user)
        .select_related("phase", "phase__plan", "phase__plan__issuer")
        .annotate(expected=Count("expected_reports", filter=Q(expected_reports__archived_at__isnull=True)))
        .order_by("-due_on", "-id")
    )
    page = page_of(request, forms, PAGE_SIZE)
    return render(request, "reports/reportform_list.html", {"forms": page.object_list, "page": page})


@login_required
@require_http_methods(["GET", "POST"])
def form_create(request, phase_pk: int):
    phase = phase_for(request.user, phase_pk)
    if not can_create_form(request.user, phase):
        raise PermissionDenied
    indicators = _indicators_for(phase)
    initial = {
        "levels": ["upper", "grassroots"],
        "period_start": phase.start,
        "period_end": phase.end,
        "due_on": phase.report_due,
        "indicators": list(indicators.filter(owner__isnull=True).exclude(aggregation="none")),
        "narrative_headings": "\n".join(ReportForm._meta.get_field("narrative_headings").get_default()),
    }
    form = ReportFormForm(request.POST or None, initial=initial, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            created = actions.create_form(phase, by=request.user, **form.action_kwargs())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lập mẫu báo cáo (dự thảo). Kiểm tra rồi ban hành."))
            return redirect("reports:form-detail", created.pk)
    return render(request, "reports/reportform_form.html", {"form": form, "phase": phase, "object": None},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def form_update(request, pk: int):
    report_form = form_for(request.user, pk)
    if not can_edit_form(request.user, report_form):
        raise PermissionDenied
    phase = report_form.phase
    rows = queries.form_rows(report_form)
    initial = {
        "title": report_form.title,
        "levels": report_form.levels,
        "period_start": report_form.period_start,
        "period_end": report_form.period_end,
        "due_on": report_form.due_on,
        "indicators": [r.indicator for r in rows],
        "required": [r.indicator for r in rows if r.required],
        "narrative_headings": "\n".join(report_form.narrative_headings),
    }
    form = ReportFormForm(request.POST or None, initial=initial, indicators=_indicators_for(phase))
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_form(report_form, by=request.user, **form.action_kwargs())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu mẫu báo cáo."))
            return redirect("reports:form-detail", report_form.pk)
    return render(request, "reports/reportform_form.html", {"form": form, "phase": phase, "object": report_form},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_GET
def form_detail(request, pk: int):
    report_form = form_for(request.user, pk)
    reports = (
        ExpectedReport.objects.current().visible_to(request.user).filter(form=report_form)
        .select_related("unit", "parent").order_by("unit__path")
    )  # fmt: skip
    status = request.GET.get("status", "")
    if status in ExpectedReportStatus.values:
        reports = reports.filter(status=status)
    page = page_of(request, reports, PAGE_SIZE)
    visible_counts = dict(
        ExpectedReport.objects.current().visible_to(request.user).filter(form=report_form)
        .values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )  # fmt: skip
    context = {
        "object": report_form,
        "rows": queries.form_rows(report_form),
        "reports": page.object_list,
        "page": page,
        "status": status,
        "statuses": ExpectedReportStatus.choices,
        "counts": [
            (value, label, visible_counts.get(value, 0)) for value, label in ExpectedReportStatus.choices
        ],
        "total": sum(visible_counts.values()),
        "can_edit": can_edit_form(request.user, report_form),
        "can_close": can_close_form(request.user, report_form),
        "can_reopen": can_reopen_form(request.user, report_form),
        "events": list(report_form.events.select_related("by").order_by("at", "id")),
        "query": f"status={status}&" if status else "",
    }
    return render(request, "reports/reportform_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def form_publish(request, pk: int):
    report_form = form_for(request.user, pk)
    if not can_edit_form(request.user, report_form):
        if report_form.status != FormStatus.DRAFT:
            messages.error(request, _("Mẫu báo cáo đã ban hành."))
            return redirect("reports:form-detail", pk)
        raise PermissionDenied
    units = actions.reporting_units(report_form)
    if request.method == "POST":
        try:
            count = actions.publish_form(report_form, by=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request, _("Đã ban hành mẫu báo cáo: %(count)s đơn vị phải báo cáo.") % {"count": count}
            )
        return redirect("reports:form-detail", pk)
    return render(
        request, "reports/reportform_publish.html", {"object": report_form, "unit_count": len(units)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def form_close(request, pk: int):
    """Close a published form (the level that published it): the reports not sent and those sent late are listed
    before confirming; an optional note."""
    from django import forms as django_forms

    report_form = form_for(request.user, pk)

    class CloseForm(django_forms.Form):
        note = django_forms.CharField(label=_("Ghi chú (không bắt buộc)"), max_length=500, required=False,
                                      widget=django_forms.Textarea(attrs={"rows": 2}))  # fmt: skip

    return transition_view(
        request, report_form, "close_form", perform=actions.close_form, form_class=CloseForm,
        back_url=reverse("reports:form-detail", args=[pk]), template="reports/reportform_close.html",
        success_message=_("Đã kết thúc nhận báo cáo: các đơn vị chưa gửi không nhập, không gửi được nữa."),
        context=queries.closing_lists(report_form),
    )  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def form_reopen(request, pk: int):
    """Reopen a closed form, with a reason."""
    report_form = form_for(request.user, pk)
    return transition_view(
        request, report_form, "reopen_form", perform=actions.reopen_form,
        back_url=reverse("reports:form-detail", args=[pk]), template="reports/reportform_close.html",
        success_message=_("Đã mở lại nhận báo cáo."), context=queries.closing_lists(report_form),
    )  # fmt: skip

"""Expected reports: the list of those the user sees, a report's page (figures, narrative, the reports it approves,
what the user may do, history and versions), the workflow steps (one transition view each) and the late-entry
exception. Reads go through the scoping (404 outside); writes through ``actions.reports``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.paging import page_of
from thidua.core.permissions import VIEW
from thidua.core.scoping import get_for_user, scope_q
from thidua.core.workflow import transition_view

from .. import queries
from ..actions import reports as actions
from ..forms import LateEntryForm
from ..models import ExpectedReport, ExpectedReportEvent, ExpectedReportStatus, ReportVersion
from ..permissions import APPROVE_REPORTS, can_edit_values, can_grant_late_entry, can_transition

PAGE_SIZE = 50
STEPS = ("submit", "approve_report", "finalise", "return", "reopen_report", "waive")


def report_for(user, pk: int, perm: str = VIEW) -> ExpectedReport:
    """The report if the user sees it (its unit's subtree), else 404."""
    queryset = ExpectedReport.objects.current().select_related(
        "unit",
        "parent",
        "form",
        "form__phase",
        "form__phase__plan",
        "form__phase__plan__issuer",
        "approved_by",
    )
    return get_for_user(queryset, user, perm, pk=pk)


@login_required
@require_GET
def report_list(request):
    reports = (
        ExpectedReport.objects.current().visible_to(request.user)
        .select_related("unit", "form", "form__phase", "form__phase__plan")
        .order_by("-form__due_on", "form_id", "unit__path")
    )  # fmt: skip
    status = request.GET.get("status", "")
    if status in ExpectedReportStatus.values:
        reports = reports.filter(status=status)
    mine = request.GET.get("mine") == "1"
    if mine:
        reports = reports.addressed_to(request.user)
    to_approve = request.GET.get("to_approve") == "1"
    if to_approve:  # sent to a level where the user approves (never the user's own unit alone)
        reports = reports.filter(status=ExpectedReportStatus.SUBMITTED).filter(
            scope_q(request.user, "parent__path", APPROVE_REPORTS)
        )
    page = page_of(request, reports, PAGE_SIZE)
    query = "&".join(part for part in (f"status={status}" if status else "", "mine=1" if mine else "",
                                       "to_approve=1" if to_approve else "") if part)  # fmt: skip
    return render(request, "reports/expectedreport_list.html", {
        "reports": page.object_list, "page": page, "status": status, "statuses": ExpectedReportStatus.choices,
        "mine": mine, "to_approve": to_approve, "query": f"{query}&" if query else "",
    })  # fmt: skip


@login_required
@require_GET
def report_detail(request, pk: int):
    report = report_for(request.user, pk)
    user = request.user
    can = {name: can_transition(user, report, name) for name in STEPS}
    can["edit"] = can_edit_values(user, report) and queries.entry_open(report)
    can["late_entry"] = can_grant_late_entry(user, report)
    children = list(
        queries.children_of(report).visible_to(user).select_related("unit").order_by("unit__path")
    )
    events = ExpectedReportEvent.objects.filter(report=report).select_related("by").order_by("at", "id")
    versions = ReportVersion.objects.filter(report=report).select_related("created_by").order_by("-number")
    context = {
        "report": report,
        "rows": queries.report_rows(report),
        "narrative": [(h, report.narrative.get(h, "")) for h in report.form.narrative_headings],
        "children": children,
        "can": can,
        "entry_open": queries.entry_open(report),
        "late": queries.is_late(report),
        "events": events,
        "versions": versions,
        "waiting": [c for c in children if c.status not in ("approved", "accepted", "waived")],
    }
    return render(request, "reports/expectedreport_detail.html", context)


def _step(request, pk: int, name: str, perform, message: str):
    report = report_for(request.user, pk)
    return transition_view(request, report, name, perform=perform, back_url=reverse("reports:report-detail",
                           args=[report.pk]), success_message=message)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def report_submit(request, pk: int):
    return _step(request, pk, "submit", actions.submit_report, _("Đã gửi báo cáo lên cấp trên."))


@login_required
@require_http_methods(["GET", "POST"])
def report_approve(request, pk: int):
    return _step(request, pk, "approve_report", actions.approve_report, _("Đã duyệt báo cáo."))


@login_required
@require_http_methods(["GET", "POST"])
def report_finalise(request, pk: int):
    return _step(request, pk, "finalise", actions.finalise_report, _("Đã duyệt báo cáo tổng hợp của đơn vị."))


@login_required
@require_http_methods(["GET", "POST"])
def report_return(request, pk: int):
    return _step(request, pk, "return", actions.return_report, _("Đã trả lại báo cáo cho đơn vị."))


@login_required
@require_http_methods(["GET", "POST"])
def report_reopen(request, pk: int):
    return _step(request, pk, "reopen_report", actions.reopen_report, _("Đã mở lại báo cáo tổng hợp."))


@login_required
@require_http_methods(["GET", "POST"])
def report_waive(request, pk: int):
    return _step(request, pk, "waive", actions.waive_report, _("Đã miễn báo cáo cho đơn vị."))


@login_required
@require_http_methods(["GET", "POST"])
def report_late_entry(request, pk: int):
    report = report_for(request.user, pk)
    if not can_grant_late_entry(request.user, report):
        raise PermissionDenied
    form = LateEntryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.grant_late_entry(report, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã cho phép đơn vị nhập báo cáo sau hạn."))
            return redirect("reports:report-detail", report.pk)
    return render(request, "reports/late_entry_form.html", {"report": report, "form": form},
                  status=400 if request.method == "POST" else 200)  # fmt: skip

"""One unit's report as a spreadsheet: download it prefilled, upload it, see it checked (every figure, every error by
cell), confirm. The file waits between the preview and the confirmation as a staged upload (``thidua.core.uploads``:
a token bound to the uploader's session, to this import and to this report); the confirmation writes through the
report's save action, all or nothing."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import uploads
from thidua.core.forms import BaseForm
from thidua.core.xlsx import xlsx_response

from .. import queries
from ..imports import import_report, report_workbook
from ..models import ExpectedReport
from ..permissions import can_edit_values
from .reports import report_for

UPLOAD_KIND = "reports.phase_report"
ERRORS_SHOWN = 500


class ReportUploadForm(BaseForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel báo cáo"),
        help_text=gettext_lazy(
            "Tệp .xlsx tải về từ trang này, đã điền số liệu; tệp .xls cũ và .ods cũng đọc được."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xlsm,.xls,.ods"}),
    )


def editable(request, pk: int) -> ExpectedReport:
    """The report if the user sees it (404 otherwise), may fill it in and entry is open (403 otherwise)."""
    report = report_for(request.user, pk)
    if not can_edit_values(request.user, report) or not queries.entry_open(report):
        raise PermissionDenied
    return report


@login_required
@require_GET
def report_download(request, pk: int):
    report = report_for(request.user, pk)
    return xlsx_response(
        report_workbook(report), f"bao-cao-{report.form.phase.order}-{report.unit.code}.xlsx"
    )


@login_required
@require_http_methods(["GET", "POST"])
def report_upload(request, pk: int):
    report = editable(request, pk)
    form = ReportUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            file = form.cleaned_data["file"]
            token, path = uploads.stage_upload(
                request, file, kind=UPLOAD_KIND, filename=file.name, report=report.pk
            )
            result, parsed = import_report(str(path), report, by=request.user, dry_run=True)
            if not result.ok:
                uploads.drop_upload(request, token, UPLOAD_KIND)
                token = ""
            return _preview(request, report, file.name, result, parsed, token)
    return render(request, "reports/report_upload.html", {"report": report, "form": form})


def _preview(request, report, filename, result, parsed, token):
    return render(request, "reports/report_upload_preview.html", {
        "report": report, "filename": filename, "result": result, "parsed": parsed, "token": token,
        "errors": result.errors[:ERRORS_SHOWN], "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0),
        "form": ReportUploadForm(),
    }, status=200 if result.ok else 400)  # fmt: skip


@login_required
@require_POST
def report_upload_confirm(request, pk: int):
    report = editable(request, pk)
    try:
        staged = uploads.peek_upload(request, request.POST.get("token", ""), UPLOAD_KIND)
        if staged.meta.get("report") != report.pk:  # a file checked for another report
            raise uploads.UploadExpired
        staged = uploads.take_upload(request, staged.token, UPLOAD_KIND)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect("reports:report-upload", pk=report.pk)
    try:
        result, parsed = import_report(str(staged.path), report, by=request.user)
    finally:
        staged.path.unlink(missing_ok=True)
    if not result.written:
        return _preview(request, report, staged.filename, result, parsed, "")
    messages.success(request, _("Đã nhập số liệu báo cáo từ tệp “%(file)s”: %(n)s chỉ tiêu.")
                     % {"file": staged.filename, "n": len(parsed.entries)})  # fmt: skip
    return redirect("reports:report-detail", pk=report.pk)

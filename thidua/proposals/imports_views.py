"""A proposal's nominees from Excel: the template, the upload checked in full (every error by row and column, the
rows as understood), the confirmation that adds every row or nothing. The file waits between the check and the
confirmation as a staged upload (``thidua.core.uploads``), bound to the proposal it was checked for. The page is the
spreadsheet kit's (``core/spreadsheet_import.html``)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import uploads
from thidua.core.spreadsheets.pages import ERRORS_SHOWN, SpreadsheetUploadForm
from thidua.core.xlsx import xlsx_response

from . import permissions
from .actions import proposal_url
from .imports import KIND, import_nominees, template
from .views import proposal_for


def _editable(request, pk: int):
    proposal = proposal_for(request.user, pk)
    if not permissions.can_edit_proposal(request.user, proposal):
        raise PermissionDenied
    return proposal


def _page(request, proposal, form=None, status: int = 200, result=None, filename: str = "", token: str = ""):
    context = {
        "heading": _("Nhập danh sách đề nghị từ Excel"), "list_url": proposal_url(proposal),
        "list_label": proposal.title, "start_url": reverse("proposals:nominee-import", args=[proposal.pk]),
        "confirm_url": reverse("proposals:nominee-import-confirm", args=[proposal.pk]),
        "template_url": reverse("proposals:nominee-import-template", args=[proposal.pk]),
        "steps": [_("Tải tệp mẫu, ghi mỗi dòng một cá nhân (số CCCD hoặc mã hồ sơ) hoặc một tập thể (mã đơn vị) "
                    "của %(unit)s và danh hiệu, hình thức đề nghị.") % {"unit": proposal.unit.name}],
        "form": form or SpreadsheetUploadForm(),
    }  # fmt: skip
    if result is not None:
        context |= {"result": result, "filename": filename, "token": token if result.ok else "",
                    "errors": result.errors[:ERRORS_SHOWN],
                    "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0)}  # fmt: skip
    return render(request, "core/spreadsheet_import.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def nominee_import(request, pk: int):
    proposal = _editable(request, pk)
    form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST":
        return _page(request, proposal, form)
    if uploads.upload_refused(request):
        form.is_valid()
        form.errors["file"] = form.error_class([uploads.too_large_message()])
    elif form.is_valid():
        file = form.cleaned_data["file"]
        token, path = uploads.stage_upload(request, file, kind=KIND, filename=file.name, proposal=proposal.pk)
        result = import_nominees(str(path), by=request.user, proposal=proposal, dry_run=True)
        if not result.ok:
            uploads.drop_upload(request, token, KIND)
        return _page(request, proposal, form, result=result, filename=file.name, token=token)
    return _page(request, proposal, form, status=400)


@login_required
@require_POST
def nominee_import_confirm(request, pk: int):
    proposal = _editable(request, pk)
    start = reverse("proposals:nominee-import", args=[proposal.pk])
    try:
        staged = uploads.take_upload(request, request.POST.get("token", ""), KIND)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect(start)
    try:
        if staged.meta.get("proposal") != proposal.pk:
            messages.error(request, _("Tệp đã kiểm tra cho một đề nghị khác: hãy tải lên lại."))
            return redirect(start)
        result = import_nominees(str(staged.path), by=request.user, proposal=proposal)
    finally:
        staged.path.unlink(missing_ok=True)
    if not result.written:
        return _page(request, proposal, result=result, filename=staged.filename)
    messages.success(request, _("Đã nhập tệp “%(file)s”: thêm %(n)s người, tập thể vào đề nghị.") % {
        "file": staged.filename, "n": result.created})  # fmt: skip
    return redirect(proposal_url(proposal))


@login_required
@require_GET
def nominee_import_template(request, pk: int):
    _editable(request, pk)
    return xlsx_response(template(), "danh-sach-de-nghi-khen-thuong-mau.xlsx")

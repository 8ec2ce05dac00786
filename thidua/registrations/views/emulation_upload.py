"""A unit's whole emulation registration from a spreadsheet: download the template, upload the file, see it checked
(what will be registered, every error by row and column, the quota warnings), confirm. The file waits between the
preview and the confirmation as a staged upload (``thidua.core.uploads``: a token bound to the uploader's session and
to this import, the registration's id kept with it); the confirmation writes through the registration's save action,
all or nothing."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import uploads
from thidua.core.xlsx import xlsx_response

from ..emulation_import import import_registration, template_workbook
from ..forms import RegistrationUploadForm
from ..models import Registration
from ..permissions.emulation import can_edit_registration
from .emulation import registration_for

UPLOAD_KIND = "registrations.emulation"
ERRORS_SHOWN = 500


def editable(request, pk: int) -> Registration:
    """The registration if the user sees it (404 otherwise) and may fill it in (403 otherwise)."""
    registration = registration_for(request.user, pk)
    if not can_edit_registration(request.user, registration):
        raise PermissionDenied
    return registration


@login_required
@require_http_methods(["GET", "POST"])
def upload(request, pk: int):
    registration = editable(request, pk)
    form = RegistrationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            return _check(request, registration, form.cleaned_data["file"])
    return render(
        request, "registrations/emulation_upload.html", {"registration": registration, "form": form}
    )


def _check(request, registration: Registration, file):
    token, path = uploads.stage_upload(
        request, file, kind=UPLOAD_KIND, filename=file.name, registration=registration.pk
    )
    result, parsed = import_registration(str(path), registration, by=request.user, dry_run=True)
    if not result.ok:
        uploads.drop_upload(request, token, UPLOAD_KIND)
        token = ""
    return render(request, "registrations/emulation_upload_preview.html", {
        "registration": registration, "filename": file.name, "result": result, "parsed": parsed, "token": token,
        "errors": result.errors[:ERRORS_SHOWN], "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0),
        "form": RegistrationUploadForm(),
    })  # fmt: skip


@login_required
@require_POST
def upload_confirm(request, pk: int):
    registration = editable(request, pk)
    try:
        staged = uploads.peek_upload(request, request.POST.get("token", ""), UPLOAD_KIND)
        if staged.meta.get("registration") != registration.pk:  # a file checked for another registration
            raise uploads.UploadExpired
        staged = uploads.take_upload(request, staged.token, UPLOAD_KIND)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect("emulation_tools:upload", pk=registration.pk)
    try:
        result, parsed = import_registration(str(staged.path), registration, by=request.user)
    finally:
        staged.path.unlink(missing_ok=True)
    if not result.written:
        return render(request, "registrations/emulation_upload_preview.html", {
            "registration": registration, "filename": staged.filename, "result": result, "parsed": parsed,
            "token": "", "errors": result.errors[:ERRORS_SHOWN],
            "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0), "form": RegistrationUploadForm(),
        })  # fmt: skip
    messages.success(request, _("Đã nhập đăng ký từ tệp “%(file)s”: %(targets)s danh hiệu tập thể, %(people)s dòng "
                                "cá nhân.") % {"file": staged.filename, "targets": len(parsed.targets),
                                               "people": len(parsed.people)})  # fmt: skip
    for warning in parsed.warnings:
        messages.warning(request, warning)
    return redirect("emulation:registration-detail", pk=registration.pk)


@login_required
@require_GET
def upload_template(request, pk: int):
    registration = editable(request, pk)
    return xlsx_response(template_workbook(registration),
                         f"dang-ky-thi-dua-{registration.year}-{registration.unit.code}.xlsx")  # fmt: skip

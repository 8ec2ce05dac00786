"""The permanent record's history from Excel: the template, the upload checked in full (every error by row and
column, the rows as understood), the confirmation that enters every row or nothing. The file waits between the
preview and the confirmation as a staged upload (``thidua.core.uploads``), with the unit it was checked for."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import uploads
from thidua.core.scoping import get_for_user
from thidua.core.xlsx import xlsx_response
from thidua.orgs.models import Unit

from . import permissions
from .forms import HistoryUploadForm, reward_units
from .imports import KIND, import_history, template

ERRORS_SHOWN = 500


def _allowed(request) -> None:
    if not reward_units(request.user).exists():
        raise PermissionDenied


def _page(request, form, status: int = 200, **context):
    return render(request, "rewards/history_import.html", {"form": form, **context}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def history_import(request):
    _allowed(request)
    form = HistoryUploadForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST":
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            file, unit = form.cleaned_data["file"], form.cleaned_data["unit"]
            token, path = uploads.stage_upload(request, file, kind=KIND, filename=file.name, unit=unit.pk)
            result = import_history(str(path), by=request.user, unit=unit, dry_run=True)
            if not result.ok:
                uploads.drop_upload(request, token, KIND)
            return _page(request, form, result=result, filename=file.name, token=token if result.ok else "",
                         unit=unit, errors=result.errors[:ERRORS_SHOWN],
                         errors_hidden=max(len(result.errors) - ERRORS_SHOWN, 0))  # fmt: skip
        return _page(request, form, status=400)
    return _page(request, form)


@login_required
@require_POST
def history_import_confirm(request):
    _allowed(request)
    try:
        staged = uploads.take_upload(request, request.POST.get("token", ""), KIND)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect("rewards:history-import")
    try:
        unit = get_for_user(Unit, request.user, pk=int(staged.meta.get("unit") or 0))
        if not permissions.can_import_history(request.user, unit):
            raise PermissionDenied
        result = import_history(str(staged.path), by=request.user, unit=unit)
    finally:
        staged.path.unlink(missing_ok=True)
    if not result.written:
        form = HistoryUploadForm(user=request.user, initial={"unit": unit.pk})
        return _page(request, form, result=result, filename=staged.filename, token="", unit=unit,
                     errors=result.errors[:ERRORS_SHOWN])  # fmt: skip
    messages.success(request, _("Đã nhập tệp “%(file)s”: %(n)s khen thưởng vào quá trình khen thưởng.") % {
        "file": staged.filename, "n": result.created})  # fmt: skip
    return redirect(f"{redirect('rewards:record-list').url}?unit={unit.pk}")


@login_required
@require_GET
def history_import_template(request):
    _allowed(request)
    return xlsx_response(template(), "qua-trinh-khen-thuong-mau.xlsx")

"""Import of an enterprise list (.xlsx from the tax or planning office): upload, see it checked (a preview, counts,
every error by row and column), confirm. The file waits between the preview and the confirmation as a staged upload
(``thidua.core.uploads``: a token bound to the uploader's session and to this import, with the chosen upper-level
union); the confirmation writes all or nothing through ``actions.upsert_enterprises``."""

from __future__ import annotations

from pathlib import Path

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

from ..forms import UnitChoiceField, upper_units_for
from ..imports import import_enterprises, template
from ..permissions import MANAGE

UPLOAD_KIND = "enterprises.import"
ERRORS_SHOWN = 500
ACCEPTED = (".xlsx", ".xlsm", ".xls", ".ods")


class UploadForm(BaseForm):
    upper_unit = UnitChoiceField(label=gettext_lazy("Công đoàn cấp trên theo dõi"), queryset=None,
                                 help_text=gettext_lazy("Cho các dòng không ghi cột “Mã CĐ cấp trên”."))  # fmt: skip
    file = forms.FileField(label=gettext_lazy("Tệp Excel"),
                           help_text=gettext_lazy("Tệp .xlsx (Excel 2007 trở đi); tệp .xls cũ và .ods cũng đọc được."),
                           widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}))  # fmt: skip

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["upper_unit"].queryset = upper_units_for(user, MANAGE)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED:
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."))
        return upload


def _form(request, data=None, files=None, **kwargs) -> UploadForm:
    form = UploadForm(data, files, user=request.user, **kwargs)
    if not form.fields["upper_unit"].queryset.exists():
        raise PermissionDenied
    return form


@login_required
@require_http_methods(["GET", "POST"])
def import_upload(request):
    initial = {}
    raw = request.GET.get("upper", "")
    if raw.isdigit():
        initial["upper_unit"] = int(raw)
    form = _form(request, request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST":
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            return _check(request, form)
    return render(request, "enterprises/import_upload.html", {"form": form})


def _check(request, form: UploadForm):
    upload, upper = form.cleaned_data["file"], form.cleaned_data["upper_unit"]
    token, path = uploads.stage_upload(
        request, upload, kind=UPLOAD_KIND, filename=upload.name, upper=upper.pk
    )
    result = import_enterprises(str(path), by=request.user, upper_unit=upper, dry_run=True)
    if not result.ok:
        uploads.drop_upload(request, token, UPLOAD_KIND)
        token = ""
    return _preview(request, result, upload.name, token, upper)


def _preview(request, result, filename: str, token: str, upper):
    return render(request, "enterprises/import_preview.html", {
        "result": result, "filename": filename, "token": token, "upper": upper,
        "errors": result.errors[:ERRORS_SHOWN], "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0),
        "form": _form(request, initial={"upper_unit": upper.pk}),
    })  # fmt: skip


@login_required
@require_POST
def import_confirm(request):
    form = _form(request)
    try:
        staged = uploads.take_upload(request, request.POST.get("token", ""), UPLOAD_KIND)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect("enterprises:import-upload")
    upper = form.fields["upper_unit"].queryset.filter(pk=staged.meta.get("upper")).first()
    if upper is None:
        staged.path.unlink(missing_ok=True)
        raise PermissionDenied
    try:
        result = import_enterprises(str(staged.path), by=request.user, upper_unit=upper)
    finally:
        staged.path.unlink(missing_ok=True)
    if not result.written:
        return _preview(request, result, staged.filename, "", upper)
    messages.success(request, _("Đã nhập tệp “%(file)s”: %(new)s doanh nghiệp mới, %(updated)s doanh nghiệp cập nhật, "
                                "%(same)s không đổi.") % {"file": staged.filename, "new": result.created,
                                                           "updated": result.updated, "same": result.unchanged})  # fmt: skip
    for note in result.notes:
        messages.info(request, note)
    return redirect(f"{_list_url()}?upper={upper.pk}")


def _list_url() -> str:
    from django.urls import reverse

    return reverse("enterprises:enterprise-list")


@login_required
@require_GET
def import_template(request):
    _form(request)
    return xlsx_response(template(), "mau-danh-sach-doanh-nghiep.xlsx")

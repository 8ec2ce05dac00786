"""The pages of an import on the kit: the template download, the upload checked in full (a dry run: every error by
row and column, the rows as understood), the confirmation that writes every row or nothing. The file waits between
the check and the confirmation as a staged upload (``thidua.core.uploads``: bound to the uploader's session and to
this import). An app declares an ``ImportPages`` and adds its three routes with ``routes(prefix)``."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import URLPattern, path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import uploads
from thidua.core.forms import BaseForm
from thidua.core.xlsx import xlsx_response

from .results import ImportResult

ACCEPTED = (".xlsx", ".xlsm", ".xls", ".ods")
ERRORS_SHOWN = 500


class SpreadsheetUploadForm(BaseForm):
    file = forms.FileField(
        label=gettext_lazy("Tệp Excel"),
        help_text=gettext_lazy(
            "Tệp .xlsx theo mẫu, mỗi dòng một bản ghi; tệp .xls cũ và .ods cũng đọc được."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(ACCEPTED)}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if Path(upload.name).suffix.lower() not in ACCEPTED:
            raise forms.ValidationError(_("Chỉ nhận tệp Excel (.xlsx, .xls) hoặc .ods."))
        return upload


@dataclass(frozen=True)
class ImportPages:
    """One import's pages. ``run(path, by=, dry_run=)`` checks (and unless ``dry_run`` writes) a file; ``template(by)``
    is the template's bytes; ``allowed(user)`` who may use it (403 for others). URLs are names (``app:view``)."""

    kind: str
    heading: Any
    list_label: Any
    list_url: str
    start_url: str
    confirm_url: str
    template_url: str
    template_filename: str
    first_step: Any
    run: Callable[..., ImportResult]
    template: Callable[[Any], bytes]
    allowed: Callable[[Any], bool]

    def _check_allowed(self, request: HttpRequest) -> None:
        if not self.allowed(request.user):
            raise PermissionDenied

    def _page(self, request: HttpRequest, *, status: int = 200, **context: Any) -> HttpResponse:
        return render(request, "core/spreadsheet_import.html", {
            "heading": self.heading, "list_label": self.list_label, "list_url": reverse(self.list_url),
            "start_url": reverse(self.start_url), "confirm_url": reverse(self.confirm_url),
            "template_url": reverse(self.template_url), "steps": [self.first_step],
            "form": context.pop("form", SpreadsheetUploadForm()), **context,
        }, status=status)  # fmt: skip

    def _checked(self, request: HttpRequest, result: ImportResult, filename: str, token: str) -> HttpResponse:
        return self._page(request, result=result, filename=filename, token=token if result.ok else "",
                          errors=result.errors[:ERRORS_SHOWN],
                          errors_hidden=max(len(result.errors) - ERRORS_SHOWN, 0))  # fmt: skip

    def upload(self, request: HttpRequest) -> HttpResponse:
        self._check_allowed(request)
        form = SpreadsheetUploadForm(request.POST or None, request.FILES or None)
        if request.method != "POST":
            return self._page(request, form=form)
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            file = form.cleaned_data["file"]
            token, path = uploads.stage_upload(request, file, kind=self.kind, filename=file.name)
            result = self.run(str(path), by=request.user, dry_run=True)
            if not result.ok:
                uploads.drop_upload(request, token, self.kind)
            return self._checked(request, result, file.name, token)
        return self._page(request, form=form, status=400)

    def confirm(self, request: HttpRequest) -> HttpResponse:
        self._check_allowed(request)
        try:
            staged = uploads.take_upload(request, request.POST.get("token", ""), self.kind)
        except uploads.UploadExpired as exc:
            messages.error(request, exc.message)
            return redirect(self.start_url)
        try:
            result = self.run(str(staged.path), by=request.user)
        finally:
            staged.path.unlink(missing_ok=True)
        if not result.written:
            return self._checked(request, result, staged.filename, "")
        messages.success(request, _("Đã nhập tệp “%(file)s”: ghi %(n)s %(noun)s.") % {
            "file": staged.filename, "n": result.created, "noun": result.noun})  # fmt: skip
        return redirect(self.list_url)

    def download_template(self, request: HttpRequest) -> HttpResponse:
        self._check_allowed(request)
        return xlsx_response(self.template(request.user), self.template_filename)

    def routes(self, prefix: str) -> list[URLPattern]:
        """The three routes under ``prefix`` (e.g. ``"nhap-excel/"``): the upload, ``xac-nhan/`` and ``tep-mau/``,
        named after ``start_url``, ``confirm_url`` and ``template_url`` (without their namespace); signed in only."""

        def name(url: str) -> str:
            return url.rsplit(":", 1)[-1]

        return [
            path(prefix, login_required(require_http_methods(["GET", "POST"])(self.upload)),
                 name=name(self.start_url)),
            path(f"{prefix}xac-nhan/", login_required(require_POST(self.confirm)), name=name(self.confirm_url)),
            path(f"{prefix}tep-mau/", login_required(require_GET(self.download_template)),
                 name=name(self.template_url)),
        ]  # fmt: skip

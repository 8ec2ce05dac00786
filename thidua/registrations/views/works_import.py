"""Research topics and congress works from Excel: the template (with the uploader's units in a drop-down), the
upload checked in full (every error by row and column, the rows as understood), the confirmation that registers
every row or nothing. The file waits between the preview and the confirmation as a staged upload
(``thidua.core.uploads``: a token bound to the uploader's session and to this import)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import uploads
from thidua.core.xlsx import xlsx_response

from ..forms_works import units_for_registering
from ..works_import import TOPICS, WORKS, import_file, template
from .works_import_form import WorksUploadForm

ERRORS_SHOWN = 500
PAGES = {  # kind -> (list url, this import's url names, heading, template file name)
    TOPICS: ("works:topic-list", "works:topic-import", "works:topic-import-confirm", "works:topic-import-template",
             "de-tai-nghien-cuu-khoa-hoc.xlsx"),
    WORKS: ("works:work-list", "works:work-import", "works:work-import-confirm", "works:work-import-template",
            "cong-trinh-chao-mung-dai-hoi.xlsx"),
}  # fmt: skip


def _headings(kind: str) -> str:
    if kind == TOPICS:
        return _("Nhập đề tài nghiên cứu khoa học từ Excel")
    return _("Nhập công trình, sản phẩm chào mừng Đại hội từ Excel")


def _allowed(request) -> None:
    """Only those who may register topics and works somewhere (officers and leaders)."""
    if not units_for_registering(request.user).exists():
        raise PermissionDenied


def _page(request, kind: str, **context):
    list_url, start, confirm, template_url, _file = PAGES[kind]
    status = context.pop("status", 200)
    return render(request, "core/spreadsheet_import.html", {
        "kind": kind, "heading": _headings(kind),
        "list_label": _("Đề tài nghiên cứu khoa học") if kind == TOPICS else _("Công trình, sản phẩm chào mừng Đại hội"),
        "list_url": reverse(list_url), "start_url": reverse(start), "confirm_url": reverse(confirm),
        "template_url": reverse(template_url),
        "steps": [_("Tải tệp mẫu: mỗi dòng một bản ghi; cột “Đơn vị” chọn trong danh sách các đơn vị bạn được đăng ký "
                    "(hoặc ghi mã đơn vị); sheet “Hướng dẫn” giải thích từng cột.")],
        "form": context.pop("form", WorksUploadForm()), **context,
    }, status=status)  # fmt: skip


def _checked(request, kind: str, result, filename: str, token: str):
    return _page(request, kind, result=result, filename=filename, token=token if result.ok else "",
                 errors=result.errors[:ERRORS_SHOWN],
                 errors_hidden=max(len(result.errors) - ERRORS_SHOWN, 0))  # fmt: skip


def _upload(request, kind: str):
    _allowed(request)
    form = WorksUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            file = form.cleaned_data["file"]
            token, path = uploads.stage_upload(request, file, kind=kind, filename=file.name)
            result = import_file(kind, str(path), by=request.user, dry_run=True)
            if not result.ok:
                uploads.drop_upload(request, token, kind)
            return _checked(request, kind, result, file.name, token)
        return _page(request, kind, form=form, status=400)
    return _page(request, kind, form=form)


def _confirm(request, kind: str):
    _allowed(request)
    try:
        staged = uploads.take_upload(request, request.POST.get("token", ""), kind)
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect(PAGES[kind][1])
    try:
        result = import_file(kind, str(staged.path), by=request.user)
    finally:
        staged.path.unlink(missing_ok=True)
    if not result.written:
        return _checked(request, kind, result, staged.filename, "")
    messages.success(request, _("Đã nhập tệp “%(file)s”: %(n)s %(noun)s được đăng ký.") % {
        "file": staged.filename, "n": result.created, "noun": result.noun})  # fmt: skip
    return redirect(PAGES[kind][0])


def _template(request, kind: str):
    _allowed(request)
    return xlsx_response(template(kind, request.user), PAGES[kind][4])


@login_required
@require_http_methods(["GET", "POST"])
def topic_import(request):
    return _upload(request, TOPICS)


@login_required
@require_POST
def topic_import_confirm(request):
    return _confirm(request, TOPICS)


@login_required
@require_GET
def topic_import_template(request):
    return _template(request, TOPICS)


@login_required
@require_http_methods(["GET", "POST"])
def work_import(request):
    return _upload(request, WORKS)


@login_required
@require_POST
def work_import_confirm(request):
    return _confirm(request, WORKS)


@login_required
@require_GET
def work_import_template(request):
    return _template(request, WORKS)

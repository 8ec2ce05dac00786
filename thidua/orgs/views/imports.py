"""Import pages: upload a file, see it checked (a preview of the first rows, counts, every error by row and column),
confirm, and watch the import run as a task. Templates for download.

The flow is the staged-upload kit's (``thidua.core.uploads``): the upload is capped while it streams in, then waits for
confirmation under a token bound to the uploader's session and to the kind of import; it is removed once imported.
"""

from __future__ import annotations

from pathlib import Path

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import uploads
from thidua.core.models import Task
from thidua.core.scoping import has_perm
from thidua.core.spreadsheets import CellError, ImportResult, read_sheets
from thidua.core.spreadsheets.layout import find_layout
from thidua.core.tasks import TaskError, start_task
from thidua.core.xlsx import xlsx_response

from .. import permissions
from ..imports import import_people, import_units
from ..imports import people as people_layout
from ..imports import units as units_layout
from ..imports.forms import ImportUploadForm
from ..imports.templates import template_filename, template_workbook

IMPORTERS = {"people": import_people, "units": import_units}
PERMISSIONS = {"people": permissions.MANAGE_PEOPLE, "units": permissions.MANAGE_UNITS}
COLUMNS = {"people": people_layout.COLUMNS, "units": units_layout.COLUMNS}
ERRORS_SHOWN = 1000


def upload_kind(kind: str) -> str:
    """The staged-upload kind of an import of ``kind`` (a token of one import is refused by the other)."""
    return f"orgs.import_{kind}"


def kinds_for(user) -> list[str]:
    """What the user may import: units where they manage units, people where they manage people."""
    return [kind for kind, perm in PERMISSIONS.items() if has_perm(user, perm)]


def _title(kind: str, filename: str) -> str:
    if kind == "units":
        return _("Nhập đơn vị từ “%(file)s”") % {"file": filename}
    return _("Nhập người lao động từ “%(file)s”") % {"file": filename}


@login_required
def import_start(request):
    kinds = kinds_for(request.user)
    if not kinds:
        raise Http404
    initial_kind = request.GET.get("kind") if request.GET.get("kind") in kinds else kinds[0]
    if request.method == "POST":
        form = ImportUploadForm(request.POST, request.FILES, kinds=kinds)
        if uploads.upload_refused(request):
            form.is_valid()
            form.errors["file"] = form.error_class([uploads.too_large_message()])
        elif form.is_valid():
            return _check_upload(request, form.cleaned_data["kind"], form.cleaned_data["file"])
    else:
        form = ImportUploadForm(kinds=kinds, initial={"kind": initial_kind})
    recent = Task.objects.filter(created_by=request.user, kind__startswith="orgs.import_")[:5]
    return render(request, "orgs/import_start.html", {"form": form, "kinds": kinds, "recent": recent})


def _check_upload(request, kind: str, upload):
    token, path = uploads.stage_upload(request, upload, kind=upload_kind(kind), filename=upload.name)
    result = IMPORTERS[kind](str(path), by=request.user, dry_run=True)
    hint = _other_kind_hint(kind, path, result)
    if not result.ok:
        uploads.drop_upload(request, token, upload_kind(kind))
        token = ""
    return render(
        request,
        "orgs/import_preview.html",
        {
            "kind": kind,
            "filename": upload.name,
            "result": result,
            "token": token,
            "errors": result.errors[:ERRORS_SHOWN],
            "errors_hidden": max(len(result.errors) - ERRORS_SHOWN, 0),
            "hint": hint,
            "form": ImportUploadForm(kinds=kinds_for(request.user), initial={"kind": kind}),
        },
    )


def _other_kind_hint(kind: str, path: Path, result) -> str:
    """When no header row was found, say so if the file looks like the other kind of list."""
    if result.ok or any(e["row"] for e in result.errors):
        return ""
    other = "units" if kind == "people" else "people"
    try:
        sheets = read_sheets(str(path))
    except CellError:
        return ""
    probe = ImportResult(kind=other)
    if find_layout(sheets, COLUMNS[other], probe) is None or probe.errors:
        return ""
    if other == "units":
        return _("Tệp này có vẻ là danh sách đơn vị: hãy chọn “Đơn vị (tổ chức công đoàn)” rồi tải lên lại.")
    return _(
        "Tệp này có vẻ là danh sách người lao động: hãy chọn “Người lao động, đoàn viên” rồi tải lên lại."
    )


@login_required
@require_POST
def import_confirm(request):
    kind = request.POST.get("kind", "")
    if kind not in kinds_for(request.user):
        raise Http404
    try:
        staged = uploads.take_upload(request, request.POST.get("token", ""), upload_kind(kind))
    except uploads.UploadExpired as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('orgs:import-start')}?kind={kind}")
    task = start_task(
        upload_kind(kind),
        _title(kind, staged.filename),
        run_import_task,
        kind,
        str(staged.path),
        request.user.pk,
        by=request.user,
    )
    return redirect("orgs:import-status", pk=task.pk)


def run_import_task(kind: str, path: str, user_id: int, *, progress) -> dict:
    """The task behind "Xác nhận nhập": the whole import in one transaction; the file is removed afterwards."""
    user = get_user_model().objects.get(pk=user_id)
    try:
        result = IMPORTERS[kind](path, by=user, progress=progress)
    finally:
        Path(path).unlink(missing_ok=True)
    if not result.ok:
        raise TaskError(
            _("Tệp có %(n)d lỗi (dữ liệu đã thay đổi từ lúc kiểm tra?): chưa nhập gì.")
            % {"n": len(result.errors)},
            details=result.error_lines()[:200],
        )
    return result.as_dict()


@login_required
def import_status(request, pk: int):
    task = get_object_or_404(Task, pk=pk, created_by=request.user, kind__startswith="orgs.import_")
    kind = task.kind.removeprefix("orgs.import_")
    next_url = reverse("orgs:person-list") if kind == "people" else reverse("orgs:unit-tree")
    return render(request, "orgs/import_status.html", {"task": task, "kind": kind, "next_url": next_url})


@login_required
def import_template(request, kind: str):
    if kind not in IMPORTERS:
        raise Http404
    return xlsx_response(template_workbook(kind), template_filename(kind))

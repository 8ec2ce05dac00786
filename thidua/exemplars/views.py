"""Pages of the exemplars (/dien-hinh-tien-tien/) and the public honour board (/bang-vang/<code>/<year>/).

Reads go through ``visible_to`` / ``get_for_user`` (404 outside); every write through one action of
``exemplars.actions``. The public page needs no login and shows only a published board's published entries: names,
unit, movement, story and photos — an unknown or unpublished board is 404."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core import attachments as kit
from thidua.core.audit import history_of
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, own_paths, scope_roots
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs.models import Unit

from . import actions, forms, permissions
from .models import Exemplar, ExemplarKind, HonourBoard, Replication
from .queries import (
    board_entries,
    exemplars_for,
    photos_of,
    public_board,
    public_photo,
    replications_for,
    replications_of,
)

PER_PAGE = 50


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _own_units_where(user, check) -> list[Unit]:
    return [u for u in Unit.objects.filter(path__in=own_paths(user)).order_by("path") if check(user, u)]


def _filters(request) -> dict:
    kind = request.GET.get("kind", "")
    return {"year": _int(request.GET.get("year")), "kind": kind if kind in ExemplarKind.values else "",
            "q": request.GET.get("q", "").strip()}  # fmt: skip


# --- exemplary models -------------------------------------------------------------------------------------------


@login_required
@require_GET
def exemplar_list(request):
    filters = _filters(request)
    page = page_of(request, exemplars_for(request.user, **filters), PER_PAGE)
    return render(request, "exemplars/exemplar_list.html", {
        "page": page, "filters": filters, "kinds": ExemplarKind.choices,
        "units": _own_units_where(request.user, permissions.can_recognise),
    })  # fmt: skip


EXEMPLAR_COLUMNS = [
    XlsxColumn(_("Năm"), 8), XlsxColumn(_("Loại"), 24), XlsxColumn(_("Cá nhân, tập thể"), 30),
    XlsxColumn(_("Đơn vị công tác"), 36), XlsxColumn(_("Phong trào thi đua"), 40), XlsxColumn(_("Tiêu đề"), 36),
    XlsxColumn(_("Câu chuyện, thành tích"), 60, wrap=True), XlsxColumn(_("Đơn vị công nhận"), 36),
    XlsxColumn(_("Ngày công nhận"), 14), XlsxColumn(_("Hình thức công nhận"), 36),
    XlsxColumn(_("Quyết định khen thưởng"), 18), XlsxColumn(_("Số đơn vị nhân rộng"), 12),
    XlsxColumn(_("Công khai"), 10),
]  # fmt: skip


def _exemplar_row(e: Exemplar) -> list:
    return [e.year, e.get_kind_display(), e.name, e.workplace, str(e.movement) if e.movement_id else "", e.title,
            e.story, e.unit.name, e.recognised_on, e.recognition, e.decision.reference if e.decision_id else "",
            e.replication_count, _("Có") if e.published else ""]  # type: ignore[attr-defined]  # fmt: skip


@login_required
@require_GET
def exemplar_export(request):
    filters = _filters(request)
    book = new_workbook()
    add_table_sheet(book, _("Điển hình tiên tiến"), EXEMPLAR_COLUMNS,
                    (_exemplar_row(e) for e in exemplars_for(request.user, **filters).iterator(chunk_size=500)),
                    heading=[_("Danh sách điển hình tiên tiến, gương người tốt việc tốt")])  # fmt: skip
    return xlsx_response(workbook_bytes(book), "dien-hinh-tien-tien.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_create(request, unit_pk: int):
    unit = get_for_user(Unit, request.user, pk=unit_pk)
    if not permissions.can_recognise(request.user, unit):
        raise PermissionDenied
    search = request.GET.get("q", "").strip()
    form = forms.ExemplarForm(request.POST or None, unit=unit, search=search)
    if request.method == "POST" and form.is_valid():
        try:
            exemplar = actions.create_exemplar(unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi nhận điển hình."))
            return redirect(exemplar.get_absolute_url())
    return render(request, "exemplars/exemplar_form.html", {
        "form": form, "unit": unit, "search": search, "heading": _("Ghi nhận điển hình tiên tiến"),
        "back_url": reverse("exemplars:exemplar-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _exemplar_for(request, pk: int) -> Exemplar:
    return get_for_user(Exemplar.objects.select_related("unit", "movement__plan", "decision__register", "person",
                                                        "collective"), request.user, pk=pk)  # fmt: skip


@login_required
@require_GET
def exemplar_detail(request, pk: int):
    exemplar = _exemplar_for(request, pk)
    can_edit = permissions.can_edit_exemplar(request.user, exemplar)
    adopt_units = [u for u in _own_units_where(request.user, lambda user, u: permissions.can_record_replication(
        user, exemplar, u))]  # fmt: skip
    return render(request, "exemplars/exemplar_detail.html", {
        "exemplar": exemplar, "can_edit": can_edit, "photos": photos_of([exemplar])[exemplar.pk],
        "replications": list(replications_of(request.user, exemplar)),
        "can_replicate": exemplar.archived_at is None and (can_edit or bool(adopt_units)),
        "photo_form": forms.PhotoForm() if can_edit else None, "history": list(history_of(exemplar)[:50]),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def exemplar_update(request, pk: int):
    exemplar = _exemplar_for(request, pk)
    if not permissions.can_edit_exemplar(request.user, exemplar):
        raise PermissionDenied
    search = request.GET.get("q", "").strip()
    initial = {f: getattr(exemplar, f) for f in actions.EXEMPLAR_EDITABLE}
    form = forms.ExemplarForm(request.POST or None, unit=exemplar.unit, search=search, initial=initial,
                              editing_person=exemplar.person)  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_exemplar(exemplar, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(exemplar.get_absolute_url())
    return render(request, "exemplars/exemplar_form.html", {
        "form": form, "unit": exemplar.unit, "search": search, "heading": _("Sửa điển hình"),
        "back_url": exemplar.get_absolute_url(),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def exemplar_archive(request, pk: int):
    exemplar = _exemplar_for(request, pk)
    if not permissions.can_edit_exemplar(request.user, exemplar):
        raise PermissionDenied
    form = forms.ArchiveForm(request.POST)
    form.is_valid()
    actions.archive_exemplar(exemplar, by=request.user, reason=form.cleaned_data.get("reason", ""))
    messages.success(request, _("Đã lưu trữ điển hình."))
    return redirect("exemplars:exemplar-list")


@login_required
@require_POST
def photo_add(request, pk: int):
    exemplar = _exemplar_for(request, pk)
    if not permissions.can_edit_exemplar(request.user, exemplar):
        raise PermissionDenied
    form = forms.PhotoForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            actions.add_photo(exemplar, form.cleaned_data["file"], by=request.user,
                              description=form.cleaned_data.get("description", ""))  # fmt: skip
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(request, _("Đã thêm ảnh."))
    else:
        for errors in form.errors.values():
            for message in errors:
                messages.error(request, message)
    return redirect(exemplar.get_absolute_url())


# --- replication ------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def replication_create(request, pk: int):
    exemplar = _exemplar_for(request, pk)
    if exemplar.archived_at is not None:
        raise Http404
    roots = scope_roots(request.user, permissions.MANAGE_EXEMPLARS)
    units = Unit.objects.active().order_by("path")
    if roots is not None:
        from thidua.core.scoping import subtree_q

        units = units.filter(subtree_q("path", roots))
    if not units.exists():
        raise PermissionDenied
    form = forms.ReplicationForm(request.POST or None, units=units)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        try:
            actions.record_replication(exemplar, unit, by=request.user, **data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi nhận đơn vị nhân rộng điển hình."))
            return redirect(exemplar.get_absolute_url())
    return render(request, "exemplars/form.html", {
        "form": form, "heading": _("Ghi nhận nhân rộng: %(name)s") % {"name": exemplar.name},
        "back_url": exemplar.get_absolute_url(),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _replication_for(request, pk: int) -> Replication:
    replication = get_for_user(
        Replication.objects.select_related("unit", "exemplar__unit"), request.user, pk=pk
    )
    if not permissions.can_edit_replication(request.user, replication):
        raise PermissionDenied
    return replication


@login_required
@require_http_methods(["GET", "POST"])
def replication_update(request, pk: int):
    replication = _replication_for(request, pk)
    initial = {f: getattr(replication, f) for f in actions.REPLICATION_EDITABLE}
    form = forms.ReplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_replication(replication, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect(replication.exemplar.get_absolute_url())
    return render(request, "exemplars/form.html", {
        "form": form, "heading": _("Nhân rộng điển hình tại %(unit)s") % {"unit": replication.unit.name},
        "back_url": replication.exemplar.get_absolute_url(),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def replication_archive(request, pk: int):
    replication = _replication_for(request, pk)
    form = forms.ArchiveForm(request.POST)
    form.is_valid()
    actions.archive_replication(replication, by=request.user, reason=form.cleaned_data.get("reason", ""))
    messages.success(request, _("Đã lưu trữ."))
    return redirect(replication.exemplar.get_absolute_url())


REPLICATION_COLUMNS = [
    XlsxColumn(_("Năm"), 8), XlsxColumn(_("Điển hình"), 30), XlsxColumn(_("Đơn vị công nhận"), 36),
    XlsxColumn(_("Đơn vị nhân rộng"), 36), XlsxColumn(_("Áp dụng từ ngày"), 14),
    XlsxColumn(_("Kết quả"), 60, wrap=True), XlsxColumn(_("Số người tham gia"), 12),
    XlsxColumn(_("Giá trị làm lợi (đồng)"), 16),
]  # fmt: skip


@login_required
@require_GET
def replication_list(request):
    year = _int(request.GET.get("year"))
    page = page_of(request, replications_for(request.user, year=year), PER_PAGE)
    return render(request, "exemplars/replication_list.html", {"page": page, "year": year})


@login_required
@require_GET
def replication_export(request):
    year = _int(request.GET.get("year"))
    rows = ([r.exemplar.year, r.exemplar.name, r.exemplar.unit.name, r.unit.name, r.since, r.result,
             r.participants, r.benefit] for r in replications_for(request.user, year=year).iterator(chunk_size=500))  # fmt: skip
    book = new_workbook()
    add_table_sheet(book, _("Nhân rộng điển hình"), REPLICATION_COLUMNS, rows,
                    heading=[_("Các đơn vị nhân rộng điển hình tiên tiến")])  # fmt: skip
    return xlsx_response(workbook_bytes(book), "nhan-rong-dien-hinh.xlsx")


# --- honour boards ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def board_list(request):
    boards = (
        HonourBoard.objects.visible_to(request.user).filter(archived_at__isnull=True).select_related("unit")
    )
    return render(request, "exemplars/board_list.html", {
        "boards": list(boards.order_by("-year", "unit__path")),
        "units": _own_units_where(request.user, permissions.can_recognise),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def board_create(request, unit_pk: int):
    unit = get_for_user(Unit, request.user, pk=unit_pk)
    if not permissions.can_recognise(request.user, unit):
        raise PermissionDenied
    form = forms.BoardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            board = actions.create_board(unit, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã tạo bảng vàng."))
            return redirect("exemplars:board-detail", pk=board.pk)
    return render(request, "exemplars/form.html", {
        "form": form, "heading": _("Bảng vàng của %(unit)s") % {"unit": unit.name},
        "back_url": reverse("exemplars:board-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _board_for(request, pk: int) -> HonourBoard:
    return get_for_user(HonourBoard.objects.select_related("unit").filter(archived_at__isnull=True), request.user,
                        pk=pk)  # fmt: skip


@login_required
@require_GET
def board_detail(request, pk: int):
    board = _board_for(request, pk)
    entries = list(board_entries(board))
    photos = photos_of(entries)
    return render(request, "exemplars/board_detail.html", {
        "board": board, "entries": [(e, photos[e.pk]) for e in entries],
        "can_manage": permissions.can_manage_board(request.user, board),
        "public_url": reverse("exemplars:public-board", args=[board.unit.code, board.year]),
    })  # fmt: skip


@login_required
@require_GET
def board_export(request, pk: int):
    board = _board_for(request, pk)
    book = new_workbook()
    rows = ([e.year, e.get_kind_display(), e.name, e.workplace, str(e.movement) if e.movement_id else "", e.title,
             e.story, e.unit.name, e.recognised_on, e.recognition, "", len(e.replications.all()),
             _("Có") if e.published else ""] for e in board_entries(board))  # fmt: skip
    add_table_sheet(book, _("Bảng vàng"), EXEMPLAR_COLUMNS, rows, heading=[board.title])
    return xlsx_response(workbook_bytes(book), f"bang-vang-{board.unit.code}-{board.year}.xlsx")


@login_required
@require_http_methods(["GET", "POST"])
def board_update(request, pk: int):
    board = _board_for(request, pk)
    if not permissions.can_manage_board(request.user, board):
        raise PermissionDenied
    form = forms.BoardForm(request.POST or None, editing=True, initial={
        "title": board.title, "introduction": board.introduction, "published": board.published})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_board(board, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu."))
            return redirect("exemplars:board-detail", pk=board.pk)
    return render(request, "exemplars/form.html", {
        "form": form, "heading": board.title, "back_url": reverse("exemplars:board-detail", args=[board.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def board_archive(request, pk: int):
    board = _board_for(request, pk)
    if not permissions.can_manage_board(request.user, board):
        raise PermissionDenied
    form = forms.ArchiveForm(request.POST)
    form.is_valid()
    actions.archive_board(board, by=request.user, reason=form.cleaned_data.get("reason", ""))
    messages.success(request, _("Đã lưu trữ bảng vàng."))
    return redirect("exemplars:board-list")


# --- the public page --------------------------------------------------------------------------------------------


@require_GET
def public_board_page(request, code: str, year: int):
    board = public_board(code, year)
    entries = list(board_entries(board, public=True))
    photos = photos_of(entries)
    return render(request, "exemplars/public_board.html", {
        "board": board, "entries": [(e, photos[e.pk]) for e in entries],
    })  # fmt: skip


@require_GET
def public_photo_file(request, code: str, year: int, pk: int):
    board = public_board(code, year)
    photo = public_photo(board, pk)
    response = FileResponse(kit.storage().open(photo.stored_name, "rb"), content_type=photo.mime)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "public, max-age=3600"
    return response

"""Pages of activities (/hoat-dong/): the list with its filters, totals and .xlsx export, one activity with its
photos, the form. Reads through ``visible_to`` / ``get_for_user`` (404 outside); writes through one action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.audit import history_of
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.core.spreadsheets.pages import ImportPages
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs.models import Unit

from . import actions, forms, imports, permissions
from .models import Activity, ActivityKind
from .queries import ActivityFilters, activities_for_list, activity_totals, years_of

PAGE_SIZE = 50


def _unit_filter(request) -> Unit | None:
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_for_user(Unit, request.user, pk=int(raw))


@login_required
@require_GET
def activity_list(request):
    unit = _unit_filter(request)
    filters = ActivityFilters.from_values(request.GET, unit)
    activities = activities_for_list(request.user, filters)
    page = page_of(request, activities, PAGE_SIZE)
    return render(request, "activities/activity_list.html", {
        "activities": page.object_list, "page": page, "filters": filters, "unit": unit,
        "query": urlencode({k: v for k, v in request.GET.items() if k != "page"}), "kinds": ActivityKind.choices,
        "years": years_of(request.user), "totals": activity_totals(activities),
        "can_create": forms.units_for_recording(request.user).exists(),
    })  # fmt: skip


@login_required
@require_GET
def activity_export(request):
    unit = _unit_filter(request)
    activities = activities_for_list(request.user, ActivityFilters.from_values(request.GET, unit))
    columns = [
        XlsxColumn("STT", 6), XlsxColumn(_("Tên hoạt động"), 44, wrap=True), XlsxColumn(_("Loại"), 26, wrap=True),
        XlsxColumn(_("Đơn vị tổ chức"), 36, wrap=True), XlsxColumn(_("Từ ngày"), 12), XlsxColumn(_("Đến ngày"), 12),
        XlsxColumn(_("Địa điểm"), 24, wrap=True), XlsxColumn(_("Số người tham gia"), 12), XlsxColumn(_("Nữ"), 10),
        XlsxColumn(_("Kế hoạch"), 16), XlsxColumn(_("Đợt thi đua"), 30, wrap=True),
        XlsxColumn(_("Phong trào thi đua"), 40, wrap=True),
    ]  # fmt: skip

    def rows():
        for number, a in enumerate(activities, start=1):
            yield [number, a.title, a.get_kind_display(), a.unit.name, a.start_on, a.end_on, a.place, a.participants,
                   a.women, a.plan.number_display if a.plan else "", str(a.phase) if a.phase else "",
                   str(a.movement) if a.movement else ""]  # fmt: skip

    book = new_workbook()
    add_table_sheet(book, _("Hoạt động"), columns, rows(),
                    heading=[_("Danh sách hoạt động"), unit.name if unit else ""])  # fmt: skip
    return xlsx_response(workbook_bytes(book), "hoat-dong.xlsx")


def _activity_for(user, pk: int) -> Activity:
    return get_for_user(
        Activity.objects.select_related("unit", "plan", "phase", "movement", "created_by"), user, pk=pk
    )


@login_required
@require_GET
def activity_detail(request, pk: int):
    activity = _activity_for(request.user, pk)
    return render(request, "activities/activity_detail.html", {
        "activity": activity, "can_edit": permissions.can_edit_activity(request.user, activity),
        "history": list(history_of(activity)[:50]),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def activity_create(request):
    raw = request.GET.get("unit", "")
    form = forms.ActivityForm(
        request.POST or None, user=request.user, initial={"unit": raw} if raw.isdigit() else {}
    )
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            activity = actions.record_activity(
                form.cleaned_data["unit"], by=request.user, **form.action_values()
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi nhận hoạt động “%(title)s”.") % {"title": activity.title})
            return redirect("activities:activity-detail", pk=activity.pk)
    return render(request, "activities/form.html", {
        "form": form, "heading": _("Ghi nhận hoạt động"), "back_url": reverse("activities:activity-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _editable(request, pk: int) -> Activity:
    activity = _activity_for(request.user, pk)
    if not permissions.can_edit_activity(request.user, activity):
        raise PermissionDenied
    return activity


@login_required
@require_http_methods(["GET", "POST"])
def activity_update(request, pk: int):
    activity = _editable(request, pk)
    initial = {f: getattr(activity, f) for f in actions.FIELDS}
    form = forms.ActivityForm(request.POST or None, user=request.user, unit=activity.unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_activity(activity, by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu thay đổi của hoạt động."))
            return redirect("activities:activity-detail", pk=activity.pk)
    return render(request, "activities/form.html", {
        "form": form, "heading": _("Sửa hoạt động: %(title)s") % {"title": activity.title}, "unit": activity.unit,
        "back_url": reverse("activities:activity-detail", args=[activity.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def activity_archive(request, pk: int):
    activity = _editable(request, pk)
    form = forms.ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.archive_activity(activity, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu trữ hoạt động."))
            return redirect("activities:activity-detail", pk=activity.pk)
    return render(request, "activities/form.html", {
        "form": form, "heading": _("Lưu trữ hoạt động: %(title)s") % {"title": activity.title},
        "unit": activity.unit, "back_url": reverse("activities:activity-detail", args=[activity.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- activities from Excel (the spreadsheet kit) ----------------------------------------------------------------

ACTIVITY_IMPORT = ImportPages(
    kind=imports.ACTIVITIES, heading=gettext_lazy("Nhập hoạt động từ Excel"),
    list_label=gettext_lazy("Hoạt động"), list_url="activities:activity-list",
    start_url="activities:activity-import", confirm_url="activities:activity-import-confirm",
    template_url="activities:activity-import-template", template_filename="hoat-dong.xlsx",
    first_step=gettext_lazy("Tải tệp mẫu: mỗi dòng một hoạt động; cột “Đơn vị tổ chức” chọn trong danh sách các "
                            "đơn vị bạn được ghi nhận hoạt động (hoặc ghi mã đơn vị); sheet “Hướng dẫn” giải thích "
                            "từng cột."),
    run=imports.import_activities, template=imports.template,
    allowed=lambda user: forms.units_for_recording(user).exists(),
)  # fmt: skip

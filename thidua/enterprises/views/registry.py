"""The registry's pages (/doanh-nghiep/): the list with its search and filters and its .xlsx export, one enterprise
with its path, the forms, archiving. Reads through ``visible_to`` / ``get_for_user``; writes through one action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core import audit
from thidua.core.paging import page_of
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs import localities

from .. import actions
from ..forms import EnterpriseForm, upper_units_for
from ..models import OWNERSHIPS, AreaAssignment, Stage
from ..permissions import MANAGE, PIPELINE, can_edit_enterprise, can_found_union, can_manage_enterprises
from ..queries import EnterpriseFilters, enterprises_for_list, uppers_visible_to
from .common import enterprise_for, query_without, unit_param

PAGE_SIZE = 50


@login_required
@require_GET
def enterprise_list(request):
    upper = unit_param(request, "upper")
    filters = EnterpriseFilters.from_values(request.GET, upper)
    page = page_of(request, enterprises_for_list(request.user, filters), PAGE_SIZE)
    return render(request, "enterprises/enterprise_list.html", {
        "enterprises": page.object_list, "page": page, "filters": filters, "upper": upper,
        "query": query_without(request), "stages": Stage.choices, "ownerships": OWNERSHIPS,
        "uppers": uppers_visible_to(request.user),
        "can_create": upper_units_for(request.user, MANAGE).exists(),
    })  # fmt: skip


def export_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Mã số thuế"), 16, text=True), XlsxColumn(_("Tên doanh nghiệp"), 44, wrap=True),
        XlsxColumn(_("Loại hình"), 22), XlsxColumn(_("Ngành nghề"), 26), XlsxColumn(_("Số lao động"), 12),
        XlsxColumn(_("Xã/Phường, Tỉnh/Thành phố"), 36, wrap=True), XlsxColumn(_("Địa chỉ"), 36, wrap=True),
        XlsxColumn(_("Công đoàn cấp trên theo dõi"), 30, wrap=True), XlsxColumn(_("Giai đoạn"), 22),
        XlsxColumn(_("Từ ngày"), 12), XlsxColumn(_("Công đoàn cơ sở"), 36, wrap=True),
    ]  # fmt: skip


@login_required
@require_GET
def enterprise_export(request):
    """The list as the page shows it (same filters), as .xlsx: re-importable (same tax-code column)."""
    upper = unit_param(request, "upper")
    rows = enterprises_for_list(request.user, EnterpriseFilters.from_values(request.GET, upper))
    labels = dict(OWNERSHIPS)

    def lines():
        for number, e in enumerate(rows.iterator(chunk_size=1000), start=1):
            yield [number, e.tax_code, e.name, str(labels.get(e.ownership, "")), e.industry, e.workforce,
                   localities.locality(e.province_code, e.ward_code), e.address, e.upper_unit.name,
                   e.get_stage_display(), e.stage_since, e.union_unit.name if e.union_unit else ""]  # fmt: skip

    book = new_workbook()
    add_table_sheet(book, _("Doanh nghiệp"), export_columns(), lines(),
                    heading=[_("Danh sách doanh nghiệp"), upper.name if upper else ""])  # fmt: skip
    return xlsx_response(workbook_bytes(book), "danh-sach-doanh-nghiep.xlsx")


@login_required
@require_GET
def enterprise_detail(request, pk: int):
    enterprise = enterprise_for(request.user, pk)
    user = request.user
    plans = list(enterprise.recruitment_plans.prefetch_related("progress"))
    plan = plans[0] if plans else None
    recruited = sum(p.recruited for p in plan.progress.all()) if plan else 0
    return render(request, "enterprises/enterprise_detail.html", {
        "enterprise": enterprise, "locality": localities.locality(enterprise.province_code, enterprise.ward_code),
        "surveys": list(enterprise.surveys.select_related("recorded_by")), "plan": plan, "plans": plans,
        "recruited": recruited, "events": list(enterprise.events.select_related("by")),
        "officers": list(AreaAssignment.objects.filter(enterprise=enterprise).select_related("officer")),
        "inspections": list(enterprise.inspections.current()),
        "steps": [t for t in PIPELINE.available(user, enterprise) if t.name in ("pause", "resume")],
        "can_edit": can_edit_enterprise(user, enterprise), "can_found": can_found_union(user, enterprise),
        "can_survey": can_edit_enterprise(user, enterprise) and enterprise.is_open_case,
        "can_plan": can_edit_enterprise(user, enterprise) and enterprise.stage in (Stage.SURVEYED, Stage.MOBILISING),
        "can_progress": can_edit_enterprise(user, enterprise) and enterprise.stage == Stage.MOBILISING and plan,
        "can_link": PIPELINE.can(user, enterprise, "link"),
        "can_restore": enterprise.archived_at is not None and can_manage_enterprises(user, enterprise.upper_unit),
        "history": list(audit.history_of(enterprise)[:30]),
        "today": timezone.localdate(),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_create(request):
    initial = {}
    upper = unit_param(request, "upper")
    if upper is not None:
        initial["upper_unit"] = upper.pk
        initial["province_code"] = upper.province_code
    form = EnterpriseForm(request.POST or None, user=request.user, initial=initial)
    if not form.fields["upper_unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            enterprise = actions.register_enterprise(
                by=request.user, upper_unit=form.cleaned_data["upper_unit"], tax_code=form.cleaned_data["tax_code"],
                **form.action_values(),
            )  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thêm doanh nghiệp “%(name)s”.") % {"name": enterprise.name})
            return redirect("enterprises:enterprise-detail", pk=enterprise.pk)
    return render(request, "enterprises/enterprise_form.html", {
        "form": form, "heading": _("Thêm doanh nghiệp"), "back_url": reverse("enterprises:enterprise-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_update(request, pk: int):
    enterprise = enterprise_for(request.user, pk)
    if not can_edit_enterprise(request.user, enterprise):
        raise PermissionDenied
    form = EnterpriseForm(request.POST or None, user=request.user, instance=enterprise)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_enterprise(enterprise, by=request.user, upper_unit=form.cleaned_data["upper_unit"],
                                      **form.action_values())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu thay đổi của doanh nghiệp."))
            return redirect("enterprises:enterprise-detail", pk=enterprise.pk)
    return render(request, "enterprises/enterprise_form.html", {
        "form": form, "heading": _("Sửa doanh nghiệp: %(name)s") % {"name": enterprise.name},
        "back_url": reverse("enterprises:enterprise-detail", args=[enterprise.pk]), "enterprise": enterprise,
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def enterprise_archive(request, pk: int):
    enterprise = enterprise_for(request.user, pk)
    restoring = enterprise.archived_at is not None
    allowed = (can_manage_enterprises(request.user, enterprise.upper_unit) if restoring
               else can_edit_enterprise(request.user, enterprise))  # fmt: skip
    if not allowed:
        raise PermissionDenied
    if request.method == "POST":
        if restoring:
            actions.restore_enterprise(enterprise, by=request.user)
            messages.success(request, _("Đã khôi phục doanh nghiệp."))
        else:
            actions.archive_enterprise(enterprise, by=request.user, note=request.POST.get("note", "")[:500])
            messages.success(request, _("Đã lưu trữ doanh nghiệp."))
        return redirect("enterprises:enterprise-detail", pk=enterprise.pk)
    return render(
        request, "enterprises/enterprise_archive.html", {"enterprise": enterprise, "restoring": restoring}
    )

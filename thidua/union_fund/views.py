"""Pages of the "Mái ấm Công đoàn" fund (/quy-mai-am/): the ledger with its balances and .xlsx export, the grants
and houses, the report by year and upper-level union, and the forms. Reads go through ``visible_to`` /
``get_for_user`` (404 outside); every write through one action of ``union_fund.actions``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.dates import format_date
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.core.spreadsheets.pages import ImportPages
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response
from thidua.orgs.models import Unit

from . import actions, forms, imports, permissions
from .models import EntryKind, FundEntry, Grant, GrantKind
from .queries import (
    EntryFilters,
    balances,
    entries_for_list,
    grants_for_list,
    houses_handed_over,
    report_by_upper,
    totals,
    years_of,
)

PAGE_SIZE = 50


def _unit_filter(request) -> Unit | None:
    raw = request.GET.get("unit", "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_for_user(Unit, request.user, pk=int(raw))


def _year(request, user) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1900 < int(raw) < 2200:
        return int(raw)
    years = years_of(user)
    return years[0] if years else timezone.localdate().year


def _query(request) -> str:
    return urlencode({k: v for k, v in request.GET.items() if k != "page"})


# --- the ledger ----------------------------------------------------------------------------------------------


@login_required
@require_GET
def ledger(request):
    unit = _unit_filter(request)
    filters = EntryFilters.from_values(request.GET, unit)
    entries = entries_for_list(request.user, filters)
    page = page_of(request, entries, PAGE_SIZE)
    return render(request, "union_fund/ledger.html", {
        "entries": page.object_list, "page": page, "filters": filters, "unit": unit, "query": _query(request),
        "totals": totals(entries), "kinds": EntryKind.choices, "years": years_of(request.user),
        "balances": balances(request.user, year=filters.year, unit=unit)[:200],
        "can_record": forms.fund_units(request.user).exists(),
    })  # fmt: skip


def ledger_columns() -> list[XlsxColumn]:
    return [
        XlsxColumn("STT", 6), XlsxColumn(_("Ngày"), 12), XlsxColumn(_("Sổ quỹ của đơn vị"), 36, wrap=True),
        XlsxColumn(_("Loại"), 14), XlsxColumn(_("Thu (đồng)"), 16), XlsxColumn(_("Chi (đồng)"), 16),
        XlsxColumn(_("Người, đơn vị ủng hộ / người được hỗ trợ"), 36, wrap=True),
        XlsxColumn(_("Số biên lai, quyết định"), 18, text=True), XlsxColumn(_("Điều chỉnh cho bút toán"), 14),
        XlsxColumn(_("Nội dung, lý do"), 40, wrap=True), XlsxColumn(_("Số bút toán"), 10),
    ]  # fmt: skip


@login_required
@require_GET
def ledger_export(request):
    """The entries as the ledger shows them (same filters), with the totals, as .xlsx."""
    unit = _unit_filter(request)
    filters = EntryFilters.from_values(request.GET, unit)
    entries = entries_for_list(request.user, filters)
    sums = totals(entries)

    def rows():
        for number, e in enumerate(entries, start=1):
            who = (
                e.contributor_name
                if e.kind == EntryKind.CONTRIBUTION
                else (e.grant.beneficiary_name if e.grant else "")
            )
            ref = (
                e.receipt_number
                if e.kind == EntryKind.CONTRIBUTION
                else (e.grant.approval_number if e.grant else "")
            )
            yield [number, e.entry_date, e.unit.name, e.get_kind_display(),
                   e.amount if e.kind == EntryKind.CONTRIBUTION else None,
                   e.amount if e.kind == EntryKind.GRANT else None, who, ref,
                   e.corrects_id or "", e.note, e.pk]  # fmt: skip
        yield ["", "", _("Cộng"), "", sums.contributions, sums.grants, _("Số dư: %(n)s đồng") % {
            "n": f"{sums.balance:,}".replace(",", ".")}, "", "", "", ""]  # fmt: skip

    book = new_workbook()
    heading = [_("Sổ quỹ “Mái ấm Công đoàn”"), unit.name if unit else "",
               _("Năm %(year)s") % {"year": filters.year} if filters.year else ""]  # fmt: skip
    add_table_sheet(book, _("Sổ quỹ"), ledger_columns(), rows(), heading=[h for h in heading if h])
    return xlsx_response(workbook_bytes(book), "so-quy-mai-am-cong-doan.xlsx")


def _unit_initial(request) -> dict[str, Any]:
    raw = request.GET.get("unit", "")
    return {"unit": raw} if raw.isdigit() else {}


@login_required
@require_http_methods(["GET", "POST"])
def contribution_create(request):
    form = forms.ContributionForm(request.POST or None, user=request.user, initial=_unit_initial(request))
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            entry = actions.record_contribution(
                form.cleaned_data["unit"], by=request.user, **form.action_values()
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(
                request, _("Đã ghi sổ khoản ủng hộ của %(who)s.") % {"who": entry.contributor_name}
            )
            return redirect(reverse("union_fund:ledger") + f"?unit={entry.unit_id}&year={entry.year}")
    return render(request, "union_fund/form.html", {
        "form": form, "heading": _("Ghi nhận ủng hộ quỹ “Mái ấm Công đoàn”"), "back_url": reverse("union_fund:ledger"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def entry_correct(request, pk: int):
    entry = get_for_user(FundEntry.objects.select_related("unit", "grant", "corrects"), request.user, pk=pk)
    if not permissions.can_correct_entry(request.user, entry):
        raise PermissionDenied
    current = actions.effective_amount(entry)
    form = forms.CorrectionForm(request.POST or None, initial={"amount": current})
    if request.method == "POST" and form.is_valid():
        try:
            actions.correct_entry(entry, by=request.user, amount=form.cleaned_data["amount"],
                                  reason=form.cleaned_data["reason"])  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi bút toán điều chỉnh."))
            return redirect(reverse("union_fund:ledger") + f"?unit={entry.unit_id}&year={entry.year}")
    return render(request, "union_fund/entry_correct.html", {
        "form": form, "entry": entry, "current": current,
        "corrections": list(entry.corrections.select_related("created_by").order_by("entry_date", "id")),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- grants ----------------------------------------------------------------------------------------------------


@login_required
@require_GET
def grant_list(request):
    unit = _unit_filter(request)
    year = request.GET.get("year", "")
    kind = request.GET.get("kind", "")
    archived = request.GET.get("archived") == "1"
    grants = grants_for_list(request.user, year=int(year) if year.isdigit() else None, kind=kind, unit=unit,
                             archived=archived)  # fmt: skip
    page = page_of(request, grants, PAGE_SIZE)
    return render(request, "union_fund/grant_list.html", {
        "grants": page.object_list, "page": page, "unit": unit, "year": year, "kind": kind, "archived": archived,
        "kinds": GrantKind.choices, "years": years_of(request.user), "query": _query(request),
        "can_record": forms.fund_units(request.user).exists(),
    })  # fmt: skip


def _grant_for(user, pk: int) -> Grant:
    return get_for_user(Grant.objects.select_related("unit", "beneficiary_unit", "created_by"), user, pk=pk)


@login_required
@require_GET
def grant_detail(request, pk: int):
    grant = _grant_for(request.user, pk)
    entries = list(grant.entries.select_related("corrects", "created_by").order_by("entry_date", "id"))
    may_edit = permissions.can_edit_grant(request.user, grant)
    return render(request, "union_fund/grant_detail.html", {
        "grant": grant, "entries": entries, "paid": sum(e.amount for e in entries), "can_edit": may_edit,
        "can_correct": may_edit and permissions.can_correct_entry(request.user, entries[0]) if entries else False,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def grant_create(request):
    default_province = ""
    raw = request.GET.get("unit", "")
    if raw.isdigit():
        found = (
            Unit.objects.visible_to(request.user).filter(pk=int(raw)).values_list("province_code", flat=True)
        )
        default_province = next(iter(found), "")
    form = forms.GrantForm(request.POST or None, user=request.user, initial=_unit_initial(request),
                           default_province=default_province)  # fmt: skip
    if not form.fields["unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            grant = actions.record_grant(form.cleaned_data["unit"], by=request.user, **form.action_values())
        except ValidationError as error:
            form.apply_errors(error, {"beneficiary_unit_id": "beneficiary_unit"})
        else:
            messages.success(
                request, _("Đã ghi sổ khoản hỗ trợ cho %(who)s.") % {"who": grant.beneficiary_name}
            )
            return redirect("union_fund:grant-detail", pk=grant.pk)
    return render(request, "union_fund/form.html", {
        "form": form, "heading": _("Ghi nhận hỗ trợ từ quỹ “Mái ấm Công đoàn”"),
        "back_url": reverse("union_fund:grant-list"),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _editable_grant(request, pk: int) -> Grant:
    grant = _grant_for(request.user, pk)
    if not permissions.can_edit_grant(request.user, grant):
        raise PermissionDenied
    return grant


@login_required
@require_http_methods(["GET", "POST"])
def grant_update(request, pk: int):
    grant = _editable_grant(request, pk)
    initial = {f: getattr(grant, f) for f in ("kind", "beneficiary_name", "province_code", "ward_code", "address",
                                              "circumstances", "approval_number", "approved_on")}  # fmt: skip
    form = forms.GrantDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.update_grant(grant, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã lưu thay đổi của khoản hỗ trợ."))
            return redirect("union_fund:grant-detail", pk=grant.pk)
    return render(request, "union_fund/form.html", {
        "form": form, "heading": _("Sửa khoản hỗ trợ: %(name)s") % {"name": grant.beneficiary_name},
        "back_url": reverse("union_fund:grant-detail", args=[grant.pk]), "unit": grant.unit,
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def grant_handover(request, pk: int):
    grant = _editable_grant(request, pk)
    form = forms.HandoverForm(request.POST or None, initial={"handed_over_on": grant.handed_over_on})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_handover(
                grant, by=request.user, handed_over_on=form.cleaned_data["handed_over_on"]
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            day = format_date(form.cleaned_data["handed_over_on"])
            messages.success(request, _("Đã ghi ngày bàn giao %(day)s.") % {"day": day})
            return redirect("union_fund:grant-detail", pk=grant.pk)
    return render(request, "union_fund/form.html", {
        "form": form, "heading": _("Ghi nhận bàn giao: %(name)s") % {"name": grant.beneficiary_name},
        "back_url": reverse("union_fund:grant-detail", args=[grant.pk]), "unit": grant.unit,
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def grant_archive(request, pk: int):
    grant = _editable_grant(request, pk)
    form = forms.ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.archive_grant(grant, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(
                request, _("Đã lưu trữ khoản hỗ trợ; số tiền đã chi được hủy bằng bút toán điều chỉnh.")
            )
            return redirect("union_fund:grant-detail", pk=grant.pk)
    return render(request, "union_fund/form.html", {
        "form": form, "heading": _("Lưu trữ khoản hỗ trợ: %(name)s") % {"name": grant.beneficiary_name},
        "back_url": reverse("union_fund:grant-detail", args=[grant.pk]), "unit": grant.unit,
        "explanation": _("Khoản hỗ trợ ghi nhầm được lưu trữ, không bị xóa. Số tiền đã chi được hủy bằng một bút "
                         "toán điều chỉnh trong sổ quỹ."),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


# --- the report and the houses ---------------------------------------------------------------------------------


@login_required
@require_GET
def report(request):
    unit = _unit_filter(request)
    year = _year(request, request.user)
    result = report_by_upper(request.user, year, unit)
    return render(request, "union_fund/report.html", {
        "report": result, "total": result.total, "year": year, "unit": unit, "years": years_of(request.user),
        "query": _query(request),
    })  # fmt: skip


@login_required
@require_GET
def report_export(request):
    unit = _unit_filter(request)
    year = _year(request, request.user)
    result = report_by_upper(request.user, year, unit)
    columns = [
        XlsxColumn("STT", 6), XlsxColumn(_("Công đoàn cấp trên trực tiếp cơ sở"), 44, wrap=True),
        XlsxColumn(_("Số sổ quỹ"), 10), XlsxColumn(_("Ủng hộ (đồng)"), 18), XlsxColumn(_("Chi hỗ trợ (đồng)"), 18),
        XlsxColumn(_("Số dư (đồng)"), 18), XlsxColumn(_("Nhà xây mới"), 12), XlsxColumn(_("Nhà sửa chữa"), 12),
        XlsxColumn(_("Trợ cấp khó khăn"), 14),
    ]  # fmt: skip

    def rows():
        for number, r in enumerate(result.rows, start=1):
            yield [number, r.unit.name, r.books, r.contributions, r.grants, r.balance, r.houses_new,
                   r.houses_repaired, r.hardship]  # fmt: skip
        t = result.total
        yield ["", _("Tổng cộng"), t.books, t.contributions, t.grants, t.balance, t.houses_new, t.houses_repaired,
               t.hardship]  # fmt: skip

    book = new_workbook()
    add_table_sheet(book, _("Báo cáo quỹ"), columns, rows(), heading=[
        _("Báo cáo quỹ “Mái ấm Công đoàn” năm %(year)s") % {"year": year}, unit.name if unit else ""])  # fmt: skip
    return xlsx_response(workbook_bytes(book), f"bao-cao-quy-mai-am-{year}.xlsx")


@login_required
@require_GET
def houses(request):
    """The houses handed over in a year, with their places: the page a federation shows."""
    unit = _unit_filter(request)
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() and 1900 < int(raw) < 2200 else timezone.localdate().year
    found = list(houses_handed_over(request.user, year, unit))
    return render(request, "union_fund/houses.html", {
        "houses": found, "year": year, "unit": unit, "years": years_of(request.user),
        "total": sum(h.paid or 0 for h in found),
        "new": sum(1 for h in found if h.kind == GrantKind.HOUSE_NEW),
    })  # fmt: skip


# --- contributions from Excel (the spreadsheet kit) -------------------------------------------------------------

CONTRIBUTION_IMPORT = ImportPages(
    kind=imports.CONTRIBUTIONS, heading=gettext_lazy("Nhập các khoản ủng hộ quỹ “Mái ấm Công đoàn” từ Excel"),
    list_label=gettext_lazy("Sổ quỹ “Mái ấm Công đoàn”"), list_url="union_fund:ledger",
    start_url="union_fund:contribution-import", confirm_url="union_fund:contribution-import-confirm",
    template_url="union_fund:contribution-import-template", template_filename="ung-ho-quy-mai-am-cong-doan.xlsx",
    first_step=gettext_lazy("Tải tệp mẫu: mỗi dòng một khoản ủng hộ; cột “Sổ quỹ của đơn vị” chọn trong danh sách "
                            "các đơn vị bạn được ghi sổ quỹ (hoặc ghi mã đơn vị); sheet “Hướng dẫn” giải thích "
                            "từng cột."),
    run=imports.import_contributions, template=imports.template,
    allowed=lambda user: forms.fund_units(user).exists(),
)  # fmt: skip


# --- grants from Excel (the spreadsheet kit) --------------------------------------------------------------------

GRANT_IMPORT = ImportPages(
    kind=imports.GRANTS, heading=gettext_lazy("Nhập các khoản hỗ trợ từ quỹ “Mái ấm Công đoàn” từ Excel"),
    list_label=gettext_lazy("Các khoản hỗ trợ"), list_url="union_fund:grant-list",
    start_url="union_fund:grant-import", confirm_url="union_fund:grant-import-confirm",
    template_url="union_fund:grant-import-template", template_filename="ho-tro-quy-mai-am-cong-doan.xlsx",
    first_step=gettext_lazy("Tải tệp mẫu: mỗi dòng một khoản hỗ trợ (một đoàn viên khó khăn, một căn nhà xây mới "
                            "hoặc sửa chữa); cột “Sổ quỹ của đơn vị” chọn trong danh sách các đơn vị bạn được ghi "
                            "sổ quỹ (hoặc ghi mã đơn vị); nhà “Mái ấm Công đoàn” cần ghi xã, phường; sheet "
                            "“Hướng dẫn” giải thích từng cột."),
    run=imports.import_grants, template=imports.grant_template,
    allowed=lambda user: forms.fund_units(user).exists(),
)  # fmt: skip

"""The "Mái ấm Công đoàn" fund in the API (read): the ledger, the grants and the report by upper-level union, with
the same filters and scoping as the pages (``visible_to``; a unit outside the caller's scope is 404)."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_query, page, responses
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .models import EntryKind, FundEntry, Grant, GrantKind
from .queries import EntryFilters, entries_for_list, grants_for_list, report_by_upper

router = Router(tags=["Quỹ “Mái ấm Công đoàn”"])


class EntryOut(Schema):
    id: int
    unit: UnitRef = Field(description="Đơn vị có sổ quỹ")
    kind: EntryKind
    kind_label: str
    entry_date: datetime.date
    year: int = Field(description="Năm sổ quỹ")
    amount: int = Field(description="Số tiền, đồng (bút toán điều chỉnh: số chênh lệch, có thể âm)")
    contributor_name: str = Field(description="Người, đơn vị ủng hộ")
    contributor_unit_id: int | None
    receipt_number: str = Field(description="Số biên lai, phiếu thu")
    grant_id: int | None = Field(description="Khoản hỗ trợ (bút toán chi)")
    corrects_id: int | None = Field(description="Bút toán được điều chỉnh (bút toán điều chỉnh)")
    note: str


class EntryPage(Page):
    items: list[EntryOut]
    contributions: int = Field(description="Tổng ủng hộ của các bút toán lọc được, đồng")
    grants: int = Field(description="Tổng chi hỗ trợ của các bút toán lọc được, đồng")
    balance: int = Field(description="Số dư = ủng hộ − chi hỗ trợ, đồng")


class EntryQuery(PageFilters):
    year: int | None = Field(None, ge=1901, le=2199, description="Năm sổ quỹ")
    kind: EntryKind | None = Field(None, description="Loại bút toán")
    unit: int | None = id_field("Id của đơn vị: sổ quỹ của đơn vị và các đơn vị trực thuộc")
    limit: int = limit_field(max_limit=500)


def _entry(e: FundEntry) -> dict:
    return {
        "id": e.pk, "unit": unit_ref(e.unit), "kind": e.kind, "kind_label": e.get_kind_display(),
        "entry_date": e.entry_date, "year": e.year, "amount": e.amount, "contributor_name": e.contributor_name,
        "contributor_unit_id": e.contributor_unit_id, "receipt_number": e.receipt_number, "grant_id": e.grant_id,
        "corrects_id": e.corrects_id, "note": e.note,
    }  # fmt: skip


def _unit(request, unit_id: int | None) -> Unit | None:
    return get_for_user(Unit, caller(request), pk=unit_id) if unit_id else None


@router.get("/fund/entries/", response=responses(EntryPage), url_name="fund-entry-list")
def list_entries(request, filters: Query[EntryQuery]):
    """Sổ quỹ “Mái ấm Công đoàn”: các bút toán theo thứ tự ngày, kèm tổng ủng hộ, chi và số dư."""
    from .queries import totals

    f = EntryFilters(year=filters.year, kind=filters.kind or "", unit=_unit(request, filters.unit))
    entries = entries_for_list(caller(request), f)
    sums = totals(entries)
    result = page(entries, filters, _entry)
    return {**result, "contributions": sums.contributions, "grants": sums.grants, "balance": sums.balance}


class GrantOut(Schema):
    id: int
    unit: UnitRef = Field(description="Đơn vị chi hỗ trợ")
    kind: GrantKind
    kind_label: str
    beneficiary_name: str
    province_code: str
    ward_code: str
    place: str = Field(description="Địa chỉ, xã, phường, tỉnh")
    approval_number: str
    approved_on: datetime.date
    handed_over_on: datetime.date | None
    paid: int = Field(description="Số tiền đã chi (kể cả điều chỉnh), đồng")
    is_archived: bool


class GrantPage(Page):
    items: list[GrantOut]


class GrantQuery(PageFilters):
    year: int | None = Field(None, ge=1901, le=2199, description="Năm quyết định hỗ trợ")
    kind: GrantKind | None = Field(None, description="Hình thức hỗ trợ")
    unit: int | None = id_field("Id của đơn vị")
    archived: bool = Field(False, description="Khoản hỗ trợ đã lưu trữ")
    limit: int = limit_field(max_limit=200)


def _grant(g: Grant) -> dict:
    return {
        "id": g.pk, "unit": unit_ref(g.unit), "kind": g.kind, "kind_label": g.get_kind_display(),
        "beneficiary_name": g.beneficiary_name, "province_code": g.province_code, "ward_code": g.ward_code,
        "place": g.place, "approval_number": g.approval_number, "approved_on": g.approved_on,
        "handed_over_on": g.handed_over_on, "paid": g.paid or 0, "is_archived": g.archived_at is not None,
    }  # fmt: skip


@router.get("/fund/grants/", response=responses(GrantPage), url_name="fund-grant-list")
def list_grants(request, filters: Query[GrantQuery]):
    """Các khoản hỗ trợ từ quỹ: đoàn viên khó khăn, nhà “Mái ấm Công đoàn” xây mới, sửa chữa."""
    grants = grants_for_list(caller(request), year=filters.year, kind=filters.kind or "",
                             unit=_unit(request, filters.unit), archived=filters.archived)  # fmt: skip
    return page(grants, filters, _grant)


class ReportRowOut(Schema):
    unit: UnitRef
    books: int = Field(description="Số sổ quỹ có bút toán trong năm")
    contributions: int
    grants: int
    balance: int
    houses_new: int
    houses_repaired: int
    hardship: int


class FundReportOut(Schema):
    year: int
    rows: list[ReportRowOut]


@router.get("/fund/report/", response=responses(FundReportOut), url_name="fund-report")
def fund_report(request, year: int = Query(..., ge=1901, le=2199, description="Năm sổ quỹ"),
                unit: int | None = id_query("Id của đơn vị: báo cáo trong phạm vi đơn vị này")):  # fmt: skip
    """Báo cáo quỹ theo năm và theo công đoàn cấp trên trực tiếp cơ sở."""
    result = report_by_upper(caller(request), year, _unit(request, unit))
    return {"year": year, "rows": [{
        "unit": unit_ref(r.unit), "books": r.books, "contributions": r.contributions, "grants": r.grants,
        "balance": r.balance, "houses_new": r.houses_new, "houses_repaired": r.houses_repaired,
        "hardship": r.hardship} for r in result.rows]}  # fmt: skip

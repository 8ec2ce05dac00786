"""The roll-up of a report form in the API, with the pages' scoping (404 outside the caller's scope, or for a form
that does not concern the unit):

- ``GET /api/v1/report-forms/{form_id}/rollup/?unit=``: each indicator's figure by its rule, by unit below, by
  sector; where own totals disagree with the children; reports whose parts exceed their whole;
- ``GET /api/v1/report-forms/{form_id}/completeness/?unit=``: expected, submitted, on time, approved, missing, late;
- ``GET /api/v1/report-forms/{form_id}/late/?unit=&limit=&offset=``: the reports still missing after their due day.
"""

from __future__ import annotations

from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_path, page, responses
from thidua.orgs.api import UnitRef
from thidua.orgs.models import Unit

from . import aggregation as agg
from . import completeness as done
from .rollup import Row, rollup
from .rollup_access import form_and_unit

router = Router(tags=["Báo cáo kết quả đợt thi đua"])

Number = int | float


def _number(value: Decimal | None) -> Number | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


class FigureOut(Schema):
    indicator: str = Field(description="Mã chỉ tiêu")
    value: Number | None = Field(description="Kết quả (với tỷ lệ: phần trăm); trống nếu chưa có số liệu")
    approximate: bool = Field(description="Số ước (hơn, gần, khoảng), hoặc cộng từ một số ước")
    reports: int = Field(description="Số báo cáo có số liệu của chỉ tiêu")
    target: Number | None = Field(None, description="Tổng chỉ tiêu giao (chỉ tiêu tính tỷ lệ đạt)")
    percent_of_target: Number | None = Field(None, description="Tỷ lệ đạt so với chỉ tiêu giao (%)")
    numerator: Number | None = Field(None, description="Tử số (chỉ tiêu tỷ lệ)")
    denominator: Number | None = Field(None, description="Mẫu số (chỉ tiêu tỷ lệ)")


class RollupRowOut(Schema):
    key: str = Field(description="Đường dẫn của đơn vị trực thuộc (theo cây ngày cuối kỳ) hoặc mã khu vực")
    label: str
    unit: UnitRef | None
    expected: int = Field(description="Số báo cáo phải gửi")
    approved: int = Field(description="Số báo cáo đã được duyệt")
    figures: list[FigureOut]


class DiscrepancyOut(Schema):
    unit: UnitRef
    indicator: str
    reported: Number | None = Field(description="Số liệu đơn vị tự báo cáo")
    children: Number | None = Field(description="Tổng các báo cáo cấp dưới đã duyệt")
    difference: Number


class PartsOut(Schema):
    unit: UnitRef
    whole: str = Field(description="Mã chỉ tiêu tổng")
    part: str = Field(description="Mã chỉ tiêu thành phần")
    whole_value: Number
    parts_value: Number = Field(description="Số liệu của chỉ tiêu thành phần (vượt tổng số)")


class CheckOut(Schema):
    unit: UnitRef
    check: str = Field(description="Kiểm tra kết hợp, ví dụ “TD06 + TD07 ≤ TD05”")
    whole: str = Field(description="Mã chỉ tiêu tổng")
    whole_value: Number
    terms_value: Number = Field(description="Tổng các chỉ tiêu thành phần")
    message: str


class RollupOut(Schema):
    form: int
    unit: UnitRef
    tree_day: str = Field(description="Ngày của cây tổ chức dùng để tổng hợp (cuối kỳ số liệu)")
    total: RollupRowOut
    by_child: list[RollupRowOut]
    by_sector: list[RollupRowOut]
    discrepancies: list[DiscrepancyOut]
    parts_exceeding: list[PartsOut]
    checks_failed: list[CheckOut]


class UnitFilter(Schema):
    unit: int | None = id_field(
        "Id của đơn vị (mặc định: đơn vị ban hành mẫu, hoặc đơn vị cao nhất của người gọi)"
    )


def _ref(unit: Unit | None) -> dict | None:
    return None if unit is None else {"id": unit.pk, "code": unit.code, "name": unit.name}


def _figures(result, row: Row) -> list[dict]:
    out = []
    for indicator in result.indicators:
        if indicator.aggregation == agg.NONE:
            continue
        f = row.figures.get(indicator.pk, agg.EMPTY)
        out.append({
            "indicator": indicator.code, "value": _number(f.value), "approximate": f.approximate, "reports": f.count,
            "target": _number(f.target), "percent_of_target": _number(f.percent_of_target),
            "numerator": _number(f.numerator), "denominator": _number(f.denominator),
        })  # fmt: skip
    return out


def _row(result, row: Row) -> dict:
    return {"key": row.key, "label": row.label, "unit": _ref(row.unit), "expected": row.expected,
            "approved": row.approved, "figures": _figures(result, row)}  # fmt: skip


@router.get("/report-forms/{form_id}/rollup/", response=responses(RollupOut), url_name="report-rollup",
            summary="Tổng hợp số liệu báo cáo của một đơn vị theo mẫu báo cáo")  # fmt: skip
def rollup_route(
    request: HttpRequest, filters: Query[UnitFilter], form_id: int = id_path("Id của mẫu báo cáo")
):
    """Số liệu của cây đơn vị theo từng chỉ tiêu (cộng dồn, số cuối kỳ, tỷ lệ tính lại, tỷ lệ đạt chỉ tiêu, khen
    thưởng ở cấp quyết định), theo đơn vị trực thuộc và theo khu vực, từ các báo cáo đã được duyệt."""
    form, unit = form_and_unit(caller(request), form_id, filters.unit)
    result = rollup(form, unit)
    codes = result.indicator_by_id
    return {
        "form": form.pk, "unit": _ref(unit), "tree_day": result.day.isoformat(),
        "total": _row(result, result.total), "by_child": [_row(result, r) for r in result.by_child],
        "by_sector": [_row(result, r) for r in result.by_sector],
        "discrepancies": [
            {"unit": _ref(c.unit), "indicator": codes[d.indicator_id].code, "reported": _number(d.reported.value),
             "children": _number(d.computed.value), "difference": _number(d.difference)}
            for c in result.consolidations for d in c.discrepancies
        ],
        "parts_exceeding": [
            {"unit": _ref(p.unit), "whole": p.whole.code, "part": p.part.code if p.part else "", "whole_value": _number(p.whole_value),
             "parts_value": _number(p.parts_value)} for p in result.parts_flags
        ],
        "checks_failed": [
            {"unit": _ref(f.unit), "check": f.check.formula, "whole": f.check.whole.code,
             "whole_value": _number(f.whole_value), "terms_value": _number(f.terms_value), "message": f.message}
            for f in result.check_flags
        ],
    }  # fmt: skip


class CompletenessRowOut(Schema):
    key: str
    label: str
    unit: UnitRef | None
    expected: int = Field(description="Số báo cáo phải gửi (kể cả được miễn)")
    waived: int = Field(description="Được miễn báo cáo")
    submitted: int = Field(description="Đã gửi cấp trên (đã gửi, đã duyệt, đã tổng hợp)")
    on_time: int = Field(description="Gửi đúng hạn")
    approved: int = Field(description="Đã được duyệt")
    returned: int = Field(description="Bị trả lại")
    missing: int = Field(description="Chưa gửi (chưa nhập, đang nhập, bị trả lại)")
    late: int = Field(description="Chưa gửi và đã quá hạn")
    max_days_late: int = Field(description="Số ngày quá hạn lâu nhất")
    submitted_rate: int | None = Field(description="Tỷ lệ đã gửi (%) trên số phải gửi không kể được miễn")
    on_time_rate: int | None
    approved_rate: int | None


class CompletenessOut(Schema):
    form: int
    unit: UnitRef
    today: str
    total: CompletenessRowOut
    by_child: list[CompletenessRowOut]
    by_sector: list[CompletenessRowOut]


def _done_row(row: done.Row) -> dict:
    return {"key": row.key, "label": row.label, "unit": _ref(row.unit), "expected": row.expected, "waived": row.waived,
            "submitted": row.submitted, "on_time": row.on_time, "approved": row.approved, "returned": row.returned,
            "missing": row.missing, "late": row.late, "max_days_late": row.max_days_late,
            "submitted_rate": row.submitted_rate, "on_time_rate": row.on_time_rate,
            "approved_rate": row.approved_rate}  # fmt: skip


@router.get("/report-forms/{form_id}/completeness/", response=responses(CompletenessOut),
            url_name="report-completeness", summary="Tình hình gửi báo cáo của các đơn vị")  # fmt: skip
def completeness_route(request: HttpRequest, filters: Query[UnitFilter],
                       form_id: int = id_path("Id của mẫu báo cáo")):  # fmt: skip
    """Số báo cáo phải gửi, đã gửi, đúng hạn, đã duyệt, chưa gửi, quá hạn — theo đơn vị trực thuộc và theo khu
    vực."""
    form, unit = form_and_unit(caller(request), form_id, filters.unit)
    summary = done.completeness(form, unit)
    return {"form": form.pk, "unit": _ref(unit), "today": summary.today.isoformat(),
            "total": _done_row(summary.total), "by_child": [_done_row(r) for r in summary.by_child],
            "by_sector": [_done_row(r) for r in summary.by_sector]}  # fmt: skip


class LateOut(Schema):
    report: int = Field(description="Id của báo cáo")
    unit: UnitRef
    name_on_tree_day: str = Field(description="Tên đơn vị theo cây ngày cuối kỳ số liệu")
    approver: UnitRef | None = Field(description="Cấp trên duyệt")
    status: str = Field(description="not_started, draft hoặc returned")
    due_on: str = Field(description="Hạn gửi (hoặc hạn nhập muộn được cấp trên cho phép)")
    days_late: int


class LatePage(Page):
    items: list[LateOut]


class LateFilters(PageFilters):
    unit: int | None = id_field("Id của đơn vị (mặc định như tổng hợp)")


@router.get("/report-forms/{form_id}/late/", response=responses(LatePage), url_name="report-late",
            summary="Các đơn vị quá hạn chưa gửi báo cáo")  # fmt: skip
def late_route(
    request: HttpRequest, filters: Query[LateFilters], form_id: int = id_path("Id của mẫu báo cáo")
):
    """Các báo cáo chưa gửi đã quá hạn, quá hạn lâu nhất trước, rồi theo cây tổ chức."""
    form, unit = form_and_unit(caller(request), form_id, filters.unit)
    today = timezone.localdate()

    def row(report) -> dict:
        return {"report": report.pk, "unit": _ref(report.unit), "name_on_tree_day": report.tree_name,
                "approver": _ref(report.parent), "status": report.status, "due_on": report.effective_due.isoformat(),
                "days_late": done.days_late(report, today)}  # fmt: skip

    return page(done.late_reports(form, unit, today=today), filters, row)

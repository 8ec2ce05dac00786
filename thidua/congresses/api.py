"""Congresses in the API (read): the grassroots unions of a term with their congress and progress, and the roll-up
by upper-level union; the same scoping as the pages (a unit outside the caller's scope is 404)."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_query, page, responses
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .models import Progress
from .queries import UnitFilters, progress_by_upper, units_for_list

router = Router(tags=["Đại hội công đoàn"])


class CongressUnitOut(Schema):
    unit: UnitRef
    congress_id: int | None = Field(description="Id của Đại hội (null: chưa có lịch)")
    planned_on: datetime.date | None = Field(description="Ngày dự kiến theo kế hoạch")
    held_on: datetime.date | None = Field(description="Ngày tổ chức")
    delegates: int | None = Field(description="Số đại biểu chính thức")
    committee_size: int | None = Field(description="Số ủy viên Ban Chấp hành khóa mới")
    progress: Progress
    progress_label: str


class CongressUnitPage(Page):
    items: list[CongressUnitOut]


class CongressQuery(PageFilters):
    term: int = Field(..., ge=1950, le=2200, description="Năm bắt đầu nhiệm kỳ, ví dụ 2017")
    progress: Progress | None = Field(None, description="Tiến độ")
    unit: int | None = id_field("Id của đơn vị: công đoàn cơ sở trực thuộc đơn vị này")
    limit: int = limit_field(max_limit=500)


def _row(u: Unit) -> dict:
    return {
        "unit": unit_ref(u), "congress_id": u.c_id, "planned_on": u.c_planned, "held_on": u.c_held,
        "delegates": u.c_delegates, "committee_size": u.c_committee, "progress": u.progress,
        "progress_label": str(Progress(u.progress).label),
    }  # fmt: skip


@router.get("/congresses/", response=responses(CongressUnitPage), url_name="congress-unit-list")
def list_congress_units(request, filters: Query[CongressQuery]):
    """Các công đoàn cơ sở của nhiệm kỳ, mỗi đơn vị với Đại hội của mình và tiến độ so với kế hoạch."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=filters.unit) if filters.unit else None
    units = units_for_list(user, filters.term, UnitFilters(progress=filters.progress or ""), unit=unit)
    return page(units, filters, _row)


class ProgressRowOut(Schema):
    unit: UnitRef
    total: int = Field(description="Số công đoàn cơ sở")
    on_time: int
    late: int
    overdue: int
    upcoming: int
    not_scheduled: int
    cancelled: int
    on_time_percent: int = Field(description="Tỷ lệ kịp tiến độ theo kế hoạch, %")


class ProgressOut(Schema):
    term: int
    rows: list[ProgressRowOut]


@router.get("/congresses/progress/", response=responses(ProgressOut), url_name="congress-progress")
def congress_progress(request, term: int = Query(..., ge=1950, le=2200, description="Năm bắt đầu nhiệm kỳ"),
                      unit: int | None = id_query("Id của đơn vị")):  # fmt: skip
    """Tiến độ Đại hội theo công đoàn cấp trên trực tiếp cơ sở: đúng tiến độ, muộn, quá hạn, chưa xếp lịch."""
    user = caller(request)
    scope = get_for_user(Unit, user, pk=unit) if unit else None
    rows, _total = progress_by_upper(user, term, unit=scope)
    return {"term": term, "rows": [{"unit": unit_ref(r.unit), "total": r.total, **r.counts,
                                    "on_time_percent": r.on_time_percent} for r in rows]}  # fmt: skip

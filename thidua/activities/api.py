"""Activities in the API (read): the same filters and scoping as the list page."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, page, responses, search_field
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .models import Activity, ActivityKind
from .queries import ActivityFilters, activities_for_list, activity_totals

router = Router(tags=["Hoạt động"])


class ActivityOut(Schema):
    id: int
    unit: UnitRef
    kind: ActivityKind
    kind_label: str
    title: str
    start_on: datetime.date
    end_on: datetime.date
    place: str
    participants: int = Field(description="Số người tham gia")
    women: int = Field(description="Trong đó nữ")
    plan_id: int | None = Field(description="Kế hoạch")
    phase_id: int | None = Field(description="Đợt thi đua")
    movement_id: int | None = Field(description="Phong trào thi đua")
    is_archived: bool


class ActivityPage(Page):
    items: list[ActivityOut]
    participants: int = Field(description="Tổng số người tham gia các hoạt động lọc được")
    women: int = Field(description="Trong đó nữ")


class ActivityQuery(PageFilters):
    q: str = search_field("Tìm theo tên, địa điểm (không phân biệt dấu)")
    year: int | None = Field(None, ge=1901, le=2199, description="Năm bắt đầu")
    kind: ActivityKind | None = Field(None, description="Loại hoạt động")
    phase: int | None = id_field("Id của đợt thi đua")
    unit: int | None = id_field("Id của đơn vị: hoạt động của đơn vị và các đơn vị trực thuộc")
    archived: bool = Field(False, description="Hoạt động đã lưu trữ")
    limit: int = limit_field(max_limit=200)


def _activity(a: Activity) -> dict:
    return {
        "id": a.pk, "unit": unit_ref(a.unit), "kind": a.kind, "kind_label": a.get_kind_display(), "title": a.title,
        "start_on": a.start_on, "end_on": a.end_on, "place": a.place, "participants": a.participants,
        "women": a.women, "plan_id": a.plan_id, "phase_id": a.phase_id, "movement_id": a.movement_id,
        "is_archived": a.archived_at is not None,
    }  # fmt: skip


@router.get("/activities/", response=responses(ActivityPage), url_name="activity-list")
def list_activities(request, filters: Query[ActivityQuery]):
    """Các hoạt động: thi đua ngắn ngày, hội thi tay nghề, văn hóa thể thao, tập huấn, Tháng Công nhân."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=filters.unit) if filters.unit else None
    values = ActivityFilters(q=filters.q, year=filters.year, kind=filters.kind or "", phase=filters.phase, unit=unit,
                             archived=filters.archived)  # fmt: skip
    activities = activities_for_list(user, values)
    totals = activity_totals(activities)
    return {
        **page(activities, filters, _activity),
        "participants": totals["participants"],
        "women": totals["women"],
    }

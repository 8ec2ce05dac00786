"""The enterprises app in the API (read): the registry, the pipeline of an upper-level union, officers per area,
inspections and the overdue recommendations — the same filters and scoping as the pages (``visible_to``; anything
outside the caller's scope is 404)."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_path, page, responses, search_field
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .models import AreaAssignment, Enterprise, Inspection, InspectionKind, Recommendation, Stage
from .permissions import UPPER_LEVELS
from .queries import STALLED_DAYS, EnterpriseFilters, enterprises_for_list, pipeline

router = Router(tags=["Doanh nghiệp, phát triển đoàn viên, kiểm tra giám sát"])


class EnterpriseOut(Schema):
    id: int
    tax_code: str = Field(description="Mã số thuế")
    name: str = Field(description="Tên doanh nghiệp")
    ownership: str = Field(description="Loại hình sở hữu (state_enterprise, fdi, private, cooperative)")
    ownership_label: str
    industry: str = Field(description="Ngành nghề kinh doanh")
    workforce: int | None = Field(description="Số lao động")
    province_code: str
    ward_code: str
    address: str
    upper_unit: UnitRef = Field(description="Công đoàn cấp trên theo dõi")
    union_unit: UnitRef | None = Field(description="Công đoàn cơ sở (null: chưa có)")
    stage: Stage = Field(description="Giai đoạn trên con đường thành lập công đoàn")
    stage_label: str
    stage_since: datetime.date
    last_step_on: datetime.date = Field(description="Ngày của bước gần nhất")
    is_archived: bool


class EnterprisePage(Page):
    items: list[EnterpriseOut]


class EnterpriseQuery(PageFilters):
    q: str = search_field("Tìm theo tên, mã số thuế, ngành nghề, địa chỉ (không phân biệt dấu)")
    stage: Stage | None = Field(None, description="Giai đoạn")
    ownership: str = Field("", max_length=20, description="Loại hình sở hữu")
    union: str = Field("", pattern="^(|yes|no)$", description="yes: đã có công đoàn; no: chưa có")
    upper: int | None = id_field("Id của công đoàn cấp trên: doanh nghiệp do đơn vị này và cấp dưới theo dõi")
    archived: bool = Field(False, description="Doanh nghiệp đã lưu trữ")
    limit: int = limit_field(max_limit=500)


def _enterprise(e: Enterprise) -> dict:
    return {
        "id": e.pk, "tax_code": e.tax_code, "name": e.name, "ownership": e.ownership,
        "ownership_label": e.get_ownership_display(), "industry": e.industry, "workforce": e.workforce,
        "province_code": e.province_code, "ward_code": e.ward_code, "address": e.address,
        "upper_unit": unit_ref(e.upper_unit), "union_unit": unit_ref(e.union_unit), "stage": e.stage,
        "stage_label": e.get_stage_display(), "stage_since": e.stage_since, "last_step_on": e.last_step_on,
        "is_archived": e.archived_at is not None,
    }  # fmt: skip


@router.get("/enterprises/", url_name="enterprise-list", response=responses(EnterprisePage),
            summary="Danh sách doanh nghiệp")  # fmt: skip
def list_enterprises(request: HttpRequest, filters: Query[EnterpriseQuery]):
    """Doanh nghiệp do các công đoàn cấp trên trong phạm vi người dùng theo dõi, theo tên."""
    user = caller(request)
    upper = get_for_user(Unit, user, pk=filters.upper) if filters.upper else None
    values = {k: (v.value if hasattr(v, "value") else v) for k, v in filters.dict().items() if v is not None}
    return page(
        enterprises_for_list(user, EnterpriseFilters.from_values(values, upper)), filters, _enterprise
    )


@router.get("/enterprises/{enterprise_id}/", url_name="enterprise-detail", response=responses(EnterpriseOut),
            summary="Một doanh nghiệp")  # fmt: skip
def get_enterprise(request: HttpRequest, enterprise_id: int = id_path("Id của doanh nghiệp")):
    rows = Enterprise.objects.select_related("upper_unit", "union_unit")
    return _enterprise(get_for_user(rows, caller(request), pk=enterprise_id))


class StageOut(Schema):
    stage: Stage
    label: str
    count: int = Field(description="Số doanh nghiệp đang ở giai đoạn này")
    stalled: int = Field(description="Số trường hợp chậm (không có bước mới sau stalled_days ngày)")
    passed: int = Field(description="Số trường hợp đã qua giai đoạn này")
    median_days: int | None = Field(description="Số ngày ở giai đoạn (trung vị, các trường hợp đã qua)")
    mean_days: int | None = Field(description="Số ngày ở giai đoạn (trung bình, các trường hợp đã qua)")


class PipelineOut(Schema):
    unit: UnitRef
    stalled_days: int
    stages: list[StageOut]
    stalled: list[EnterpriseOut] = Field(description="Các trường hợp chậm, bước gần nhất cũ nhất trước")
    members_recruited: int = Field(description="Đoàn viên kết nạp theo các kế hoạch vận động")


@router.get("/units/{unit_id}/enterprise-pipeline/", url_name="enterprise-pipeline", response=responses(PipelineOut),
            summary="Tiến trình từ khảo sát đến thành lập công đoàn của một công đoàn cấp trên")  # fmt: skip
def get_pipeline(request: HttpRequest, unit_id: int = id_path("Id của công đoàn cấp trên"),
                 stalled_days: int = Query(STALLED_DAYS, ge=1, le=3650, description="Số ngày không có bước mới")):  # fmt: skip
    unit = get_for_user(Unit, caller(request), pk=unit_id)
    if unit.level not in UPPER_LEVELS:
        raise Http404
    data = pipeline(unit, today=timezone.localdate(), stalled_days=stalled_days)
    return {
        "unit": unit_ref(unit), "stalled_days": stalled_days, "members_recruited": data.members_recruited,
        "stages": [{"stage": r.stage, "label": r.label, "count": r.count, "stalled": r.stalled,
                    "passed": len(r.durations), "median_days": r.median_days, "mean_days": r.mean_days}
                   for r in data.rows],
        "stalled": [_enterprise(e) for e in data.stalled],
    }  # fmt: skip


class AssignmentOut(Schema):
    id: int
    upper_unit: UnitRef
    officer_id: int
    officer_name: str
    unit: UnitRef | None = Field(description="Công đoàn cơ sở được phụ trách")
    enterprise_id: int | None = Field(description="Doanh nghiệp được phụ trách")
    enterprise_name: str
    started_on: datetime.date
    ended_on: datetime.date | None


class AssignmentPage(Page):
    items: list[AssignmentOut]


class AssignmentQuery(PageFilters):
    unit: int | None = id_field("Id của công đoàn cấp trên")
    officer: int | None = id_field("Id của cán bộ phụ trách")
    current: bool = Field(True, description="Chỉ phân công đang có hiệu lực")


def _assignment(a: AreaAssignment) -> dict:
    return {
        "id": a.pk, "upper_unit": unit_ref(a.upper_unit), "officer_id": a.officer_id,
        "officer_name": a.officer.get_full_name() or a.officer.username, "unit": unit_ref(a.unit),
        "enterprise_id": a.enterprise_id, "enterprise_name": a.enterprise.name if a.enterprise else "",
        "started_on": a.started_on, "ended_on": a.ended_on,
    }  # fmt: skip


@router.get("/area-assignments/", url_name="area-assignment-list", response=responses(AssignmentPage),
            summary="Phân công cán bộ phụ trách địa bàn")  # fmt: skip
def list_assignments(request: HttpRequest, filters: Query[AssignmentQuery]):
    user = caller(request)
    rows = AreaAssignment.objects.visible_to(user).select_related(
        "upper_unit", "officer", "unit", "enterprise"
    )
    if filters.unit:
        rows = rows.filter(upper_unit=get_for_user(Unit, user, pk=filters.unit))
    if filters.officer:
        rows = rows.filter(officer_id=filters.officer)
    if filters.current:
        rows = rows.filter(ended_on__isnull=True)
    return page(rows.order_by("-started_on", "-id"), filters, _assignment)


class RecommendationOut(Schema):
    id: int
    content: str
    responsible: str = Field(description="Đơn vị, người chịu trách nhiệm")
    deadline: datetime.date
    status: str = Field(description="open: đang theo dõi; closed: đã thực hiện xong")
    closed_on: datetime.date | None
    is_overdue: bool
    follow_ups: list[str] = Field(description="Kết quả thực hiện, theo ngày")


class InspectionOut(Schema):
    id: int
    kind: InspectionKind
    kind_label: str
    held_on: datetime.date
    upper_unit: UnitRef = Field(description="Công đoàn chủ trì")
    subject_unit: UnitRef | None
    subject_enterprise_id: int | None
    subject_name: str
    topics: str
    team: str
    state_bodies: str
    findings: str
    recommendations: list[RecommendationOut]


class InspectionPage(Page):
    items: list[InspectionOut]


class InspectionQuery(PageFilters):
    unit: int | None = id_field(
        "Id của đơn vị: kiểm tra do đơn vị này chủ trì hoặc tại đơn vị này (và cấp dưới)"
    )
    kind: InspectionKind | None = Field(None, description="Hình thức")
    limit: int = limit_field(max_limit=200)


def _inspection(i: Inspection) -> dict:
    today = timezone.localdate()
    return {
        "id": i.pk, "kind": i.kind, "kind_label": i.get_kind_display(), "held_on": i.held_on,
        "upper_unit": unit_ref(i.upper_unit), "subject_unit": unit_ref(i.subject_unit),
        "subject_enterprise_id": i.subject_enterprise_id, "subject_name": str(i.subject), "topics": i.topics,
        "team": i.team, "state_bodies": i.state_bodies, "findings": i.findings,
        "recommendations": [{
            "id": r.pk, "content": r.content, "responsible": r.responsible, "deadline": r.deadline, "status": r.status,
            "closed_on": r.closed_on, "is_overdue": r.is_overdue(today),
            "follow_ups": [f"{f.recorded_on.isoformat()}: {f.content}" for f in r.follow_ups.all()],
        } for r in i.recommendations.all()],
    }  # fmt: skip


def _inspections(user):
    return (
        Inspection.objects.visible_to(user).current()
        .select_related("upper_unit", "subject_unit", "subject_enterprise")
        .prefetch_related("recommendations__follow_ups")
    )  # fmt: skip


@router.get("/inspections/", url_name="inspection-list", response=responses(InspectionPage),
            summary="Các cuộc kiểm tra, giám sát")  # fmt: skip
def list_inspections(request: HttpRequest, filters: Query[InspectionQuery]):
    from django.db.models import Q

    user = caller(request)
    rows = _inspections(user)
    if filters.unit:
        unit = get_for_user(Unit, user, pk=filters.unit)
        rows = rows.filter(Q(upper_unit__path__subtree=unit.path) | Q(subject_unit__path__subtree=unit.path))
    if filters.kind:
        rows = rows.filter(kind=filters.kind)
    return page(rows.order_by("-held_on", "-id"), filters, _inspection)


@router.get("/inspections/{inspection_id}/", url_name="inspection-detail", response=responses(InspectionOut),
            summary="Một cuộc kiểm tra, giám sát với các kiến nghị")  # fmt: skip
def get_inspection(request: HttpRequest, inspection_id: int = id_path("Id của cuộc kiểm tra, giám sát")):
    return _inspection(get_for_user(_inspections(caller(request)), caller(request), pk=inspection_id))


class OverdueOut(Schema):
    id: int
    inspection_id: int
    subject_name: str
    upper_unit: UnitRef
    content: str
    responsible: str
    deadline: datetime.date


class OverduePage(Page):
    items: list[OverdueOut]


@router.get("/recommendations/overdue/", url_name="recommendation-overdue-list", response=responses(OverduePage),
            summary="Kiến nghị quá hạn chưa thực hiện xong")  # fmt: skip
def list_overdue(request: HttpRequest, filters: Query[PageFilters]):
    rows = (
        Recommendation.objects.visible_to(caller(request)).overdue(timezone.localdate())
        .select_related("inspection__upper_unit", "inspection__subject_unit", "inspection__subject_enterprise")
        .order_by("deadline", "id")
    )  # fmt: skip
    return page(rows, filters, lambda r: {
        "id": r.pk, "inspection_id": r.inspection_id, "subject_name": str(r.inspection.subject),
        "upper_unit": unit_ref(r.inspection.upper_unit), "content": r.content, "responsible": r.responsible,
        "deadline": r.deadline,
    })  # fmt: skip

"""Research topics and congress works in the API (read): the same filters and the same scoping as the pages
(``visible_to``; a record or a unit outside the caller's scope is 404)."""

from __future__ import annotations

import datetime

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_path, page, responses, search_field
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from ..models import (
    CongressWork,
    ResearchLevel,
    ResearchRating,
    ResearchStatus,
    ResearchTopic,
    WorkKind,
    WorkStatus,
)
from ..queries_works import TopicFilters, WorkFilters, topics_for_list, works_for_list

router = Router(tags=["Đề tài khoa học, công trình chào mừng Đại hội"])


class WorkMemberOut(Schema):
    full_name: str = Field(description="Họ và tên")
    person_id: int | None = Field(description="Id của người trong hệ thống (null: người ngoài)")
    role: str = Field(description="Nhiệm vụ trong đề tài")


class TopicOut(Schema):
    id: int
    title: str = Field(description="Tên đề tài")
    field: str = Field(description="Lĩnh vực")
    level: ResearchLevel = Field(description="Cấp đề tài")
    level_label: str
    unit: UnitRef
    year: int = Field(description="Năm đăng ký")
    lead_name: str = Field(description="Chủ nhiệm đề tài")
    lead_id: int | None = Field(description="Id của chủ nhiệm trong hệ thống (null: người ngoài)")
    members: list[WorkMemberOut] = Field(description="Thành viên tham gia")
    start_on: datetime.date
    end_on: datetime.date
    budget_vnd: int = Field(description="Kinh phí, đồng")
    funding_source: str
    status: ResearchStatus
    status_label: str
    accepted_on: datetime.date | None = Field(description="Ngày nghiệm thu")
    rating: ResearchRating | None = Field(description="Xếp loại nghiệm thu")
    decision_number: str = Field(description="Số quyết định công nhận kết quả")
    decision_date: datetime.date | None
    accepting_body: str = Field(description="Cơ quan, hội đồng nghiệm thu")
    is_archived: bool


class TopicPage(Page):
    items: list[TopicOut]


class TopicQuery(PageFilters):
    q: str = search_field("Tìm theo tên đề tài, chủ nhiệm, lĩnh vực (không phân biệt dấu)")
    year: int | None = Field(None, ge=1901, le=2199, description="Năm đăng ký")
    level: ResearchLevel | None = Field(None, description="Cấp đề tài")
    status: ResearchStatus | None = Field(None, description="Trạng thái")
    unit: int | None = id_field("Id của đơn vị: đề tài của đơn vị và các đơn vị trực thuộc")
    archived: bool = Field(False, description="Đề tài đã lưu trữ thay vì đề tài đang theo dõi")
    limit: int = limit_field(max_limit=200)


class WorkOut(Schema):
    id: int
    name: str = Field(description="Tên công trình, sản phẩm")
    kind: WorkKind
    kind_label: str
    unit: UnitRef
    value_vnd: int = Field(description="Giá trị, đồng")
    location: str
    congress_name: str = Field(description="Đại hội mà công trình chào mừng")
    congress_term: str = Field(description="Nhiệm kỳ của Đại hội")
    planned_on: datetime.date = Field(description="Dự kiến hoàn thành")
    completed_on: datetime.date | None = Field(description="Ngày hoàn thành")
    status: WorkStatus
    status_label: str
    is_archived: bool


class WorkPage(Page):
    items: list[WorkOut]


class WorkQuery(PageFilters):
    q: str = search_field("Tìm theo tên, địa điểm (không phân biệt dấu)")
    congress: str = Field("", max_length=300, description="Tên Đại hội, đúng như đã đăng ký")
    term: str = Field("", max_length=40, description="Nhiệm kỳ")
    kind: WorkKind | None = Field(None, description="Loại")
    status: WorkStatus | None = Field(None, description="Trạng thái")
    year: int | None = Field(None, ge=1901, le=2199, description="Năm dự kiến hoàn thành")
    unit: int | None = id_field("Id của đơn vị: công trình của đơn vị và các đơn vị trực thuộc")
    archived: bool = Field(False, description="Công trình đã lưu trữ")
    limit: int = limit_field(max_limit=200)


def _topic(t: ResearchTopic) -> dict:
    return {
        "id": t.pk, "title": t.title, "field": t.field, "level": t.level, "level_label": t.get_level_display(),
        "unit": unit_ref(t.unit), "year": t.year, "lead_name": t.lead_name, "lead_id": t.lead_id,
        "members": [{"full_name": m.full_name, "person_id": m.person_id, "role": m.role} for m in t.members.all()],
        "start_on": t.start_on, "end_on": t.end_on, "budget_vnd": t.budget_vnd, "funding_source": t.funding_source,
        "status": t.status, "status_label": t.get_status_display(), "accepted_on": t.accepted_on,
        "rating": t.rating or None, "decision_number": t.decision_number, "decision_date": t.decision_date,
        "accepting_body": t.accepting_body, "is_archived": t.archived_at is not None,
    }  # fmt: skip


def _work(w: CongressWork) -> dict:
    return {
        "id": w.pk, "name": w.name, "kind": w.kind, "kind_label": w.get_kind_display(), "unit": unit_ref(w.unit),
        "value_vnd": w.value_vnd, "location": w.location, "congress_name": w.congress_name,
        "congress_term": w.congress_term, "planned_on": w.planned_on, "completed_on": w.completed_on,
        "status": w.status, "status_label": w.get_status_display(), "is_archived": w.archived_at is not None,
    }  # fmt: skip


def _values(filters: Schema) -> dict:
    return {k: (v.value if hasattr(v, "value") else v) for k, v in filters.dict().items() if v is not None}


@router.get("/research-topics/", url_name="research-topic-list", response=responses(TopicPage),
            summary="Danh sách đề tài nghiên cứu khoa học")  # fmt: skip
def list_topics(request: HttpRequest, filters: Query[TopicQuery]):
    """Đề tài của các đơn vị trong phạm vi người dùng, năm mới trước."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=filters.unit) if filters.unit else None
    topics = topics_for_list(user, TopicFilters.from_values(_values(filters), unit)).order_by(
        "-year", "title", "id"
    )
    return page(topics, filters, _topic)


@router.get("/research-topics/{topic_id}/", url_name="research-topic-detail", response=responses(TopicOut),
            summary="Một đề tài nghiên cứu khoa học")  # fmt: skip
def get_topic(request: HttpRequest, topic_id: int = id_path("Id của đề tài")):
    topics = ResearchTopic.objects.select_related("unit").prefetch_related("members")
    return _topic(get_for_user(topics, caller(request), pk=topic_id))


@router.get("/congress-works/", url_name="congress-work-list", response=responses(WorkPage),
            summary="Danh sách công trình, sản phẩm chào mừng Đại hội")  # fmt: skip
def list_works(request: HttpRequest, filters: Query[WorkQuery]):
    """Công trình, sản phẩm của các đơn vị trong phạm vi người dùng, theo Đại hội và ngày dự kiến hoàn thành."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=filters.unit) if filters.unit else None
    works = works_for_list(user, WorkFilters.from_values(_values(filters), unit)).order_by(
        "congress_name", "planned_on", "name", "id"
    )
    return page(works, filters, _work)


@router.get("/congress-works/{work_id}/", url_name="congress-work-detail", response=responses(WorkOut),
            summary="Một công trình, sản phẩm chào mừng Đại hội")  # fmt: skip
def get_work(request: HttpRequest, work_id: int = id_path("Id của công trình")):
    return _work(get_for_user(CongressWork.objects.select_related("unit"), caller(request), pk=work_id))

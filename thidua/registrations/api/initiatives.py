"""Initiatives in the API: the list (same filters and diacritic-free search as the page) and one initiative with its
authors, the council's review and the recognition. Read through the same scoping as the pages (404 outside); the
duplicate checks of an initiative are listed only where the caller's scope covers the unit that decides them, with
the count of the others sent up."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_path, page, responses, search_field
from thidua.core.paging import limit_field
from thidua.orgs.api import UnitRef, unit_ref

from .. import initiative_queries as queries
from ..models import CheckStatus, EffectScope, Initiative, InitiativeField, InitiativeStatus, ReviewMode, Vote

router = Router(tags=["Sáng kiến"])
MAX_LIMIT = 200


class AuthorOut(Schema):
    name: str = Field(description="Họ và tên")
    person_id: int | None = Field(description="Id của người trong hệ thống (trống: người ngoài hệ thống)")
    workplace: str = Field(description="Nơi công tác")
    share: Decimal = Field(description="Tỷ lệ đóng góp (%); tổng các tác giả bằng 100")


class InitiativeOut(Schema):
    id: int
    year: int = Field(description="Năm đăng ký")
    title: str = Field(description="Tên sáng kiến")
    field: InitiativeField = Field(description="Lĩnh vực")
    unit: UnitRef = Field(description="Đơn vị đăng ký")
    registered_on: datetime.date = Field(description="Ngày đăng ký")
    status: InitiativeStatus = Field(description="registered, applied, reviewed, recognised, not_recognised")
    status_label: str = Field(description="Trạng thái (tiếng Việt)")
    authors: list[AuthorOut]
    applied_where: str = Field(description="Nơi áp dụng")
    applied_since: datetime.date | None = Field(description="Áp dụng từ ngày")
    benefit_vnd: int | None = Field(description="Số tiền làm lợi mỗi năm (đồng)")
    decision_number: str = Field(description="Số quyết định công nhận")
    decision_date: datetime.date | None = Field(description="Ngày quyết định công nhận")
    recognising_body: str = Field(description="Cơ quan, đơn vị công nhận (thường ngoài hệ thống công đoàn)")
    effect_scope: EffectScope | None = Field(description="Phạm vi ảnh hưởng: grassroots, province, national")


class InitiativeMemberOut(Schema):
    name: str
    role: str
    score: int | None
    vote: Vote | None


class ReviewOut(Schema):
    council: str = Field(description="Hội đồng xét sáng kiến")
    held_on: datetime.date = Field(description="Ngày họp")
    mode: ReviewMode = Field(description="scores (chấm điểm) hoặc votes (biểu quyết)")
    minutes: str = Field(description="Biên bản, kết luận")
    members: list[InitiativeMemberOut]


class InitiativeCheckOut(Schema):
    match_id: int = Field(description="Id của sáng kiến tương tự")
    score: int = Field(description="Mức giống nhau (%)")
    status: CheckStatus = Field(
        description="pending (chờ kiểm tra), duplicate (trùng), distinct (không trùng)"
    )
    reviewer_unit: UnitRef = Field(description="Đơn vị kiểm tra")


class InitiativeDetail(InitiativeOut):
    problem: str = Field(description="Thực trạng, vấn đề cần giải quyết")
    solution: str = Field(description="Nội dung giải pháp")
    benefit_text: str = Field(description="Hiệu quả không tính được bằng tiền")
    not_recognised_reason: str = Field(description="Lý do không công nhận")
    review: ReviewOut | None
    duplicate_checks: list[InitiativeCheckOut] = Field(
        description="Các kiểm tra trùng người gọi được xem đầy đủ"
    )
    duplicate_checks_sent_up: int = Field(description="Số trường hợp khác đã gửi lên cấp trên kiểm tra")


class InitiativePage(Page):
    items: list[InitiativeOut]


class InitiativeFilters(PageFilters):
    q: str = search_field("Tìm theo tên, nội dung, tên đơn vị, không cần dấu")
    year: int | None = Field(None, ge=1945, le=2200, description="Năm đăng ký")
    status: InitiativeStatus | None = Field(None, description="Trạng thái")
    field: InitiativeField | None = Field(None, description="Lĩnh vực")
    effect_scope: EffectScope | None = Field(None, description="Phạm vi ảnh hưởng")
    limit: int = limit_field(max_limit=MAX_LIMIT)


def _initiative(obj: Initiative) -> dict:
    return {
        "id": obj.pk, "year": obj.year, "title": obj.title, "field": obj.field, "unit": unit_ref(obj.unit),
        "registered_on": obj.registered_on, "status": obj.status, "status_label": obj.get_status_display(),
        "authors": [{"name": a.name, "person_id": a.person_id, "workplace": a.workplace, "share": a.share}
                    for a in obj.authors.all()],
        "applied_where": obj.applied_where, "applied_since": obj.applied_since, "benefit_vnd": obj.benefit_vnd,
        "decision_number": obj.decision_number, "decision_date": obj.decision_date,
        "recognising_body": obj.recognising_body, "effect_scope": obj.effect_scope or None,
    }  # fmt: skip


@router.get("/initiatives/", url_name="initiative-list", response=responses(InitiativePage),
            summary="Danh sách sáng kiến")  # fmt: skip
def list_initiatives(request: HttpRequest, filters: Query[InitiativeFilters]):
    """Sáng kiến của các đơn vị trong phạm vi người dùng, mới nhất trước."""
    rows = queries.initiatives_for_list(caller(request), queries.Filters(
        q=filters.q, year=filters.year, status=filters.status or "", field=filters.field or "",
        effect_scope=filters.effect_scope or ""))  # fmt: skip
    return page(rows, filters, _initiative)


@router.get("/initiatives/{initiative_id}/", url_name="initiative-detail", response=responses(InitiativeDetail),
            summary="Một sáng kiến, đầy đủ")  # fmt: skip
def get_initiative(request: HttpRequest, initiative_id: int = id_path("Id của sáng kiến")):
    return initiative_detail(caller(request), queries.initiative_for(caller(request), initiative_id))


def initiative_detail(user, obj: Initiative) -> dict:
    """One initiative as the detail route answers it (also the answer of every write route)."""
    obj = queries.with_authors(Initiative.objects.filter(pk=obj.pk)).get()
    review = getattr(obj, "review", None) if hasattr(obj, "review") else None
    checks, sent_up = queries.checks_for(user, obj)
    return {
        **_initiative(obj), "problem": obj.problem, "solution": obj.solution, "benefit_text": obj.benefit_text,
        "not_recognised_reason": obj.not_recognised_reason,
        "review": None if review is None else {
            "council": review.council, "held_on": review.held_on, "mode": review.mode, "minutes": review.minutes,
            "members": [{"name": m.name, "role": m.role, "score": m.score, "vote": m.vote or None}
                        for m in review.members.all()]},
        "duplicate_checks": [{"match_id": c.match_id, "score": c.score, "status": c.status,
                              "reviewer_unit": unit_ref(c.reviewer_unit)} for c in checks],
        "duplicate_checks_sent_up": sent_up,
    }  # fmt: skip

"""Hội đồng thi đua – khen thưởng in the API (read): councils with their members, sessions with their agenda and
results. Ballots are never given — neither the rows nor who cast which: only the counts once voting has closed,
and who took no part in an item. Same scoping as the pages (a council of another branch is 404)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q
from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_path, page, responses
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .models import Council, ItemResult, MemberRole, SessionStatus, VotingMode
from .queries import council_for, session_for, session_view

router = Router(tags=["Hội đồng thi đua – khen thưởng"])


class CouncilOut(Schema):
    id: int
    unit: UnitRef = Field(description="Đơn vị có Hội đồng")
    name: str
    term_from: datetime.date
    term_to: datetime.date | None
    decision_number: str = Field(description="Quyết định thành lập số")
    decision_date: datetime.date | None
    member_count: int = Field(description="Số thành viên (chưa lưu trữ)")
    quorum: str = Field(
        description="Số thành viên dự họp tối thiểu, phân số của tổng số thành viên, ví dụ 2/3"
    )


class CouncilPage(Page):
    items: list[CouncilOut]


class CouncilQuery(PageFilters):
    unit: int | None = id_field("Id của đơn vị: Hội đồng của đơn vị này và các đơn vị trực thuộc")
    limit: int = limit_field(max_limit=200)


class MemberOut(Schema):
    id: int
    person_id: int
    full_name: str
    unit: UnitRef = Field(description="Đơn vị công tác (dùng để phát hiện xung đột lợi ích)")
    role: MemberRole
    role_label: str
    is_secretary: bool
    position: str
    from_date: datetime.date
    to_date: datetime.date | None


class SessionRef(Schema):
    id: int
    number: int
    held_on: datetime.date
    status: SessionStatus
    status_label: str


class CouncilDetailOut(CouncilOut):
    members: list[MemberOut]
    sessions: list[SessionRef]


def _council(c: Council, member_count: int) -> dict:
    return {
        "id": c.pk, "unit": unit_ref(c.unit), "name": c.name, "term_from": c.term_from, "term_to": c.term_to,
        "decision_number": c.decision_number, "decision_date": c.decision_date, "member_count": member_count,
        "quorum": f"{c.quorum_numerator}/{c.quorum_denominator}",
    }  # fmt: skip


def _member(m) -> dict:
    return {
        "id": m.pk, "person_id": m.person_id, "full_name": m.person.full_name, "unit": unit_ref(m.unit),
        "role": m.role, "role_label": m.get_role_display(), "is_secretary": m.is_secretary, "position": m.position,
        "from_date": m.from_date, "to_date": m.to_date,
    }  # fmt: skip


def _session_ref(s) -> dict:
    return {"id": s.pk, "number": s.number, "held_on": s.held_on, "status": s.status,
            "status_label": s.get_status_display()}  # fmt: skip


@router.get("/councils/", response=responses(CouncilPage), url_name="council-list")
def list_councils(request, filters: Query[CouncilQuery]):
    """Các Hội đồng thi đua – khen thưởng trong phạm vi người gọi (mới nhất trước)."""
    user = caller(request)
    councils = (
        Council.objects.visible_to(user).current().select_related("unit")
        .annotate(n=Count("members", filter=Q(members__archived_at__isnull=True)))
        .order_by("-term_from", "-id")
    )  # fmt: skip
    if filters.unit:
        unit = get_for_user(Unit, user, pk=filters.unit)
        councils = councils.filter(unit__path__startswith=unit.path)
    return page(councils, filters, lambda c: _council(c, c.n))


@router.get("/councils/{council_id}/", response=responses(CouncilDetailOut), url_name="council-detail")
def council_detail(request, council_id: int = id_path("Id của Hội đồng")):
    """Một Hội đồng: thành viên và các phiên họp."""
    council = council_for(caller(request), council_id)
    members = list(council.members.current().select_related("person", "unit").order_by("from_date", "id"))
    return {
        **_council(council, len(members)), "members": [_member(m) for m in members],
        "sessions": [_session_ref(s) for s in council.sessions.current().order_by("held_on", "number")],
    }  # fmt: skip


class ItemOut(Schema):
    id: int
    position: int
    label: str
    person_id: int | None = Field(description="Cá nhân được đề nghị")
    collective: UnitRef | None = Field(description="Tập thể được đề nghị")
    unit: UnitRef = Field(description="Đơn vị của người, tập thể được đề nghị")
    award_code: str | None = Field(description="Mã danh hiệu, hình thức trong danh mục")
    source: str = Field(description="Mã hồ sơ nguồn (ứng dụng khác gắn hồ sơ của mình vào nội dung)")
    threshold: str = Field(description="Yêu cầu, ví dụ “ít nhất 90 % tổng số thành viên Hội đồng”")
    threshold_citation: str
    recused_leave_base: bool = Field(description="Thành viên không tham gia biểu quyết ra khỏi mẫu số")
    recused_member_ids: list[int] = Field(
        description="Thành viên không tham gia biểu quyết (xung đột lợi ích)"
    )
    voted_count: int = Field(description="Số thành viên đã bỏ phiếu (không nói ai chọn gì)")
    result: ItemResult
    result_label: str
    yes_count: int | None = Field(description="Phiếu đồng ý (khi đã kết thúc bỏ phiếu)")
    no_count: int | None
    invalid_count: int | None
    written_yes: int | None = Field(description="Ý kiến đồng ý bằng văn bản của thành viên vắng mặt")
    written_no: int | None
    base_count: int | None = Field(description="Số thành viên làm mẫu số")
    result_note: str = Field(description="Giải trình kết quả")


class SessionOut(SessionRef):
    council_id: int
    place: str
    voting_mode: VotingMode
    members: int = Field(description="Số thành viên Hội đồng vào ngày họp")
    present: int = Field(description="Số thành viên có mặt")
    quorum_needed: int
    has_quorum: bool
    items: list[ItemOut]


@router.get(
    "/councils/sessions/{session_id}/", response=responses(SessionOut), url_name="council-session-detail"
)
def session_detail(request, session_id: int = id_path("Id của phiên họp")):
    """Một phiên họp: chương trình, thành viên không tham gia biểu quyết, kết quả từng nội dung (khi đã kết thúc
    bỏ phiếu). Không bao giờ trả phiếu bầu hay người bỏ phiếu nào chọn gì."""
    session = session_for(caller(request), session_id)
    view = session_view(session)
    closed = session.is_closed
    items = []
    for v in view.items:
        item = v.item
        items.append({
            "id": item.pk, "position": item.position, "label": item.label, "person_id": item.person_id,
            "collective": unit_ref(item.collective), "unit": unit_ref(item.unit),
            "award_code": item.award.code if item.award else None, "source": item.source,
            "threshold": v.threshold.describe(), "threshold_citation": v.threshold.citation,
            "recused_leave_base": v.threshold.recused_leave_base, "recused_member_ids": sorted(v.recused),
            "voted_count": v.casts, "result": item.result, "result_label": item.get_result_display(),
            "yes_count": item.yes_count if closed else None, "no_count": item.no_count if closed else None,
            "invalid_count": item.invalid_count if closed else None,
            "written_yes": item.written_yes if closed else None, "written_no": item.written_no if closed else None,
            "base_count": item.base_count if closed else None, "result_note": item.result_note,
        })  # fmt: skip
    return {
        **_session_ref(session), "council_id": session.council_id, "place": session.place,
        "voting_mode": session.voting_mode, "members": len(view.members), "present": len(view.present),
        "quorum_needed": view.quorum_needed, "has_quorum": view.has_quorum, "items": items,
    }  # fmt: skip

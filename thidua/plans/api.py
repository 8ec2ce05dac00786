"""The plans routes of the API: plans, their phases, the calendar of a unit's year and the deployment of a plan.

Read through the same scoping as the pages: a plan is seen by its issuer's subtree and by the units it was delivered
to; anything else is 404, and so is a filter or parameter naming a unit outside the caller's scope. Lists are paged
(``limit``/``offset`` with the total ``count``) and cost the same number of queries whatever the number of rows.
"""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from thidua.core.api import Page, PageFilters, caller, id_field, id_path, id_query, page, responses
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref

from . import permissions, queries
from .models import DocumentKind, MeasureTarget, Plan, PlanStatus, RecipientPurpose

router = Router(tags=["Kế hoạch"])

MAX_LIMIT = 200
FIRST_YEAR, LAST_YEAR = 1900, 2100  # the years a plan or a calendar can be asked for (422 outside)


# --- schemas --------------------------------------------------------------------------------------------------


class PlanRef(Schema):
    id: int = Field(description="Id của kế hoạch")
    number: str = Field(description="Số, ký hiệu, ví dụ 13/KH-LĐLĐ")
    title: str = Field(description="Trích yếu")


class PlanOut(Schema):
    id: int = Field(description="Id của kế hoạch")
    kind: DocumentKind = Field(description="Loại văn bản")
    kind_label: str = Field(description="Loại văn bản (tiếng Việt)")
    number: str = Field(description="Số, ký hiệu, ví dụ 13/KH-LĐLĐ")
    year: int = Field(description="Năm của kế hoạch")
    place: str = Field(description="Địa danh")
    date: datetime.date | None = Field(description="Ngày ban hành")
    title: str = Field(description="Trích yếu")
    status: PlanStatus = Field(
        description="Trạng thái: draft (dự thảo), issued (đã ban hành), closed (đã kết thúc)"
    )
    status_label: str = Field(description="Trạng thái (tiếng Việt)")
    issuer: UnitRef = Field(description="Đơn vị ban hành")
    based_on_id: int | None = Field(description="Id của kế hoạch cấp trên mà kế hoạch này triển khai")
    is_archived: bool = Field(description="Đã lưu trữ")


class PlanPage(Page):
    items: list[PlanOut] = Field(description="Các kế hoạch của trang này, mới nhất trước")


class PlanFilters(PageFilters):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Chỉ kế hoạch của năm này")
    status: PlanStatus | None = Field(None, description="Chỉ kế hoạch ở trạng thái này")
    issuer: int | None = id_field("Chỉ kế hoạch do đơn vị có id này ban hành")
    received: bool = Field(
        False, description="true: chỉ các kế hoạch đơn vị của người dùng nhận được để triển khai"
    )
    limit: int = limit_field(max_limit=MAX_LIMIT)


class LegalBasisOut(Schema):
    kind: DocumentKind = Field(description="Loại văn bản được căn cứ")
    number: str = Field(description="Số, ký hiệu")
    date: datetime.date | None = Field(description="Ngày ban hành")
    issuer: str = Field(description="Cơ quan ban hành")
    title: str = Field(description="Trích yếu")
    cited_plan_id: int | None = Field(
        description="Id của kế hoạch trong hệ thống khi văn bản được căn cứ là một"
    )


class MovementOut(Schema):
    order: int = Field(description="Số thứ tự")
    names: list[str] = Field(description="Tên các phong trào (trong ngoặc kép trong văn bản)")
    text: str = Field(description="Nội dung")


class MeasureOut(Schema):
    target: MeasureTarget = Field(description="Đối tượng của biện pháp")
    order: int = Field(description="Số thứ tự trong nhóm")
    text: str = Field(description="Nội dung")


class CommemorationOut(Schema):
    text: str = Field(description="Nội dung như trong văn bản")
    ordinal: int | None = Field(description="Số năm ghi trong văn bản")
    expected_ordinal: int | None = Field(description="Số năm tính theo ngày tháng")
    consistent: bool | None = Field(description="false: số năm ghi trong văn bản không khớp với ngày tháng")
    is_round: bool = Field(description="Năm chẵn (bội của 5)")
    base_date: datetime.date | None = Field(description="Ngày của sự kiện")
    date: datetime.date | None = Field(description="Ngày kỷ niệm")
    catalog_id: int | None = Field(description="Id trong danh mục ngày kỷ niệm")


class PhaseOut(Schema):
    id: int = Field(description="Id của đợt thi đua")
    order: int = Field(description="Số thứ tự")
    name: str = Field(description="Tên đợt")
    start: datetime.date = Field(description="Từ ngày")
    end: datetime.date = Field(description="Đến ngày")
    start_is_open: bool = Field(description="Bắt đầu “từ đầu năm”")
    status: str = Field(
        description="upcoming (sắp diễn ra), open (đang diễn ra), closed (đã kết thúc), theo ngày"
    )
    celebrates: str = Field(description="Nội dung thi đua")
    report_due: datetime.date | None = Field(description="Hạn báo cáo")
    opens_registration: bool = Field(description="Mở đăng ký thi đua trong đợt")
    opens_reporting: bool = Field(description="Mở báo cáo kết quả trong đợt")
    opens_proposals: bool = Field(description="Mở đề nghị khen thưởng trong đợt")
    commemorations: list[CommemorationOut] = Field(description="Các ngày kỷ niệm của đợt")


class DutyOut(Schema):
    phase_id: int | None = Field(description="Id của đợt (nếu yêu cầu gắn với một đợt)")
    to_whom: str = Field(description="Báo cáo về")
    due: datetime.date | None = Field(description="Hạn báo cáo")
    text: str = Field(description="Nội dung báo cáo")


class RecipientOut(Schema):
    name: str = Field(description="Nơi nhận")
    purpose: RecipientPurpose | None = Field(description="Mục đích: bao_cao, thuc_hien, luu, biet, other")
    unit_id: int | None = Field(description="Id của đơn vị trong hệ thống")
    to_subordinates: bool = Field(description="Gửi mọi đơn vị trực thuộc")


class SignerOut(Schema):
    on_behalf: str = Field(description="Thẩm quyền ký, ví dụ TM. BAN THƯỜNG VỤ")
    title: str = Field(description="Chức vụ người ký")
    name: str = Field(description="Họ tên người ký")


class PlanDetail(PlanOut):
    introduction: str = Field(description="Mở đầu")
    purposes: str = Field(description="Mục đích")
    requirements: str = Field(description="Yêu cầu")
    phase_review: str = Field(description="Sơ kết sau mỗi đợt")
    closing: str = Field(description="Kết thúc văn bản")
    legal_bases: list[LegalBasisOut]
    movements: list[MovementOut]
    measures: list[MeasureOut]
    phases: list[PhaseOut]
    commemorations: list[CommemorationOut] = Field(description="Ngày kỷ niệm ngoài các đợt")
    reporting_duties: list[DutyOut]
    recipients: list[RecipientOut]
    signer: SignerOut
    amendments: int = Field(description="Số lần sửa đổi, bổ sung")


class DeploymentRowOut(Schema):
    unit: UnitRef = Field(description="Đơn vị trực thuộc")
    state: str = Field(
        description="issued (đã ban hành kế hoạch), draft (đang dự thảo), none (chưa triển khai)"
    )
    since: datetime.date | None = Field(description="Kể từ ngày")
    plan: PlanRef | None = Field(description="Kế hoạch của đơn vị")
    has_units_below: bool = Field(description="Có đơn vị trực thuộc (xem tiếp bằng tham số unit)")


class DeploymentOut(Schema):
    plan_id: int
    unit: UnitRef = Field(description="Đơn vị có các đơn vị trực thuộc được liệt kê")
    summary: dict[str, int] = Field(description="Số đơn vị theo tình hình: issued, draft, none, total")
    rows: list[DeploymentRowOut]


class CalendarPhaseOut(Schema):
    plan: PlanRef
    name: str
    start: datetime.date
    end: datetime.date
    status: str
    report_due: datetime.date | None


class AnniversaryOut(Schema):
    name: str = Field(description="Tên ngày kỷ niệm")
    date: datetime.date = Field(description="Ngày kỷ niệm trong năm")
    ordinal: int = Field(description="Lần thứ (số năm)")
    is_round: bool = Field(description="Năm chẵn: bội của 5")
    is_major: bool = Field(description="Bội của 10")
    phases: list[str] = Field(description="Các đợt thi đua có chứa ngày này")


class DeadlineOut(Schema):
    day: datetime.date
    title: str
    plan: PlanRef


class CalendarOut(Schema):
    unit: UnitRef
    year: int
    phases: list[CalendarPhaseOut]
    anniversaries: list[AnniversaryOut]
    deadlines: list[DeadlineOut]


# --- building the output --------------------------------------------------------------------------------------


def _ref(plan: Plan | None) -> dict | None:
    return {"id": plan.pk, "number": plan.number_display, "title": plan.title} if plan is not None else None


def _plan(plan: Plan) -> dict:
    return {
        "id": plan.pk, "kind": plan.kind, "kind_label": plan.get_kind_display(), "number": plan.number_display,
        "year": plan.year, "place": plan.place, "date": plan.date, "title": plan.title, "status": plan.status,
        "status_label": plan.get_status_display(), "issuer": unit_ref(plan.issuer), "based_on_id": plan.based_on_id,
        "is_archived": plan.archived_at is not None,
    }  # fmt: skip


def _commemoration(c) -> dict:
    return {"text": c.text, "ordinal": c.ordinal, "expected_ordinal": c.expected_ordinal,
            "consistent": c.is_consistent, "is_round": c.is_round, "base_date": c.event_date, "date": c.date,
            "catalog_id": c.commemoration_id}  # fmt: skip


def _phase(phase) -> dict:
    return {
        "id": phase.pk, "order": phase.order, "name": phase.name, "start": phase.start, "end": phase.end,
        "start_is_open": phase.start_is_open, "status": phase.status, "celebrates": phase.celebrates,
        "report_due": phase.report_due, "opens_registration": phase.opens_registration,
        "opens_reporting": phase.opens_reporting, "opens_proposals": phase.opens_proposals,
        "commemorations": [_commemoration(c) for c in phase.commemorations.all()],
    }  # fmt: skip


def _visible_plan(request, plan_id: int) -> Plan:
    plan = get_for_user(Plan.objects.select_related("issuer"), caller(request), pk=plan_id)
    return queries.plan_with_parts(Plan.objects.filter(pk=plan.pk)).get()


# --- routes ---------------------------------------------------------------------------------------------------


@router.get("/plans/", url_name="plan-list", response=responses(PlanPage), summary="Danh sách kế hoạch")
def list_plans(request: HttpRequest, filters: Query[PlanFilters]):
    """Kế hoạch người dùng được xem: do đơn vị trong phạm vi ban hành, hoặc đơn vị trong phạm vi nhận được."""
    user = caller(request)
    plans = Plan.objects.visible_to(user).active().select_related("issuer")
    if filters.received:
        plans = plans.filter(pk__in=queries.inbox(user).values("plan_id"))
    if filters.year:
        plans = plans.filter(year=filters.year)
    if filters.status:
        plans = plans.filter(status=filters.status)
    if filters.issuer is not None:
        from thidua.orgs.models import Unit

        plans = plans.filter(issuer=get_for_user(Unit, user, pk=filters.issuer))
    return page(plans.order_by("-year", "issuer__path", "-number"), filters, _plan)


@router.get("/plans/{plan_id}/", url_name="plan-detail", response=responses(PlanDetail),
            summary="Một kế hoạch, đầy đủ")  # fmt: skip
def get_plan(request: HttpRequest, plan_id: int = id_path("Id của kế hoạch")):
    plan = _visible_plan(request, plan_id)
    loose = plan.loose_commemorations  # type: ignore[attr-defined]  # prefetched by plan_with_parts
    return {
        **_plan(plan),
        "introduction": plan.introduction, "purposes": plan.purposes, "requirements": plan.requirements,
        "phase_review": plan.phase_review, "closing": plan.closing,
        "legal_bases": [{"kind": b.kind, "number": b.number, "date": b.date, "issuer": b.issuer, "title": b.title,
                         "cited_plan_id": b.cited_plan_id} for b in plan.legal_bases.all()],
        "movements": [{"order": m.order, "names": m.names, "text": m.text} for m in plan.movements.all()],
        "measures": [{"target": m.target, "order": m.order, "text": m.text} for m in plan.measures.all()],
        "phases": [_phase(p) for p in plan.phases.all()],
        "commemorations": [_commemoration(c) for c in loose],
        "reporting_duties": [{"phase_id": d.phase_id, "to_whom": d.to_whom, "due": d.due, "text": d.text}
                             for d in plan.reporting_duties.all()],
        "recipients": [{"name": r.name, "purpose": r.purpose or None, "unit_id": r.unit_id,
                        "to_subordinates": r.to_subordinates} for r in plan.recipients.all()],
        "signer": {"on_behalf": plan.signer_on_behalf, "title": plan.signer_title, "name": plan.signer_name},
        "amendments": len(plan.amendments.all()),
    }  # fmt: skip


@router.get("/plans/{plan_id}/phases/", url_name="plan-phases", response=responses(list[PhaseOut]),
            summary="Các đợt thi đua của kế hoạch")  # fmt: skip
def list_phases(request: HttpRequest, plan_id: int = id_path("Id của kế hoạch")):
    plan = _visible_plan(request, plan_id)
    return [_phase(p) for p in plan.phases.all()]


@router.get("/plans/{plan_id}/deployment/", url_name="plan-deployment", response=responses(DeploymentOut),
            summary="Tình hình triển khai kế hoạch của các đơn vị trực thuộc")  # fmt: skip
def get_deployment(
    request: HttpRequest,
    plan_id: int = id_path("Id của kế hoạch"),
    unit: int | None = id_query("Id của một đơn vị bên dưới đơn vị ban hành"),
):
    """Với mỗi đơn vị trực thuộc trực tiếp đơn vị ban hành (hoặc đơn vị ``unit`` bên dưới nó): đã ban hành kế hoạch
    triển khai, đang dự thảo hay chưa triển khai, kể từ ngày nào. Chỉ người thuộc phạm vi đơn vị ban hành xem được."""
    from thidua.orgs.models import Unit

    plan = get_for_user(Plan.objects.select_related("issuer"), caller(request), pk=plan_id)
    if not permissions.can_view_deployment(caller(request), plan):
        raise Http404
    below = plan.issuer
    if unit is not None and unit != plan.issuer_id:
        below = Unit.objects.filter(pk=unit).first()
        if below is None or not queries.was_below(below, plan.issuer, queries.tree_day(plan)):
            raise Http404
    rows = queries.deployment_status(plan, below)
    return {
        "plan_id": plan.pk, "unit": unit_ref(below), "summary": queries.deployment_summary(rows),
        "rows": [{"unit": unit_ref(r.unit), "state": r.state, "since": r.since,
                  "plan": _ref(r.plan) if r.plan else None, "has_units_below": r.can_drill} for r in rows],
    }  # fmt: skip


@router.get("/calendar/", url_name="plan-calendar", response=responses(CalendarOut),
            summary="Lịch thi đua của một năm")  # fmt: skip
def get_calendar(
    request: HttpRequest,
    year: int | None = Query(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Năm (mặc định: năm nay)"),
    unit: int | None = id_query("Id của đơn vị (mặc định: đơn vị cao nhất)"),
):
    """Các đợt thi đua, ngày kỷ niệm (số năm, năm chẵn) và hạn báo cáo của năm, cho đơn vị ``unit`` (mặc định: đơn
    vị cao nhất trong phạm vi của người dùng)."""
    from thidua.orgs import queries as org_queries
    from thidua.orgs.models import Unit

    user = caller(request)
    if unit is not None:
        chosen = get_for_user(Unit, user, pk=unit)
    else:
        roots = org_queries.root_units_for(user)
        if not roots:
            raise Http404
        chosen = roots[0]
    year = year or timezone.localdate().year
    cal = queries.calendar(user, chosen, year)
    return {
        "unit": unit_ref(chosen), "year": year,
        "phases": [{"plan": _ref(p.plan), "name": p.name, "start": p.start, "end": p.end, "status": p.status,
                    "report_due": p.report_due} for p in cal.phases],
        "anniversaries": [{"name": a.commemoration.name, "date": a.date, "ordinal": a.ordinal,
                           "is_round": a.is_round, "is_major": a.is_major, "phases": [p.name for p in a.phases]}
                          for a in cal.anniversaries],
        "deadlines": [{"day": d.day, "title": d.title, "plan": _ref(d.plan)} for d in cal.deadlines],
    }  # fmt: skip

"""Đề nghị khen thưởng in the API: the list (sent or received, per year), one proposal with its nominees, drafting
one (with its nominees) and sending it. The same scoping as the pages (``visible_to``: 404 outside), the same
actions (403 without the right, 400 with the Vietnamese reason, e.g. what the dossier lacks)."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api import (
    MAX_ID,
    ErrorOut,
    Page,
    PageFilters,
    body_doc,
    caller,
    id_path,
    json_body,
    page,
    responses,
)
from thidua.core.forms import CleanText
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award

from . import actions, queries
from .models import Nominee, Proposal, ProposalStatus, RewardKind

router = Router(tags=["Đề nghị khen thưởng"])
WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut}


class ProposalOut(Schema):
    id: int
    unit: UnitRef = Field(description="Đơn vị đề nghị")
    to_unit: UnitRef = Field(description="Cấp xét (chính đơn vị khi khen thưởng tại cấp mình)")
    kind: str = Field(description="Mã loại khen thưởng")
    kind_label: str
    year: int
    title: str
    status: ProposalStatus
    status_label: str
    deadline: datetime.date | None
    sent_at: datetime.datetime | None
    late: bool = Field(description="Gửi sau hạn, hoặc quá hạn mà chưa gửi")
    nominee_count: int


class ProposalPage(Page):
    items: list[ProposalOut]


class NomineeOut(Schema):
    id: int
    person_id: int | None
    unit_id: int | None
    name: str
    award: str = Field(description="Mã danh hiệu, hình thức (danh mục)")
    award_label: str
    position: str
    summary: str
    priorities: list[str] = Field(description="Đối tượng ưu tiên: công nhân trực tiếp sản xuất, doanh nghiệp "
                                  "ngoài nhà nước, nữ")  # fmt: skip
    result: str
    result_label: str
    origin_id: int | None = Field(description="Người, tập thể trong đề nghị của cấp dưới (chuỗi trình tiếp)")
    duplicates: list[int] = Field(description="Id của các lần đề nghị khác cùng năm, cùng hình thức, qua đường "
                                  "khác")  # fmt: skip


class ProposalDetail(ProposalOut):
    nominees: list[NomineeOut]
    missing: list[str] = Field(description="Hồ sơ còn thiếu (khi còn sửa được)")
    forwarded_as_id: int | None


class ProposalQuery(PageFilters):
    box: str = Field(
        "sent", pattern="^(sent|received)$", description="sent: đơn vị lập; received: cấp dưới gửi lên"
    )
    year: int | None = Field(None, ge=1945, le=2200)
    status: ProposalStatus | None = None
    late: bool = Field(False, description="Chỉ những đề nghị trễ hạn")


def _row(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk, "unit": unit_ref(p.unit), "to_unit": unit_ref(p.to_unit), "kind": p.kind.code,
        "kind_label": p.kind.name, "year": p.year, "title": p.title, "status": p.status,
        "status_label": p.get_status_display(), "deadline": p.deadline, "sent_at": p.sent_at,
        "late": queries.is_late(p), "nominee_count": getattr(p, "nominee_count", 0),
    }  # fmt: skip


def _nominee(n: Nominee, duplicates: dict[int, list[Nominee]]) -> dict[str, Any]:
    return {
        "id": n.pk, "person_id": n.person_id, "unit_id": n.unit_id, "name": n.name, "award": n.award.code,
        "award_label": n.award.name, "position": n.position, "summary": n.summary,
        "priorities": queries.priority_labels(n), "result": n.result, "result_label": n.get_result_display(),
        "origin_id": n.origin_id, "duplicates": [d.pk for d in duplicates.get(n.pk, [])],
    }  # fmt: skip


def _detail(user, proposal: Proposal) -> dict[str, Any]:
    from .permissions import can_edit_proposal

    nominees = list(queries.nominees_of(proposal))
    duplicates = queries.duplicates_for(nominees)
    proposal.nominee_count = len(nominees)  # type: ignore[attr-defined]
    return {
        **_row(proposal), "nominees": [_nominee(n, duplicates) for n in nominees],
        "missing": queries.missing_items(proposal, nominees) if can_edit_proposal(user, proposal) else [],
        "forwarded_as_id": proposal.forwarded_as_id,
    }  # fmt: skip


def _call(step, *args, **kwargs) -> Any:
    try:
        return step(*args, **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với đề nghị.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc


@router.get("/proposals/", response=responses(ProposalPage), url_name="proposal-list")
def list_proposals(request, filters: Query[ProposalQuery]):
    """Đề nghị khen thưởng: của các đơn vị trong phạm vi (sent) hoặc cấp dưới gửi lên (received)."""
    f = queries.ProposalFilters(
        box=filters.box, year=filters.year, status=filters.status or "", late=filters.late
    )
    return page(queries.proposals_for_list(caller(request), f), filters, _row)


@router.get("/proposals/{proposal_id}/", response=responses(ProposalDetail), url_name="proposal-detail")
def get_proposal(request, proposal_id: int = id_path("Id của đề nghị")):
    """Một đề nghị với danh sách người, tập thể được đề nghị, cảnh báo đề nghị trùng và hồ sơ còn thiếu."""
    user = caller(request)
    proposal = get_for_user(Proposal.objects.select_related("unit", "to_unit", "kind"), user, pk=proposal_id)
    return _detail(user, proposal)


class NomineeIn(Schema):
    person_id: int | None = Field(None, ge=1, le=MAX_ID, description="Id của cá nhân (thuộc đơn vị đề nghị)")
    unit_id: int | None = Field(None, ge=1, le=MAX_ID, description="Id của tập thể (thuộc đơn vị đề nghị)")
    award_code: str = Field(..., max_length=60, description="Mã danh hiệu, hình thức (xem /catalog/)")
    position: CleanText = Field("", max_length=300)
    summary: CleanText = Field("", max_length=1000)
    achievement: CleanText = Field("", max_length=50_000, description="Báo cáo thành tích")
    service_years: int | None = Field(None, ge=1, le=60)


class ProposalIn(Schema):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Id của đơn vị đề nghị")
    kind: str = Field(..., max_length=60, description="Mã loại khen thưởng: cong-trang, chuyen-de, dot-xuat, "
                      "cong-hien, cap-tren")  # fmt: skip
    year: int = Field(..., ge=1945, le=2200)
    own_level: bool = Field(False, description="Khen thưởng tại cấp mình")
    title: CleanText = Field("", max_length=300)
    number: CleanText = Field("", max_length=60)
    deadline: datetime.date | None = None
    nominees: list[NomineeIn] = Field([], max_length=500)


@router.post("/proposals/", url_name="proposal-create", response={**responses(ProposalDetail), **WRITE_ERRORS},
             summary="Lập đề nghị khen thưởng (dự thảo) với danh sách người, tập thể", openapi_extra=body_doc(ProposalIn))  # fmt: skip
def create(request: HttpRequest):
    """Tất cả hoặc không: một dòng sai (không tìm thấy người, hình thức không hợp lệ) thì không lập gì (400)."""
    from django.db import transaction

    user = caller(request)
    body = json_body(request, ProposalIn)
    unit = get_for_user(Unit, user, pk=body.unit_id)
    kind = RewardKind.objects.filter(code=body.kind, archived_at__isnull=True).first()
    if kind is None:
        raise HttpError(400, _("Không có loại khen thưởng mã “%(code)s”.") % {"code": body.kind})
    awards = {a.code: a for a in Award.objects.filter(code__in=[n.award_code for n in body.nominees])}
    with transaction.atomic():
        proposal = _call(actions.create_proposal, unit, by=user, kind=kind, year=body.year, own_level=body.own_level,
                         title=body.title, number=body.number, deadline=body.deadline)  # fmt: skip
        for number, row in enumerate(body.nominees, start=1):
            award = awards.get(row.award_code)
            person = (
                Person.objects.visible_to(user).filter(pk=row.person_id).first() if row.person_id else None
            )
            collective = Unit.objects.visible_to(user).filter(pk=row.unit_id).first() if row.unit_id else None
            if award is None or (row.person_id and person is None) or (row.unit_id and collective is None):
                raise HttpError(400, _("Dòng %(n)s: không tìm thấy người, tập thể hoặc hình thức “%(code)s”.")
                                % {"n": number, "code": row.award_code})  # fmt: skip
            try:
                actions.add_nominee(proposal, by=user, person=person, unit=collective, award=award,
                                    position=row.position, summary=row.summary, achievement=row.achievement,
                                    service_years=row.service_years)  # fmt: skip
            except ValidationError as exc:
                raise HttpError(
                    400, _("Dòng %(n)s: %(error)s") % {"n": number, "error": " ".join(exc.messages)}
                ) from exc
    return _detail(user, proposal)


@router.post("/proposals/{proposal_id}/send/", url_name="proposal-send",
             response={**responses(ProposalDetail), **WRITE_ERRORS}, summary="Gửi đề nghị lên cấp trên")  # fmt: skip
def send(request: HttpRequest, proposal_id: int = id_path("Id của đề nghị")):
    """Chỉ khi hồ sơ đủ (400 nêu từng thành phần còn thiếu); sau hạn thì vẫn gửi và đánh dấu gửi sau hạn."""
    user = caller(request)
    proposal = get_for_user(Proposal.objects.select_related("unit", "to_unit", "kind"), user, pk=proposal_id)
    _call(actions.send_proposal, proposal, by=user)
    proposal.refresh_from_db()
    return _detail(user, proposal)

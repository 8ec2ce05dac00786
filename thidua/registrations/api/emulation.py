"""Emulation registration in the API: the list (year, status, unit, paged), one registration with its rows and
history, and its workflow (submit; acknowledge and return by the level above).

The same scoping as the pages: a registration is read by its unit's subtree (404 for anyone else, and for a
filter naming a unit outside the caller's scope); the workflow goes through the same actions, so the same
permissions hold (403 with the reason) and a refused step answers 400 with the action's Vietnamese message.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api import ErrorOut, Page, PageFilters, caller, id_field, id_path, page, responses
from thidua.core.forms import CleanText
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .. import emulation_queries as queries
from ..actions import emulation as actions
from ..models import Registration, RegistrationStatus
from .bodies import body_doc as _body_doc
from .bodies import json_body as _body

router = Router(tags=["Đăng ký thi đua"])

FIRST_YEAR, LAST_YEAR = 1945, 2200
ACTION_ERRORS = {400: ErrorOut, 403: ErrorOut}


class RegistrationOut(Schema):
    id: int = Field(description="Id của đăng ký")
    unit: UnitRef = Field(description="Đơn vị đăng ký")
    year: int = Field(description="Năm")
    phase_id: int | None = Field(description="Id của đợt thi đua khi đăng ký theo đợt")
    phase_name: str = Field(description="Tên đợt (trống: cả năm)")
    plan_id: int | None = Field(description="Id của kế hoạch đăng ký theo")
    status: RegistrationStatus = Field(
        description="draft (đang soạn), submitted (đã gửi cấp trên), acknowledged (cấp trên đã ghi nhận), "
        "returned (cấp trên trả lại)"
    )
    status_label: str = Field(description="Trạng thái (tiếng Việt)")
    deadline: datetime.date = Field(description="Hạn đăng ký")
    late: bool = Field(description="Gửi sau hạn, có sự đồng ý của cấp trên")
    submitted_at: datetime.datetime | None = Field(description="Gửi cấp trên lúc")
    acknowledged_at: datetime.datetime | None = Field(description="Cấp trên ghi nhận lúc")
    returned_reason: str = Field(description="Lý do cấp trên trả lại")
    target_count: int = Field(description="Số danh hiệu tập thể đăng ký")
    people_count: int = Field(description="Số cá nhân đăng ký")


class RegistrationPage(Page):
    items: list[RegistrationOut] = Field(description="Các đăng ký của trang này")


class RegistrationFilters(PageFilters):
    year: int | None = Field(None, ge=FIRST_YEAR, le=LAST_YEAR, description="Chỉ đăng ký của năm này")
    status: RegistrationStatus | None = Field(None, description="Chỉ đăng ký ở trạng thái này")
    unit: int | None = id_field("Chỉ đăng ký của đơn vị có id này và các đơn vị trực thuộc")


class TargetOut(Schema):
    award_code: str = Field(description="Mã danh hiệu, hình thức (xem /catalog/)")
    award_name: str = Field(description="Tên danh hiệu, hình thức")
    movement_id: int | None = Field(description="Id của phong trào trong kế hoạch (trống: chung)")
    targets: str = Field(description="Chỉ tiêu, nội dung đăng ký")


class RegistrationEntryOut(Schema):
    person_id: int = Field(description="Id của người đăng ký")
    full_name: str = Field(description="Họ và tên")
    position: str = Field(description="Chức vụ khi đăng ký")
    award_code: str = Field(description="Mã danh hiệu đăng ký")
    award_name: str = Field(description="Tên danh hiệu đăng ký")
    note: str = Field(description="Ghi chú")


class RegistrationEventOut(Schema):
    action: str = Field(description="open, submit, acknowledge, return, amend")
    label: str = Field(description="Thao tác (tiếng Việt)")
    from_status: str = Field(description="Từ trạng thái")
    to_status: str = Field(description="Sang trạng thái")
    by: str = Field(description="Người thực hiện")
    at: datetime.datetime = Field(description="Thời điểm")
    note: str = Field(description="Ghi chú, lý do")
    changes: dict = Field(description="Với điều chỉnh: nội dung trước và sau")


class RegistrationDetail(RegistrationOut):
    note: str = Field(description="Ghi chú của đơn vị")
    targets: list[TargetOut] = Field(description="Đăng ký của tập thể")
    people: list[RegistrationEntryOut] = Field(description="Đăng ký của cá nhân")
    events: list[RegistrationEventOut] = Field(description="Quá trình xử lý")


class NoteIn(Schema):
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class ReasonIn(Schema):
    # required, but checked by the action (400 in Vietnamese): someone outside the scope gets 404 before any check
    reason: CleanText = Field("", max_length=500, description="Lý do trả lại (bắt buộc)")


def _registration(
    r: Registration, *, target_count: int | None = None, people_count: int | None = None
) -> dict:
    return {
        "id": r.pk, "unit": unit_ref(r.unit), "year": r.year, "phase_id": r.phase_id,
        "phase_name": r.phase.name if r.phase else "", "plan_id": r.plan_id, "status": r.status,
        "status_label": r.get_status_display(), "deadline": r.deadline, "late": r.late,
        "submitted_at": r.submitted_at, "acknowledged_at": r.acknowledged_at, "returned_reason": r.returned_reason,
        "target_count": target_count if target_count is not None else getattr(r, "target_count", 0),
        "people_count": people_count if people_count is not None else getattr(r, "people_count", 0),
    }  # fmt: skip


def _visible(request: HttpRequest, registration_id: int) -> Registration:
    found = get_for_user(Registration.objects.all(), caller(request), pk=registration_id)
    return queries.registration_detail(found.pk).get()


def _detail(r: Registration) -> dict:
    targets, people = list(r.targets.all()), list(r.people.all())
    return {
        **_registration(r, target_count=len(targets), people_count=len(people)),
        "note": r.note,
        "targets": [{"award_code": t.award.code, "award_name": t.award.name, "movement_id": t.movement_id,
                     "targets": t.targets} for t in targets],
        "people": [{"person_id": e.person_id, "full_name": e.person.full_name, "position": e.position,
                    "award_code": e.award.code, "award_name": e.award.name, "note": e.note} for e in people],
        "events": [{"action": e.action, "label": e.label, "from_status": e.from_status, "to_status": e.to_status,
                    "by": str(e.by or ""), "at": e.at, "note": e.note, "changes": e.changes} for e in r.events.all()],
    }  # fmt: skip


def _run(step, registration: Registration, **kwargs) -> dict:
    """Apply an action; its refusals as 403 (no right) or 400 (the state or the contents), in Vietnamese."""
    try:
        step(registration, **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với đăng ký.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    return _detail(queries.registration_detail(registration.pk).get())


@router.get("/emulation-registrations/", url_name="emulation-registration-list",
            response=responses(RegistrationPage), summary="Danh sách đăng ký thi đua")  # fmt: skip
def list_registrations(request: HttpRequest, filters: Query[RegistrationFilters]):
    """Đăng ký thi đua của các đơn vị trong phạm vi người dùng, năm mới nhất trước, theo thứ tự cây đơn vị."""
    unit = get_for_user(Unit, caller(request), pk=filters.unit) if filters.unit is not None else None
    registrations = queries.registrations_for_list(caller(request), year=filters.year, status=filters.status or "",
                                                   unit=unit)  # fmt: skip
    return page(registrations, filters, _registration)


@router.get("/emulation-registrations/{registration_id}/", url_name="emulation-registration-detail",
            response=responses(RegistrationDetail), summary="Một đăng ký thi đua, đầy đủ")  # fmt: skip
def get_registration(request: HttpRequest, registration_id: int = id_path("Id của đăng ký")):
    return _detail(_visible(request, registration_id))


@router.post("/emulation-registrations/{registration_id}/submit/", url_name="emulation-registration-submit",
             response={**responses(RegistrationDetail), **ACTION_ERRORS},
             summary="Gửi đăng ký lên cấp trên", openapi_extra=_body_doc(NoteIn))  # fmt: skip
def submit(request: HttpRequest, registration_id: int = id_path("Id của đăng ký")):
    """Sau hạn đăng ký cần cấp trên đã đồng ý cho đăng ký muộn. Nội dung: ``{"note": "..."}`` (không bắt buộc)."""
    registration = _visible(request, registration_id)
    body = _body(request, NoteIn)
    return _run(actions.submit_registration, registration, by=caller(request), note=body.note)


@router.post("/emulation-registrations/{registration_id}/acknowledge/",
             url_name="emulation-registration-acknowledge", response={**responses(RegistrationDetail), **ACTION_ERRORS},
             summary="Cấp trên ghi nhận đăng ký", openapi_extra=_body_doc(NoteIn))  # fmt: skip
def acknowledge(request: HttpRequest, registration_id: int = id_path("Id của đăng ký")):
    """Chỉ cấp trên của đơn vị đăng ký; sau khi ghi nhận, đăng ký chỉ thay đổi qua điều chỉnh có ghi lại. Nội
    dung: ``{"note": "..."}`` (không bắt buộc)."""
    registration = _visible(request, registration_id)
    body = _body(request, NoteIn)
    return _run(actions.acknowledge_registration, registration, by=caller(request), note=body.note)


@router.post("/emulation-registrations/{registration_id}/return/", url_name="emulation-registration-return",
             response={**responses(RegistrationDetail), **ACTION_ERRORS},
             summary="Cấp trên trả lại đăng ký, có lý do", openapi_extra=_body_doc(ReasonIn))  # fmt: skip
def return_(request: HttpRequest, registration_id: int = id_path("Id của đăng ký")):
    """Nội dung: ``{"reason": "..."}`` (bắt buộc)."""
    registration = _visible(request, registration_id)
    body = _body(request, ReasonIn)
    return _run(actions.return_registration, registration, by=caller(request), reason=body.reason)

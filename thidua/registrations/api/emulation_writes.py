"""Emulation registration in the API (write): open a unit's registration, fill in its rows (the collective's titles
and targets, the people with the title each aims for), and the level above's recorded amendment of an acknowledged
one. Sending, acknowledging and returning are in ``api.emulation``.

The same actions as the pages: the same window and deadline, the same check against the catalog of the year
(an error refuses the whole save, 400 naming each row; a quota that will be exceeded comes back in ``warnings``),
the same rights (403). A registration, unit or person outside the caller's scope is 404 or "not found" — never a
hint. Titles are given by their catalog code (``GET /catalog/``). Token callers need no CSRF token; session callers
do.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError

from thidua.core.api import MAX_ID, ErrorOut, caller, id_path, responses
from thidua.core.forms import CleanText
from thidua.core.scoping import get_for_user
from thidua.orgs.models import Person, Unit
from thidua.plans.models import Movement, Phase, Plan

from .. import emulation_queries as queries
from ..actions import emulation as actions
from ..models import Award, Registration
from ..queries import federation_of
from .bodies import body_doc, json_body

# The same router as the reads: a POST on the list's path must share its route.
from .emulation import FIRST_YEAR, LAST_YEAR, RegistrationDetail, _detail, router

WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut}
MAX_ROWS = 5000


class OpenIn(Schema):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Id của đơn vị đăng ký")
    year: int = Field(..., ge=FIRST_YEAR, le=LAST_YEAR, description="Năm (năm học: năm đầu của năm học)")
    plan_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Id của kế hoạch năm đăng ký theo (nếu có)"
    )
    phase_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Id của đợt thi đua, khi đăng ký theo đợt"
    )
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class TargetIn(Schema):
    award_code: str = Field(..., max_length=60, description="Mã danh hiệu, hình thức tập thể (xem /catalog/)")
    movement_id: int | None = Field(None, ge=1, le=MAX_ID, description="Id của phong trào trong kế hoạch")
    targets: CleanText = Field("", max_length=5_000, description="Chỉ tiêu, nội dung đăng ký")


class EntryIn(Schema):
    person_id: int = Field(..., ge=1, le=MAX_ID, description="Id của người đăng ký (thuộc đơn vị)")
    award_code: str = Field(..., max_length=60, description="Mã danh hiệu cá nhân đăng ký (xem /catalog/)")
    position: CleanText = Field("", max_length=200, description="Chức vụ khi đăng ký")
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class RowsIn(Schema):
    targets: list[TargetIn] = Field([], max_length=200, description="Đăng ký của tập thể (thay toàn bộ)")
    people: list[EntryIn] = Field([], max_length=MAX_ROWS, description="Đăng ký của cá nhân (thay toàn bộ)")
    note: CleanText | None = Field(
        None, max_length=500, description="Ghi chú của đơn vị (không gửi: giữ nguyên)"
    )


class AmendIn(RowsIn):
    reason: CleanText = Field("", max_length=500, description="Lý do điều chỉnh (bắt buộc)")


class SavedOut(RegistrationDetail):
    warnings: list[str] = Field(description="Cảnh báo (ví dụ vượt tỷ lệ, số lượng khống chế): vẫn ghi")


def _call(step, *args, **kwargs) -> Any:
    try:
        return step(*args, **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với đăng ký.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc


def _rows(user, registration: Registration, body: RowsIn) -> tuple[list[dict], list[dict]]:
    """The rows as the actions take them: awards by code (the shipped ones and the unit's federation's own),
    people and movements by id; anything not found is named by its row, whatever the reason."""
    codes = {t.award_code for t in body.targets} | {p.award_code for p in body.people}
    federation = federation_of(registration.unit)
    awards = {a.code: a for a in Award.objects.filter(code__in=codes).filter(
        Q(federation__isnull=True) | Q(federation=federation))}  # fmt: skip
    people = {p.pk: p for p in Person.objects.visible_to(user).select_related("unit")
              .filter(pk__in=[p.person_id for p in body.people])}  # fmt: skip
    movements = {m.pk: m for m in Movement.objects.filter(pk__in=[t.movement_id for t in body.targets
                                                                  if t.movement_id], plan=registration.plan_id)}  # fmt: skip
    errors, targets, entries = [], [], []
    for n, row in enumerate(body.targets, start=1):
        award = awards.get(row.award_code)
        movement = movements.get(row.movement_id) if row.movement_id else None
        if award is None:
            errors.append(_("Đăng ký tập thể, dòng %(n)s: không có danh hiệu mã “%(code)s”.")
                          % {"n": n, "code": row.award_code})  # fmt: skip
        if row.movement_id and movement is None:
            errors.append(
                _("Đăng ký tập thể, dòng %(n)s: phong trào không thuộc kế hoạch đăng ký.") % {"n": n}
            )
        targets.append({"award": award, "movement": movement, "targets": row.targets})
    for n, entry in enumerate(body.people, start=1):
        award, person = awards.get(entry.award_code), people.get(entry.person_id)
        if award is None:
            errors.append(_("Đăng ký cá nhân, dòng %(n)s: không có danh hiệu mã “%(code)s”.")
                          % {"n": n, "code": entry.award_code})  # fmt: skip
        if person is None:
            errors.append(
                _("Đăng ký cá nhân, dòng %(n)s: không tìm thấy người này trong phạm vi quản lý.") % {"n": n}
            )
        entries.append({"person": person, "award": award, "position": entry.position, "note": entry.note})
    if errors:
        raise HttpError(400, " ".join(errors))
    return targets, entries


def _visible(request: HttpRequest, registration_id: int) -> Registration:
    found = get_for_user(Registration.objects.all(), caller(request), pk=registration_id)
    return queries.registration_detail(found.pk).get()


@router.post("/emulation-registrations/", url_name="emulation-registration-open",
             response={**responses(RegistrationDetail), **WRITE_ERRORS}, summary="Mở đăng ký thi đua của một đơn vị",
             openapi_extra=body_doc(OpenIn))  # fmt: skip
def open_(request: HttpRequest):
    """Trong thời gian đăng ký (hoặc sau hạn khi cấp trên đã đồng ý cho đăng ký muộn); mỗi đơn vị một đăng ký
    cho mỗi năm (hoặc mỗi đợt)."""
    user = caller(request)
    body = json_body(request, OpenIn)
    unit = get_for_user(Unit, user, pk=body.unit_id)
    plan = Plan.objects.filter(pk=body.plan_id).first() if body.plan_id else None
    phase = Phase.objects.filter(pk=body.phase_id).first() if body.phase_id else None
    if (body.plan_id and plan is None) or (body.phase_id and phase is None):
        raise HttpError(400, _("Kế hoạch hoặc đợt này không phải của năm %(year)s của đơn vị hoặc cấp trên.")
                        % {"year": body.year})  # fmt: skip
    registration = _call(actions.open_registration, unit, by=user, year=body.year, plan=plan, phase=phase,
                         note=body.note)  # fmt: skip
    return _detail(queries.registration_detail(registration.pk).get())


@router.post("/emulation-registrations/{registration_id}/rows/", url_name="emulation-registration-rows",
             response={**responses(SavedOut), **WRITE_ERRORS},
             summary="Ghi nội dung đăng ký (tập thể và cá nhân)", openapi_extra=body_doc(RowsIn))  # fmt: skip
def save_rows(request: HttpRequest, registration_id: int = id_path("Id của đăng ký")):
    """Thay toàn bộ nội dung của đăng ký đang soạn (hoặc bị trả lại), kiểm tra theo danh mục của năm: có lỗi thì
    không ghi gì (400, nêu từng dòng); vượt tỷ lệ, số lượng khống chế chỉ là cảnh báo."""
    registration = _visible(request, registration_id)
    body = json_body(request, RowsIn)
    targets, people = _rows(caller(request), registration, body)
    check = _call(actions.save_registration, registration, by=caller(request), targets=targets, people=people,
                  note=body.note)  # fmt: skip
    return {**_detail(queries.registration_detail(registration.pk).get()), "warnings": check.warnings}


@router.post("/emulation-registrations/{registration_id}/amend/", url_name="emulation-registration-amend",
             response={**responses(RegistrationDetail), **WRITE_ERRORS},
             summary="Cấp trên điều chỉnh đăng ký đã ghi nhận, có lý do", openapi_extra=body_doc(AmendIn))  # fmt: skip
def amend(request: HttpRequest, registration_id: int = id_path("Id của đăng ký")):
    """Chỉ cấp trên của đơn vị; nội dung trước và sau được ghi lại cùng lý do, đơn vị được thông báo."""
    registration = _visible(request, registration_id)
    body = json_body(request, AmendIn)
    targets, people = _rows(caller(request), registration, body)
    _call(actions.amend_registration, registration, by=caller(request), reason=body.reason, targets=targets,
          people=people)  # fmt: skip
    return _detail(queries.registration_detail(registration.pk).get())

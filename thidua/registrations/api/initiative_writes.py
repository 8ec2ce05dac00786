"""Initiatives in the API (write): register, edit while the council has not sat, and the path — applied, the
council's review (members with scores or votes, minutes), recognised (decision number and date, the recognising
body, the scope of effect) or not recognised with the reason.

Every route calls the same action as the page, so the same permissions hold: officers and leaders of the unit or
above (``submit``) register, edit, record the application and the review; only a leader (``approve``) records the
recognition or its refusal. An initiative (or a unit) outside the caller's scope is 404 before anything sent is
read; a refused right is 403, a refused step or content 400, both in Vietnamese. A match the caller can see that
was not acknowledged in ``seen_matches`` is 409, with the matches listed (those outside the caller's scope are only
counted: they go to the unit above both). Token callers need no CSRF token; session callers do.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema, Status
from ninja.errors import HttpError

from thidua.core.api import MAX_ID, ErrorOut, caller, id_path, responses
from thidua.core.forms import CleanText
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Unit

from .. import initiative_queries as queries
from ..actions import initiatives as actions
from ..models import EffectScope, Initiative, InitiativeField, ReviewMode, Vote
from .bodies import body_doc, json_body

# The same router as the reads: a POST on the list's path must share its route.
from .initiatives import InitiativeDetail, initiative_detail, router

MAX_AUTHORS, MAX_MEMBERS = 30, 30


class MatchOut(Schema):
    id: int = Field(description="Id của sáng kiến tương tự")
    title: str = Field(description="Tên sáng kiến tương tự")
    unit: UnitRef
    score: int = Field(description="Mức giống nhau (%)")


class DuplicatesOut(Schema):
    detail: str = Field(description="Lý do, bằng tiếng Việt")
    matches: list[MatchOut] = Field(description="Sáng kiến tương tự trong phạm vi người gọi: ghi id vào seen_matches "
                                    "nếu đã xem và xác định là sáng kiến khác")  # fmt: skip
    hidden: int = Field(description="Số sáng kiến tương tự ngoài phạm vi (sẽ gửi cấp trên kiểm tra)")


WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut}
CONTENT_ERRORS: dict[int, Any] = {**WRITE_ERRORS, 409: DuplicatesOut}


class AuthorIn(Schema):
    person_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Id của người trong hệ thống (hoặc ghi name)"
    )
    name: CleanText = Field("", max_length=150, description="Họ và tên, khi tác giả là người ngoài hệ thống")
    workplace: CleanText = Field("", max_length=300, description="Nơi công tác")
    share: Decimal = Field(..., gt=0, le=100, max_digits=5, decimal_places=2,
                           description="Tỷ lệ đóng góp (%); tổng các tác giả bằng 100")  # fmt: skip


class ContentIn(Schema):
    title: CleanText = Field("", max_length=300, description="Tên sáng kiến")
    field: InitiativeField = Field(InitiativeField.TECHNICAL, description="Lĩnh vực")
    problem: CleanText = Field("", max_length=10_000, description="Thực trạng, vấn đề cần giải quyết")
    solution: CleanText = Field("", max_length=20_000, description="Nội dung giải pháp")
    applied_where: CleanText = Field("", max_length=300, description="Nơi áp dụng (nếu đã áp dụng)")
    applied_since: datetime.date | None = Field(None, description="Áp dụng từ ngày")
    benefit_vnd: int | None = Field(None, ge=0, le=10**15, description="Số tiền làm lợi mỗi năm (đồng)")
    benefit_text: CleanText = Field("", max_length=5_000, description="Hiệu quả không tính được bằng tiền")
    seen_matches: list[int] = Field([], max_length=200, description="Id các sáng kiến tương tự đã xem và xác định "
                                    "là sáng kiến khác")  # fmt: skip


class RegisterIn(ContentIn):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Id của đơn vị đăng ký")
    registered_on: datetime.date | None = Field(None, description="Ngày đăng ký (mặc định: hôm nay)")
    authors: list[AuthorIn] = Field(..., min_length=1, max_length=MAX_AUTHORS, description="Các tác giả")


class EditIn(Schema):
    """Only the fields sent are changed."""

    title: CleanText | None = Field(None, max_length=300, description="Tên sáng kiến")
    field: InitiativeField | None = Field(None, description="Lĩnh vực")
    problem: CleanText | None = Field(
        None, max_length=10_000, description="Thực trạng, vấn đề cần giải quyết"
    )
    solution: CleanText | None = Field(None, max_length=20_000, description="Nội dung giải pháp")
    applied_where: CleanText | None = Field(None, max_length=300, description="Nơi áp dụng")
    applied_since: datetime.date | None = Field(None, description="Áp dụng từ ngày")
    benefit_vnd: int | None = Field(None, ge=0, le=10**15, description="Số tiền làm lợi mỗi năm (đồng)")
    benefit_text: CleanText | None = Field(
        None, max_length=5_000, description="Hiệu quả không tính được bằng tiền"
    )
    authors: list[AuthorIn] | None = Field(None, min_length=1, max_length=MAX_AUTHORS,
                                           description="Các tác giả (thay toàn bộ danh sách)")  # fmt: skip
    seen_matches: list[int] = Field([], max_length=200, description="Id các sáng kiến tương tự đã xem")


class ApplyIn(Schema):
    applied_where: CleanText = Field("", max_length=300, description="Nơi áp dụng (bắt buộc)")
    applied_since: datetime.date | None = Field(None, description="Áp dụng từ ngày (bắt buộc)")
    benefit_vnd: int | None = Field(None, ge=0, le=10**15, description="Số tiền làm lợi mỗi năm (đồng)")
    benefit_text: CleanText = Field("", max_length=5_000, description="Hiệu quả không tính được bằng tiền")
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class MemberIn(Schema):
    name: CleanText = Field("", max_length=150, description="Họ và tên thành viên hội đồng")
    role: CleanText = Field("", max_length=100, description="Chức danh trong hội đồng")
    score: int | None = Field(None, ge=0, le=100, description="Điểm (chấm điểm: 0–100)")
    vote: Vote | None = Field(None, description="Biểu quyết: for, against, abstain")


class ReviewIn(Schema):
    council: CleanText = Field("", max_length=300, description="Tên hội đồng xét sáng kiến (bắt buộc)")
    held_on: datetime.date | None = Field(None, description="Ngày họp (bắt buộc)")
    mode: ReviewMode = Field(ReviewMode.SCORES, description="scores (chấm điểm) hoặc votes (biểu quyết)")
    minutes: CleanText = Field("", max_length=20_000, description="Biên bản, kết luận (bắt buộc)")
    members: list[MemberIn] = Field([], max_length=MAX_MEMBERS, description="Thành viên (ít nhất 3)")
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class RecogniseIn(Schema):
    decision_number: CleanText = Field("", max_length=60, description="Số quyết định công nhận (bắt buộc)")
    decision_date: datetime.date | None = Field(None, description="Ngày quyết định (bắt buộc)")
    recognising_body: CleanText = Field(
        "", max_length=300, description="Cơ quan, đơn vị công nhận (bắt buộc)"
    )
    effect_scope: EffectScope | None = Field(
        None, description="Phạm vi ảnh hưởng: grassroots, province, national"
    )
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class RejectIn(Schema):
    reason: CleanText = Field("", max_length=500, description="Lý do không công nhận (bắt buộc)")


def _authors(authors: list[AuthorIn]) -> list[actions.AuthorInput]:
    return [actions.AuthorInput(share=a.share, person_id=a.person_id, name=a.name, workplace=a.workplace)
            for a in authors]  # fmt: skip


def _refusal(exc: ValidationError) -> str:
    return " ".join(exc.messages)


def _duplicates(user, unit: Unit, content: dict, exclude: int | None, exc: ValidationError) -> dict | None:
    """The 409 answer when the action refused for unacknowledged matches the caller can see; None otherwise."""
    if not (hasattr(exc, "error_dict") and "seen_matches" in exc.error_dict):
        return None
    preview = queries.preview_matches(user, unit, content["title"], content["problem"], content["solution"],
                                      exclude=exclude)  # fmt: skip
    return {
        "detail": _refusal(exc), "hidden": preview.hidden,
        "matches": [{"id": i.pk, "title": i.title, "unit": unit_ref(i.unit), "score": score}
                    for i, score in preview.visible]}  # fmt: skip


def _visible(request: HttpRequest, initiative_id: int) -> Initiative:
    return queries.initiative_for(caller(request), initiative_id)


def _run(request: HttpRequest, step, obj: Initiative, **kwargs) -> Any:
    """Apply a step of the path; its refusals as 403 (no right) or 400 (the state or the contents)."""
    try:
        step(obj, by=caller(request), **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với sáng kiến.")) from exc
    except ValidationError as exc:
        raise HttpError(400, _refusal(exc)) from exc
    return Status(200, initiative_detail(caller(request), obj))


@router.post("/initiatives/", url_name="initiative-register", response={**responses(InitiativeDetail),
             **CONTENT_ERRORS}, summary="Đăng ký một sáng kiến", openapi_extra=body_doc(RegisterIn))  # fmt: skip
def register(request: HttpRequest):
    """Đơn vị trong phạm vi người gọi đăng ký sáng kiến với các tác giả (người trong hệ thống theo ``person_id``
    hoặc người ngoài theo ``name``; tổng tỷ lệ đóng góp bằng 100). Sáng kiến tương tự trong phạm vi cần được xem
    và ghi vào ``seen_matches`` (không thì trả 409 kèm danh sách)."""
    user = caller(request)
    body = json_body(request, RegisterIn)
    unit = get_for_user(Unit, user, pk=body.unit_id)
    content = body.dict(exclude={"unit_id", "registered_on", "authors", "seen_matches"})
    try:
        obj = actions.register_initiative(unit, by=user, authors=_authors(body.authors),
                                          registered_on=body.registered_on, seen_matches=body.seen_matches,
                                          **content)  # fmt: skip
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền đăng ký sáng kiến cho đơn vị này.")) from exc
    except ValidationError as exc:
        if (conflict := _duplicates(user, unit, content, None, exc)) is not None:
            return Status(409, conflict)
        raise HttpError(400, _refusal(exc)) from exc
    return Status(200, initiative_detail(user, obj))


@router.post("/initiatives/{initiative_id}/edit/", url_name="initiative-edit", response={
             **responses(InitiativeDetail), **CONTENT_ERRORS}, summary="Sửa sáng kiến (trước khi hội đồng xét)",
             openapi_extra=body_doc(EditIn))  # fmt: skip
def edit(request: HttpRequest, initiative_id: int = id_path("Id của sáng kiến")):
    """Chỉ các trường được gửi thay đổi; ``authors`` thay toàn bộ danh sách tác giả."""
    obj = _visible(request, initiative_id)
    body = json_body(request, EditIn)
    values = {k: v for k, v in body.dict(exclude={"authors", "seen_matches"}).items() if v is not None}
    authors = _authors(body.authors) if body.authors is not None else None
    try:
        actions.update_initiative(obj, by=caller(request), authors=authors, seen_matches=body.seen_matches,
                                  **values)  # fmt: skip
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với sáng kiến.")) from exc
    except ValidationError as exc:
        content = {f: values.get(f, getattr(obj, f)) for f in ("title", "problem", "solution")}
        if (conflict := _duplicates(caller(request), obj.unit, content, obj.pk, exc)) is not None:
            return Status(409, conflict)
        raise HttpError(400, _refusal(exc)) from exc
    return Status(200, initiative_detail(caller(request), obj))


@router.post("/initiatives/{initiative_id}/apply/", url_name="initiative-apply", response={
             **responses(InitiativeDetail), **WRITE_ERRORS}, summary="Ghi nhận sáng kiến được áp dụng",
             openapi_extra=body_doc(ApplyIn))  # fmt: skip
def apply(request: HttpRequest, initiative_id: int = id_path("Id của sáng kiến")):
    """Nơi áp dụng, ngày bắt đầu áp dụng và hiệu quả."""
    obj = _visible(request, initiative_id)
    body = json_body(request, ApplyIn)
    return _run(request, actions.apply_initiative, obj, applied_where=body.applied_where,
                applied_since=body.applied_since, benefit_vnd=body.benefit_vnd, benefit_text=body.benefit_text,
                note=body.note)  # fmt: skip


@router.post("/initiatives/{initiative_id}/review/", url_name="initiative-council-review", response={
             **responses(InitiativeDetail), **WRITE_ERRORS}, summary="Ghi kết quả xét của hội đồng sáng kiến",
             openapi_extra=body_doc(ReviewIn))  # fmt: skip
def review(request: HttpRequest, initiative_id: int = id_path("Id của sáng kiến")):
    """Hội đồng (ít nhất 3 thành viên), điểm hoặc biểu quyết của từng người, biên bản."""
    obj = _visible(request, initiative_id)
    body = json_body(request, ReviewIn)
    members = [actions.MemberInput(name=m.name, role=m.role, score=m.score, vote=m.vote or "")
               for m in body.members]  # fmt: skip
    return _run(request, actions.record_review, obj, council=body.council, held_on=body.held_on, mode=body.mode,
                minutes=body.minutes, members=members, note=body.note)  # fmt: skip


@router.post("/initiatives/{initiative_id}/recognise/", url_name="initiative-recognise", response={
             **responses(InitiativeDetail), **WRITE_ERRORS}, summary="Ghi nhận quyết định công nhận sáng kiến",
             openapi_extra=body_doc(RecogniseIn))  # fmt: skip
def recognise(request: HttpRequest, initiative_id: int = id_path("Id của sáng kiến")):
    """Chỉ lãnh đạo. Số và ngày quyết định, cơ quan công nhận (thường là thủ trưởng cơ quan, người sử dụng lao
    động), phạm vi ảnh hưởng."""
    obj = _visible(request, initiative_id)
    body = json_body(request, RecogniseIn)
    return _run(request, actions.recognise_initiative, obj, decision_number=body.decision_number,
                decision_date=body.decision_date, recognising_body=body.recognising_body,
                effect_scope=body.effect_scope or "", note=body.note)  # fmt: skip


@router.post("/initiatives/{initiative_id}/reject/", url_name="initiative-not-recognised", response={
             **responses(InitiativeDetail), **WRITE_ERRORS}, summary="Ghi nhận sáng kiến không được công nhận",
             openapi_extra=body_doc(RejectIn))  # fmt: skip
def reject(request: HttpRequest, initiative_id: int = id_path("Id của sáng kiến")):
    """Chỉ lãnh đạo; cần lý do."""
    obj = _visible(request, initiative_id)
    body = json_body(request, RejectIn)
    return _run(request, actions.reject_initiative, obj, reason=body.reason)

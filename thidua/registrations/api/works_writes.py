"""Research topics and congress works in the API (write): register, edit, and each step of their path — a topic
starts, is accepted (nghiệm thu: date, rating, the accepting body and its decision), not accepted (date, reason) or
stopped (reason); a work starts, is completed (date, final value) or not carried out (reason).

The same actions as the pages, so the same permissions: officers and leaders of the unit or above register, edit,
start, stop, complete, cancel; only a leader records a topic's acceptance or failure. A record (or a unit) outside
the caller's scope is 404 before anything sent is read; a refused right 403, a refused step or content 400, in
Vietnamese. Token callers need no CSRF token; session callers do.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Schema
from ninja.errors import HttpError

from thidua.core.api import MAX_ID, ErrorOut, caller, id_path, responses
from thidua.core.forms import CleanText
from thidua.core.scoping import get_for_user
from thidua.orgs.models import Unit

from ..actions import works as actions
from ..models import CongressWork, ResearchLevel, ResearchRating, ResearchTopic, WorkKind
from .bodies import body_doc, json_body

# The same router as the reads: a POST on a list's path must share its route.
from .works import TopicOut, WorkOut, _topic, _work, router

WRITE_ERRORS: dict[int, Any] = {400: ErrorOut, 403: ErrorOut}
MAX_MONEY = actions.MAX_BUDGET


class TeamMemberIn(Schema):
    person_id: int | None = Field(
        None, ge=1, le=MAX_ID, description="Id của người trong hệ thống (hoặc ghi name)"
    )
    name: CleanText = Field("", max_length=200, description="Họ và tên, khi là người ngoài hệ thống")
    role: CleanText = Field("", max_length=200, description="Nhiệm vụ trong đề tài")


class TopicEditIn(Schema):
    """Only the fields sent are changed."""

    title: CleanText | None = Field(None, max_length=500, description="Tên đề tài")
    field: CleanText | None = Field(None, max_length=200, description="Lĩnh vực")
    level: ResearchLevel | None = Field(None, description="Cấp đề tài")
    lead_id: int | None = Field(None, ge=1, le=MAX_ID, description="Id của chủ nhiệm trong hệ thống")
    lead_name: CleanText | None = Field(None, max_length=200, description="Họ và tên chủ nhiệm (người ngoài)")
    start_on: datetime.date | None = Field(None, description="Bắt đầu")
    end_on: datetime.date | None = Field(None, description="Kết thúc (dự kiến)")
    budget_vnd: int | None = Field(None, ge=0, le=MAX_MONEY, description="Kinh phí (đồng)")
    funding_source: CleanText | None = Field(None, max_length=200, description="Nguồn kinh phí")
    summary: CleanText | None = Field(None, max_length=20_000, description="Mục tiêu, nội dung chính")
    members: list[TeamMemberIn] | None = Field(None, max_length=50, description="Thành viên (thay toàn bộ)")


class TopicIn(TopicEditIn):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Id của đơn vị đăng ký")
    level: ResearchLevel | None = Field(ResearchLevel.GRASSROOTS, description="Cấp đề tài")


class AcceptIn(Schema):
    accepted_on: datetime.date | None = Field(None, description="Ngày nghiệm thu (bắt buộc)")
    rating: ResearchRating | None = Field(None, description="Xếp loại: excellent, good, pass (bắt buộc)")
    decision_number: CleanText = Field(
        "", max_length=60, description="Số quyết định công nhận kết quả (bắt buộc)"
    )
    decision_date: datetime.date | None = Field(None, description="Ngày quyết định (bắt buộc)")
    accepting_body: CleanText = Field(
        "", max_length=300, description="Cơ quan, hội đồng nghiệm thu (bắt buộc)"
    )
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class FailIn(Schema):
    accepted_on: datetime.date | None = Field(None, description="Ngày nghiệm thu (bắt buộc)")
    reason: CleanText = Field("", max_length=500, description="Lý do không đạt (bắt buộc)")
    accepting_body: CleanText = Field("", max_length=300, description="Cơ quan, hội đồng nghiệm thu")


class NoteIn(Schema):
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class ReasonIn(Schema):
    reason: CleanText = Field("", max_length=500, description="Lý do (bắt buộc)")


class WorkEditIn(Schema):
    """Only the fields sent are changed."""

    name: CleanText | None = Field(None, max_length=500, description="Tên công trình, sản phẩm")
    kind: WorkKind | None = Field(None, description="Loại")
    value_vnd: int | None = Field(None, ge=0, le=MAX_MONEY, description="Giá trị (đồng)")
    location: CleanText | None = Field(None, max_length=300, description="Địa điểm")
    description: CleanText | None = Field(None, max_length=20_000, description="Mô tả")
    congress_name: CleanText | None = Field(
        None, max_length=300, description="Đại hội mà công trình chào mừng"
    )
    congress_term: CleanText | None = Field(None, max_length=40, description="Nhiệm kỳ của Đại hội")
    planned_on: datetime.date | None = Field(None, description="Dự kiến hoàn thành")


class WorkIn(WorkEditIn):
    unit_id: int = Field(..., ge=1, le=MAX_ID, description="Id của đơn vị đăng ký")


class CompleteIn(Schema):
    completed_on: datetime.date | None = Field(None, description="Ngày hoàn thành (bắt buộc)")
    value_vnd: int | None = Field(None, ge=0, le=MAX_MONEY, description="Giá trị cuối cùng (đồng), nếu khác")
    note: CleanText = Field("", max_length=500, description="Ghi chú")


def _members(members: list[TeamMemberIn] | None) -> list[actions.TeamMemberInput] | None:
    if members is None:
        return None
    return [actions.TeamMemberInput(name=m.name, person_id=m.person_id, role=m.role) for m in members]


def _values(body: Schema, exclude: set[str]) -> dict[str, Any]:
    return {k: v for k, v in body.dict(exclude=exclude).items() if v is not None}


def _call(step, *args, **kwargs) -> Any:
    try:
        return step(*args, **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc


def _topic_for(request: HttpRequest, topic_id: int) -> ResearchTopic:
    return get_for_user(ResearchTopic.objects.select_related("unit"), caller(request), pk=topic_id)


def _topic_out(topic: ResearchTopic) -> dict:
    return _topic(ResearchTopic.objects.select_related("unit").prefetch_related("members").get(pk=topic.pk))


def _work_for(request: HttpRequest, work_id: int) -> CongressWork:
    return get_for_user(CongressWork.objects.select_related("unit"), caller(request), pk=work_id)


def _work_out(work: CongressWork) -> dict:
    return _work(CongressWork.objects.select_related("unit").get(pk=work.pk))


TOPIC_ANSWERS = {**responses(TopicOut), **WRITE_ERRORS}
WORK_ANSWERS = {**responses(WorkOut), **WRITE_ERRORS}


# --- research topics ------------------------------------------------------------------------------------------


@router.post("/research-topics/", url_name="research-topic-register", response=TOPIC_ANSWERS,
             summary="Đăng ký một đề tài nghiên cứu khoa học", openapi_extra=body_doc(TopicIn))  # fmt: skip
def register_topic(request: HttpRequest):
    """Chủ nhiệm: ``lead_id`` (người trong hệ thống) hoặc ``lead_name``; thành viên: ``person_id`` hoặc ``name``."""
    user = caller(request)
    body = json_body(request, TopicIn)
    unit = get_for_user(Unit, user, pk=body.unit_id)
    topic = _call(actions.register_research_topic, unit, by=user, members=_members(body.members) or [],
                  **_values(body, {"unit_id", "members"}))  # fmt: skip
    return _topic_out(topic)


@router.post("/research-topics/{topic_id}/edit/", url_name="research-topic-edit", response=TOPIC_ANSWERS,
             summary="Sửa đề tài (khi chưa kết thúc)", openapi_extra=body_doc(TopicEditIn))  # fmt: skip
def edit_topic(request: HttpRequest, topic_id: int = id_path("Id của đề tài")):
    topic = _topic_for(request, topic_id)
    body = json_body(request, TopicEditIn)
    _call(actions.update_research_topic, topic, by=caller(request), members=_members(body.members),
          **_values(body, {"members"}))  # fmt: skip
    return _topic_out(topic)


@router.post("/research-topics/{topic_id}/start/", url_name="research-topic-start", response=TOPIC_ANSWERS,
             summary="Bắt đầu thực hiện đề tài", openapi_extra=body_doc(NoteIn))  # fmt: skip
def start_topic(request: HttpRequest, topic_id: int = id_path("Id của đề tài")):
    topic = _topic_for(request, topic_id)
    body = json_body(request, NoteIn)
    _call(actions.start_research_topic, topic, by=caller(request), note=body.note)
    return _topic_out(topic)


@router.post("/research-topics/{topic_id}/accept/", url_name="research-topic-accept", response=TOPIC_ANSWERS,
             summary="Ghi kết quả nghiệm thu đề tài", openapi_extra=body_doc(AcceptIn))  # fmt: skip
def accept_topic(request: HttpRequest, topic_id: int = id_path("Id của đề tài")):
    """Chỉ lãnh đạo. Ngày nghiệm thu, xếp loại, cơ quan nghiệm thu, số và ngày quyết định công nhận kết quả."""
    topic = _topic_for(request, topic_id)
    body = json_body(request, AcceptIn)
    _call(actions.accept_research_topic, topic, by=caller(request), accepted_on=body.accepted_on,
          rating=body.rating or "", decision_number=body.decision_number, decision_date=body.decision_date,
          accepting_body=body.accepting_body, note=body.note)  # fmt: skip
    return _topic_out(topic)


@router.post("/research-topics/{topic_id}/fail/", url_name="research-topic-fail", response=TOPIC_ANSWERS,
             summary="Ghi đề tài không đạt khi nghiệm thu", openapi_extra=body_doc(FailIn))  # fmt: skip
def fail_topic(request: HttpRequest, topic_id: int = id_path("Id của đề tài")):
    """Chỉ lãnh đạo; cần ngày nghiệm thu và lý do."""
    topic = _topic_for(request, topic_id)
    body = json_body(request, FailIn)
    _call(actions.fail_research_topic, topic, by=caller(request), accepted_on=body.accepted_on, reason=body.reason,
          accepting_body=body.accepting_body)  # fmt: skip
    return _topic_out(topic)


@router.post("/research-topics/{topic_id}/stop/", url_name="research-topic-stop", response=TOPIC_ANSWERS,
             summary="Dừng thực hiện đề tài", openapi_extra=body_doc(ReasonIn))  # fmt: skip
def stop_topic(request: HttpRequest, topic_id: int = id_path("Id của đề tài")):
    topic = _topic_for(request, topic_id)
    body = json_body(request, ReasonIn)
    _call(actions.stop_research_topic, topic, by=caller(request), reason=body.reason)
    return _topic_out(topic)


# --- congress works -------------------------------------------------------------------------------------------


@router.post("/congress-works/", url_name="congress-work-register", response=WORK_ANSWERS,
             summary="Đăng ký một công trình, sản phẩm chào mừng Đại hội", openapi_extra=body_doc(WorkIn))  # fmt: skip
def register_work(request: HttpRequest):
    user = caller(request)
    body = json_body(request, WorkIn)
    unit = get_for_user(Unit, user, pk=body.unit_id)
    return _work_out(_call(actions.register_congress_work, unit, by=user, **_values(body, {"unit_id"})))


@router.post("/congress-works/{work_id}/edit/", url_name="congress-work-edit", response=WORK_ANSWERS,
             summary="Sửa công trình (khi chưa kết thúc)", openapi_extra=body_doc(WorkEditIn))  # fmt: skip
def edit_work(request: HttpRequest, work_id: int = id_path("Id của công trình")):
    work = _work_for(request, work_id)
    body = json_body(request, WorkEditIn)
    _call(actions.update_congress_work, work, by=caller(request), **_values(body, set()))
    return _work_out(work)


@router.post("/congress-works/{work_id}/start/", url_name="congress-work-start", response=WORK_ANSWERS,
             summary="Bắt đầu thực hiện công trình", openapi_extra=body_doc(NoteIn))  # fmt: skip
def start_work(request: HttpRequest, work_id: int = id_path("Id của công trình")):
    work = _work_for(request, work_id)
    body = json_body(request, NoteIn)
    _call(actions.start_congress_work, work, by=caller(request), note=body.note)
    return _work_out(work)


@router.post("/congress-works/{work_id}/complete/", url_name="congress-work-complete", response=WORK_ANSWERS,
             summary="Ghi nhận công trình hoàn thành", openapi_extra=body_doc(CompleteIn))  # fmt: skip
def complete_work(request: HttpRequest, work_id: int = id_path("Id của công trình")):
    work = _work_for(request, work_id)
    body = json_body(request, CompleteIn)
    _call(actions.complete_congress_work, work, by=caller(request), completed_on=body.completed_on,
          value_vnd=body.value_vnd, note=body.note)  # fmt: skip
    return _work_out(work)


@router.post("/congress-works/{work_id}/cancel/", url_name="congress-work-cancel", response=WORK_ANSWERS,
             summary="Ghi nhận công trình không thực hiện", openapi_extra=body_doc(ReasonIn))  # fmt: skip
def cancel_work(request: HttpRequest, work_id: int = id_path("Id của công trình")):
    work = _work_for(request, work_id)
    body = json_body(request, ReasonIn)
    _call(actions.cancel_congress_work, work, by=caller(request), reason=body.reason)
    return _work_out(work)

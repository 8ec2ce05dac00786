"""Phase reports in the API: report forms (list, one with its indicators; closing and reopening by the level that
published them), expected reports (list with filters, one with its figures, narrative and history), a report's
figures (read and write) and its workflow (submit; approve and return by the approving level), and a federation's
own indicators (list, add, archive).

The same scoping as the pages: a form is read by its issuer's subtree and by the units that owe it a report; a
report by its unit's subtree (404 for anyone else, and for a filter naming a unit outside the caller's scope). Writes
go through the same actions, so the same rules hold: 403 without the right, 400 with the action's Vietnamese
message when the state or the figures refuse it (the figures' errors keyed by indicator code)."""

from __future__ import annotations

import datetime
from typing import Any

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
from thidua.registrations.api.bodies import body_doc, json_body

from . import queries
from .actions import catalog as catalog_actions
from .actions import forms as form_actions
from .actions import reports as actions
from .models import (
    Aggregation,
    ExpectedReport,
    ExpectedReportStatus,
    FormStatus,
    Indicator,
    ReportForm,
    UnitOfMeasure,
)

router = Router(tags=["Báo cáo kết quả đợt thi đua"])
ACTION_ERRORS = {400: ErrorOut, 403: ErrorOut}


class FormOut(Schema):
    id: int = Field(description="Id của mẫu báo cáo")
    title: str = Field(description="Tên mẫu báo cáo")
    phase_id: int = Field(description="Id của đợt thi đua")
    phase_name: str = Field(description="Tên đợt thi đua")
    plan_id: int = Field(description="Id của kế hoạch")
    issuer: UnitRef = Field(description="Đơn vị ban hành kế hoạch")
    levels: list[str] = Field(description="Các cấp phải báo cáo")
    period_start: datetime.date = Field(description="Số liệu từ ngày")
    period_end: datetime.date = Field(description="Số liệu đến ngày")
    due_on: datetime.date = Field(description="Hạn gửi báo cáo")
    status: FormStatus = Field(description="draft (đang soạn), published (đã ban hành), closed (đã kết thúc)")


class FormPage(Page):
    items: list[FormOut] = Field(description="Các mẫu báo cáo của trang này")


class FormIndicatorOut(Schema):
    code: str = Field(description="Mã chỉ tiêu")
    name: str = Field(description="Tên chỉ tiêu")
    unit_of_measure: str = Field(
        description="Đơn vị tính: nguoi, don_vi, luot, so_luong, dong, percent, text"
    )
    unit_label: str = Field(description="Đơn vị tính như in trên báo cáo")
    aggregation: str = Field(description="Cách tổng hợp: sum, end_of_period, ratio, percent_of_target, "
                                         "decided_level, none")  # fmt: skip
    numerator: str | None = Field(description="Mã chỉ tiêu tử số (tỷ lệ)")
    denominator: str | None = Field(description="Mã chỉ tiêu mẫu số (tỷ lệ)")
    part_of: str | None = Field(description="Mã chỉ tiêu tổng mà chỉ tiêu này là một phần")
    required: bool = Field(description="Bắt buộc")
    allows_approximate: bool = Field(description="Cho phép ghi số ước (hơn, gần, khoảng)")


class FormDetail(FormOut):
    narrative_headings: list[str] = Field(description="Các mục của phần đánh giá")
    indicators: list[FormIndicatorOut] = Field(description="Các chỉ tiêu, theo thứ tự")


class FormFilters(PageFilters):
    status: FormStatus | None = Field(None, description="Chỉ mẫu báo cáo ở trạng thái này")
    plan: int | None = id_field("Chỉ mẫu báo cáo của kế hoạch có id này")


class ReportOut(Schema):
    id: int = Field(description="Id của báo cáo")
    form_id: int = Field(description="Id của mẫu báo cáo")
    unit: UnitRef = Field(description="Đơn vị báo cáo")
    parent: UnitRef | None = Field(description="Cấp duyệt (trống: báo cáo tổng hợp của đơn vị ban hành)")
    status: ExpectedReportStatus = Field(description="not_started, draft, submitted, approved, accepted, "
                                                     "returned, waived")  # fmt: skip
    status_label: str = Field(description="Trạng thái (tiếng Việt)")
    due_on: datetime.date = Field(description="Hạn gửi")
    late_entry_until: datetime.date | None = Field(description="Được nhập sau hạn đến hết ngày")
    submitted_at: datetime.datetime | None = Field(description="Gửi lúc")
    approved_at: datetime.datetime | None = Field(description="Duyệt lúc")
    returned_reason: str = Field(description="Lý do trả lại")
    waived_reason: str = Field(description="Lý do miễn báo cáo")
    version: int = Field(description="Số phiên bản đã lưu")
    changes_since_approval: int = Field(description="Số chỉ tiêu thay đổi so với lần duyệt gần nhất")


class ReportPage(Page):
    items: list[ReportOut] = Field(description="Các báo cáo của trang này")


class ReportFilters(PageFilters):
    form: int | None = id_field("Chỉ báo cáo theo mẫu có id này")
    status: ExpectedReportStatus | None = Field(None, description="Chỉ báo cáo ở trạng thái này")
    unit: int | None = id_field("Chỉ báo cáo của đơn vị có id này và các đơn vị trực thuộc")


class ValueOut(Schema):
    code: str = Field(description="Mã chỉ tiêu")
    value: int | None = Field(description="Số liệu (số nguyên; tiền: đồng)")
    target: int | None = Field(description="Chỉ tiêu giao (chỉ với chỉ tiêu tính % so với chỉ tiêu giao)")
    text: str = Field(description="Nội dung (chỉ tiêu văn bản)")
    approximate: bool = Field(description="Số ước (hơn, gần, khoảng)")
    computed: float | None = Field(
        description="Tỷ lệ tính lại từ tử số và mẫu số, hoặc % đạt so với chỉ tiêu giao"
    )


class ValuesOut(Schema):
    report_id: int = Field(description="Id của báo cáo")
    values: list[ValueOut] = Field(description="Số liệu theo các chỉ tiêu của mẫu")
    narrative: dict[str, str] = Field(description="Phần đánh giá, theo mục")


class EventOut(Schema):
    action: str = Field(description="Thao tác (mã)")
    label: str = Field(description="Thao tác (tiếng Việt)")
    from_status: str = Field(description="Từ trạng thái")
    to_status: str = Field(description="Sang trạng thái")
    by: str = Field(description="Người thực hiện")
    at: datetime.datetime = Field(description="Thời điểm")
    note: str = Field(description="Ghi chú, lý do")


class ReportDetail(ReportOut):
    values: list[ValueOut] = Field(description="Số liệu theo các chỉ tiêu của mẫu")
    narrative: dict[str, str] = Field(description="Phần đánh giá, theo mục")
    events: list[EventOut] = Field(description="Quá trình xử lý")


class EntryIn(Schema):
    value: int | str | None = Field(
        None, description="Số liệu: số nguyên, hoặc chuỗi chữ số (1.530.000); null xóa"
    )
    target: int | str | None = Field(None, description="Chỉ tiêu giao")
    text: CleanText = Field("", max_length=20000, description="Nội dung (chỉ tiêu văn bản)")
    approximate: bool = Field(False, description="Số ước (hơn, gần, khoảng)")


class ValuesIn(Schema):
    values: dict[str, EntryIn] = Field(
        default_factory=dict, description="Theo mã chỉ tiêu; chỉ tiêu không gửi giữ nguyên"
    )
    narrative: dict[str, CleanText] | None = Field(
        None, description="Phần đánh giá theo mục (tên mục của mẫu)"
    )


class NoteIn(Schema):
    note: CleanText = Field("", max_length=500, description="Ghi chú")


class ReasonIn(Schema):
    reason: CleanText = Field("", max_length=500, description="Lý do trả lại (bắt buộc)")


def _form(f: ReportForm) -> dict[str, Any]:
    return {"id": f.pk, "title": f.title, "phase_id": f.phase_id, "phase_name": f.phase.name,
            "plan_id": f.phase.plan_id, "issuer": unit_ref(f.phase.plan.issuer), "levels": list(f.levels),
            "period_start": f.period_start, "period_end": f.period_end, "due_on": f.due_on,
            "status": f.status}  # fmt: skip


def _report(r: ExpectedReport) -> dict[str, Any]:
    return {"id": r.pk, "form_id": r.form_id, "unit": unit_ref(r.unit), "parent": unit_ref(r.parent),
            "status": r.status, "status_label": r.get_status_display(), "due_on": r.due_on,
            "late_entry_until": r.late_entry_until, "submitted_at": r.submitted_at, "approved_at": r.approved_at,
            "returned_reason": r.returned_reason, "waived_reason": r.waived_reason, "version": r.version,
            "changes_since_approval": r.changes_since_approval}  # fmt: skip


def _values(r: ExpectedReport) -> list[dict[str, Any]]:
    return [
        {"code": row.code, "value": None if row.value is None else int(row.value),
         "target": None if row.target is None else int(row.target), "text": row.text,
         "approximate": row.approximate, "computed": None if row.computed is None else float(row.computed)}
        for row in queries.report_rows(r)
    ]  # fmt: skip


def _detail(r: ExpectedReport) -> dict[str, Any]:
    events = r.events.select_related("by").order_by("at", "id")
    return {**_report(r), "values": _values(r), "narrative": dict(r.narrative),
            "events": [{"action": e.action, "label": e.label, "from_status": e.from_status,
                        "to_status": e.to_status, "by": str(e.by or ""), "at": e.at, "note": e.note}
                       for e in events]}  # fmt: skip


def _visible_report(request: HttpRequest, report_id: int) -> ExpectedReport:
    queryset = ExpectedReport.objects.current().select_related("unit", "parent", "form", "form__phase")
    return get_for_user(queryset, caller(request), pk=report_id)


def _run(step, report: ExpectedReport, **kwargs) -> ExpectedReport:
    """Apply an action; its refusals as 403 (no right) or 400 (the state or the figures), in Vietnamese."""
    try:
        step(report, **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với báo cáo.")) from exc
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            message = " ".join(f"{code}: {' '.join(msgs)}" for code, msgs in exc.message_dict.items())
        else:
            message = " ".join(exc.messages)
        raise HttpError(400, message) from exc
    return _visible_report_again(report)


def _visible_report_again(report: ExpectedReport) -> ExpectedReport:
    return ExpectedReport.objects.select_related("unit", "parent", "form", "form__phase").get(pk=report.pk)


@router.get("/report-forms/", url_name="report-form-list", response=responses(FormPage),
            summary="Danh sách mẫu báo cáo kết quả đợt thi đua")  # fmt: skip
def list_forms(request: HttpRequest, filters: Query[FormFilters]):
    """Mẫu báo cáo của các kế hoạch do đơn vị trong phạm vi ban hành, và các mẫu đã ban hành mà đơn vị của người
    dùng phải báo cáo; hạn gửi mới nhất trước."""
    forms = queries.forms_visible_to(caller(request)).select_related("phase", "phase__plan__issuer")
    if filters.status:
        forms = forms.filter(status=filters.status)
    if filters.plan:
        forms = forms.filter(phase__plan_id=filters.plan)
    return page(forms.order_by("-due_on", "-id"), filters, _form)


@router.get("/report-forms/{form_id}/", url_name="report-form-detail", response=responses(FormDetail),
            summary="Một mẫu báo cáo, với các chỉ tiêu")  # fmt: skip
def get_form(request: HttpRequest, form_id: int = id_path("Id của mẫu báo cáo")):
    queryset = queries.forms_visible_to(caller(request)).select_related("phase", "phase__plan__issuer")
    form = queryset.filter(pk=form_id).first()
    if form is None:
        raise HttpError(404, _("Không tìm thấy."))
    rows = queries.form_rows(form)
    return {**_form(form), "narrative_headings": list(form.narrative_headings), "indicators": [
        {"code": r.indicator.code, "name": r.indicator.name, "unit_of_measure": r.indicator.unit_of_measure,
         "unit_label": r.indicator.unit_label, "aggregation": r.indicator.aggregation,
         "numerator": r.indicator.numerator.code if r.indicator.numerator else None,
         "denominator": r.indicator.denominator.code if r.indicator.denominator else None,
         "part_of": r.indicator.part_of.code if r.indicator.part_of else None, "required": r.required,
         "allows_approximate": r.indicator.allows_approximate} for r in rows]}  # fmt: skip


@router.get("/expected-reports/", url_name="expected-report-list", response=responses(ReportPage),
            summary="Danh sách báo cáo kết quả phải nộp")  # fmt: skip
def list_reports(request: HttpRequest, filters: Query[ReportFilters]):
    """Báo cáo của các đơn vị trong phạm vi người dùng, theo thứ tự cây đơn vị."""
    user = caller(request)
    reports = ExpectedReport.objects.current().visible_to(user).select_related("unit", "parent")
    if filters.unit is not None:
        unit = get_for_user(Unit, user, pk=filters.unit)
        reports = reports.filter(unit__path__startswith=unit.path)
    if filters.form is not None:
        reports = reports.filter(form_id=filters.form)
    if filters.status:
        reports = reports.filter(status=filters.status)
    return page(reports.order_by("-form__due_on", "form_id", "unit__path"), filters, _report)


@router.get("/expected-reports/{report_id}/", url_name="expected-report-detail", response=responses(ReportDetail),
            summary="Một báo cáo kết quả, đầy đủ")  # fmt: skip
def get_report(request: HttpRequest, report_id: int = id_path("Id của báo cáo")):
    return _detail(_visible_report(request, report_id))


@router.get("/expected-reports/{report_id}/values/", url_name="expected-report-values",
            response=responses(ValuesOut), summary="Số liệu của một báo cáo")  # fmt: skip
def get_values(request: HttpRequest, report_id: int = id_path("Id của báo cáo")):
    report = _visible_report(request, report_id)
    return {"report_id": report.pk, "values": _values(report), "narrative": dict(report.narrative)}


@router.put("/expected-reports/{report_id}/values/", url_name="expected-report-values",
            response={**responses(ValuesOut), **ACTION_ERRORS}, summary="Ghi số liệu của một báo cáo",
            openapi_extra=body_doc(ValuesIn))  # fmt: skip
def put_values(request: HttpRequest, report_id: int = id_path("Id của báo cáo")):
    """Nội dung: ``{"values": {"TC01": {"value": 44}, "CL03": {"value": 1530000000, "approximate": true}},
    "narrative": {"Ưu điểm": "..."}}``. Mọi số liệu được kiểm tra; một lỗi thì không ghi gì (400, nêu mã chỉ
    tiêu)."""
    report = _visible_report(request, report_id)
    body = json_body(request, ValuesIn)
    entries = {code: entry.model_dump() for code, entry in body.values.items()}
    report = _run(actions.save_values, report, by=caller(request), entries=entries, narrative=body.narrative)
    return {"report_id": report.pk, "values": _values(report), "narrative": dict(report.narrative)}


@router.post("/expected-reports/{report_id}/submit/", url_name="expected-report-submit",
             response={**responses(ReportDetail), **ACTION_ERRORS}, summary="Gửi báo cáo lên cấp duyệt",
             openapi_extra=body_doc(NoteIn))  # fmt: skip
def submit(request: HttpRequest, report_id: int = id_path("Id của báo cáo")):
    """Cấp trên trực tiếp chỉ gửi khi mọi báo cáo của cấp dưới đã được duyệt hoặc miễn. Nội dung:
    ``{"note": "..."}`` (không bắt buộc)."""
    report = _visible_report(request, report_id)
    body = json_body(request, NoteIn)
    return _detail(_run(actions.submit_report, report, by=caller(request), note=body.note))


@router.post("/expected-reports/{report_id}/approve/", url_name="expected-report-approve",
             response={**responses(ReportDetail), **ACTION_ERRORS}, summary="Cấp duyệt duyệt báo cáo",
             openapi_extra=body_doc(NoteIn))  # fmt: skip
def approve(request: HttpRequest, report_id: int = id_path("Id của báo cáo")):
    """Chỉ cán bộ, lãnh đạo của cấp duyệt; báo cáo đã duyệt bị khóa. Nội dung: ``{"note": "..."}``."""
    report = _visible_report(request, report_id)
    body = json_body(request, NoteIn)
    return _detail(_run(actions.approve_report, report, by=caller(request), note=body.note))


@router.post("/expected-reports/{report_id}/return/", url_name="expected-report-return",
             response={**responses(ReportDetail), **ACTION_ERRORS}, summary="Cấp duyệt trả lại báo cáo, có lý do",
             openapi_extra=body_doc(ReasonIn))  # fmt: skip
def return_(request: HttpRequest, report_id: int = id_path("Id của báo cáo")):
    """Nội dung: ``{"reason": "..."}`` (bắt buộc). Báo cáo được mở lại để đơn vị sửa."""
    report = _visible_report(request, report_id)
    body = json_body(request, ReasonIn)
    return _detail(_run(actions.return_report, report, by=caller(request), reason=body.reason))


# --- closing and reopening a form (the level that published it) ---------------------------------------------------


class FormReasonIn(Schema):
    reason: CleanText = Field("", max_length=500, description="Lý do mở lại (bắt buộc)")


def _visible_form(request: HttpRequest, form_id: int) -> ReportForm:
    queryset = queries.forms_visible_to(caller(request)).select_related("phase", "phase__plan__issuer")
    form = queryset.filter(pk=form_id).first()
    if form is None:
        raise HttpError(404, _("Không tìm thấy."))
    return form


def _form_step(step, form: ReportForm, **kwargs) -> dict[str, Any]:
    try:
        step(form, **kwargs)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thực hiện thao tác này với mẫu báo cáo.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    return _form(ReportForm.objects.select_related("phase", "phase__plan__issuer").get(pk=form.pk))


@router.post("/report-forms/{form_id}/close/", url_name="report-form-close",
             response={**responses(FormOut), **ACTION_ERRORS}, summary="Kết thúc nhận báo cáo của một mẫu",
             openapi_extra=body_doc(NoteIn))  # fmt: skip
def close_form(request: HttpRequest, form_id: int = id_path("Id của mẫu báo cáo")):
    """Chỉ cấp ban hành kế hoạch (lãnh đạo, cán bộ có quyền duyệt báo cáo). Sau khi kết thúc, không nhập và không
    gửi báo cáo được nữa (kể cả đơn vị được phép nhập sau hạn); duyệt, trả lại, miễn vẫn làm được; các đơn vị còn
    thiếu báo cáo được thông báo. Nội dung: ``{"note": "..."}`` (không bắt buộc)."""
    form = _visible_form(request, form_id)
    body = json_body(request, NoteIn)
    return _form_step(form_actions.close_form, form, by=caller(request), note=body.note)


@router.post("/report-forms/{form_id}/reopen/", url_name="report-form-reopen",
             response={**responses(FormOut), **ACTION_ERRORS}, summary="Mở lại việc nhận báo cáo, có lý do",
             openapi_extra=body_doc(FormReasonIn))  # fmt: skip
def reopen_form(request: HttpRequest, form_id: int = id_path("Id của mẫu báo cáo")):
    """Nội dung: ``{"reason": "..."}`` (bắt buộc). Hạn gửi và các trường hợp được phép nhập sau hạn giữ như cũ."""
    form = _visible_form(request, form_id)
    body = json_body(request, FormReasonIn)
    return _form_step(form_actions.reopen_form, form, by=caller(request), reason=body.reason)


# --- a federation's own indicators ---------------------------------------------------------------------------------


class OwnIndicatorOut(Schema):
    id: int = Field(description="Id của chỉ tiêu")
    code: str = Field(description="Mã chỉ tiêu")
    name: str = Field(description="Tên chỉ tiêu")
    owner: UnitRef = Field(description="Đơn vị ban hành chỉ tiêu")
    unit_of_measure: str = Field(description="Đơn vị tính")
    unit_label: str = Field(description="Đơn vị tính như in trên báo cáo")
    aggregation: str = Field(description="Cách tổng hợp lên cấp trên")
    part_of: str | None = Field(description="Mã chỉ tiêu tổng mà chỉ tiêu này là một phần")
    numerator: str | None = Field(description="Mã chỉ tiêu tử số (tỷ lệ)")
    denominator: str | None = Field(description="Mã chỉ tiêu mẫu số (tỷ lệ)")
    min_value: int | None = Field(description="Giá trị nhỏ nhất")
    max_value: int | None = Field(description="Giá trị lớn nhất")
    allows_approximate: bool = Field(description="Cho phép số ước (chỉ với số tiền)")
    group: str = Field(description="Nhóm (phong trào, chủ đề)")
    archived: bool = Field(description="Đã lưu trữ (không còn đưa vào mẫu báo cáo mới)")


class OwnIndicatorList(Schema):
    items: list[OwnIndicatorOut] = Field(description="Các chỉ tiêu riêng của đơn vị, theo thứ tự")


class OwnIndicatorIn(Schema):
    code: CleanText = Field(
        max_length=20, description="Mã chỉ tiêu: chữ in hoa không dấu, chữ số, dấu chấm, gạch"
    )
    name: CleanText = Field(max_length=300, description="Tên chỉ tiêu")
    unit_of_measure: UnitOfMeasure = Field(description="Đơn vị tính")
    count_word: CleanText = Field("", max_length=40, description="Đơn vị đếm (với chỉ tiêu đếm số lượng)")
    aggregation: Aggregation = Field(description="Cách tổng hợp lên cấp trên")
    part_of: str | None = Field(None, max_length=20, description="Mã chỉ tiêu tổng (không bắt buộc)")
    numerator: str | None = Field(None, max_length=20, description="Mã chỉ tiêu tử số (với tỷ lệ)")
    denominator: str | None = Field(None, max_length=20, description="Mã chỉ tiêu mẫu số (với tỷ lệ)")
    min_value: int | None = Field(0, ge=0, description="Giá trị nhỏ nhất")
    max_value: int | None = Field(None, ge=0, description="Giá trị lớn nhất")
    allows_approximate: bool = Field(False, description="Cho phép số ước (chỉ với số tiền)")
    group: CleanText = Field("", max_length=200, description="Nhóm (phong trào, chủ đề)")
    note: CleanText = Field("", max_length=2000, description="Ghi chú")


def _own(i: Indicator) -> dict[str, Any]:
    return {"id": i.pk, "code": i.code, "name": i.name, "owner": unit_ref(i.owner),
            "unit_of_measure": i.unit_of_measure, "unit_label": i.unit_label, "aggregation": i.aggregation,
            "part_of": i.part_of.code if i.part_of else None,
            "numerator": i.numerator.code if i.numerator else None,
            "denominator": i.denominator.code if i.denominator else None,
            "min_value": None if i.min_value is None else int(i.min_value),
            "max_value": None if i.max_value is None else int(i.max_value),
            "allows_approximate": i.allows_approximate, "group": i.group, "archived": i.archived_at is not None}  # fmt: skip


OWN_RELATED = ("owner", "part_of", "numerator", "denominator")


@router.get("/units/{unit_id}/own-indicators/", url_name="unit-own-indicators", response=responses(OwnIndicatorList),
            summary="Chỉ tiêu riêng của một đơn vị")  # fmt: skip
def list_own_indicators(request: HttpRequest, unit_id: int = id_path("Id của đơn vị")):
    """Các chỉ tiêu do chính đơn vị ban hành (kể cả đã lưu trữ), đưa được vào mẫu báo cáo của đơn vị và cấp dưới."""
    unit = get_for_user(Unit, caller(request), pk=unit_id)
    rows = Indicator.objects.filter(owner=unit).select_related(*OWN_RELATED).order_by("order", "code")
    return {"items": [_own(i) for i in rows]}


@router.post("/units/{unit_id}/own-indicators/", url_name="unit-own-indicators",
             response={**responses(OwnIndicatorOut), **ACTION_ERRORS},
             summary="Thêm một chỉ tiêu riêng của đơn vị", openapi_extra=body_doc(OwnIndicatorIn))  # fmt: skip
def create_own_indicator(request: HttpRequest, unit_id: int = id_path("Id của đơn vị")):
    """Chỉ lãnh đạo, cán bộ của đơn vị từ cấp trên cơ sở trở lên. Kiểm tra như danh mục chung (tỷ lệ có tử số,
    mẫu số; chỉ tiêu thành phần cùng đơn vị tính; số ước chỉ với số tiền; mã không trùng); lỗi trả 400 nêu trường.
    Chỉ tiêu tổng, tử số, mẫu số ghi bằng mã, trong các chỉ tiêu đơn vị được dùng."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=unit_id)
    body = json_body(request, OwnIndicatorIn)
    values = body.model_dump()
    usable = Indicator.objects.current().for_unit(unit)
    for name in ("part_of", "numerator", "denominator"):
        code = (values.get(name) or "").strip()
        values[name] = None
        if code:
            values[name] = usable.filter(code=code).first()
            if values[name] is None:
                raise HttpError(400, _("%(field)s: không có chỉ tiêu mã “%(code)s” trong các chỉ tiêu đơn vị được "
                                       "dùng.") % {"field": name, "code": code})  # fmt: skip
    try:
        indicator = catalog_actions.create_own_indicator(unit, by=user, **values)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền thêm chỉ tiêu riêng của đơn vị này.")) from exc
    except ValidationError as exc:
        if hasattr(exc, "error_dict"):
            raise HttpError(
                400, " ".join(f"{k}: {' '.join(v)}" for k, v in exc.message_dict.items())
            ) from exc
        raise HttpError(400, " ".join(exc.messages)) from exc
    return _own(Indicator.objects.select_related(*OWN_RELATED).get(pk=indicator.pk))


@router.post("/own-indicators/{indicator_id}/archive/", url_name="own-indicator-archive",
             response={**responses(OwnIndicatorOut), **ACTION_ERRORS}, summary="Lưu trữ một chỉ tiêu riêng")  # fmt: skip
def archive_own_indicator(request: HttpRequest, indicator_id: int = id_path("Id của chỉ tiêu")):
    """Chỉ tiêu không còn đưa vào mẫu báo cáo mới; các mẫu đã ban hành giữ nguyên. Không bao giờ xóa."""
    user = caller(request)
    indicator = get_for_user(Indicator.objects.filter(owner__isnull=False), user, pk=indicator_id)
    try:
        catalog_actions.archive_own_indicator(indicator, by=user)
    except PermissionDenied as exc:
        raise HttpError(403, _("Người dùng không có quyền lưu trữ chỉ tiêu này.")) from exc
    except ValidationError as exc:
        raise HttpError(400, " ".join(exc.messages)) from exc
    return _own(Indicator.objects.select_related(*OWN_RELATED).get(pk=indicator.pk))

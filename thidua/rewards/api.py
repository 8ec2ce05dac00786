"""Quyết định khen thưởng in the API (read): the money of a title or form on a decision date with its basis, the
decisions with their awardees, and the permanent record of a person or a unit — scoped like the pages."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from thidua.core.api import (
    ErrorOut,
    Page,
    PageFilters,
    caller,
    id_field,
    id_path,
    page,
    responses,
    search_field,
)
from thidua.core.paging import limit_field
from thidua.core.scoping import get_for_user
from thidua.orgs.api import UnitRef, unit_ref
from thidua.orgs.models import Person, Unit

from . import queries
from .models import AwardRecord, Decision, DecisionLine, DecisionRegister, DecisionStatus, RecordSource
from .money import MoneyError, money_for

router = Router(tags=["Quyết định khen thưởng"])


# --- money -----------------------------------------------------------------------------------------------------


class MoneyOut(Schema):
    amount: int = Field(description="Tiền thưởng, đồng (đã làm tròn lên bội số 10.000 đồng)")
    multiplier: int = Field(description="Hệ số, phần trăm (30 = 0,3)")
    base_salary: int = Field(description="Mức lương cơ sở áp dụng ngày quyết định, đồng")
    citation: str = Field(description="Căn cứ của hệ số và của mức lương cơ sở")


class MoneyQuery(Schema):
    code: str = Field(
        ..., max_length=60, pattern=r"^[a-z0-9-]+$", description="Mã danh hiệu, hình thức (danh mục)"
    )
    collective: bool = Field(False, description="Tặng tập thể (true) hay cá nhân (false)")
    decided: datetime.date = Field(..., description="Ngày quyết định khen thưởng (YYYY-MM-DD)")


@router.get("/rewards/money/", response={**responses(MoneyOut), 400: ErrorOut}, url_name="rewards-money")
def reward_money(request, params: Query[MoneyQuery]):
    """Tiền thưởng của một danh hiệu, hình thức theo ngày quyết định: hệ số × mức lương cơ sở, làm tròn lên
    10.000 đồng, kèm căn cứ. 400 khi không có mã, không có hệ số hoặc chưa có mức lương cơ sở."""
    caller(request)
    try:
        money = money_for(params.code, params.collective, params.decided)
    except MoneyError as error:
        raise HttpError(400, error.messages[0]) from error
    return money.as_dict()


# --- decisions -------------------------------------------------------------------------------------------------


class LineOut(Schema):
    id: int
    person_id: int | None = Field(description="Cá nhân (id), rỗng khi tặng tập thể")
    unit: UnitRef | None = Field(description="Tập thể được tặng")
    name: str = Field(description="Tên ghi trên quyết định")
    position: str = Field(description="Chức vụ, nơi công tác")
    unit_at_time: UnitRef | None = Field(description="Đơn vị lúc khen (nơi công tác, đơn vị đề nghị)")
    award_code: str
    award_name: str
    year: int = Field(description="Năm thành tích")
    reason: str = Field(description="Thành tích")
    multiplier: int | None = Field(description="Hệ số, phần trăm")
    base_salary: int | None
    amount: int = Field(description="Tiền thưởng, đồng")
    citation: str = Field(description="Căn cứ tính tiền")
    source: str = Field(description="Nguồn của dòng (ví dụ proposals.nominee:12)")
    revoked: bool


class DecisionOut(Schema):
    id: int
    reference: str = Field(description="Số, ký hiệu (45/QĐ-LĐLĐ); dự thảo chưa có số")
    number: int | None
    symbol: str
    year: int
    issuer: UnitRef
    decided_on: datetime.date
    title: str = Field(description="Trích yếu")
    status: DecisionStatus
    status_label: str
    kind: str
    line_count: int
    total: int = Field(description="Tổng tiền thưởng, đồng")


class DecisionDetailOut(DecisionOut):
    legal_bases: list[str]
    signer_name: str
    signer_position: str
    sign_mode: str
    sign_for: str
    issued_at: datetime.datetime | None
    lines: list[LineOut]


class DecisionPage(Page):
    items: list[DecisionOut]


class DecisionQuery(PageFilters):
    year: int | None = Field(None, ge=1901, le=2199, description="Năm của sổ quyết định")
    issuer: int | None = id_field("Id của cơ quan ban hành")
    register_id: int | None = id_field("Id của sổ quyết định")
    status: DecisionStatus | None = Field(None, description="Dự thảo hoặc đã ban hành")
    q: str = search_field("Số hoặc trích yếu")
    limit: int = limit_field(max_limit=200)


def _decision(d: Decision, line_count: int | None = None, total: int | None = None) -> dict:
    return {
        "id": d.pk, "reference": d.reference, "number": d.number, "symbol": d.register.symbol,
        "year": d.register.year, "issuer": unit_ref(d.issuer), "decided_on": d.decided_on, "title": d.title,
        "status": d.status, "status_label": d.get_status_display(), "kind": d.kind,
        "line_count": line_count if line_count is not None else getattr(d, "line_count", 0),
        "total": total if total is not None else (getattr(d, "total", 0) or 0),
    }  # fmt: skip


def _line(line: DecisionLine) -> dict:
    record = getattr(line, "record", None) if line.decision.is_issued else None
    return {
        "id": line.pk, "person_id": line.person_id, "unit": unit_ref(line.unit), "name": line.awardee_name,
        "position": line.position_at_time, "unit_at_time": unit_ref(line.unit_at_time),
        "award_code": line.award.code, "award_name": line.award.name, "year": line.year, "reason": line.reason,
        "multiplier": line.multiplier, "base_salary": line.base_salary, "amount": line.amount,
        "citation": line.citation, "source": line.source,
        "revoked": bool(record is not None and record.revoked_id),
    }  # fmt: skip


@router.get("/rewards/decisions/", response=responses(DecisionPage), url_name="rewards-decision-list")
def list_decisions(request, filters: Query[DecisionQuery]):
    """Các quyết định khen thưởng trong phạm vi: số, trích yếu, số người được khen và tổng tiền."""
    user = caller(request)
    f = queries.DecisionFilters(
        year=filters.year, status=filters.status or "", text=filters.q,
        issuer=get_for_user(Unit, user, pk=filters.issuer) if filters.issuer else None,
        register=get_for_user(DecisionRegister, user, pk=filters.register_id) if filters.register_id else None,
    )  # fmt: skip
    return page(queries.decisions_for_list(user, f), filters, _decision)


@router.get("/rewards/decisions/{decision_id}/", response=responses(DecisionDetailOut),
            url_name="rewards-decision-detail")  # fmt: skip
def decision_detail(request, decision_id: int = id_path("Id của quyết định")):
    """Một quyết định: căn cứ, người ký, danh sách khen thưởng với tiền thưởng và căn cứ tính tiền từng dòng."""
    decision = get_for_user(
        Decision.objects.select_related("register", "issuer"), caller(request), pk=decision_id
    )
    lines = list(queries.lines_of(decision))
    for line in lines:
        line.decision = decision
    totals = queries.totals_of(decision)
    return {
        **_decision(decision, totals.count, totals.amount), "legal_bases": decision.legal_bases_list,
        "signer_name": decision.signer_name, "signer_position": decision.signer_position,
        "sign_mode": decision.sign_mode, "sign_for": decision.sign_for, "issued_at": decision.issued_at,
        "lines": [_line(line) for line in lines],
    }  # fmt: skip


# --- the permanent record --------------------------------------------------------------------------------------


class RecordOut(Schema):
    id: int
    person_id: int | None
    unit: UnitRef | None
    award_code: str
    award_name: str
    year: int = Field(description="Năm thành tích")
    decided_on: datetime.date | None
    decision: str = Field(description="Số quyết định")
    decision_id: int | None = Field(description="Quyết định trong hệ thống (id), rỗng với hồ sơ nhập")
    issuer: str = Field(description="Cơ quan quyết định")
    unit_at_time: UnitRef | None
    source: RecordSource
    amount: int
    revoked: bool
    revocation: str = Field(description="Quyết định thu hồi (nếu có)")


class RecordPage(Page):
    items: list[RecordOut]


class RecordQuery(PageFilters):
    limit: int = limit_field(max_limit=500)


def _record(r: AwardRecord) -> dict:
    line = r.decision_line
    return {
        "id": r.pk, "person_id": r.person_id, "unit": unit_ref(r.unit), "award_code": r.award.code,
        "award_name": r.award.name, "year": r.year, "decided_on": r.decided_on, "decision": r.reference,
        "decision_id": line.decision_id if line is not None else None, "issuer": r.issuer_label,
        "unit_at_time": unit_ref(r.unit_at_time), "source": r.source, "amount": r.amount,
        "revoked": r.revoked_id is not None, "revocation": r.revoked.reference if r.revoked else "",
    }  # fmt: skip


@router.get("/rewards/people/{person_id}/records/", response=responses(RecordPage),
            url_name="rewards-person-records")  # fmt: skip
def person_records(request, filters: Query[RecordQuery], person_id: int = id_path("Id của người lao động")):
    """Quá trình khen thưởng của một người: danh hiệu, hình thức qua các năm, các đơn vị."""
    user = caller(request)
    person = get_for_user(Person, user, pk=person_id)
    return page(queries.records_of_person(user, person), filters, _record)


@router.get("/rewards/units/{unit_id}/records/", response=responses(RecordPage),
            url_name="rewards-unit-records")  # fmt: skip
def unit_records(request, filters: Query[RecordQuery], unit_id: int = id_path("Id của đơn vị"),
                 people: bool = Query(False, description="Khen thưởng của người lao động trong đơn vị (thay vì "
                                                         "của chính tập thể)")):  # fmt: skip
    """Quá trình khen thưởng của một tập thể (kể cả của các đơn vị tiền thân), hoặc của người lao động trong đơn vị."""
    user = caller(request)
    unit = get_for_user(Unit, user, pk=unit_id)
    records = queries.records_of_people_in(user, unit) if people else queries.records_of_unit(user, unit)
    return page(records, filters, _record)

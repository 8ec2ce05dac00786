"""The roll-up of emulation registration in the API: ``GET /api/v1/registrations/rollup/?unit=&year=`` — the same
figures as the page (by title, by unit below, by sector) and the first units that have not registered, for a unit
of the caller's scope (404 outside it)."""

from __future__ import annotations

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from thidua.core.api import caller, id_field, responses
from thidua.core.scoping import get_for_user
from thidua.orgs import queries as org_queries
from thidua.orgs.api import UnitRef
from thidua.orgs.models import Unit

from ..emulation_rollup import Row, default_year, emulation_rollup, unregistered_units

router = Router(tags=["Đăng ký thi đua"])
FIRST_YEAR, LAST_YEAR = 1945, 2200
MISSING_LIMIT = 500  # units not registered listed in one answer; ``not_registered`` says how many there are


class TitleCountOut(Schema):
    award: str = Field(description="Mã danh hiệu, hình thức")
    units: int = Field(description="Số tập thể đăng ký")
    people: int = Field(description="Số cá nhân đăng ký")


class RowOut(Schema):
    key: str = Field(
        description="Đường dẫn của đơn vị trực thuộc, hoặc mã khu vực (trống: công đoàn cấp trên)"
    )
    label: str = Field(description="Tên đơn vị hoặc khu vực")
    unit: UnitRef | None = Field(description="Đơn vị trực thuộc (với bảng theo đơn vị)")
    expected: int = Field(description="Số đơn vị phải đăng ký")
    registered: int = Field(description="Số đơn vị đã gửi đăng ký lên cấp trên (kể cả đã được ghi nhận)")
    acknowledged: int = Field(description="Số đơn vị cấp trên đã ghi nhận đăng ký")
    not_registered: int = Field(description="Số đơn vị chưa đăng ký")
    draft: int = Field(description="Số đơn vị đang soạn, chưa gửi")
    returned: int = Field(description="Số đơn vị bị cấp trên trả lại")
    late: int = Field(description="Số đơn vị đăng ký muộn")
    people: int = Field(description="Số cá nhân đăng ký")
    titles: list[TitleCountOut] = Field(description="Số tập thể, cá nhân đăng ký từng danh hiệu")


class MissingOut(Schema):
    id: int
    code: str
    name: str
    level: str
    sector: str
    state: str = Field(description="none (chưa đăng ký), draft (đang soạn), returned (bị trả lại)")


class EmulationRollupOut(Schema):
    unit: UnitRef
    year: int
    total: RowOut
    by_title: list[TitleCountOut]
    by_child: list[RowOut]
    by_sector: list[RowOut]
    missing: list[MissingOut] = Field(
        description=f"Các đơn vị chưa đăng ký, theo cây (tối đa {MISSING_LIMIT})"
    )


class RollupFilters(Schema):
    unit: int | None = id_field("Id của đơn vị (mặc định: đơn vị cao nhất của người gọi)")
    year: int | None = Field(
        None, ge=FIRST_YEAR, le=LAST_YEAR, description="Năm đăng ký (mặc định: năm gần nhất có đăng ký)"
    )


def _ref(unit: Unit | None) -> dict | None:
    return None if unit is None else {"id": unit.pk, "code": unit.code, "name": unit.name}


def _row(row: Row, codes: dict[int, str]) -> dict:
    ids = sorted(set(row.unit_titles) | set(row.person_titles), key=lambda pk: codes[pk])
    return {
        "key": row.key, "label": row.label, "unit": _ref(row.unit), "expected": row.expected,
        "registered": row.registered, "acknowledged": row.acknowledged, "not_registered": row.not_registered,
        "draft": row.draft, "returned": row.returned, "late": row.late, "people": row.people,
        "titles": [{"award": codes[pk], "units": row.unit_titles.get(pk, 0), "people": row.person_titles.get(pk, 0)}
                   for pk in ids],
    }  # fmt: skip


@router.get(
    "/registrations/rollup/",
    response=responses(EmulationRollupOut),
    url_name="registration-rollup",
    summary="Tổng hợp đăng ký thi đua của một đơn vị",
)
def rollup(request: HttpRequest, filters: Query[RollupFilters]):
    """Số đơn vị, cá nhân đăng ký từng danh hiệu, theo đơn vị trực thuộc và theo khu vực; các đơn vị chưa đăng ký.
    Tính trên các đăng ký đã gửi cấp trên hoặc đã được ghi nhận."""
    if filters.unit is not None:
        unit = get_for_user(Unit, caller(request), pk=filters.unit)
    else:
        roots = org_queries.root_units_for(caller(request))
        if not roots:
            raise Http404
        unit = roots[0]
    year = filters.year or default_year(unit)
    summary = emulation_rollup(unit, year)
    codes = {a.pk: a.code for a in summary.awards}
    missing = unregistered_units(unit, year)[:MISSING_LIMIT]
    return {
        "unit": _ref(unit), "year": year, "total": _row(summary.total, codes),
        "by_title": [{"award": t.award.code, "units": t.units, "people": t.people} for t in summary.by_title],
        "by_child": [_row(r, codes) for r in summary.by_child],
        "by_sector": [_row(r, codes) for r in summary.by_sector],
        "missing": [{"id": u.pk, "code": u.code, "name": u.name, "level": u.level, "sector": u.sector,
                     "state": u.registration_state or "none"} for u in missing],
    }  # fmt: skip

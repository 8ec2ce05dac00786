"""Xét điều kiện khen thưởng in the API: the verdict for a nominee (a person or a collective), a title or form and
a year, with every reason, its citation and mark — the same scoping as the pages (404 outside)."""

from __future__ import annotations

import datetime

from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as InvalidInput

from thidua.core.api import caller, id_query, responses
from thidua.registrations.models import Award

from .engine import judge
from .queries import nominee_for_user, proposing_unit_for

router = Router(tags=["Xét điều kiện khen thưởng"])


class ReasonOut(Schema):
    check: str = Field(description="Điều kiện được kiểm tra (mã)")
    outcome: str = Field(description="pass (đạt), fail (không đạt), unknown (cần xem xét), info (ghi chú)")
    text: str
    citation: str = Field(description="Căn cứ: văn bản, điều, khoản")
    mark: str = Field(description="Mức xác minh của căn cứ: VERIFIED, SECONDARY, UNVERIFIED")


class EligibilityNomineeOut(Schema):
    id: int
    name: str
    kind: str = Field(description="person (cá nhân) hoặc unit (tập thể)")


class AwardOut(Schema):
    code: str
    name: str


class OverrideOut(Schema):
    outcome: str
    reason: str
    by: str | None
    at: datetime.datetime | None


class VerdictOut(Schema):
    nominee: EligibilityNomineeOut
    award: AwardOut
    year: int
    judged_on: datetime.date = Field(description="Ngày lấy quy định để xét (31/12 của năm xét)")
    outcome: str = Field(
        description="eligible, not_eligible, needs_judgement (kể cả kết luận thay của cán bộ)"
    )
    outcome_label: str
    computed: str = Field(description="Kết quả hệ thống xét (trước kết luận thay)")
    computed_label: str
    mark: str = Field(description="Mức xác minh yếu nhất của các căn cứ đã dùng")
    reasons: list[ReasonOut]
    override: OverrideOut | None


def _invalid(field: str, message: str) -> InvalidInput:
    """A 422 as the API documents it (the kit's list of ``{loc, msg, type}``), the message kept as written."""
    return InvalidInput([{"loc": ["query", field], "type": "value_error", "ctx": {"error": message}}])


@router.get("/eligibility/", response=responses(VerdictOut), url_name="eligibility-verdict")
def verdict(request, award: str = Query(..., description="Mã danh hiệu, hình thức trong danh mục"),
            year: int = Query(..., ge=1945, le=2200, description="Năm xét (tổng kết năm)"),
            person: int | None = id_query("Id của cá nhân được xét"),
            unit: int | None = id_query("Id của tập thể được xét"),
            proposing_unit: int | None = id_query("Id của đơn vị đề nghị (mặc định: đơn vị của cá nhân)")):  # fmt: skip
    """Kết quả xét điều kiện của một cá nhân (``person``) hoặc tập thể (``unit``) cho một danh hiệu, hình thức và
    một năm, theo quy định có hiệu lực của năm đó: từng lý do kèm căn cứ và mức xác minh."""
    if (person is None) == (unit is None):
        raise _invalid("person", "Cần ghi một trong hai: person hoặc unit.")
    if not Award.objects.filter(code=award).exists():
        raise HttpError(404, "Không có danh hiệu, hình thức mã này.")
    user = caller(request)
    nominee = nominee_for_user(user, "person" if person is not None else "unit", person or unit)  # type: ignore[arg-type]
    from django.core.exceptions import ValidationError

    try:
        proposing = proposing_unit_for(user, nominee, proposing_unit)
    except ValidationError as error:
        raise _invalid("proposing_unit", " ".join(error.messages)) from error
    return judge(nominee, award, year, proposing).as_dict()

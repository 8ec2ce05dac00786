"""The catalog in the API: every title and form in force on a date, with its rules, citation and verification mark,
and the base salary in force that day. The State's and the confederation's layers are read by every caller; a
federation's own layer only by those who read it on the pages (``federation`` outside them is 404)."""

from __future__ import annotations

import datetime

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from thidua.core.api import caller, id_field, responses

from .. import queries
from ..models import AwardKind, ConferringLevel, Mark, Recipient

router = Router(tags=["Danh mục khen thưởng"])


class BaseSalaryOut(Schema):
    amount: int = Field(description="Mức lương cơ sở, đồng/tháng")
    valid_from: datetime.date = Field(description="Áp dụng từ ngày")
    instrument: str = Field(description="Văn bản quy định")
    mark: Mark = Field(description="Mức xác minh: VERIFIED, SECONDARY, UNVERIFIED")


class RuleRefOut(Schema):
    layer: str = Field(
        description="Tầng: state (Nhà nước), confederation (Tổng Liên đoàn), federation (LĐLĐ tỉnh)"
    )
    regulation: str = Field(description="Số, ký hiệu văn bản")
    citation: str = Field(description="Văn bản, điều, khoản")
    valid_from: datetime.date = Field(description="Áp dụng từ ngày")
    valid_to: datetime.date | None = Field(description="Áp dụng đến hết ngày (trống: chưa hết)")
    mark: Mark = Field(description="Mức xác minh của quy định")


class CatalogItemOut(Schema):
    code: str = Field(description="Mã danh hiệu, hình thức")
    name: str = Field(description="Tên gọi (theo văn bản đang áp dụng)")
    kind: AwardKind = Field(description="title (danh hiệu thi đua) hoặc form (hình thức khen thưởng)")
    recipient: Recipient = Field(description="Đối tượng: individual, collective, both")
    level: ConferringLevel = Field(description="Cấp quyết định")
    who_for: str = Field(description="Đối tượng (lời văn)")
    conferred_by: str = Field(description="Cấp quyết định tặng")
    proposed_by: str = Field(description="Cấp đề nghị")
    criteria: str = Field(description="Tiêu chuẩn (lời văn)")
    prerequisites: list[dict] = Field(description="Điều kiện kiểm tra được (dữ liệu có cấu trúc)")
    quotas: list[dict] = Field(description="Tỷ lệ, số lượng khống chế")
    vote_threshold_percent: int | None = Field(description="Tỷ lệ phiếu đồng ý tối thiểu của Hội đồng (%)")
    vote_base: str = Field(description="total: trên tổng số thành viên; present: trên số có mặt")
    multiplier_individual: int | None = Field(description="Hệ số tiền thưởng cá nhân, phần trăm (0,3 → 30)")
    multiplier_collective: int | None = Field(description="Hệ số tiền thưởng tập thể, phần trăm")
    amount_individual: int | None = Field(
        description="Tiền thưởng cá nhân với mức lương cơ sở của ngày này (đồng)"
    )
    amount_collective: int | None = Field(
        description="Tiền thưởng tập thể với mức lương cơ sở của ngày này (đồng)"
    )
    citation: str = Field(description="Căn cứ của tầng cao nhất: văn bản, điều, khoản")
    mark: Mark = Field(description="Mức xác minh yếu nhất của các giá trị")
    unverified_fields: list[str] = Field(
        description="Các giá trị chưa xác minh: cần đối chiếu trước khi dùng"
    )
    rules: list[RuleRefOut] = Field(description="Các quy định áp dụng, từ tầng thấp đến tầng cao")


class CatalogOut(Schema):
    on: datetime.date = Field(description="Ngày áp dụng")
    federation_id: int | None = Field(description="Id của LĐLĐ tỉnh có quy định riêng được áp dụng")
    base_salary: BaseSalaryOut | None = Field(description="Mức lương cơ sở có hiệu lực vào ngày này")
    items: list[CatalogItemOut] = Field(description="Danh hiệu, hình thức đang áp dụng")


class CatalogFilters(Schema):
    on: datetime.date | None = Field(None, description="Ngày áp dụng, YYYY-MM-DD (mặc định: hôm nay)")
    federation: int | None = id_field(
        "Id của LĐLĐ tỉnh, công đoàn ngành để áp dụng cả quy định riêng của đơn vị đó"
    )


def _item(entry: queries.Entry, base: int | None) -> dict:
    def amount(name):
        value = entry.value(name)
        return queries.round_up_reward(value, base) if value is not None and base else None

    return {
        "code": entry.code,
        "name": entry.name,
        "kind": entry.award.kind,
        "recipient": entry.award.recipient,
        "level": entry.award.level,
        "who_for": entry.value("who_for", ""),
        "conferred_by": entry.value("conferred_by", ""),
        "proposed_by": entry.value("proposed_by", ""),
        "criteria": entry.value("criteria", ""),
        "prerequisites": entry.prerequisites,
        "quotas": entry.quotas,
        "vote_threshold_percent": entry.value("vote_threshold_percent"),
        "vote_base": entry.value("vote_base", ""),
        "multiplier_individual": entry.value("multiplier_individual"),
        "multiplier_collective": entry.value("multiplier_collective"),
        "amount_individual": amount("multiplier_individual"),
        "amount_collective": amount("multiplier_collective"),
        "citation": entry.citation,
        "mark": entry.mark,
        "unverified_fields": entry.unverified_fields,
        "rules": [
            {
                "layer": r.regulation.layer,
                "regulation": r.regulation.number,
                "citation": r.citation,
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
                "mark": r.mark,
            }
            for r in entry.rules
        ],
    }


@router.get(
    "/catalog/",
    response=responses(CatalogOut),
    url_name="catalog",
    summary="Danh mục khen thưởng áp dụng vào một ngày",
)
def catalog(request: HttpRequest, filters: Query[CatalogFilters]):
    """Mỗi danh hiệu, hình thức: mã, tên, đối tượng, hệ số, khống chế, tỷ lệ phiếu, căn cứ, mức xác minh; và mức
    lương cơ sở có hiệu lực vào ngày đó."""
    on = filters.on or timezone.localdate()
    federation = None
    if filters.federation is not None:
        federation = queries.federations_visible_to(caller(request)).filter(pk=filters.federation).first()
        if federation is None:
            raise Http404
    current = queries.catalog_on(on, federation)
    base = current.base_salary.amount if current.base_salary else None
    return {
        "on": on,
        "federation_id": federation.pk if federation else None,
        "base_salary": current.base_salary,
        "items": [_item(e, base) for e in current.entries],
    }

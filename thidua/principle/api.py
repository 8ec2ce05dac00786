"""Kịp thời, đúng người, đúng thành tích in the API (read): the dashboard's figures for the caller's subtree."""

from __future__ import annotations

from ninja import Field, Query, Router, Schema

from thidua.core.api import caller, responses

from . import queries

router = Router(tags=["Kịp thời, đúng người, đúng thành tích"])


class ShareOut(Schema):
    part: int = Field(description="Tử số")
    whole: int = Field(description="Mẫu số: số cá nhân được khen")
    percent: float | None


class CountsOut(Schema):
    year: int
    total: int = Field(description="Số cá nhân được khen (không tính khen thưởng bị thu hồi)")
    direct_production_workers: ShareOut
    women: ShareOut
    non_state_workers: ShareOut = Field(description="Người lao động doanh nghiệp ngoài nhà nước")


class GroupOut(Schema):
    key: str = Field(
        description="Cấp quyết định, hoặc mã công đoàn cấp trên trực tiếp cơ sở ('' nếu không có)"
    )
    label: str
    years: list[CountsOut]


class DelayOut(Schema):
    year: int
    count: int
    median_days: float | None
    average_days: float | None
    longest_days: int | None
    not_measured: int = Field(description="Không tính được (không gắn đợt/không có ngày gửi, hoặc ngày lệch)")


class PrincipleOut(Schema):
    years: list[int]
    from_phase_end: list[DelayOut] = Field(description="Từ ngày kết thúc đợt thi đua đến ngày quyết định")
    from_proposal: list[DelayOut] = Field(description="Từ ngày gửi đề nghị (lần đầu) đến ngày quyết định")
    by_year: list[CountsOut]
    by_level: list[GroupOut]
    by_upper_union: list[GroupOut]
    never_proposed_count: int = Field(
        description="Số công đoàn cơ sở chưa được đề nghị khen thưởng trong 3 năm"
    )


class PrincipleQuery(Schema):
    year: int | None = Field(None, ge=1945, le=2100, description="Năm cuối của khoảng 3 năm")


def _counts(year: int, c: queries.Counts) -> dict:
    s = c.shares
    share = lambda x: {"part": x.part, "whole": x.whole, "percent": x.percent}  # noqa: E731
    return {"year": year, "total": c.total, "direct_production_workers": share(s["direct"]),
            "women": share(s["women"]), "non_state_workers": share(s["non_state"])}  # fmt: skip


def _delay(year: int, d: queries.Delay, missing: int) -> dict:
    return {"year": year, "count": d.count, "median_days": d.median, "average_days": d.average,
            "longest_days": d.longest, "not_measured": missing + d.inconsistent}  # fmt: skip


@router.get("/principle/", response=responses(PrincipleOut), url_name="principle-dashboard")
def principle(request, filters: Query[PrincipleQuery]):
    """Các chỉ số kịp thời, đúng người trong phạm vi người gọi, năm được hỏi và hai năm trước."""
    user = caller(request)
    from django.utils import timezone

    year = filters.year or queries.latest_year(user) or timezone.localdate().year
    s = queries.shares(user, year)
    t = queries.timeliness(user, year)
    return {
        "years": s.years,
        "from_phase_end": [_delay(y, t.from_phase[y], t.without_phase[y]) for y in s.years],
        "from_proposal": [_delay(y, t.from_proposal[y], t.without_proposal[y]) for y in s.years],
        "by_year": [_counts(y, s.by_year[y]) for y in s.years],
        "by_level": [{"key": lv, "label": label, "years": [_counts(y, by[y]) for y in s.years]}
                     for lv, label, by in s.by_level],
        "by_upper_union": [{"key": u.code if u else "", "label": u.name if u else "",
                            "years": [_counts(y, by[y]) for y in s.years]} for u, by in s.by_upper],
        "never_proposed_count": queries.never_proposed(user, year).count(),
    }  # fmt: skip

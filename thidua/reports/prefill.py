"""The figures a phase report can take from the system's own records, for its unit and period.

The entry page's "Điền từ số liệu của hệ thống" fills the indicators of the form that the records of the modules
below answer — grassroots unions founded (the unit tree), the enterprise registry, inspections, the "Mái ấm Công đoàn"
fund, congresses held, activities — each with where it came from; nothing is saved until the officer saves the grid,
and every figure can be changed first. Reports stands above these apps (its layer may read them): each is asked
through one small function of its ``queries`` module, listed once in ``SOURCES``; ``PREFILLS`` says which figure of
which source answers which indicator of the catalog. Only the sources a form needs are read (one or two queries each).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.activities.queries import activity_figures
from thidua.congresses.queries import congresses_held
from thidua.core.dates import format_date
from thidua.enterprises.queries import enterprise_counts, inspections_held
from thidua.orgs.models import Level, Sector, Unit
from thidua.union_fund.queries import fund_figures

NON_STATE = (Sector.PRIVATE, Sector.FDI, Sector.COOPERATIVE)


def _founded(unit: Unit, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Grassroots unions below ``unit`` founded from ``start`` to ``end`` (their founding date), and of them those in
    non-State enterprises (private, FDI, cooperatives)."""
    rows = Unit.objects.filter(
        path__subtree=unit.path, level=Level.GRASSROOTS, founded_on__range=(start, end)
    )
    return rows.exclude(pk=unit.pk).aggregate(founded=Count("pk"), founded_non_state=Count("pk", filter=Q(
        sector__in=NON_STATE)))  # fmt: skip


@dataclass(frozen=True)
class Source:
    """Records of one module: its name, the page that lists them, and the function that reads the figures."""

    label: Any
    url_name: str
    read: Callable[[Unit, datetime.date, datetime.date], dict[str, int]]
    as_of_end: bool = False  # a stock on the period's last day, not the period's movements


SOURCES: dict[str, Source] = {
    "units": Source(_("Cây đơn vị (ngày thành lập CĐCS)"), "orgs:unit-tree", _founded),
    "enterprises": Source(
        _("Sổ theo dõi doanh nghiệp"),
        "enterprises:enterprise-list",
        lambda unit, start, end: enterprise_counts(unit, as_of=end),
        as_of_end=True,
    ),  # fmt: skip
    "inspections": Source(
        _("Sổ kiểm tra, giám sát"),
        "supervision:inspection-list",
        lambda unit, start, end: {"held": inspections_held(unit, start, end)},
    ),  # fmt: skip
    "fund": Source(_("Sổ quỹ “Mái ấm Công đoàn”"), "union_fund:ledger", fund_figures),
    "congresses": Source(
        _("Theo dõi Đại hội công đoàn"),
        "congresses:unit-list",
        lambda unit, start, end: {"held": congresses_held(unit, start, end)},
    ),  # fmt: skip
    "activities": Source(_("Sổ hoạt động"), "activities:activity-list", activity_figures),
}

# indicator code -> (source, figure, what the figure counts)
PREFILLS: dict[str, tuple[str, str, Any]] = {
    "TC07": ("units", "founded", _("CĐCS có ngày thành lập trong kỳ báo cáo")),
    "TC07.NN": ("units", "founded_non_state", _("trong đó ở doanh nghiệp tư nhân, FDI, hợp tác xã")),
    "TC09.A": ("enterprises", "large_with_union", _("doanh nghiệp từ 30 lao động, đã có CĐCS")),
    "TC09.B": ("enterprises", "large", _("doanh nghiệp từ 30 lao động đang theo dõi")),
    "TC09.C": ("enterprises", "without_union", _("doanh nghiệp đang theo dõi chưa có CĐCS")),
    "DD05": ("inspections", "held", _("cuộc kiểm tra, giám sát tổ chức trong kỳ")),
    "CL01": ("fund", "houses_new", _("nhà xây mới đã bàn giao trong kỳ")),
    "CL02": ("fund", "houses_repaired", _("nhà sửa chữa đã bàn giao trong kỳ")),
    "CL03": ("fund", "house_money", _("tiền chi hỗ trợ xây, sửa nhà ghi sổ trong kỳ")),
    "CL04": ("fund", "raised", _("tiền ủng hộ ghi sổ trong kỳ, gồm điều chỉnh")),
    "DH01": ("congresses", "held", _("Đại hội đã tổ chức trong kỳ")),
    "HD01": ("activities", "activities", _("hoạt động bắt đầu trong kỳ")),
    "HD02": ("activities", "contests", _("hội thi tay nghề, thi thợ giỏi bắt đầu trong kỳ")),
}


@dataclass(frozen=True)
class Prefilled:
    value: int
    source: str
    explanation: str
    url: str


def prefill(unit: Unit, start: datetime.date, end: datetime.date, codes: list[str]) -> dict[str, Prefilled]:
    """The figures the records give for ``codes`` (the indicators of a form) for ``unit`` and its subtree in the
    period ``start``–``end``, each with where it came from."""
    wanted = [code for code in codes if code in PREFILLS]
    read: dict[str, dict[str, int]] = {}
    result = {}
    for code in wanted:
        key, figure, explanation = PREFILLS[code]
        source = SOURCES[key]
        if key not in read:
            read[key] = source.read(unit, start, end)
        when = (_("tại ngày %(end)s") % {"end": format_date(end)} if source.as_of_end
                else _("từ %(start)s đến %(end)s") % {"start": format_date(start), "end": format_date(end)})  # fmt: skip
        result[code] = Prefilled(
            value=int(read[key].get(figure) or 0),
            source=str(source.label),
            explanation=f"{explanation} ({when})",
            url=reverse(source.url_name),
        )
    return result

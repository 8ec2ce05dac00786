"""The dashboard "kịp thời, đúng người, đúng thành tích" (/danh-gia-khen-thuong/) and its Excel export: read for
the viewer's subtree through the scope (``thidua.principle.queries``); it writes nothing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from thidua.core.paging import page_of
from thidua.core.xlsx import XlsxColumn, add_table_sheet, new_workbook, workbook_bytes, xlsx_response

from . import queries

# Lazy: the labels are read at request time, in the language of the request.
SHARE_KEYS = [("direct", gettext_lazy("Công nhân trực tiếp sản xuất")), ("women", gettext_lazy("Nữ")),
              ("non_state", gettext_lazy("Doanh nghiệp ngoài nhà nước"))]  # fmt: skip


def _year(request) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 1945 <= int(raw) <= 2100:
        return int(raw)
    return queries.latest_year(request.user) or timezone.localdate().year


@login_required
@require_GET
def dashboard(request):
    from django.shortcuts import render

    year = _year(request)
    shares = queries.shares(request.user, year)
    page = page_of(request, queries.never_proposed(request.user, year), 50)
    timeliness = queries.timeliness(request.user, year)
    no_upper = _("(Không thuộc công đoàn cấp trên cơ sở)")
    return render(request, "principle/dashboard.html", {
        "year": year, "years": shares.years, "share_keys": SHARE_KEYS, "page": page,
        "timeliness_rows": [(y, timeliness.from_phase[y], timeliness.from_proposal[y],
                             timeliness.without_phase[y] + timeliness.from_phase[y].inconsistent,
                             timeliness.without_proposal[y] + timeliness.from_proposal[y].inconsistent)
                            for y in shares.years],
        "year_rows": [("", y, shares.by_year[y]) for y in shares.years],
        "level_rows": [(label, y, by[y]) for _lv, label, by in shares.by_level for y in shares.years],
        "upper_rows": [(unit.name if unit else no_upper, y, by[y]) for unit, by in shares.by_upper
                       for y in shares.years],
    })  # fmt: skip


def _share_cells(counts) -> list:
    cells: list = [counts.total]
    for key, _label in SHARE_KEYS:
        share = counts.shares[key]
        cells += [share.part, share.percent]
    return cells


def _share_columns() -> list[XlsxColumn]:
    return [XlsxColumn(_("Tổng số cá nhân được khen"), 14)] + [
        column for _key, label in SHARE_KEYS
        for column in (XlsxColumn(f"{label}: {_('số người')}", 16), XlsxColumn(f"{label}: %", 10))
    ]  # fmt: skip


@login_required
@require_GET
def export(request):
    year = _year(request)
    shares = queries.shares(request.user, year)
    timeliness = queries.timeliness(request.user, year)
    book = new_workbook()
    heading = [
        _("Kịp thời, đúng người, đúng thành tích: các năm %(a)d – %(b)d") % {"a": shares.years[0], "b": year}
    ]
    delay_columns = [XlsxColumn(_("Năm"), 8), XlsxColumn(_("Chỉ số"), 44), XlsxColumn(_("Số trường hợp"), 12),
                     XlsxColumn(_("Trung vị (ngày)"), 12), XlsxColumn(_("Trung bình (ngày)"), 12),
                     XlsxColumn(_("Lâu nhất (ngày)"), 12), XlsxColumn(_("Không tính được"), 14)]  # fmt: skip
    rows = []
    for y in shares.years:
        for label, delay, missing in (
            (_("Từ ngày kết thúc đợt thi đua đến ngày quyết định"), timeliness.from_phase[y],
             timeliness.without_phase[y]),
            (_("Từ ngày gửi đề nghị đến ngày quyết định"), timeliness.from_proposal[y],
             timeliness.without_proposal[y]),
        ):  # fmt: skip
            rows.append([y, label, delay.count, delay.median, delay.average, delay.longest,
                         missing + delay.inconsistent])  # fmt: skip
    add_table_sheet(book, _("Kịp thời"), delay_columns, rows, heading=heading)
    add_table_sheet(book, _("Theo năm"), [XlsxColumn(_("Năm"), 8), *_share_columns()],
                    ([y, *_share_cells(shares.by_year[y])] for y in shares.years), heading=heading)  # fmt: skip
    add_table_sheet(book, _("Theo cấp khen"), [XlsxColumn(_("Cấp quyết định"), 30), XlsxColumn(_("Năm"), 8),
                                               *_share_columns()],
                    ([label, y, *_share_cells(by[y])] for _lv, label, by in shares.by_level for y in shares.years),
                    heading=heading)  # fmt: skip
    add_table_sheet(book, _("Theo CĐ cấp trên cơ sở"), [XlsxColumn(_("Công đoàn cấp trên trực tiếp cơ sở"), 40),
                                                        XlsxColumn(_("Năm"), 8), *_share_columns()],
                    ([unit.name if unit else _("(Không thuộc công đoàn cấp trên cơ sở)"), y, *_share_cells(by[y])]
                     for unit, by in shares.by_upper for y in shares.years), heading=heading)  # fmt: skip
    add_table_sheet(book, _("Chưa được đề nghị"), [XlsxColumn(_("Mã đơn vị"), 16, text=True),
                                                    XlsxColumn(_("Công đoàn cơ sở"), 50)],
                    ([u.code, u.name] for u in queries.never_proposed(request.user, year).iterator(chunk_size=500)),
                    heading=[_("Công đoàn cơ sở chưa được đề nghị khen thưởng trong các năm %(a)d – %(b)d")
                             % {"a": shares.years[0], "b": year}])  # fmt: skip
    return xlsx_response(workbook_bytes(book), f"kip-thoi-dung-nguoi-{year}.xlsx")

"""Vietnamese dates: "ngày 10 tháng 02 năm 2017", 10/02/2017, 10-02-2017, 10.02.2017, 03/02 (year from context),
"tháng 8/2017", and ranges: "Từ đầu năm đến 31/8/2017", "từ nay đến 30/4", "01/9 - 31/12/2017".

A date that does not exist (31/02/2017) is a warning and None, never an exception.
"""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from thidua.core.dates import format_date

from .context import ParseContext

# 10/02/2017, 10-02-2017, 10.02.2017, 10/02/17, 03/02 (slashes only without a year)
_NUMERIC = r"(?<![\d/.])(\d{1,2})([/.\-])(\d{1,2})(?!\d)(?:\2(\d{4}|\d{2})(?!\d))?"
NUMERIC_DATE = re.compile(_NUMERIC)
# ngày 10 tháng 02 năm 2017 (the year may be left out)
_LONG = r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm\s+|/\s*)(\d{4}))?"
LONG_DATE = re.compile(_LONG, re.IGNORECASE)
# tháng 8/2017, tháng 8 năm 2017, tháng 8
_MONTH = r"tháng\s+(\d{1,2})(?:\s*(?:năm\s+|/\s*)(\d{4}))?"

_POINT = (
    r"(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2}(?:[/.\-](?:\d{4}|\d{2}))?(?!\d)"
    r"|ngày\s+\d{1,2}\s+tháng\s+\d{1,2}(?:\s*(?:năm\s+|/\s*)\d{4})?"
    r"|(?:đầu|cuối)\s+năm(?:\s+\d{4})?|hết\s+năm(?:\s+\d{4})?"
    r"|(?:đầu\s+|cuối\s+|hết\s+)?tháng\s+\d{1,2}(?:\s*(?:năm\s+|/\s*)\d{4})?"
    r"|nay|bây giờ|(?:khi|ngày)\s+(?:phát động|ký|ban hành)(?:\s+kế hoạch)?"
    # a day alone, its month and year those of the other end: "từ ngày 1 đến 31-12", "từ 1 - 30/1/2026"
    r"|(?:ngày\s+)?\d{1,2}(?=\s*(?:-|đến|tới)\s*(?:hết\s+)?(?:ngày\s+)?\d{1,2}[/.\-]\d{1,2})"
)
RANGE = re.compile(
    rf"(?:\b(?:từ|bắt đầu từ)\s+)?(?P<start>{_POINT})\s*(?:-|đến|tới)\s*(?:hết\s+(?=ngày|\d))?(?P<end>{_POINT})",
    re.IGNORECASE,
)


def full_year(value: str | None) -> int | None:
    if not value:
        return None
    year = int(value)
    if year < 100:
        year += 2000 if year < 50 else 1900
    return year


def make_date(year: int | None, month: int, day: int, raw: str, ctx: ParseContext) -> datetime.date | None:
    """The date, or None with a warning if it does not exist (31/02) or has no year to take."""
    if year is None:
        ctx.warn(gettext("Ngày “%(raw)s” không ghi năm và văn bản không cho biết năm nào.") % {"raw": raw})
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        ctx.warn(gettext("Ngày không tồn tại: “%(raw)s”.") % {"raw": raw})
        return None


@dataclass
class FoundDate:
    start: int
    end: int
    raw: str
    day: int
    month: int
    year: int | None  # as written; None when the text leaves it out


def find_dates(text: str) -> list[FoundDate]:
    """Every date written in the text, in order (without resolving missing years)."""
    found = []
    for m in LONG_DATE.finditer(text):
        found.append(
            FoundDate(m.start(), m.end(), m.group(0), int(m.group(1)), int(m.group(2)), full_year(m.group(3)))
        )
    taken = [(f.start, f.end) for f in found]
    for m in NUMERIC_DATE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        if m.group(2) != "/" and not m.group(4):
            continue  # 1.5 or 10-02 without a year: a number or a range, not a date
        found.append(
            FoundDate(m.start(), m.end(), m.group(0), int(m.group(1)), int(m.group(3)), full_year(m.group(4)))
        )
    return sorted(found, key=lambda f: f.start)


def resolve(found: FoundDate, ctx: ParseContext, year: int | None = None) -> datetime.date | None:
    return make_date(found.year or year or ctx.year, found.month, found.day, found.raw, ctx)


def parse_date(text: str, ctx: ParseContext, year: int | None = None) -> datetime.date | None:
    """The first date in the text; a missing year is ``year`` or the plan's year."""
    dates = find_dates(text)
    return resolve(dates[0], ctx, year) if dates else None


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


@dataclass
class _Point:
    kind: str  # "date", "day" (a day alone), "month", "year_start", "year_end", "now"
    day: int | None = None
    month: int | None = None
    year: int | None = None


def _point(text: str) -> _Point:
    low = text.lower().strip()
    if low in ("nay", "bây giờ") or low.startswith(("khi ", "ngày phát động", "ngày ký", "ngày ban hành")):
        return _Point("now")
    m = re.search(r"(?:đầu|cuối|hết)\s+năm(?:\s+(\d{4}))?", low)
    if m and "tháng" not in low:
        return _Point("year_start" if low.startswith("đầu") else "year_end", year=full_year(m.group(1)))
    m = re.fullmatch(r"(?:ngày\s+)?(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s*(?:năm\s+|/\s*)(\d{4}))?", low)
    m = m or re.fullmatch(r"(?:ngày\s+)?(\d{1,2})[/.\-](\d{1,2})(?:[/.\-](\d{4}|\d{2}))?", low)
    if m:
        return _Point("date", int(m.group(1)), int(m.group(2)), full_year(m.group(3)))
    m = re.search(_MONTH, low)
    if m:
        return _Point("month", month=int(m.group(1)), year=full_year(m.group(2)))
    m = re.fullmatch(r"(?:ngày\s+)?(\d{1,2})", low)
    if m:
        return _Point("day", day=int(m.group(1)))
    return _Point("now")


@dataclass
class DateRange:
    start: datetime.date | None
    end: datetime.date | None
    start_is_open: bool  # "từ đầu năm": the plan year's first day
    match_start: int
    match_end: int


def parse_range(text: str, ctx: ParseContext) -> DateRange | None:
    """The first date range in the text, years filled in from the other end or the plan's year."""
    m = RANGE.search(text)
    if not m:
        return None
    start_raw, end_raw = m.group("start"), m.group("end")
    start, end = _point(start_raw), _point(end_raw)
    if start.kind == "now" and end.kind == "now":
        return None
    if start.kind == "day":
        start.month = end.month
    end_year = end.year or start.year or ctx.year
    start_year = start.year or end_year
    if not (start.year or end.year) and end_year and end.kind not in ("now", "year_start", "year_end"):
        ctx.warn(
            gettext("Khoảng thời gian “%(raw)s” không ghi năm: lấy năm %(year)s của văn bản; hãy kiểm tra.")
            % {"raw": m.group(0).strip(), "year": end_year},
            code="inferred_year",
        )
    if not start.year and start.month and end.month and end_year and start.month > end.month:
        if end.year:
            start_year = end_year - 1  # "01/11 - 31/3/2018" began in 2017
        else:
            end_year = end_year + 1  # "01/11 - 31/3" ends in the next year
    end_date = _resolve_end(end, end_year, end_raw, ctx)
    start_date = _resolve_start(start, start_year, start_raw, ctx)
    return DateRange(start_date, end_date, start.kind == "year_start", m.start(), m.end())


def _resolve_start(point: _Point, year: int | None, raw: str, ctx: ParseContext) -> datetime.date | None:
    if point.kind == "now":
        if ctx.plan_date is None:
            ctx.warn(
                gettext("Không xác định được ngày bắt đầu “%(raw)s” vì văn bản không ghi ngày ban hành.")
                % {"raw": raw},
                code="missing_start",
            )
        else:
            ctx.warn(
                gettext("Ngày bắt đầu “%(raw)s” được hiểu là ngày ban hành văn bản (%(date)s); hãy kiểm tra.")
                % {"raw": raw, "date": format_date(ctx.plan_date)},
                code="inferred_start",
            )
        return ctx.plan_date
    if point.kind in ("year_start", "year_end"):
        return (
            make_date(year, 1, 1, raw, ctx)
            if point.kind == "year_start"
            else make_date(year, 12, 31, raw, ctx)
        )
    if point.kind == "month":
        return make_date(year, point.month or 1, 1, raw, ctx)
    return make_date(year, point.month or 1, point.day or 1, raw, ctx)


def _resolve_end(point: _Point, year: int | None, raw: str, ctx: ParseContext) -> datetime.date | None:
    if point.kind == "now":
        return None
    if point.kind in ("year_start", "year_end"):
        return make_date(year, 12, 31, raw, ctx)
    if point.kind == "month":
        month = point.month or 12
        if year is None or not 1 <= month <= 12:
            return make_date(year, month, 1, raw, ctx)
        return make_date(year, month, _last_day(year, month), raw, ctx)
    return make_date(year, point.month or 1, point.day or 1, raw, ctx)

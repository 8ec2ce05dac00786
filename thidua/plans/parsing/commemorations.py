"""Commemorations named in a phase: "87 năm ngày thành lập Đảng Cộng sản Việt Nam (03/02/1930 - 03/02/2017)".

Each becomes ``{"text", "ordinal", "base_date", "date", "consistent"}``:

- an anniversary ("N năm ...") has its ordinal N; the dates in brackets give ``base_date`` (the event) and ``date``
  (this year's anniversary; a bracket with one date, or a second date without a year, takes the plan's year);
  ``consistent`` is ``date.year - base_date.year == N``, or null when the text gives no years to check;
- a day without an ordinal ("ngày Quốc tế Lao động 1/5") has ``ordinal``, ``base_date`` and ``consistent`` null and
  its ``date`` in the plan's year;
- a congress ("chào mừng Đại hội Công đoàn các cấp tiến tới Đại hội XII Công đoàn Việt Nam") has every field but
  ``text`` null: it is an event the phase celebrates, not an anniversary.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from thidua.core.dates import format_date

from .catalog import CatalogDay, days_named
from .context import ParseContext
from .dates import find_dates, make_date
from .normalize import UPPER

_ORDINAL = re.compile(
    r"(?<![\d/.,])(?P<n>\d{1,3})\s+năm\s+(?!\d|qua\b|liền\b|liên tục|trở lên|công tác|tuổi|học|tới|sau|thực hiện|triển khai)(?=\S)",
    re.IGNORECASE,
)
_NOT_ANNIVERSARY = re.compile(
    r"\b(?:trong|qua|sau|hơn|gần|nhiệm kỳ|mỗi|thời hạn|đủ|trên|dưới|liên tục|liền|được|có|còn|thêm|từ|sơ kết|tổng kết)\s*$",
    re.IGNORECASE,
)
_NAMED_DAY = re.compile(
    rf"\b[Nn]gày\s+(?P<name>[{UPPER}][^;()]*?)\s+(?P<day>\d{{1,2}})/(?P<month>\d{{1,2}})(?![/\d])"
)
_CONGRESS = re.compile(r"\b(?:chào mừng|hướng tới|tiến tới)\s+(?:thành công\s+)?(?P<text>Đại hội\b[^;.,]*)")
_TRIGGER = re.compile(r"\b(?:kỷ niệm|chào mừng|mừng)\b", re.IGNORECASE)
_PAREN = re.compile(r"\(([^()]*)\)")
_TRAILING = re.compile(
    r"(?:[\s,]+|\b(?:và|cùng|với|kỷ niệm|chào mừng|tổ chức|các hoạt động|Kỷ niệm|Chào mừng))+$", re.IGNORECASE
)


@dataclass
class _Start:
    position: int
    kind: str  # "ordinal", "day", "congress"
    match: re.Match


def _segments(text: str) -> list[str]:
    """The text cut at ";" outside brackets."""
    out: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in text:
        depth += ch == "("
        depth -= ch == ")" and depth > 0
        if ch in ";\n" and depth == 0:
            out.append("".join(current))
            current = []
        else:
            current.append(ch)
    out.append("".join(current))
    return [s for s in (s.strip() for s in out) if s]


def _starts(segment: str, *, need_trigger: bool) -> list[_Start]:
    starts: list[_Start] = []
    for m in _ORDINAL.finditer(segment):
        before = segment[: m.start()]
        if _NOT_ANNIVERSARY.search(before):
            continue
        if (
            need_trigger
            and not _TRIGGER.search(before[-80:])
            and not _PAREN.search(segment[m.end() :])
            and not days_named(segment[m.end() :])
        ):
            continue
        starts.append(_Start(m.start(), "ordinal", m))
    for m in _NAMED_DAY.finditer(segment):
        if any(s.match.end() == m.start() for s in starts):
            continue  # "88 năm Ngày thành lập Công đoàn Việt Nam 28/7": the anniversary's own date
        if need_trigger and not _TRIGGER.search(segment[: m.start()][-40:]):
            continue
        starts.append(_Start(m.start(), "day", m))
    if not need_trigger:
        for m in _CONGRESS.finditer(segment):
            starts.append(_Start(m.start("text"), "congress", m))
    return sorted(starts, key=lambda s: s.position)


def find_commemorations(
    text: str,
    ctx: ParseContext,
    *,
    year: int | None = None,
    need_trigger: bool = False,
    period: tuple[datetime.date, datetime.date] | None = None,
):
    """The commemorations named in the text, in order. Outside a phase (``need_trigger``) only anniversaries and
    days introduced by "kỷ niệm" / "chào mừng" (or days the catalog knows) count, and congresses are left out.
    ``period`` is the phase's: a day of the catalog falls in the year that puts it inside the phase."""
    year = year or ctx.year
    found = []
    for segment in _segments(text):
        starts = _starts(segment, need_trigger=need_trigger)
        for i, start in enumerate(starts):
            region_end = starts[i + 1].position if i + 1 < len(starts) else len(segment)
            if start.kind == "congress":
                congress = re.split(r"[;.,]", segment[start.position : region_end])[0]
                found.append(_item(_clean(congress), None, None, None, None))
            elif start.kind == "day":
                m = start.match
                date = make_date(year, int(m.group("month")), int(m.group("day")), m.group(0), ctx)
                found.append(_item(_clean(m.group(0)), None, None, date, None))
            else:
                found.extend(
                    _anniversary(segment[start.position : region_end], start.match, year, ctx, period)
                )
    return found


def _item(text, ordinal, base_date, date, consistent) -> dict:
    return {
        "text": text,
        "ordinal": ordinal,
        "base_date": base_date,
        "date": date,
        "consistent": consistent,
    }


def _clean(text: str) -> str:
    return _TRAILING.sub("", text.strip()).strip(" ,.:")


def _anniversary(region: str, m: re.Match, year: int | None, ctx: ParseContext, period=None) -> list[dict]:
    """One anniversary, or two when the words name two days of the catalog ("75 năm Cách mạng Tháng Tám và Quốc
    khánh 2/9"). Dates in brackets give the base date; without them the catalog does; a day the catalog does not
    know keeps its text, with no base date and a warning."""
    ordinal = int(m.group("n"))
    named = days_named(region[m.end() - m.start() :])
    if not _PAREN.search(region) or not find_dates(_PAREN.search(region).group(1)):
        if named:
            text = _clean(re.split(r",|\.\s|\s\(", region)[0])
            return [_from_catalog(text, ordinal, day, year, ctx, period) for day in named]
        if not re.search(r"\d{1,2}/\d{1,2}/\d{4}", region):
            text = _clean(re.split(r",|\.\s", region)[0])
            ctx.warn(
                gettext(
                    "Không có “%(text)s” trong danh mục ngày kỷ niệm và văn bản không ghi ngày gốc: giữ nguyên "
                    "lời văn, chưa có ngày sự kiện."
                )
                % {"text": text},
                code="unknown_anniversary",
            )
    return [_bracketed(region, m, ordinal, year, ctx)]


def _year_in(day: datetime.date, year: int | None, period) -> int | None:
    """The year the anniversary is celebrated: the one that puts its day inside the phase, or the plan's."""
    if period and period[0] and period[1]:
        for candidate in range(period[0].year, period[1].year + 1):
            try:
                if period[0] <= day.replace(year=candidate) <= period[1]:
                    return candidate
            except ValueError:
                continue
    return year


def _from_catalog(
    text: str, ordinal: int, day: CatalogDay, year: int | None, ctx: ParseContext, period
) -> dict:
    event_year = _year_in(day.base_date, year, period)
    date = make_date(event_year, day.base_date.month, day.base_date.day, text, ctx) if event_year else None
    consistent = None
    if event_year:
        consistent = event_year - day.base_date.year == ordinal
        if not consistent:
            ctx.warn(
                gettext(
                    "Số năm kỷ niệm không khớp với danh mục: “%(text)s” ghi %(ordinal)s năm, nhưng %(name)s là ngày "
                    "%(base)s, đến năm %(year)s là %(years)s năm."
                )
                % {"text": text, "ordinal": ordinal, "name": day.name, "base": format_date(day.base_date),
                   "year": event_year, "years": event_year - day.base_date.year},
                code="ordinal_mismatch",
            )  # fmt: skip
    return _item(text, ordinal, day.base_date, date, consistent)


def _bracketed(region: str, m: re.Match, ordinal: int, year: int | None, ctx: ParseContext) -> dict:
    paren = _PAREN.search(region)
    if paren:
        region = region[: paren.end()]
        dated = paren.group(1)
    else:
        region = re.split(r",|\.\s", region)[0]
        dated = region
    text = _clean(region)
    dates = find_dates(dated)
    base_year = event_year = None
    base_date = date = None
    if dates:
        first = dates[0]
        if first.year and (first.year != year or len(dates) > 1):
            base_date = make_date(first.year, first.month, first.day, first.raw, ctx)
            base_year = first.year
            second = dates[1] if len(dates) > 1 else None
            if second:
                event_year = second.year or year
                date = make_date(event_year, second.month, second.day, second.raw, ctx)
            else:
                event_year = year
                date = make_date(year, first.month, first.day, first.raw, ctx) if year else None
        else:
            event_year = first.year or year
            date = make_date(event_year, first.month, first.day, first.raw, ctx)
    else:
        years = re.findall(r"(?<!\d)(1[89]\d\d|20\d\d)(?!\d)", dated if paren else "")
        if len(years) >= 2:
            base_year, event_year = int(years[0]), int(years[1])
        elif len(years) == 1:
            base_year, event_year = int(years[0]), year
    consistent = None
    if base_year and event_year:
        consistent = event_year - base_year == ordinal
        if not consistent:
            ctx.warn(
                gettext(
                    "Số năm kỷ niệm không khớp với ngày tháng: “%(text)s” ghi %(ordinal)s năm, nhưng từ %(base)s "
                    "đến %(year)s là %(years)s năm."
                )
                % {"text": text, "ordinal": ordinal, "base": base_year, "year": event_year,
                   "years": event_year - base_year}
            )  # fmt: skip
    return _item(text, ordinal, base_date, date, consistent)


def dates_of(items: list[dict]) -> list[tuple[dict, datetime.date]]:
    return [(item, item["date"]) for item in items if item["date"]]

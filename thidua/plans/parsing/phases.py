"""Phases: "Đợt 1: Từ đầu năm đến 31/8/2017: ...", "Giai đoạn 2 (từ 01/7 - 31/12/2018): ...".

A phase is a line that begins with "Đợt N" or "Giai đoạn N", with the bullet lines under it. Its range is the first
date range in it whose two ends are at most a year apart (a bracket such as "(03/02/1930 - 03/02/2017)" is a
commemoration, not the phase). Besides the keys the issue specifies, each phase has ``start_is_open`` (the text says
"từ đầu năm": the start is the plan year's first day) and ``text`` (what the phase is about, after its dates).
"""

from __future__ import annotations

import re

from django.utils.translation import gettext

from .commemorations import dates_of, find_commemorations
from .context import ParseContext, vn_date
from .dates import RANGE, parse_range

PHASE = re.compile(
    r"^(?:[-+•]\s*)?(?P<name>(?:Đợt|Giai đoạn)\s+(?:\d{1,2}|[IVX]{1,4}|một|hai|ba|bốn)\b)(?:\s+thi đua)?"
    r"\s*(?P<sep>[:.)\-]|\()?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "... như sau: Đợt 1: ... Đợt 2: ..." copied onto one line
INLINE_PHASE = re.compile(r"(?<=[.:;])\s+(?=(?:[-+•]\s*)?(?:Đợt|Giai đoạn)\s+(?:\d{1,2}|[IVX]{1,4})\s*[:(.])")
_CONTINUATION = re.compile(r"^(?:[-+•]\s|Kỷ niệm|Chào mừng)", re.IGNORECASE)


def _name(raw: str) -> str:
    raw = re.sub(r"\s+", " ", raw)
    return raw[0].upper() + raw[1:]


def phase_blocks(lines: list[str], start: int, end: int) -> list[tuple[list[int], re.Match]]:
    """(line indexes, match of the first line) for each phase between ``start`` and ``end``."""
    blocks: list[tuple[list[int], re.Match]] = []
    index = start
    while index < end:
        m = PHASE.match(lines[index])
        if m and (m.group("sep") or RANGE.search(m.group("rest")[:80])):
            indexes = [index]
            index += 1
            while index < end and _CONTINUATION.match(lines[index]) and not PHASE.match(lines[index]):
                indexes.append(index)
                index += 1
            blocks.append((indexes, m))
            continue
        index += 1
    return blocks


def _range(rest: str, ctx: ParseContext):
    for m in RANGE.finditer(rest):
        years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", m.group(0))]
        if years and max(years) - min(years) > 1:
            continue  # a commemoration's bracket "(03/02/1930 - 03/02/2017)"
        found = parse_range(rest[m.start() :], ctx)
        if found:
            found.match_start += m.start()
            found.match_end += m.start()
            return found
    return None


def parse_phases(lines: list[str], start: int, end: int, ctx: ParseContext) -> tuple[list[dict], set[int]]:
    phases = []
    used: set[int] = set()
    for number, (indexes, m) in enumerate(phase_blocks(lines, start, end), start=1):
        used.update(indexes)
        with ctx.reading("phases", phase=number):
            name = _name(m.group("name"))
            rest = m.group("rest")
            if m.group("sep") == "(":
                rest = "(" + rest
            found = _range(rest, ctx)
            text = rest
            if found and found.match_start <= 15:
                text = rest[found.match_end :]
            text = re.sub(r"^[\s):;,.\-]+", "", text)
            extra = [re.sub(r"^[-+•]\s*", "", lines[i]) for i in indexes[1:]]
            full_text = " ".join([text, *extra]).strip()
            phase_year = (found.end or found.start).year if found and (found.end or found.start) else ctx.year
            commemorations = find_commemorations("\n".join([text, *extra]), ctx, year=phase_year)
            phase = {
                "name": name,
                "start": found.start if found else None,
                "end": found.end if found else None,
                "commemorations": commemorations,
                "start_is_open": found.start_is_open if found else False,
                "text": full_text or None,
            }
            if not found or found.start is None or found.end is None:
                ctx.warn(
                    gettext("Không xác định được thời gian (từ ngày, đến ngày) của %(name)s.")
                    % {"name": name}
                )
            elif found.start > found.end:
                ctx.warn(
                    gettext("%(name)s có ngày bắt đầu %(start)s sau ngày kết thúc %(end)s.")
                    % {"name": name, "start": vn_date(found.start), "end": vn_date(found.end)}
                )
            else:
                for item, date in dates_of(commemorations):
                    if not found.start <= date <= found.end:
                        ctx.warn(
                            gettext("Ngày kỷ niệm %(date)s (“%(text)s”) nằm ngoài thời gian của %(name)s (%(start)s - %(end)s).")
                            % {"date": vn_date(date), "text": item["text"], "name": name, "start": vn_date(found.start),
                               "end": vn_date(found.end)}
                        )  # fmt: skip
            phases.append((phase, found))
    _overlaps(phases, ctx)
    return [phase for phase, _ in phases], used


def _overlaps(phases, ctx: ParseContext) -> None:
    dated = [
        (n, p, f) for n, (p, f) in enumerate(phases, start=1) if f and f.start and f.end and f.start <= f.end
    ]
    for i, (_n, a, fa) in enumerate(dated):
        for j, b, fb in dated[i + 1 :]:
            if fa.start <= fb.end and fb.start <= fa.end:
                ctx.warn(
                    gettext("%(a)s (%(a_start)s - %(a_end)s) và %(b)s (%(b_start)s - %(b_end)s) chồng lấn thời gian.")
                    % {"a": a["name"], "a_start": vn_date(fa.start), "a_end": vn_date(fa.end), "b": b["name"],
                       "b_start": vn_date(fb.start), "b_end": vn_date(fb.end)},
                    part="phases", phase=j,
                )  # fmt: skip

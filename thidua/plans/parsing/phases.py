"""Phases: "Đợt 1: Từ đầu năm đến 31/8/2017: ...", "Giai đoạn 2 (từ 01/7 - 31/12/2018): ...".

A phase is a line that begins with "Đợt N" or "Giai đoạn N", with the bullet lines under it. Its range is the first
date range in it whose two ends are at most a year apart (a bracket such as "(03/02/1930 - 03/02/2017)" is a
commemoration, not the phase). Besides the keys the issue specifies, each phase has ``start_is_open`` (the text says
"từ đầu năm": the start is the plan year's first day) and ``text`` (what the phase is about, after its dates).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from django.utils.translation import gettext

from .commemorations import dates_of, find_commemorations
from .context import ParseContext, vn_date
from .dates import RANGE, DateRange, parse_range

PHASE = re.compile(
    r"^(?:[-+•]\s*)?(?:\d{1,2}\s*[.)]\s*)?(?P<name>(?:Đợt|Giai đoạn)\s+(?:\d{1,2}|[IVX]{1,4}|một|hai|ba|bốn)\b)"
    r"(?:\s+thi đua)?\s*(?P<sep>[:.),\-]|\()?\s*(?P<rest>.*)$",
    re.IGNORECASE,
)
# "... như sau: Đợt 1: ... Đợt 2: ..." copied onto one line; phases in prose: "... hai đợt. Đợt 1 từ tháng 1/2020 ...;
# đợt 2 từ ...", "Giai đoạn 2, từ ngày 1 đến 31-12"
INLINE_PHASE = re.compile(
    r"(?<=[.:;])\s+(?=(?:[-+•]\s*)?(?:Đợt|đợt|Giai đoạn|giai đoạn)\s+(?:\d{1,2}|[IVX]{1,4})"
    r"(?:\s*[:(.]|\s*,\s*từ\b|\s+từ\b|\s+-\s))"
    # "đợt 1 từ đầu năm đến ngày 30/6, đợt 2 từ ngày 1/7 ...": after a comma only when "từ" follows
    r"|(?<=,)\s+(?=(?:đợt|giai đoạn)\s+(?:\d{1,2}|[IVX]{1,4})\s+từ\b)"
)
_CONTINUATION = re.compile(r"^(?:[-+•]\s|Kỷ niệm|Chào mừng)", re.IGNORECASE)
# A table of phases copied out of a document: "Đợt | Thời gian | Nội dung", then "1 | 01/01/2023 - 30/6/2023 | ..."
_TABLE_HEAD = re.compile(r"^(?P<word>Đợt|Giai đoạn)(?:\s+thi đua)?\s+Thời gian\b", re.IGNORECASE)
_TABLE_ROW = re.compile(r"^(?P<n>\d{1,2}|[IVX]{1,4})\s*[.)]?\s+(?P<rest>.+)$")
# Periods named in words: "6 tháng đầu năm", "6 tháng cuối năm 2019", "cả năm 2023", "quý II/2022", "năm học 2019 - 2020"
_NAMED_PERIOD = re.compile(
    r"(?P<half>(?:6|sáu)\s+tháng\s+(?P<side>đầu|cuối)\s+năm)(?:\s+(?P<half_year>\d{4}))?"
    r"|(?P<whole>cả\s+năm|suốt\s+năm|trong\s+năm)(?:\s+(?P<whole_year>\d{4}))?"
    r"|quý\s+(?P<quarter>IV|I{1,3}|[1-4])(?:\s*(?:/|năm)\s*(?P<quarter_year>\d{4}))?"
    r"|năm\s+học\s+(?P<school_from>\d{4})\s*-\s*(?P<school_to>\d{4})",
    re.IGNORECASE,
)
# Where a plan that has no phases says when its movement runs: "3. Thời gian: từ ...", "Thời gian thi đua: cả năm
# 2023", "phát động đợt thi đua cao điểm từ ngày 10/6 đến ...", "Tháng cao điểm được tổ chức từ ngày 1 đến 30-1-2026"
_PERIOD_LINE = re.compile(r"^(?:[-+•]\s*)?(?:\d{1,2}\s*[.)]\s*|[a-dđ]\)\s*)?Thời gian\b", re.IGNORECASE)
_PERIOD_WORDS = re.compile(
    r"thi đua|cao điểm|\bđợt\b|được tổ chức|diễn ra|phát động|triển khai|thời gian", re.IGNORECASE
)


def _name(raw: str) -> str:
    raw = re.sub(r"\s+", " ", raw)
    return raw[0].upper() + raw[1:]


@dataclass
class PhaseBlock:
    indexes: list[int]  # the lines of the phase
    name: str
    sep: str | None
    rest: str  # the text after the name
    single: bool = False  # not a phase the text names: the one period of a plan without phases


def phase_blocks(lines: list[str], start: int, end: int) -> list[PhaseBlock]:
    """Each phase between ``start`` and ``end``: lines "Đợt 1: ...", rows of a table of phases."""
    blocks: list[PhaseBlock] = []
    index = start
    table_word: str | None = None
    while index < end:
        line = lines[index]
        head = _TABLE_HEAD.match(line)
        if head:
            table_word = _name(head.group("word").lower())
            index += 1
            continue
        row = _TABLE_ROW.match(line) if table_word else None
        if row and RANGE.search(row.group("rest")[:40]):
            blocks.append(PhaseBlock([index], f"{table_word} {row.group('n')}", None, row.group("rest")))
            index += 1
            continue
        m = PHASE.match(line)
        if m and (
            m.group("sep") or RANGE.search(m.group("rest")[:80]) or _NAMED_PERIOD.match(m.group("rest"))
        ):
            indexes = [index]
            index += 1
            while index < end and _CONTINUATION.match(lines[index]) and not PHASE.match(lines[index]):
                indexes.append(index)
                index += 1
            blocks.append(PhaseBlock(indexes, _name(m.group("name")), m.group("sep"), m.group("rest")))
            continue
        index += 1
    return blocks


def _single_period(lines: list[str], start: int, end: int, ctx: ParseContext) -> PhaseBlock | None:
    """The one period of a plan that has no phases: the first line that says when the movement runs."""
    heading = False
    for index in range(start, end):
        line = lines[index]
        if _capitals_heading(line):
            heading = "THỜI GIAN" in line.upper()
            continue
        period = _range_in(line, ctx, quiet=True) or _named_in(line, ctx, quiet=True)
        if period is None:
            continue
        before = line[: period.match_start]
        if heading or _PERIOD_LINE.match(line) or _PERIOD_WORDS.search(before[-80:]):
            return PhaseBlock(
                [index], "Đợt 1", None, line[period.match_start :], single=True
            )  # document text
    return None


def _capitals_heading(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _range_in(rest: str, ctx: ParseContext, *, quiet: bool = False):
    """The first date range of the text that can be a phase (a commemoration's bracket spans many years)."""
    for m in RANGE.finditer(rest):
        years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", m.group(0))]
        if years and max(years) - min(years) > 1:
            continue  # a commemoration's bracket "(03/02/1930 - 03/02/2017)"
        found = parse_range(rest[m.start() :], ParseContext(ctx.year, ctx.plan_date) if quiet else ctx)
        if found:
            found.match_start += m.start()
            found.match_end += m.start()
            return found
    return None


def _named_in(rest: str, ctx: ParseContext, *, quiet: bool = False) -> DateRange | None:
    """A period named in words ("6 tháng đầu năm", "cả năm 2023", "quý II", "năm học 2019 - 2020")."""
    m = _NAMED_PERIOD.search(rest)
    if not m:
        return None
    written = m.group("half_year") or m.group("whole_year") or m.group("quarter_year")
    year = int(written) if written else ctx.year
    if m.group("school_from"):
        start, end = (
            datetime.date(int(m.group("school_from")), 9, 1),
            datetime.date(int(m.group("school_to")), 5, 31),
        )
        if not quiet:
            ctx.warn(
                gettext(
                    "“%(text)s” được hiểu là từ 01/9/%(a)s đến 31/5/%(b)s; hãy kiểm tra ngày khai giảng, bế giảng."
                )
                % {"text": m.group(0), "a": m.group("school_from"), "b": m.group("school_to")},
                code="inferred_dates",
            )
        return DateRange(start, end, False, m.start(), m.end())
    if year is None:
        return None
    if not written and not quiet:
        ctx.warn(
            gettext("“%(text)s” không ghi năm: lấy năm %(year)s của văn bản; hãy kiểm tra.")
            % {"text": m.group(0), "year": year},
            code="inferred_year",
        )
    if m.group("half"):
        first = m.group("side").lower() == "đầu"
        start = datetime.date(year, 1 if first else 7, 1)
        end = datetime.date(year, 6 if first else 12, 30 if first else 31)
    elif m.group("whole"):
        start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    else:
        quarter = {"I": 1, "II": 2, "III": 3, "IV": 4}.get(m.group("quarter").upper()) or int(
            m.group("quarter")
        )
        start = datetime.date(year, 3 * quarter - 2, 1)
        last = datetime.date(year + (quarter == 4), (3 * quarter) % 12 + 1, 1) - datetime.timedelta(days=1)
        end = last
    return DateRange(
        start, end, m.group("half") is not None and m.group("side").lower() == "đầu", m.start(), m.end()
    )


def parse_phases(
    lines: list[str], start: int, end: int, ctx: ParseContext, *, body_start: int | None = None
) -> tuple[list[dict], set[int]]:
    """The phases between ``start`` and ``end``; a text without any has its one period looked for from
    ``body_start`` (a Công văn says it in its opening sentence, "Thực hiện ..., đề nghị ... từ ngày ... đến ...")."""
    phases = []
    used: set[int] = set()
    blocks = phase_blocks(lines, start, end)
    if not blocks:
        single = _single_period(lines, start if body_start is None else min(start, body_start), end, ctx)
        blocks = [single] if single else []
    for number, block in enumerate(blocks, start=1):
        if not block.single:  # the sentence a single period comes from stays in the body
            used.update(block.indexes)
        indexes = block.indexes
        with ctx.reading("phases", phase=number):
            name = block.name
            rest = block.rest
            if block.sep == "(":
                rest = "(" + rest
            found = _range_in(rest, ctx) or _named_in(rest[:60], ctx)
            if block.single:
                ctx.warn(
                    gettext("Văn bản không chia đợt thi đua; thời gian thi đua đọc từ câu “%(text)s”.")
                    % {"text": _short(lines[indexes[0]])},
                    code="single_period",
                )
            text = rest
            if found and found.match_start <= 15:
                text = rest[found.match_end :]
            text = re.sub(r"^[\s):;,.\-]+", "", text)
            extra = [re.sub(r"^[-+•]\s*", "", lines[i]) for i in indexes[1:]]
            full_text = " ".join([text, *extra]).strip()
            phase_year = (found.end or found.start).year if found and (found.end or found.start) else ctx.year
            commemorations = (
                []
                if block.single
                else find_commemorations(
                    "\n".join([text, *extra]),
                    ctx,
                    year=phase_year,
                    period=(found.start, found.end) if found else None,
                )
            )
            phase = {
                "name": name,
                "start": found.start if found else None,
                "end": found.end if found else None,
                "commemorations": commemorations,
                "start_is_open": found.start_is_open if found else False,
                "text": None if block.single else (full_text or None),
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
    for (_n, a, fa), (j, b, fb) in zip(dated, dated[1:], strict=False):
        if fb.start > fa.end + datetime.timedelta(days=1):
            ctx.warn(
                gettext("Giữa %(a)s (kết thúc %(a_end)s) và %(b)s (bắt đầu %(b_start)s) có khoảng thời gian không thuộc đợt nào.")
                % {"a": a["name"], "a_end": vn_date(fa.end), "b": b["name"], "b_start": vn_date(fb.start)},
                part="phases", phase=j, code="phase_gap",
            )  # fmt: skip
    for i, (_n, a, fa) in enumerate(dated):
        for j, b, fb in dated[i + 1 :]:
            if fa.start <= fb.end and fb.start <= fa.end:
                ctx.warn(
                    gettext("%(a)s (%(a_start)s - %(a_end)s) và %(b)s (%(b_start)s - %(b_end)s) chồng lấn thời gian.")
                    % {"a": a["name"], "a_start": vn_date(fa.start), "a_end": vn_date(fa.end), "b": b["name"],
                       "b_start": vn_date(fb.start), "b_end": vn_date(fb.end)},
                    part="phases", phase=j, code="phase_overlap",
                )  # fmt: skip


def _short(text: str, length: int = 100) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

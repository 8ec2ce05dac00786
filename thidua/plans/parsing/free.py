"""Nothing of the body lost: the paragraphs no part of the structure took, kept as free sections in their order.

After the parts are read, each line of the body is looked for in what they hold (legal bases, introduction,
purposes and requirements, movements, measures, phases, the paragraph after the phases, reporting duties, closing).
A line found nowhere is kept: consecutive ones form a section under the heading above them ("IV. KHEN THƯỞNG",
"I. KẾT QUẢ" of a report) or under none. Headings of the parts the structure knows are not content.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext

from .body import top_heading
from .context import ParseContext

# Sections whose heading the document writes itself (their content has a place in the structure).
_KNOWN = (
    "muc dich",
    "yeu cau",
    "noi dung",
    "bien phap",
    "to chuc thuc hien",
    "thoi gian",
    "cac dot",
    "dot thi dua",
)
_MARK = re.compile(r"^(?:[-+•*]\s*|\d{1,2}(?:\.\d{1,2})*\s*[.)\-/]\s*|[a-dđ]\)\s*|[IVX]{1,5}\s*[.)\-/]\s*)+")
_PAGE = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$")
_PURPOSE = re.compile(r"^(?:\d{1,2}\s*[.)]\s*|[a-dđ]\)\s*)?(?:Mục đích|Yêu cầu)\s*:?$", re.IGNORECASE)
_TABLE_HEAD = re.compile(r"^(?:Đợt|Giai đoạn)(?:\s+thi đua)?\s+Thời gian\b", re.IGNORECASE)


def _core(text: str) -> str:
    """The words of a line without its mark, quotes, spacing and final punctuation: what a part would hold."""
    text = _MARK.sub("", text)
    return re.sub(r"[\s“”‘’\"'.,;:!?()]+", " ", text).strip().lower()


def free_sections(
    lines: list[str], start: int, end: int, skip: set[int], placed: dict[str, list[str]], ctx: ParseContext
) -> list[dict]:
    """The free sections of ``lines[start:end]`` (``skip``: the lines of the phases, placed already; ``placed``:
    the texts each part holds, by the part a free section can follow: "opening", "purposes", "contents",
    "measures", "phases"; other keys only say a text is placed)."""
    blobs = {part: " ".join(_core(text) for text in texts if text) for part, texts in placed.items()}
    blob = " ".join(blobs.values())
    sections: list[dict] = []
    heading: str | None = None
    heading_used = False
    for index in range(start, end):
        line = lines[index]
        if index in skip or _PAGE.match(line):
            continue
        title = top_heading(line)
        if title is not None:
            known = any(word in title for word in _KNOWN)
            heading, heading_used = (None if known else line.rstrip(":").strip()), False
            continue
        core = _core(line)
        if len(core) < 4 or core in blob or _PURPOSE.match(line) or _TABLE_HEAD.match(line):
            continue
        if (
            line.endswith(":")
            and len(line) <= 100
            and index + 1 < end
            and _placed(lines, index + 1, skip, blob)
        ):
            continue  # a sub-heading or the sentence announcing the phases: it goes with what follows
        if sections and sections[-1]["_last"] == index - 1 and (heading_used or heading is None):
            sections[-1]["paragraphs"].append(line)
        else:
            after = _after(lines, start, index, skip, blobs)
            sections.append(
                {"heading": heading if not heading_used else None, "paragraphs": [line], "after": after}
            )
            heading_used = heading is not None
        sections[-1]["_last"] = index
    for section in sections:
        del section["_last"]
        ctx.warn(
            gettext(
                "Có đoạn văn không xếp được vào phần nào của kế hoạch; đã giữ nguyên thành mục riêng%(heading)s: "
                "“%(text)s”. Hãy chuyển vào đúng phần nếu cần."
            )
            % {
                "heading": f" “{section['heading']}”" if section["heading"] else "",
                "text": _short(section["paragraphs"][0]),
            },
            part="body",
            code="free_section",
        )
    return sections


# The parts a free section can follow, in the order of the text; the last that holds a line above it wins.
AFTER = ("opening", "purposes", "contents", "measures", "phases")


def _after(lines: list[str], start: int, index: int, skip: set[int], blobs: dict[str, str]) -> str:
    """The part of the plan a free section starting at ``lines[index]`` stood after: that of the nearest line above
    it a part took (the phases' lines are the phases'); the opening when none did."""
    for above in range(index - 1, start - 1, -1):
        if above in skip:
            return "phases"
        core = _core(lines[above])
        if len(core) < 4:
            continue
        found = [part for part in AFTER if core in blobs.get(part, "")]
        if found:
            return found[-1]
    return "opening"


def _placed(lines: list[str], index: int, skip: set[int], blob: str) -> bool:
    return index in skip or _core(lines[index]) in blob or bool(_TABLE_HEAD.match(lines[index]))


def _short(text: str, length: int = 90) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

"""The long texts of a plan's body, the paragraphs a plan holds besides its structure:

- ``introduction``: the paragraph after the legal bases ("Liên đoàn Lao động tỉnh xây dựng Kế hoạch ... sau:"), or
  the clause a "Căn cứ ..." sentence ends with (", Ban Thường vụ ... xây dựng kế hoạch như sau:");
- ``purposes`` and ``requirements``: the paragraphs of "I. MỤC ĐÍCH YÊU CẦU", split when the text has both
  headings ("1. Mục đích" / "2. Yêu cầu", or two sections); one list in ``purposes`` otherwise;
- ``measures``: section "BIỆN PHÁP TỔ CHỨC THỰC HIỆN" (or "TỔ CHỨC THỰC HIỆN") by its sub-headings, each
  ``{"target", "heading", "paragraphs"}``; ``target`` is the kind of unit the wording names
  (``grassroots_business``, ``grassroots_admin``, ``upper``, ``general``) or null, a sub-heading without one
  inherits its parent's ("2.1" under "2. Đối với Công đoàn cấp trên cơ sở"); ``heading`` is written without its
  number and final colon; bullets lose their mark;
- ``phase_review``: the paragraphs after the phases ("Sau mỗi đợt thi đua ...");
- ``closing``: from "Trên đây là ..." to the end of the body, or else a last paragraph ending with "./.";
- ``reporting``: each sentence that asks for a report "về" someone, ``{"to_whom", "due", "text"}``, ``due`` the
  date after "trước (ngày)", "chậm nhất", "hạn" when there is one.

Paragraphs of a text field are joined with a blank line. A part the text does not have is null (texts) or [] (lists).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from thidua.core.text import fold

from .bases import CITATION, OWN_CLAUSE
from .context import ParseContext
from .dates import parse_date
from .movements import SECTION
from .normalize import UPPER
from .phases import PHASE

_BULLET = re.compile(r"^[-+•]\s*")
_INTRO = re.compile(r"^(?:[-+•]\s*)?(?:Căn cứ|Thực hiện|Trên cơ sở|Theo|Kính gửi)\b", re.IGNORECASE)
_NUMBERED = re.compile(r"^\d{1,2}(?:\.\d{1,2})*\s*[.)\-/]\s*\S")
# "1. Đối với ...:", "1.1. Công đoàn ...", "a) ...", "2. Đối với Công đoàn cấp trên cơ sở"
_SUB_HEADING = re.compile(
    r"^(?:(?P<number>\d{1,2}(?:\.\d{1,2})*)\s*[.)\-/]?|(?P<letter>[a-dđ])\s*[.)])\s+(?P<title>.+)$"
)
# "1. Mục đích:", "b) Yêu cầu", "Yêu cầu: ..." (a paragraph may follow the colon on the same line)
_PURPOSE_HEADING = re.compile(
    r"^(?:\d{1,2}\s*[.)\-/]|[a-dđ]\s*[.)])?\s*(?P<word>Mục đích|Yêu cầu)\s*(?:(?P<colon>:)\s*(?P<rest>.*))?$",
    re.IGNORECASE,
)
_CLOSING = re.compile(r"^Trên đây\b", re.IGNORECASE)
# "báo cáo kết quả (từng đợt) về LĐLĐ tỉnh (qua ban CS-PL)"
_REPORT = re.compile(
    rf"\b[Bb]áo cáo\b(?P<what>[^.;“”]{{0,60}}?)\s+về\s+(?P<to>(?:[{UPPER}]|cấp trên\b|công đoàn\b)[^,;.()“”]*?"
    r"(?:\s*\([^()]*\))?)(?=\s+(?:để|trước|chậm nhất|muộn nhất|trong|theo|vào|định kỳ|hằng|hàng|khi|sau)\b"
    r"|\s*[,;(]|\s*\.|\s*$)"
)
_DUE = re.compile(
    r"\b(?:trước|chậm nhất|muộn nhất|hạn chót|hạn)\s+(?:là\s+|vào\s+)?(?P<date>.{0,40})", re.IGNORECASE
)
_SENTENCE_END = re.compile(rf"(?<=[.!?])\s+(?=[{UPPER}])")

MEASURE_TARGETS = [
    # (words of the heading, folded, without diacritics) -> target; the first that matches wins
    (("bien phap chung", "nhiem vu chung"), "general"),
    (("cap tren",), "upper"),
    (("san xuat", "kinh doanh", "doanh nghiep"), "grassroots_business"),
    (("hanh chinh", "su nghiep"), "grassroots_admin"),
]


def measure_target(heading: str | None) -> str | None:
    """The kind of unit a heading of the measures names ("Công đoàn trong các cơ quan hành chính, sự nghiệp")."""
    key = fold(heading)
    for words, target in MEASURE_TARGETS:
        if any(word in key for word in words):
            return target
    return None


def _capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def top_heading(line: str) -> str | None:
    """The folded title of a section heading ("III. BIỆN PHÁP ...", "B. THỜI GIAN ...", "NỘI DUNG THI ĐUA")."""
    m = SECTION.match(line)
    if m and (_capitals(m.group("title")) or len(m.group("title")) <= 60):
        return fold(m.group("title"))
    if _capitals(line) and not PHASE.match(line):
        return fold(line)
    return None


def _section_kind(title: str) -> str:
    if "muc dich" in title:
        return "purposes"
    if "bien phap" in title or "to chuc thuc hien" in title:
        return "measures"
    if "yeu cau" in title and "noi dung" not in title:
        return "purposes"
    return "other"


_PAGE_NUMBER = re.compile(r"^(?:-\s*)?\d{1,3}(?:\s*-)?$")


def _text(lines: list[str]) -> list[str]:
    """The lines of a text without the page numbers a PDF's text layer leaves between them."""
    return [line for line in lines if not _PAGE_NUMBER.match(line)]


def _paragraphs(lines: list[str]) -> str | None:
    return "\n\n".join(_text(lines)) or None


def _strip_heading(title: str) -> str:
    return re.sub(r"\s*:\s*$", "", title).strip()


@dataclass
class Body:
    introduction: str | None = None
    purposes: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    measures: list[dict] = field(default_factory=list)
    phase_review: str | None = None
    closing: str | None = None
    reporting: list[dict] = field(default_factory=list)
    free_sections: list[dict] = field(default_factory=list)  # set by the document (see ``free``)


def parse_body(
    lines: list[str],
    body_start: int,
    bases_end: int,
    body_end: int,
    phase_lines: set[int],
    bases_text: str,
    ctx: ParseContext,
) -> Body:
    """The long texts of the body ``lines[body_start:body_end]`` (the legal bases end at ``bases_end``; the lines of
    the phases are ``phase_lines``)."""
    body = Body()
    end = max(bases_end, body_end)
    closing_start = _closing_start(lines, bases_end, end, phase_lines)
    if closing_start is not None:
        body.closing = _paragraphs(lines[closing_start:end])
        end = closing_start
    headings = [(i, title) for i in range(bases_end, end) if (title := top_heading(lines[i])) is not None]
    first_phase = min(phase_lines) if phase_lines else None
    body.introduction = _introduction(lines, body_start, bases_end, end, headings, first_phase, bases_text)

    def section_end(index: int) -> int:
        later = [i for i, _ in headings if i > index]
        return later[0] if later else end

    purposes_sections = [(i, t) for i, t in headings if _section_kind(t) == "purposes"]
    for index, title in purposes_sections:
        own, requirements = _purposes(lines[index + 1 : section_end(index)])
        if "muc dich" not in title:  # "II. YÊU CẦU" alone
            body.requirements.extend(own + requirements)
        else:
            body.purposes.extend(own)
            body.requirements.extend(requirements)
    if body.purposes == [] and body.requirements and len(purposes_sections) == 1:
        body.purposes, body.requirements = body.requirements, []
    measures = next((i for i, t in headings if _section_kind(t) == "measures"), None)
    if measures is not None:
        stop = section_end(measures)
        if first_phase is not None and measures < first_phase < stop:
            stop = first_phase
            if _phase_intro(lines[first_phase - 1]) and first_phase - 1 > measures:
                stop = first_phase - 1
        body.measures = _measures(lines[measures + 1 : stop])
    if phase_lines:
        after = max(phase_lines) + 1
        stop = section_end(after - 1)
        review = [line for line in lines[after:stop] if not PHASE.match(line)]
        body.phase_review = _paragraphs(review)
    scanned = [line for line in lines[bases_end:body_end] if not _INTRO.match(line)]
    if body.introduction:
        scanned = body.introduction.split("\n\n") + scanned
    body.reporting = _reporting(scanned, ctx)
    return body


def _closing_start(lines: list[str], start: int, end: int, phase_lines: set[int]) -> int | None:
    found = next((i for i in range(start, end) if _CLOSING.match(lines[i])), None)
    if found is not None:
        return found
    if end <= start:
        return None
    last = lines[end - 1]
    if (
        last.rstrip().endswith("/.")
        and end - 1 not in phase_lines
        and not _BULLET.match(last)
        and not _NUMBERED.match(last)
        and top_heading(last) is None
    ):
        return end - 1
    return None


def _phase_intro(line: str) -> bool:
    """ "Phong trào thi đua năm 2017 chia thành 2 đợt như sau:": the line that announces the phases."""
    return line.endswith(":") and not _BULLET.match(line) and not _NUMBERED.match(line)


def _introduction(
    lines: list[str],
    body_start: int,
    bases_end: int,
    end: int,
    headings: list[tuple[int, str]],
    first_phase: int | None,
    bases_text: str,
) -> str | None:
    found: list[str] = []
    # a paragraph the legal bases' block took in after a "Căn cứ ...;" ending with a semicolon
    previous = None
    for index in range(body_start, bases_end):
        line = lines[index]
        if found or (
            previous is not None
            and previous.endswith((".", ";", ":"))
            and not _INTRO.match(line)
            and not _BULLET.match(line)
            and not CITATION.match(line)  # "Quyết định số ..." after a line a PDF wrapped at "; "
        ):
            found.append(line)
        previous = line
    stops = {i for i, _ in headings}
    for index in range(bases_end, end if not (found and found[-1].endswith(":")) else bases_end):
        line = lines[index]
        if (
            index in stops
            or index == first_phase
            or _NUMBERED.match(line)
            or _BULLET.match(line)
            or _INTRO.match(line)
        ):
            break
        found.append(line)
        if line.endswith(":"):
            break
    else:
        if found and not any(i >= bases_end for i in stops) and first_phase is None:
            found = found[:1]  # a body without sections: only its first paragraph introduces it
    if found:
        return _paragraphs(found)
    clause = OWN_CLAUSE.search(re.sub(r"\s+", " ", bases_text))
    if clause:
        text = clause.group(0).lstrip(", ").strip()
        return text[0].upper() + text[1:] if text else None
    return None


def _purposes(lines: list[str]) -> tuple[list[str], list[str]]:
    """The paragraphs of a purposes section: (purposes, requirements), split at "Yêu cầu" when it has both."""
    purposes: list[str] = []
    requirements: list[str] = []
    target = purposes
    has_both = {fold(m.group("word")) for line in lines if (m := _PURPOSE_HEADING.match(line))} == {
        "muc dich",
        "yeu cau",
    }
    for line in _text(lines):
        m = _PURPOSE_HEADING.match(line) if has_both else None
        if m:
            target = purposes if fold(m.group("word")) == "muc dich" else requirements
            if m.group("rest"):
                target.append(m.group("rest"))
            continue
        target.append(line)
    return purposes, requirements


def _is_sub_heading(line: str, next_line: str | None) -> re.Match | None:
    m = _SUB_HEADING.match(line)
    if not m:
        unnumbered = re.match(r"^(?P<title>(?:Đối với|Các|Công đoàn|Biện pháp|Nhiệm vụ)\b.{0,100}):$", line)
        return unnumbered if unnumbered and not _BULLET.match(line) else None
    title = m.group("title")
    if title.endswith(":") and len(title) <= 120:
        return m
    if measure_target(title) and len(title) <= 90 and not title.endswith((".", ";")):
        return m
    if len(title) <= 90 and not re.search(r"[.;]\s*$", title) and next_line and _BULLET.match(next_line):
        return m
    return None


def _depth(m: re.Match) -> int:
    number = m.groupdict().get("number")
    if number:
        return number.count(".") + 1
    return 9 if m.groupdict().get("letter") else 1


def _measures(lines: list[str]) -> list[dict]:
    groups: list[dict] = []
    current: dict | None = None
    parents: list[tuple[int, str | None]] = []  # (depth, target) of the open headings
    lines = _text(lines)
    bulleted = (
        False  # the group's paragraphs are bullets: a line without one continues the last (a PDF's wrap)
    )
    for index, line in enumerate(lines):
        next_line = lines[index + 1] if index + 1 < len(lines) else None
        m = _is_sub_heading(line, next_line)
        if m:
            depth = _depth(m)
            title = _strip_heading(m.group("title"))
            while parents and parents[-1][0] >= depth:
                parents.pop()
            inherited = next((t for _, t in reversed(parents) if t), None)
            target = measure_target(title) or inherited
            parents.append((depth, target))
            current = {"target": target, "heading": title, "paragraphs": []}
            groups.append(current)
            continue
        if current is None:
            current = {"target": None, "heading": None, "paragraphs": []}
            groups.append(current)
        if not current["paragraphs"]:
            bulleted = bool(_BULLET.match(line))
        text = _BULLET.sub("", line).strip()
        if bulleted and not _BULLET.match(line) and current["paragraphs"]:
            current["paragraphs"][-1] += " " + text
        elif text:
            current["paragraphs"].append(text)
    return [g for g in groups if g["paragraphs"]]


def _reporting(lines: list[str], ctx: ParseContext) -> list[dict]:
    duties: list[dict] = []
    for line in lines:
        for sentence in _SENTENCE_END.split(line):
            m = _REPORT.search(sentence)
            if not m or _inside_quotes(sentence, m.start()):
                continue
            to_whom = re.sub(r"\s+", " ", m.group("to")).strip(" ,;.")
            due_text = _DUE.search(sentence[m.end() :])
            due = parse_date(due_text.group("date"), ctx) if due_text else None
            text = re.sub(r"\s*\.?/\.$", ".", _BULLET.sub("", sentence).strip())
            duty = {"to_whom": to_whom, "due": due, "text": text}
            if duty not in duties:
                duties.append(duty)
    return duties


def _inside_quotes(text: str, position: int) -> bool:
    return text[:position].count("“") > text[:position].count("”")

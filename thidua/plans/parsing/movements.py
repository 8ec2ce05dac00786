"""Focus movements: the numbered items of "Nội dung thi đua", each with one or several quoted names.

A quoted name right after "về" is the title of a cited document ("Chỉ thị số 05-CT/TW ... về “Đẩy mạnh học tập ...”"),
not a movement, and is left out of ``names``. An item without quotes takes its name from the words after
"Phong trào (thi đua)".
"""

from __future__ import annotations

import re

from django.utils.translation import gettext

from .context import ParseContext

SECTION = re.compile(r"^(?:[IVX]{1,5}|[A-D])\s*[.\-/)]\s*(?P<title>.+)$")
_ITEM = re.compile(r"^(?P<order>\d{1,2})\s*[.\-)/]\s*(?!\d)(?P<text>.+)$")
_BULLET = re.compile(r"^[-+•]\s*(?P<text>.+)$")
_QUOTED = re.compile(r"“([^”]+)”|‘([^’]+)’")
_KEYWORD = re.compile(r"phong trào|vận động|thi đua", re.IGNORECASE)
_UNQUOTED_NAME = re.compile(
    r"(?:phong trào|cuộc vận động)(?:\s+thi đua)?\s+(?P<name>[^;:.(]+?)"
    r"(?=\s(?:trong|gắn với|gắn|của|tại|ở|với|nhằm|để|đối với|giai đoạn|năm \d{4})\b|[;:.(]|$)",
    re.IGNORECASE,
)
_PHASE = re.compile(r"^(?:[-+•]\s*)?(?:Đợt|Giai đoạn)\s+(?:\d+|[IVX]+|một|hai|ba|bốn)\b", re.IGNORECASE)


def _section(lines: list[str], word: str, start: int, end: int) -> tuple[int, int] | None:
    """The lines of the section whose heading ("II. NỘI DUNG THI ĐUA", or unnumbered in capitals) has the word."""
    for index in range(start, end):
        m = SECTION.match(lines[index])
        title = m.group("title") if m else lines[index]
        if word in title.upper() and (m or _capitals(lines[index])):
            stop = next((j for j in range(index + 1, end) if _heading(lines[j], numbered=bool(m))), end)
            return index + 1, stop
    return None


def _capitals(line: str) -> bool:
    letters = [ch for ch in line if ch.isalpha()]
    return len(letters) >= 4 and all(ch.isupper() for ch in letters)


def _heading(line: str, *, numbered: bool) -> bool:
    if re.match(r"^[IVX]{1,5}\s*[.\-/)]\s", line):
        return True
    return not numbered and _capitals(line)


def names_in(text: str) -> list[str]:
    names = []
    for m in _QUOTED.finditer(text):
        before = text[: m.start()].rstrip()
        if re.search(r"\b(?:về|V/v)$", before, re.IGNORECASE):
            continue
        name = (m.group(1) or m.group(2)).strip(" ;,.")
        if name and name not in names:
            names.append(name)
    if not names and not _QUOTED.search(text):
        unquoted = _UNQUOTED_NAME.search(text)
        if unquoted:
            names.append(unquoted.group("name").strip())
    return names


def parse_movements(lines: list[str], body_start: int, body_end: int, ctx: ParseContext) -> list[dict]:
    section = _section(lines, "NỘI DUNG", body_start, body_end)
    start, end = section if section else (body_start, body_end)
    numbered: list[dict] = []
    bullets: list[dict] = []
    for line in lines[start:end]:
        if _PHASE.match(line):
            break
        m = _ITEM.match(line)
        if m and (_QUOTED.search(m.group("text")) or _KEYWORD.search(m.group("text"))):
            # the items of a short plan that are its other parts, not movements: "1. Mục đích: ...", "4. Khen thưởng"
            if not re.match(
                r"^(?:Đối với|Thời gian|Đối tượng|Biện pháp|Mục đích|Yêu cầu|Tổ chức thực hiện|Khen thưởng|Chỉ tiêu"
                r"|Kinh phí|Phạm vi)",
                m.group("text"),
                re.IGNORECASE,
            ):
                numbered.append({"order": int(m.group("order")), "text": m.group("text")})
            continue
        m = _BULLET.match(line)
        if m and re.match(r"^(?:Phong trào|Cuộc vận động|Vận động)", m.group("text"), re.IGNORECASE):
            bullets.append({"order": len(bullets) + 1, "text": m.group("text")})
    items = numbered or bullets
    movements = []
    for item in items:
        text = item["text"].rstrip(" ;,")
        names = names_in(text)
        if not names:
            ctx.warn(
                gettext("Phong trào số %(order)s không có tên trong ngoặc kép: “%(text)s”.")
                % {"order": item["order"], "text": _short(text)}
            )
        movements.append({"order": item["order"], "names": names, "text": text})
    return movements


def _short(text: str, length: int = 80) -> str:
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"

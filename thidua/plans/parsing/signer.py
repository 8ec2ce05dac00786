"""The signature block: on behalf of ("TM. BAN THƯỜNG VỤ", "KT. CHỦ TỊCH"), title, name.

"(Đã ký)" and similar lines between the title and the name are skipped. A block run together on one line by a PDF
copy ("TM. BAN THƯỜNG VỤ PHÓ CHỦ TỊCH THƯỜNG TRỰC Trần Trung Hào") is split at the title and at the name.
"""

from __future__ import annotations

import re

from .normalize import LOWER, UPPER
from .recipients import ON_BEHALF

_TITLE = re.compile(
    r"(?:PHÓ\s+)?(?:CHỦ\s+TỊCH|TRƯỞNG\s+BAN|TRƯỞNG|GIÁM\s+ĐỐC|BÍ\s+THƯ|CHÁNH\s+VĂN\s+PHÒNG|THƯ\s+KÝ|ỦY\s+VIÊN)"
)
_SIGNED = re.compile(r"^[(\[]?\s*(?:đã ký|ký tên|ký,|ký và|ký\)|chữ ký)", re.IGNORECASE)
# "Trần Trung Hào", "Y Khim Niê" (names of the Central Highlands may begin with a one-letter word)
_PERSON = re.compile(rf"(?:[{UPPER}][{LOWER}]+|\bY)(?:\s+[{UPPER}][{LOWER}]*){{1,5}}$")
_PERSON_CAPS = re.compile(rf"^[{UPPER}]+(?:\s+[{UPPER}]+){{1,5}}$")


def _is_capitals(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _split_run_together(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        name = _PERSON.search(line)
        if name and name.start() > 0 and _is_capitals(line[: name.start()]):
            out.extend(_split_run_together([line[: name.start()].strip()]))
            out.append(name.group(0))
            continue
        if ON_BEHALF.match(line):
            # "TM. BAN THƯỜNG VỤ PHÓ CHỦ TỊCH THƯỜNG TRỰC", "KT. CHỦ TỊCH PHÓ CHỦ TỊCH"
            head = re.match(r"^\S+\s+", line)
            offset = head.end() if head else 0
            body = line[offset:]
            title = [m for m in _TITLE.finditer(body) if m.start() > 0]
            if title:
                out.extend([line[: offset + title[0].start()].strip(), body[title[0].start() :].strip()])
                continue
        out.append(line)
    return out


def parse_signer(lines: list[str]) -> dict | None:
    """The signer from the lines after the body (or None when there is no signature block)."""
    lines = _split_run_together([line for line in lines if line])
    start = next((i for i, line in enumerate(lines) if ON_BEHALF.match(line)), None)
    if start is None:
        start = next((i for i, line in enumerate(lines) if _is_capitals(line) and _TITLE.match(line)), None)
    if start is None:
        return None
    on_behalf = lines[start] if ON_BEHALF.match(lines[start]) else None
    title = None if on_behalf else lines[start]
    name = None
    for line in lines[start + 1 :]:
        if _SIGNED.match(line):
            continue
        if title is None and _is_capitals(line) and _TITLE.search(line):
            title = line
            continue
        if _PERSON.fullmatch(line) or (_PERSON_CAPS.match(line) and not _TITLE.search(line)):
            name = line
            break
    return {"on_behalf": _clean(on_behalf), "title": _clean(title), "name": _clean(name)}


def _clean(text: str | None) -> str | None:
    if text is None:
        return None
    return re.sub(r"\s+", " ", text).strip(" .,;:") or None

"""Recipients ("Nơi nhận"): one per line or several on one line, each with its purpose.

"- Ban CSKT-XH&TKT TLĐ (để b/cáo);" -> {"name": "Ban CSKT-XH&TKT TLĐ", "purpose": "để báo cáo"};
"- Lưu VP, Ban CSPL." -> {"name": "VP, Ban CSPL", "purpose": "lưu"}; a recipient without a purpose has null.
Pieces of the signature block that a PDF copy ran into these lines ("...; PHÓ CHỦ TỊCH") are handed back for the
signer.
"""

from __future__ import annotations

import re

from .normalize import LOWER, UPPER

HEADING = re.compile(r"^Nơi nhận\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_PURPOSE = re.compile(r"\((?P<purpose>[^()]*)\)\s*$")
_ARCHIVE = re.compile(r"^Lưu\b\s*:?\s*(?P<name>.*)$", re.IGNORECASE)
_BULLET = re.compile(r"^[-+•]\s*")
_PERSON = re.compile(rf"^[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]*){{1,5}}$")
ON_BEHALF = re.compile(rf"^(?:TM|T/M|KT|K/T|Q|TL|TUQ)\s*[.:]?\s+[{UPPER}]")
# Recipients on one line: "- A (để b/cáo); - B. - Lưu VT."; a signer's name run in after the last one.
_PIECES = re.compile(
    rf";|(?<=\.)\s+(?=[-+•]\s)|(?<=[^\W\d]{{3}}\.)\s+(?=[{UPPER}][{LOWER}]+(?:\s+[{UPPER}][{LOWER}]*){{1,5}}$)"
)
# Abbreviations of purposes -> words
_ABBREVIATIONS = [
    (r"b/cáo|b/c|b\.cáo|báo/c|bc", "báo cáo"),
    (r"th/hiện|th/h|t/hiện|t/h|th\.hiện|t\.hiện", "thực hiện"),
    (r"p/hợp|ph/hợp|p/h", "phối hợp"),
    (r"ch/đạo|c/đạo|c/đ", "chỉ đạo"),
    (r"t/dõi|th/dõi|t/d", "theo dõi"),
    (r"t/hợp|th/hợp", "tổng hợp"),
    (r"tr/khai|t/khai", "triển khai"),
]


def expand_purpose(purpose: str) -> str | None:
    text = re.sub(r"\s+", " ", purpose).strip(" .;,").lower()
    if not text:
        return None
    for pattern, words in _ABBREVIATIONS:
        text = re.sub(rf"(?<![\w/])(?:{pattern})(?![\w/])", words, text)
    if text in ("lưu", "lưu vt", "lưu văn thư"):
        return "lưu"
    return text if text.startswith("để ") else f"để {text}"


def _is_signer_piece(piece: str) -> bool:
    letters = [ch for ch in piece if ch.isalpha()]
    capitals = len(letters) >= 4 and all(ch.isupper() for ch in letters)
    return bool(
        ON_BEHALF.match(piece) or capitals or re.match(r"^[(\[]?\s*(?:đã ký|ký tên)", piece, re.IGNORECASE)
    )


def parse_recipients(lines: list[str], heading: int) -> tuple[list[dict], list[str], int]:
    """Recipients from the "Nơi nhận" line at ``heading``; also the signer pieces found among them, and the index
    of the first line after the block."""
    recipients: list[dict] = []
    signer_pieces: list[str] = []
    m = HEADING.match(lines[heading])
    first = m.group("rest") if m else ""
    pieces_by_line = [first] if first else []
    index = heading + 1
    while index < len(lines):
        line = lines[index]
        if not (_BULLET.match(line) or line.endswith(";") or _ARCHIVE.match(line)):
            break
        pieces_by_line.append(line)
        index += 1
    for line in pieces_by_line:
        pieces = _PIECES.split(line)
        for raw in pieces:
            piece = raw.strip()
            bulleted = bool(_BULLET.match(piece))
            piece = _BULLET.sub("", piece).strip(" .;,")
            if not piece:
                continue
            if not bulleted and (_is_signer_piece(piece) or (recipients and _PERSON.match(piece))):
                signer_pieces.append(piece)
                continue
            recipients.append(_recipient(piece))
    return recipients, signer_pieces, index


def _recipient(piece: str) -> dict:
    archive = _ARCHIVE.match(piece)
    if archive:
        return {"name": archive.group("name").strip(" .;,:") or "Lưu", "purpose": "lưu"}
    m = _PURPOSE.search(piece)
    if m:
        return {"name": piece[: m.start()].strip(" .;,"), "purpose": expand_purpose(m.group("purpose"))}
    return {"name": piece, "purpose": None}

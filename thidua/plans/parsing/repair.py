"""Repairs made to each line before it is read: the damage PDF extractors, document sites and OCR leave behind.

- **Broken letters** of a PDF whose font the extractor could not map: "Cơng đồn" for "Công đoàn", "đồn viên",
  "u nước" for "yêu nước", "CỘNG HỊA", "Văn phịng". Each repair is a word in its context (never a blind
  substitution: "đồn" alone is a word, "đồn viên" is not), and the letter case of the text is kept.
- **Dropped function words**: "Căn Kế hoạch số ..." for "Căn cứ Kế hoạch số ...".
- **OCR digits**: "l8", "2O2O", "0l/01" inside a number become "18", "2020", "01/01" (a token is repaired only
  when it already holds a digit and every other character is a letter OCR confuses with one).
- **Spaces around punctuation**: "lao động , viên chức", "I . MỤC ĐÍCH", "( b/c )" as a typist would write them.

``repair_line`` returns the line and the names of the repairs made, so that the document can say what it changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .kinds import KINDS


# (damaged word in its context, the word) - case-insensitive, the case of the text kept (see ``_keep_case``).
def _after(*words: str) -> str:
    return "(?:" + "|".join(f"(?<=\\b{w} )" for w in words) + ")"


_LETTERS: list[tuple[str, str]] = [
    (r"\bcơng\b", "công"),
    (_after("liên", "công", "cơng") + r"đồn\b", "đoàn"),
    (r"\bđồn(?= (?:viên|thể|kết|chủ tịch|thanh niên|tncs|tn|công đoàn|cơ sở)\b)", "đoàn"),
    (r"\bhồn(?= (?:thành|thiện|cảnh|chỉnh|tất)\b)", "hoàn"),
    (r"\btồn(?= (?:quốc|diện|thể|dân|tỉnh|ngành|văn|bộ|cầu)\b)", "toàn"),
    (_after("an") + r"tồn\b", "toàn"),
    (_after("đua", "lòng", "thần", "thống", "thương") + r"u(?= nước\b)", "yêu"),
    (r"\bu(?= cầu\b)", "yêu"),
    (r"\bhịa\b", "hòa"),
    (r"\bphịng\b", "phòng"),
]
_LETTER_PATTERNS = [(re.compile(p, re.IGNORECASE), r) for p, r in _LETTERS]
_KINDS = "|".join(sorted(KINDS, key=len, reverse=True))
_DROPPED_CU = re.compile(rf"^(?P<lead>[-+•]\s*)?Căn\s+(?=(?:{_KINDS})\b)", re.IGNORECASE)
# "Sô: 45/KH-LĐLĐ", "Sồ : 12/KH": the label of the document's number as OCR or a broken font misreads it
_MISREAD_SO = re.compile(r"^(?:Sô|Sồ|Sổ|Sỗ|Sơ|Sớ|Sở|So|SÔ|SO)\s*:(?=\s*\d)")
_OCR_TOKEN = re.compile(r"(?<![^\W\d_])[0-9OolI]*[0-9][0-9OolI]*(?![^\W\d_])")
_OCR_DIGITS = str.maketrans({"O": "0", "o": "0", "l": "1", "I": "1"})
_SPACE_BEFORE = re.compile(r"(?<=\S)\s+(?=[,;:!?)](?:\s|$))|(?<=[^\s.])\s+(?=\.(?:\s|$))")
_SPACE_AFTER_BRACKET = re.compile(r"\(\s+")
_NUMBERED_SPACE = re.compile(r"^(?P<mark>[IVX]{1,5}|\d{1,2}|TM|KT|TL|TUQ)\s+\.\s+")


def _keep_case(replacement: str, original: str) -> str:
    if original.isupper():
        return replacement.upper()
    if original[:1].isupper():
        return replacement[:1].upper() + replacement[1:]
    return replacement


def _substitute(word: str) -> Callable[[re.Match], str]:
    return lambda m: _keep_case(word, m.group(0))


def _ocr_digits(m: re.Match) -> str:
    token = m.group(0)
    return token.translate(_OCR_DIGITS)


def repair_line(line: str) -> tuple[str, list[str]]:
    """The line repaired, and the kinds of repair made ("letters", "words", "digits", "spacing")."""
    made: list[str] = []
    repaired = line
    for pattern, template in _LETTER_PATTERNS:
        repaired = pattern.sub(_substitute(template), repaired)
    if repaired != line:
        made.append("letters")
    before = repaired
    repaired = _DROPPED_CU.sub(lambda m: f"{m.group('lead') or ''}Căn cứ ", repaired)
    repaired = _MISREAD_SO.sub("Số:", repaired)
    if repaired != before:
        made.append("words")
    before = repaired
    repaired = _OCR_TOKEN.sub(_ocr_digits, repaired)
    if repaired != before:
        made.append("digits")
    before = repaired
    repaired = _NUMBERED_SPACE.sub(lambda m: f"{m.group('mark')}. ", repaired)
    repaired = _SPACE_BEFORE.sub("", repaired)
    repaired = _SPACE_AFTER_BRACKET.sub("(", repaired)
    if repaired != before:
        made.append("spacing")
    return repaired, made

"""Kinds of administrative documents and document numbers ("13/KH-LĐLĐ", "05-CT/TW", "30/2020/NĐ-CP")."""

from __future__ import annotations

import re

from .normalize import UPPER

# As written in a document's heading, in capitals, and the kind's name in sentence case.
KINDS = [
    "Kế hoạch",
    "Hướng dẫn",
    "Công văn",
    "Quyết định",
    "Báo cáo",
    "Thông báo",
    "Chỉ thị",
    "Nghị quyết",
    "Chương trình",
    "Tờ trình",
    "Thông tri",
    "Kết luận",
    "Công điện",
    "Quy định",
    "Quy chế",
    "Nghị định",
    "Thông tư",
    "Luật",
    "Điều lệ",
]
# Abbreviation in a symbol (the part after the number) -> kind; a symbol without one is a Công văn.
SYMBOL_KINDS = {
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "QĐ": "Quyết định",
    "BC": "Báo cáo",
    "TB": "Thông báo",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "CTR": "Chương trình",
    "TTR": "Tờ trình",
    "TT": "Thông tư",
    "NĐ": "Nghị định",
    "KL": "Kết luận",
    "QC": "Quy chế",
    "QYĐ": "Quy định",
    "QY": "Quy định",
    "CĐ": "Công điện",
}

_KIND_ALTERNATIVES = "|".join(sorted((k.upper() for k in KINDS), key=len, reverse=True))
# A heading that names the kind: "KẾ HOẠCH", "HƯỚNG DẪN", possibly followed by the title on the same line.
KIND_HEADING = re.compile(rf"^(?P<kind>{_KIND_ALTERNATIVES})(?![{UPPER}])\s*[:.]?\s*(?P<rest>.*)$")
KIND_INLINE = re.compile(rf"(?<=\S)\s+(?=(?:{_KIND_ALTERNATIVES})(?:\s+[{UPPER}][^{UPPER}\s]|\s*$))")

_TOKEN = rf"[{UPPER}][{UPPER}\w&]*"
# 13/KH-LĐLĐ, 13 /KH - LĐLĐ, 05-CT/TW, 30/2020/NĐ-CP, 120/LĐLĐ-CSPL, 05/CTr-LĐLĐ
NUMBER = re.compile(
    rf"(?<![\d/])(\d{{1,5}})(?:\s*/\s*(\d{{4}}))?\s*([/-])\s*({_TOKEN}(?:\s*[-/]\s*{_TOKEN})*)"
)


def canonical_kind(word: str) -> str | None:
    lowered = word.lower()
    for kind in KINDS:
        if kind.lower() == lowered:
            return kind
    return None


def format_number(match: re.Match) -> str:
    number, year, separator, symbol = match.groups()
    symbol = re.sub(r"\s+", "", symbol).rstrip(".")
    return f"{number}{'/' + year if year else ''}{separator}{symbol}"


def kind_from_number(number: str | None) -> str | None:
    """The kind a symbol's abbreviation names: "13/KH-LĐLĐ" -> Kế hoạch, "05-CT/TW" -> Chỉ thị."""
    if not number:
        return None
    m = NUMBER.search(number)
    if not m:
        return None
    first = re.split(r"[-/]", re.sub(r"\s+", "", m.group(4)))[0]
    return SYMBOL_KINDS.get(first.upper(), "Công văn")

"""The days unions mark, as the reader recognises them: ``plans/reference/commemorations.json`` (the file migration
plans/0004 loads into the catalog), read once.

``days_named(text)`` answers which catalog days the words after "kỷ niệm N năm" name: "Ngày thành lập Hội Liên hiệp
Phụ nữ Việt Nam" -> one day, "Cách mạng Tháng Tám và Quốc khánh 2/9" -> two. Matching ignores diacritics, case and
punctuation ("Thương binh - Liệt sĩ" = "Thương binh, Liệt sĩ"), and a leading "Ngày".
"""

from __future__ import annotations

import datetime
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from thidua.core.text import fold

CATALOG = Path(__file__).resolve().parent.parent / "reference" / "commemorations.json"


@dataclass(frozen=True)
class CatalogDay:
    name: str
    base_date: datetime.date


def _key(text: str) -> str:
    """Folded words: no diacritics, no case, no punctuation, single spaces."""
    return re.sub(r"[^a-z0-9]+", " ", fold(text)).strip()


@functools.cache
def _aliases() -> list[tuple[str, CatalogDay]]:
    """(folded alias, day), longest first, so that "thành lập Đoàn Thanh niên ..." wins over "thành lập Đoàn"."""
    data = json.loads(CATALOG.read_text(encoding="utf-8"))
    pairs: list[tuple[str, CatalogDay]] = []
    for item in data["commemorations"]:
        day = CatalogDay(item["name"], datetime.date.fromisoformat(item["base_date"]))
        for alias in [item["name"], *item.get("aliases", [])]:
            key = _key(alias)
            key = key[5:] if key.startswith("ngay ") else key
            pairs.append((key, day))
    return sorted(pairs, key=lambda pair: len(pair[0]), reverse=True)


def _day_at(key: str) -> tuple[CatalogDay, int] | None:
    key = key[5:] if key.startswith("ngay ") else key
    for alias, day in _aliases():
        if key == alias or key.startswith(alias + " "):
            return day, len(alias)
    return None


def days_named(text: str) -> list[CatalogDay]:
    """The catalog days the text begins by naming (one, or two joined by "và"); [] when it names none."""
    key = _key(text)
    found = _day_at(key)
    if found is None:
        return []
    first, length = found
    rest = key[length:].strip()
    if rest.startswith("ngay "):
        rest = rest[5:]
    days = [first]
    second = _day_at(rest[3:]) if rest.startswith("va ") else None
    if second and second[0] != first:
        days.append(second[0])
    return days

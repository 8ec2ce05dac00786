"""Diacritic-free search in the database, for columns that have no stored search key.

``name__foldcontains="giay tra vinh"`` finds "CĐCS Giày Trà Vinh": the column, folded as ``thidua.core.text.fold``
folds (lower case, no Vietnamese diacritics, ``đ`` -> ``d``), contains the folded text.

- PostgreSQL (and others with ``TRANSLATE``): ``LOWER(TRANSLATE(col, 'àáạ…Đ', 'aaa…d')) LIKE '%giay tra vinh%'``.
- SQLite has no ``TRANSLATE`` (and nesting 134 ``REPLACE`` calls overflows its parser), so the text is turned into a
  ``GLOB`` pattern whose letters are classes of all their Vietnamese forms:
  ``col GLOB '*[gG][iIìíỉĩịÌÍỈĨỊ][aA…][yY…] …*'``.

Stored text is NFC, so the precomposed letters are enough. Tables with very many rows keep a stored key instead
(``Person.search_name``); this is for the smaller ones (units).
"""

from __future__ import annotations

import operator
import unicodedata
from functools import reduce

from django.db import models
from django.db.models import Q
from django.db.models.lookups import Lookup

from .text import fold

_BASES = "aăâeêioôơuưy"
_TONES = ["", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323"]


def _vietnamese_letters() -> dict[str, str]:
    letters: dict[str, str] = {}
    for base in _BASES:
        for tone in _TONES:
            for ch in (base, base.upper()):
                composed = unicodedata.normalize("NFC", ch + tone)
                if not composed.isascii():
                    letters[composed] = fold(composed)
    letters["đ"] = "d"
    letters["Đ"] = "d"
    return letters


FOLD_MAP = _vietnamese_letters()
_FROM = "".join(FOLD_MAP)
_TO = "".join(FOLD_MAP.values())
_FORMS: dict[str, str] = {}
for _letter, _plain in FOLD_MAP.items():
    _FORMS[_plain] = _FORMS.get(_plain, "") + _letter
_GLOB_SPECIAL = set("*?[]")


def glob_pattern(key: str) -> str:
    """A SQLite GLOB pattern matching text that contains ``key`` (already folded) in any Vietnamese form."""
    parts = []
    for ch in key:
        forms = _FORMS.get(ch, "")
        if ch.upper() != ch:
            forms = ch.upper() + forms
        if forms:
            parts.append(f"[{ch}{forms}]")
        elif ch in _GLOB_SPECIAL:
            parts.append(f"[{ch}]")
        else:
            parts.append(ch)
    return "*" + "".join(parts) + "*"


@models.CharField.register_lookup
class FoldContains(Lookup):
    lookup_name = "foldcontains"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        key = fold(self.rhs)
        pattern = "%" + connection.ops.prep_for_like_query(key) + "%"
        return f"LOWER(TRANSLATE({lhs}, %s, %s)) LIKE %s", [*lhs_params, _FROM, _TO, pattern]

    def as_sqlite(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        return f"{lhs} GLOB %s", [*lhs_params, glob_pattern(fold(self.rhs))]


def search_folded(queryset, text: str, *fields: str):
    """The rows where any of the fields, folded, contains the folded text; all rows for empty text.

    ``search_folded(units, "giay tra vinh", "name", "short_name", "code")`` finds "CĐCS Giày Trà Vinh".
    """
    if not fold(text):
        return queryset
    return queryset.filter(reduce(operator.or_, [Q(**{f"{name}__foldcontains": text}) for name in fields]))

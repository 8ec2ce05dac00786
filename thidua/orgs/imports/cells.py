"""A spreadsheet cell naming a unit: its code, or its full name as the template's drop-down lists it, among the units
the uploader may act on (``units``). For the imports of the apps that hang on the tree."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from thidua.core.spreadsheets.results import CellError
from thidua.core.text import fold
from thidua.orgs.models import Unit


class UnitCell:
    """Called with a cell's value, the one unit it names; a ``CellError`` in Vietnamese otherwise. ``scope`` says,
    in the error, which units were looked in ("các đơn vị bạn được ghi sổ quỹ")."""

    def __init__(self, units: Iterable[Unit], scope: str):
        self.units = list(units)
        self.scope = scope
        self.by_code = {u.code.casefold(): u for u in self.units if u.code}
        self.by_name: dict[str, list[Unit]] = {}
        for unit in self.units:
            self.by_name.setdefault(fold(unit.name), []).append(unit)
            if unit.short_name and fold(unit.short_name) != fold(unit.name):
                self.by_name.setdefault(fold(unit.short_name), []).append(unit)
        self.names = [u.name for u in self.units]

    def __call__(self, value: Any) -> Unit:
        text = " ".join(str(value).split())
        found = self.by_code.get(text.casefold())
        if found is not None:
            return found
        named = self.by_name.get(fold(text), [])
        if len(named) == 1:
            return named[0]
        if named:
            raise CellError(
                _("Có %(n)s đơn vị tên “%(name)s”: hãy ghi mã đơn vị.") % {"n": len(named), "name": text}
            )
        raise CellError(
            _("Không có đơn vị “%(name)s” trong %(scope)s.") % {"name": text, "scope": self.scope}
        )

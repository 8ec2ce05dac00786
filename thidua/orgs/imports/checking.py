"""The province and ward a unit names, resolved to the codes after the 2025 reform (the generic cell checks are in
``thidua.core.spreadsheets.cells``)."""

from __future__ import annotations

import re
from functools import lru_cache

from thidua.core.spreadsheets.results import key_of
from thidua.core.text import fold

# --- localities --------------------------------------------------------------------------------------------------

_WARD_PREFIX = re.compile(r"^(phuong|xa|thi tran|dac khu|p\.|x\.|tt\.?)\s+")
_PROVINCE_PREFIX = re.compile(r"^(tinh|thanh pho|tp\.?)\s*")


def _bare(name: str, prefix: re.Pattern) -> str:
    return key_of(prefix.sub("", fold(name).strip()))


@lru_cache(maxsize=4096)
def resolve_province(province: str) -> str | None:
    """The code of the province (after the 2025 reform) named so, old names included ('Bến Tre' -> '86')."""
    from vietnamadminunits import parse_address

    try:
        unit = parse_address(province, level=1)
    except Exception:  # noqa: BLE001 - the package raises on text it cannot place
        return None
    return unit.province_code or None


@lru_cache(maxsize=16384)
def resolve_ward(province: str, ward: str, district: str = "") -> tuple[str, str, bool] | None:
    """(province code, ward code, converted from a pre-2025 address) for a ward named in a province, or None.

    The name is looked up among today's communes and wards first; failing that, as a pre-2025 ward of that
    district and province, converted to the ward it belongs to today."""
    from vietnamadminunits import convert_address, parse_address

    wanted = _bare(ward, _WARD_PREFIX)
    try:
        unit = parse_address(f"{ward}, {province}", level=2)
        if unit.ward_code and _bare(unit.short_ward or "", _WARD_PREFIX) == wanted:
            return unit.province_code, unit.ward_code, False
    except Exception:  # noqa: BLE001
        pass
    if not district:
        return None
    try:
        old = parse_address(f"{ward}, {district}, {province}", mode="LEGACY", level=3)
        if not (old.ward_code and _bare(old.short_ward or "", _WARD_PREFIX) == wanted):
            return None
        new = convert_address(f"{old.ward}, {old.district}, {old.province}")
    except Exception:  # noqa: BLE001
        return None
    if new.province_code and new.ward_code:
        return new.province_code, new.ward_code, True
    return None

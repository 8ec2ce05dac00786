"""Names of provinces and communes/wards by code, from the `vietnamadminunits` package.

A unit's ``province_code`` / ``ward_code`` are the package's codes: the 34 provinces and their communes since
1 July 2025, or the 63 provinces (and their communes) before the reform for units recorded then. A code is looked up
in the current list first, then in the legacy one; everything is read once and cached.
"""

from __future__ import annotations

from functools import cache

from vietnamadminunits.database import query


@cache
def _provinces() -> dict[str, str]:
    rows = query("SELECT DISTINCT provinceCode, province FROM admin_units ORDER BY provinceCode")
    return {row["provinceCode"]: row["province"] for row in rows}


@cache
def _legacy_provinces() -> dict[str, str]:
    rows = query("SELECT DISTINCT provinceCode, province FROM admin_units_legacy ORDER BY provinceCode")
    return {row["provinceCode"]: row["province"] for row in rows}


@cache
def _wards() -> dict[tuple[str, str], str]:
    rows = query("SELECT provinceCode, wardCode, ward FROM admin_units ORDER BY provinceCode, wardCode")
    return {(row["provinceCode"], row["wardCode"]): row["ward"] for row in rows}


@cache
def _legacy_wards() -> dict[tuple[str, str], str]:
    rows = query(
        "SELECT provinceCode, wardCode, ward, district FROM admin_units_legacy ORDER BY provinceCode, wardCode"
    )
    return {(row["provinceCode"], row["wardCode"]): f"{row['ward']}, {row['district']}" for row in rows}


def province_name(code: str) -> str:
    if not code:
        return ""
    return _provinces().get(code) or _legacy_provinces().get(code, "")


def is_current_province(code: str) -> bool:
    return code in _provinces()


def ward_name(province_code: str, ward_code: str) -> str:
    if not ward_code:
        return ""
    key = (province_code, ward_code)
    if province_code in _provinces():
        return _wards().get(key) or _legacy_wards().get(key, "")
    return _legacy_wards().get(key) or _wards().get(key, "")


def locality(province_code: str, ward_code: str) -> str:
    """'Phường An Hội, Tỉnh Vĩnh Long' — or '' when the codes are unknown."""
    return ", ".join(
        part for part in (ward_name(province_code, ward_code), province_name(province_code)) if part
    )


@cache
def province_choices() -> list[tuple[str, str]]:
    """The 34 provinces and centrally-run cities since 1 July 2025, in Vietnamese order of their short names."""
    from thidua.core.text import collation_key

    rows = query("SELECT DISTINCT provinceCode, province, provinceShort FROM admin_units")
    rows = sorted(rows, key=lambda row: collation_key(row["provinceShort"]))
    return [(row["provinceCode"], row["province"]) for row in rows]


@cache
def ward_choices(province_code: str) -> list[tuple[str, str]]:
    """The communes and wards of a current province, in Vietnamese order of their short names."""
    from thidua.core.text import collation_key

    rows = [row for row in _ward_rows() if row["provinceCode"] == province_code]
    rows.sort(key=lambda row: collation_key(row["wardShort"]))
    return [(row["wardCode"], row["ward"]) for row in rows]


@cache
def _ward_rows() -> list[dict]:
    return query("SELECT provinceCode, wardCode, ward, wardShort FROM admin_units")

"""Localities from the `vietnamadminunits` package: the 63 provinces with districts and communes before the 2025
reform, the 34 provinces with their wards/communes after it, and the conversion of an old commune to its new one."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from vietnamadminunits.database import query


@dataclass(frozen=True)
class Commune:
    name: str  # "Xã An Phước"
    short: str  # "An Phước"
    kind: str  # "Xã", "Phường", "Thị trấn"
    code: str  # ward code of the package
    key: str  # the package's key: "xaanphuoc"


@dataclass(frozen=True)
class District:
    name: str  # "Huyện Châu Thành"
    short: str  # "Châu Thành"
    kind: str  # "Huyện", "Thành phố", "Thị xã"
    code: str
    key: str
    communes: tuple[Commune, ...]


@dataclass(frozen=True)
class Province:
    name: str  # "Tỉnh Vĩnh Long"
    short: str  # "Vĩnh Long"
    code: str  # "86"
    key: str
    communes: tuple[Commune, ...]


def _sql_text(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


@cache
def legacy_districts(province_short: str) -> tuple[District, ...]:
    """The districts (with their communes) of a province before 1 July 2025, in the package's order."""
    rows = query(
        "SELECT district, districtShort, districtType, districtCode, districtKey, ward, wardShort, wardType, "
        "wardCode, wardKey FROM admin_units_legacy WHERE provinceShort = "
        f"{_sql_text(province_short)} ORDER BY districtCode, wardCode"
    )
    districts: dict[str, dict] = {}
    for row in rows:
        district = districts.setdefault(
            row["districtCode"],
            {"name": row["district"], "short": row["districtShort"], "kind": row["districtType"],
             "code": row["districtCode"], "key": row["districtKey"], "communes": []},
        )  # fmt: skip
        district["communes"].append(
            Commune(row["ward"], row["wardShort"], row["wardType"], row["wardCode"], row["wardKey"])
        )
    return tuple(District(**{**d, "communes": tuple(d["communes"])}) for d in districts.values())


@cache
def legacy_province_code(province_short: str) -> str:
    rows = query(
        "SELECT DISTINCT provinceCode, provinceKey FROM admin_units_legacy WHERE provinceShort = "
        f"{_sql_text(province_short)}"
    )
    return rows[0]["provinceCode"]


@cache
def legacy_province_key(province_short: str) -> str:
    rows = query(
        "SELECT DISTINCT provinceKey FROM admin_units_legacy WHERE provinceShort = "
        + _sql_text(province_short)
    )
    return rows[0]["provinceKey"]


@cache
def provinces_2025() -> tuple[Province, ...]:
    """The 34 provinces and centrally-run cities from 1 July 2025, with their wards and communes."""
    rows = query(
        "SELECT province, provinceShort, provinceCode, provinceKey, ward, wardShort, wardType, wardCode, wardKey "
        "FROM admin_units ORDER BY provinceCode, wardCode"
    )
    provinces: dict[str, dict] = {}
    for row in rows:
        province = provinces.setdefault(
            row["provinceCode"],
            {"name": row["province"], "short": row["provinceShort"], "code": row["provinceCode"],
             "key": row["provinceKey"], "communes": []},
        )  # fmt: skip
        province["communes"].append(
            Commune(row["ward"], row["wardShort"], row["wardType"], row["wardCode"], row["wardKey"])
        )
    return tuple(Province(**{**p, "communes": tuple(p["communes"])}) for p in provinces.values())


def province_2025(short: str) -> Province:
    return next(p for p in provinces_2025() if p.short == short)


@cache
def _converter() -> dict:
    path = resources.files("vietnamadminunits") / "data" / "converter_2025.json"
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def _new_commune_by_old_key(new_province_key: str) -> dict[str, str]:
    data = _converter()
    mapping = {
        old: new
        for new, olds in data["DICT_PROVINCE_WARD_NO_DIVIDED"].get(new_province_key, {}).items()
        for old in olds
    }
    for old, candidates in data["DICT_PROVINCE_WARD_DIVIDED"].get(new_province_key, {}).items():
        default = next((c for c in candidates if c["isDefaultNewWard"]), candidates[0])
        mapping.setdefault(old, default["newWardKey"])
    return mapping


def new_province_of(old_province_short: str) -> Province:
    """The province an old province became part of on 1 July 2025 (Bến Tre -> Vĩnh Long)."""
    old_key = legacy_province_key(old_province_short)
    for new_key, olds in _converter()["DICT_PROVINCE"].items():
        if old_key in olds:
            return next(p for p in provinces_2025() if p.key == new_key)
    raise LookupError(old_province_short)


def new_commune_of(old_province_short: str, district: District, commune: Commune) -> Commune | None:
    """The commune or ward that an old commune belongs to since 1 July 2025 (the package's default when it was
    divided)."""
    province = new_province_of(old_province_short)
    old_key = f"{legacy_province_key(old_province_short)}_{district.key}_{commune.key}"
    new_key = _new_commune_by_old_key(province.key).get(old_key)
    return next((c for c in province.communes if c.key == new_key), None)

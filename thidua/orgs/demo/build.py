"""The demo: the Bến Tre Provincial Labour Federation as of 2017 and its neighbours, then the 2025 restructuring.

Units are created, moved and merged through ``thidua.orgs.actions`` (real dated history: UnitVersion, UnitEvent,
audit); people and memberships are written in bulk (``people.PeopleWriter``). Deterministic: one seed, same data
every time. The upper-level structure follows the real one; grassroots unions and people are fictional.
"""

from __future__ import annotations

import datetime
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.text import fold
from thidua.orgs import actions
from thidua.orgs.models import EndKind, Level, Person, Unit

from . import catalog
from .catalog import GrassrootsSpec, lower_first
from .localities import District, legacy_districts, legacy_province_code, new_commune_of, new_province_of
from .people import PeopleWriter, Slot

SEED = "thidua-demo-2017"
RESTRUCTURED_ON = datetime.date(2025, 7, 1)
MARKER_CODE = "VLG"  # the merged federation: present only once the whole demo (one transaction) is in
NATIONAL_CODE = "TLD"
DEFAULT_GRASSROOTS = 1000
DEFAULT_PEOPLE = 60_000
DEFAULT_NEIGHBOUR_GRASSROOTS = 50
NOTE_DISTRICTS = "Giải thể (kết thúc hoạt động) công đoàn cấp huyện khi sắp xếp chính quyền địa phương hai cấp (dữ liệu minh họa)."
NOTE_MERGE = (
    "Hợp nhất Liên đoàn Lao động các tỉnh Bến Tre, Trà Vinh, Vĩnh Long theo Nghị quyết số 202/2025/QH15."
)
NOTE_SECTORS = "Sáp nhập vào công đoàn ngành cùng lĩnh vực của tỉnh Vĩnh Long khi sắp xếp tổ chức năm 2025 (dữ liệu minh họa)."
NOTE_AREA = "Tiếp nhận công đoàn cơ sở khi kết thúc hoạt động công đoàn cấp huyện (dữ liệu minh họa)."

SECTOR_UNIONS = {
    # key: name pattern, short pattern, founded
    "GD": ("Công đoàn ngành Giáo dục tỉnh {p}", "CĐ ngành Giáo dục {p}", datetime.date(1988, 1, 1)),
    "YT": ("Công đoàn ngành Y tế tỉnh {p}", "CĐ ngành Y tế {p}", datetime.date(1988, 1, 1)),
    "VC": ("Công đoàn Viên chức tỉnh {p}", "CĐ Viên chức {p}", datetime.date(2008, 1, 1)),
    "KCN": ("Công đoàn các Khu công nghiệp tỉnh {p}", "CĐ các KCN {p}", datetime.date(2007, 6, 1)),
    "KKT": ("Công đoàn Khu kinh tế tỉnh {p}", "CĐ Khu kinh tế {p}", datetime.date(2011, 1, 1)),
}
MERGED_SECTOR = {"GD": "GD", "YT": "YT", "VC": "VC", "KCN": "KCN", "KKT": "KCN"}
COASTAL = {"Bình Đại", "Ba Tri", "Thạnh Phú", "Cầu Ngang", "Duyên Hải"}
AREA_NAMES = {"Mỏ Cày Nam": "Mỏ Cày", "Mỏ Cày Bắc": "Mỏ Cày"}  # one area union for the two Mỏ Cày districts

# What other apps' demos do in the 2017 tree before the 2025 reform (the enterprises' demo founds grassroots unions
# in enterprises that year), so the reform moves what they made like the rest and the history stays true: each hook
# is called as ``hook(province=<Bến Tre's federation>, grassroots=<size asked for>, log=...)``. Apps append to it in
# their AppConfig.ready (orgs does not import them).
BEFORE_RESTRUCTURING: list[Callable[..., Any]] = []


@dataclass(frozen=True)
class ProvinceConfig:
    code: str
    legacy: str  # the province's short name before 2025 in vietnamadminunits
    founded_on: datetime.date
    id_code: str
    districts: tuple[str, ...] | None  # None: all
    sector_unions: tuple[str, ...]
    zones: tuple[tuple[str, str, str], ...] = ()  # industrial zone, district, commune
    khmer: bool = False

    @property
    def name(self) -> str:
        return f"Liên đoàn Lao động tỉnh {self.legacy}"

    @property
    def short_name(self) -> str:
        return f"LĐLĐ {self.legacy}"


BENTRE = ProvinceConfig(
    "BTR", "Bến Tre", datetime.date(1976, 3, 1), "083", None, ("GD", "YT", "VC", "KCN"),
    zones=(("Khu công nghiệp Giao Long", "Châu Thành", "An Phước"),
           ("Khu công nghiệp An Hiệp", "Châu Thành", "An Hiệp")),
)  # fmt: skip
TRAVINH = ProvinceConfig(
    "TVH", "Trà Vinh", datetime.date(1992, 5, 1), "084", ("Trà Vinh", "Càng Long", "Cầu Kè", "Cầu Ngang"),
    ("GD", "KKT"), zones=(("Khu công nghiệp Long Đức", "Trà Vinh", "Long Đức"),), khmer=True,
)  # fmt: skip
VINHLONG = ProvinceConfig(
    "VLG", "Vĩnh Long", datetime.date(1992, 5, 1), "086", ("Vĩnh Long", "Long Hồ", "Bình Minh"),
    ("GD", "YT", "VC", "KCN"), zones=(("Khu công nghiệp Hòa Phú", "Long Hồ", "Hòa Phú"),),
)  # fmt: skip
PROVINCES = (BENTRE, TRAVINH, VINHLONG)
ANCHOR = {"code": "BTR-MAYBT", "org": "Công ty TNHH May mặc Bến Tre", "size": 1800,
          "founded_on": datetime.date(2008, 3, 15)}  # fmt: skip


def initials(text: str) -> str:
    return "".join(word[0] for word in fold(text).upper().replace("(", "").split() if word[0].isalpha())


def district_code(district: District) -> str:
    prefix = {"Thành phố": "TP", "Thị xã": "TX"}.get(district.kind, "")
    return prefix + initials(district.short.split(" (")[0])


def district_federation_name(district: District) -> tuple[str, str]:
    place = lower_first(district.name.replace(" (Huyện)", "").replace(" (Thị xã)", ""))
    short = {"Thành phố": "LĐLĐ TP ", "Thị xã": "LĐLĐ TX "}.get(district.kind, "LĐLĐ ")
    return f"Liên đoàn Lao động {place}", short + district.short.split(" (")[0]


def district_founded_on(config: ProvinceConfig, district: District) -> datetime.date:
    """Mỏ Cày Nam and Mỏ Cày Bắc were made of the Mỏ Cày district in 2009."""
    return datetime.date(2009, 1, 1) if district.short.startswith("Mỏ Cày") else config.founded_on


def districts_of(config: ProvinceConfig) -> list[District]:
    all_districts = legacy_districts(config.legacy)
    if config.districts is None:
        return list(all_districts)
    return [d for name in config.districts for d in all_districts if d.short.split(" (")[0] == name]


def plan_grassroots(config: ProvinceConfig, n: int, people: int) -> list[GrassrootsSpec]:
    """The grassroots unions of one province in 2017: which, where, under whom, founded when, how many people."""
    rng = random.Random(f"{SEED}-{config.code}")
    districts = districts_of(config)
    sectors = set(config.sector_unions)
    city = next((d for d in districts if d.kind == "Thành phố"), districts[0])
    edu = "GD" if "GD" in sectors else city.code
    health = "YT" if "YT" in sectors else city.code
    civil = "VC" if "VC" in sectors else city.code
    zone_parent = next((s for s in ("KCN", "KKT") if s in sectors), city.code)
    base: list[GrassrootsSpec] = []
    for district in districts:
        for commune in district.communes:
            base += catalog.commune_units(rng, district.code, district, commune)
        base += catalog.district_units(rng, district.code, district)
        base.append(GrassrootsSpec("ttyt", f"Trung tâm Y tế {lower_first(district.name)}", health, district,
                                   district.communes[0]))  # fmt: skip
        for _school in range(2 if district.kind == "Huyện" else 3):
            commune = rng.choice(district.communes)
            base.append(
                GrassrootsSpec(
                    "thpt",
                    f"Trường Trung học phổ thông {rng.choice(catalog.THPT_NAMES)}",
                    edu,
                    district,
                    commune,
                )
            )
    seat = city.communes[0]
    for org, sector in catalog.DEPARTMENTS:
        org = f"Báo {config.legacy}" if org == "Báo" else f"{org} {config.legacy}"
        base.append(
            GrassrootsSpec("so" if sector == "administrative" else "sunghiep", org, civil, city, seat)
        )
    base += [
        GrassrootsSpec("benhvien", f"{h} {config.legacy}", health, city, seat) for h in catalog.HOSPITALS
    ]
    base += [GrassrootsSpec("caodang", f"{c} {config.legacy}", edu, city, seat) for c in catalog.COLLEGES]
    base += [
        GrassrootsSpec("dnnn", f"{s} {config.legacy}", city.code, city, seat)
        for s in catalog.STATE_ENTERPRISES
    ]
    zones = []
    for zone, district_name, commune_name in config.zones:
        district = next(d for d in districts if d.short.startswith(district_name))
        commune = next((c for c in district.communes if c.short == commune_name), district.communes[0])
        zones.append((zone, district, commune))
    if config is BENTRE:
        zone, district, commune = zones[0]
        base.append(GrassrootsSpec("fdi", ANCHOR["org"], zone_parent, district, commune, zone=zone,
                                   code=ANCHOR["code"], founded_on=ANCHOR["founded_on"], size=ANCHOR["size"]))  # fmt: skip
    for i in range(round(0.045 * max(n, DEFAULT_GRASSROOTS)) if zones else 0):
        zone, district, commune = zones[i % len(zones)]
        kind = "fdi" if rng.random() < 0.75 else "tunhan"
        base.append(catalog.enterprise(rng, kind, zone_parent, district, commune, config.legacy, zone=zone))
    fillers = max(n - len(base), round(0.3 * n))
    filler_kinds = ["nghiepdoan", "fdi", "htx", "tunhan"]  # each at least once, then by weight
    coastal = [d for d in districts if d.short.split(" (")[0] in COASTAL] or districts
    for i in range(fillers):
        kind = filler_kinds[i] if i < len(filler_kinds) else rng.choices(filler_kinds, [12, 8, 25, 55])[0]
        district = rng.choice(coastal if kind == "nghiepdoan" else districts)
        commune = rng.choice(district.communes)
        base.append(catalog.enterprise(rng, kind, district.code, district, commune, config.legacy))
    catalog.unique_names(base)
    specs = catalog.select(base, n)
    founding = {d.code: district_founded_on(config, d) for d in districts} | {
        key: SECTOR_UNIONS[key][2] for key in config.sector_unions
    }
    for spec in specs:
        spec.founded_on = spec.founded_on or catalog.random_founding(rng, spec.kind, founding[spec.parent])
        spec.size = spec.size or catalog.random_size(rng, spec.kind)
    total = sum(s.size for s in specs)
    factor = people / total if total else 0
    for spec in specs:
        spec.size = max(3, round(spec.size * factor))
    for i, spec in enumerate(specs, start=1):
        spec.code = spec.code or f"{config.code}-{i:04d}"
    return specs


class DemoLoader:
    def __init__(self, grassroots: int, people: int, neighbour_grassroots: int, log=None) -> None:
        self.grassroots = grassroots
        self.people = people
        self.neighbour_grassroots = neighbour_grassroots
        self.log = log or (lambda message: None)
        self.started = time.monotonic()
        self.units: dict[str, Unit] = {}

    def say(self, message: str) -> None:
        self.log(f"[{time.monotonic() - self.started:5.1f} s] {message}")

    def national_root(self) -> Unit:
        root = Unit.objects.filter(depth=1, level=Level.NATIONAL).order_by("path").first()
        if root is None:
            root = actions.create_unit(None, by=None, code=NATIONAL_CODE, name="Tổng Liên đoàn Lao động Việt Nam",
                                       short_name="Tổng LĐLĐVN", level=Level.NATIONAL,
                                       founded_on=datetime.date(1929, 7, 28))  # fmt: skip
        return root

    def create(self, parent: Unit | None, **fields) -> Unit:
        unit = actions.create_unit(parent, by=None, **fields)
        self.units[unit.code] = unit
        return unit

    def load(self) -> dict[str, int]:
        root = self.national_root()
        plans: dict[str, list[GrassrootsSpec]] = {}
        for config in PROVINCES:
            n = self.grassroots if config is BENTRE else self.neighbour_grassroots
            people = self.people if config is BENTRE else round(self.people * n / max(self.grassroots, 1))
            plans[config.code] = plan_grassroots(config, n, people)
            self.create_province_2017(root, config, plans[config.code])
        self.say(_("Đã tạo %(n)d đơn vị của năm 2017.") % {"n": len(self.units)})
        self.create_people(plans)
        self.say(
            _("Đã tạo %(n)d người lao động.")
            % {"n": Person.objects.filter(unit__code__in=list(self.units)).count()}
        )
        for hook in BEFORE_RESTRUCTURING:
            hook(province=self.units[BENTRE.code], grassroots=self.grassroots, log=self.say)
        self.restructure_2025(plans)
        self.say(_("Đã sắp xếp tổ chức theo mốc 01/7/2025."))
        return {"units": len(self.units), "grassroots": sum(len(p) for p in plans.values())}

    def create_province_2017(self, root: Unit, config: ProvinceConfig, specs: list[GrassrootsSpec]) -> None:
        new_province = new_province_of(config.legacy)
        old_code = legacy_province_code(config.legacy)
        province = self.create(root, code=config.code, name=config.name, short_name=config.short_name,
                               level=Level.PROVINCE, founded_on=config.founded_on, province_code=old_code,
                               address=f"tỉnh {config.legacy}")  # fmt: skip
        parents: dict[str, Unit] = {}
        for district in districts_of(config):
            name, short = district_federation_name(district)
            founded = district_founded_on(config, district)
            parents[district.code] = self.create(
                province, code=f"{config.code}-{district_code(district)}", name=name, short_name=short,
                level=Level.UPPER, founded_on=founded, province_code=old_code,
                address=f"{lower_first(district.name.split(' (')[0])}, tỉnh {config.legacy}",
            )  # fmt: skip
        for key in config.sector_unions:
            name, short, founded = SECTOR_UNIONS[key]
            parents[key] = self.create(province, code=f"{config.code}-{key}", name=name.format(p=config.legacy),
                                       short_name=short.format(p=config.legacy), level=Level.UPPER,
                                       founded_on=founded, province_code=old_code,
                                       address=f"tỉnh {config.legacy}")  # fmt: skip
        rng = random.Random(f"{SEED}-{config.code}-workforce")
        for spec in specs:
            commune = new_commune_of(config.legacy, spec.district, spec.commune) if spec.commune else None
            place = f"{lower_first(commune.name)}, {lower_first(new_province.name)}" if commune else ""
            self.create(
                parents[spec.parent], code=spec.code, name=spec.name, short_name=spec.short_name,
                level=Level.GRASSROOTS, sector=spec.sector, founded_on=spec.founded_on,
                province_code=new_province.code, ward_code=commune.code if commune else "",
                address=f"{spec.zone}, {place}" if spec.zone else place,
                workforce_size=round(spec.size * rng.uniform(1.02, 1.25)),
            )  # fmt: skip

    def create_people(self, plans: dict[str, list[GrassrootsSpec]]) -> None:
        writer = PeopleWriter(
            SEED,
            on_batch=lambda s: self.say(
                _("%(people)d người, %(memberships)d quá trình sinh hoạt")
                % {"people": s.people, "memberships": s.memberships}
            ),
        )
        slots = [
            Slot(
                self.units[spec.code].pk,
                spec.kind,
                spec.size,
                spec.founded_on,
                config.code,
                config.id_code,
                config.id_code[1:],
                khmer=config.khmer,
            )  # fmt: skip
            for config in PROVINCES
            for spec in plans[config.code]
        ]
        writer.add_to_pool(slots)
        stats = writer.write(slots)
        actions.recount_members(stats.unit_ids)

    def restructure_2025(self, plans: dict[str, list[GrassrootsSpec]]) -> None:
        """1 July 2025: sector unions merged into Vĩnh Long's (sáp nhập), the three federations consolidated into
        LĐLĐ tỉnh Vĩnh Long (hợp nhất), district federations dissolved (giải thể) and their grassroots unions moved to
        area and ward unions."""
        day = RESTRUCTURED_ON
        target = self.units[VINHLONG.code]
        for key in ("GD", "YT", "VC", "KCN"):
            sources = [self.units[f"{c.code}-{s}"] for c in (BENTRE, TRAVINH) for s in c.sector_unions
                       if MERGED_SECTOR[s] == key]  # fmt: skip
            if sources and f"{VINHLONG.code}-{key}" in self.units:
                actions.merge_units(sources, self.units[f"{VINHLONG.code}-{key}"], by=None, effective_on=day,
                                    note=NOTE_SECTORS, kind=EndKind.MERGED)  # fmt: skip
        # The resolution forms one province (and one federation) of three: a consolidation (hợp nhất).
        actions.merge_units([self.units[BENTRE.code], self.units[TRAVINH.code]], target, by=None, effective_on=day,
                            note=NOTE_MERGE, kind=EndKind.CONSOLIDATED)  # fmt: skip
        self.say(_("Đã hợp nhất ba Liên đoàn Lao động tỉnh."))
        new_province = new_province_of(VINHLONG.legacy)
        for config in PROVINCES:
            for district in districts_of(config):
                federation = self.units[f"{config.code}-{district_code(district)}"]
                for spec in plans[config.code]:
                    if spec.parent != district.code:
                        continue
                    area = self.area_union(config, district, spec.commune, target, new_province)
                    actions.move_unit(self.units[spec.code], area, by=None, effective_on=day, note=NOTE_AREA)
                # founded by other apps' demos (BEFORE_RESTRUCTURING): to the area union, or the city's first ward
                current = Unit.objects.get(pk=federation.pk)
                for unit in list(
                    Unit.objects.active().filter(path__startswith=current.path, depth=current.depth + 1)
                ):
                    area = self.area_union(config, district, district.communes[0], target, new_province)
                    actions.move_unit(unit, area, by=None, effective_on=day, note=NOTE_AREA)
                actions.dissolve_unit(federation, by=None, effective_on=day, note=NOTE_DISTRICTS)

    def area_union(self, config: ProvinceConfig, district: District, commune, parent: Unit,
                   new_province) -> Unit:  # fmt: skip
        """The union that takes over a grassroots union of a district federation: the ward union in a city, the area
        union of the former district elsewhere."""
        if district.kind == "Thành phố":
            commune = new_commune_of(config.legacy, district, commune)
            code = f"{VINHLONG.code}-P{commune.code}"
            name, short = f"Công đoàn {lower_first(commune.name)}", f"CĐ {lower_first(commune.name)}"
            ward_code = commune.code
        else:
            area = AREA_NAMES.get(district.short, district.short.split(" (")[0])
            code = f"{VINHLONG.code}-KV{initials(area)}"
            name, short, ward_code = f"Công đoàn khu vực {area}", f"CĐ khu vực {area}", ""
        if code not in self.units:
            self.create(parent, code=code, name=name, short_name=short, level=Level.UPPER,
                        founded_on=RESTRUCTURED_ON, province_code=new_province.code, ward_code=ward_code,
                        address=lower_first(new_province.name))  # fmt: skip
        return self.units[code]


def is_loaded() -> bool:
    return (
        Unit.objects.filter(code=MARKER_CODE, level=Level.PROVINCE).exists()
        and Unit.objects.filter(code=BENTRE.code, dissolved_on=RESTRUCTURED_ON).exists()
    )


@transaction.atomic
def load_demo(*, grassroots: int = DEFAULT_GRASSROOTS, people: int = DEFAULT_PEOPLE,
              neighbour_grassroots: int = DEFAULT_NEIGHBOUR_GRASSROOTS, log=None) -> dict[str, int] | None:  # fmt: skip
    """Load the demo unless it is there (then None). All or nothing: one transaction."""
    if is_loaded():
        return None
    return DemoLoader(grassroots, people, neighbour_grassroots, log).load()

"""Deterministic data generator for the benchmarks, from the demo up to national size.

    python bench/generate.py --scale demo       # the demo (load_demo: Bến Tre 2017 + the 2025 restructuring)
    python bench/generate.py --scale province   # one province: ~4,000 grassroots unions, ~350,000 people
    python bench/generate.py --scale national   # 34 provinces: ~130,000 grassroots unions, ~11 million people
    python bench/generate.py --scale national --provinces 1   # a bounded trial: the first province of it

It writes into the database of DATABASE_URL, or BENCH_DATABASE_URL, or a SQLite file var/bench/<scale>.sqlite3.
Province and national data use the demo's name lists, unit catalog, localities (vietnamadminunits, the 34 provinces of
2025) and people writer (thidua.orgs.demo), but insert the tree in bulk: treebeard paths are computed here (parent path
+ a base-36 step of Unit.steplen characters), with one UnitVersion and one "founded" UnitEvent per unit, as
actions.create_unit writes. Everything streams province by province and people in batches: memory stays bounded.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT_DIR = HERE.parent
SCALES = {
    # grassroots unions, people; provinces: None = all 34
    "province": {"grassroots": 4_000, "people": 350_000, "provinces": ("Đồng Nai",)},
    "national": {"grassroots": 130_000, "people": 11_000_000, "provinces": None},
}
SEED = "thidua-bench"


def setup(scale: str) -> None:
    """Django on the benchmark database (created and migrated if needed)."""
    sys.path.insert(0, str(ROOT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    url = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        (ROOT_DIR / "var" / "bench").mkdir(parents=True, exist_ok=True)
        url = f"sqlite:///{ROOT_DIR / 'var' / 'bench' / f'{scale}.sqlite3'}"
    os.environ["DATABASE_URL"] = url
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def log(message: str, started: float) -> None:
    print(f"[{time.monotonic() - started:7.1f} s] {message}", flush=True)


def province_code_of(scale: str, province) -> str:
    return f"G{province.code}"


def generated_province(scale: str):
    """The first generated province (marker of finished data for that scale) and one of its area unions."""
    from thidua.orgs.models import Level, Unit

    if scale == "demo":
        return Unit.objects.get(code="VLG"), Unit.objects.get(code="VLG-KVCT")
    province = Unit.objects.filter(code__startswith="G", level=Level.PROVINCE).order_by("path").first()
    if province is None:
        return None, None
    district = (
        Unit.objects.filter(path__subtree=province.path, depth=province.depth + 1, code__contains="-KV")
        .order_by("-numchild", "path")
        .first()
    )
    return province, district


def ensure(scale: str, provinces: int | None = None) -> None:
    """Generate the data of ``scale`` unless it is already there."""
    if scale == "demo":
        from thidua.orgs.demo import load_demo

        started = time.monotonic()
        if load_demo() is not None:
            log("demo loaded", started)
        return
    province, _district = generated_province(scale)
    if province is None:
        generate(scale, provinces)


def plan_province(province, grassroots: int, people: int, rng: random.Random):
    """Area unions (about ten wards each), sector unions and grassroots specs of one province of 2025."""
    from thidua.orgs.demo import catalog
    from thidua.orgs.demo.catalog import GrassrootsSpec, lower_first

    communes = list(province.communes)
    areas = [communes[i : i + 10] for i in range(0, len(communes), 10)]
    base: list[GrassrootsSpec] = []
    for a, area in enumerate(areas):
        for commune in area:
            for spec in catalog.commune_units(rng, f"KV{a + 1:02d}", None, commune):
                base.append(spec)
            if rng.random() < 0.25:
                base.append(
                    GrassrootsSpec("thpt", f"Trường Trung học phổ thông {commune.short}", "GD", None, commune)
                )
        base.append(GrassrootsSpec("ttyt", f"Trung tâm Y tế khu vực {area[0].short}", "YT", None, area[0]))
    seat = communes[0]
    place = province.short
    for org, sector in catalog.DEPARTMENTS:
        org = f"Báo {place}" if org == "Báo" else f"{org} {place}"
        base.append(GrassrootsSpec("so" if sector == "administrative" else "sunghiep", org, "VC", None, seat))
    base += [GrassrootsSpec("benhvien", f"{h} {place}", "YT", None, seat) for h in catalog.HOSPITALS]
    base += [GrassrootsSpec("caodang", f"{c} {place}", "GD", None, seat) for c in catalog.COLLEGES]
    base += [GrassrootsSpec("dnnn", f"{s} {place}", "VC", None, seat) for s in catalog.STATE_ENTERPRISES]
    for _ in range(round(0.06 * grassroots)):
        commune = rng.choice(communes)
        kind = "fdi" if rng.random() < 0.7 else "tunhan"
        zone = f"Khu công nghiệp {commune.short}"
        base.append(catalog.enterprise(rng, kind, "KCN", None, commune, place, zone=zone))
    for _ in range(max(0, grassroots - len(base))):
        a = rng.randrange(len(areas))
        commune = rng.choice(areas[a])
        kind = rng.choices(["tunhan", "htx", "fdi", "nghiepdoan"], [70, 18, 9, 3])[0]
        base.append(catalog.enterprise(rng, kind, f"KV{a + 1:02d}", None, commune, place))
    catalog.unique_names(base)
    specs = catalog.select(base, grassroots)
    for spec in specs:
        spec.founded_on = catalog.random_founding(rng, spec.kind)
        spec.size = catalog.random_size(rng, spec.kind)
    factor = people / max(1, sum(s.size for s in specs))
    for spec in specs:
        spec.size = max(3, round(spec.size * factor))
    uppers = [(f"KV{a + 1:02d}", f"Công đoàn khu vực {area[0].short}", f"CĐ khu vực {area[0].short}")
              for a, area in enumerate(areas)]  # fmt: skip
    uppers += [
        ("GD", f"Công đoàn ngành Giáo dục {lower_first(province.name)}", f"CĐ ngành Giáo dục {place}"),
        ("YT", f"Công đoàn ngành Y tế {lower_first(province.name)}", f"CĐ ngành Y tế {place}"),
        ("VC", f"Công đoàn Viên chức {lower_first(province.name)}", f"CĐ Viên chức {place}"),
        ("KCN", f"Công đoàn các Khu công nghiệp {lower_first(province.name)}", f"CĐ các KCN {place}"),
    ]
    return uppers, specs


class TreeWriter:
    """Appends children with treebeard paths computed here; rows are inserted in bulk by the caller."""

    def __init__(self):
        from thidua.orgs.models import Unit

        self.Unit = Unit

    def next_path(self, parent) -> str:
        Unit = self.Unit
        last = (
            Unit.objects.filter(path__subtree=parent.path, depth=parent.depth + 1).order_by("-path").first()
            if parent
            else Unit.objects.filter(depth=1).order_by("-path").first()
        )
        step = Unit._str2int(last.path[-Unit.steplen :]) + 1 if last else 1
        return self.path(parent.path if parent else "", step)

    def path(self, parent_path: str, step: int) -> str:
        Unit = self.Unit
        key = Unit._int2str(step)
        return parent_path + Unit.alphabet[0] * (Unit.steplen - len(key)) + key

    def insert(self, units: list, parents: dict[int, object]) -> None:
        """Insert units (their path, depth, numchild set) with one open UnitVersion and a FOUNDED UnitEvent each."""
        from thidua.orgs.models import UnitEvent, UnitVersion

        self.Unit.objects.bulk_create(units, batch_size=2000)
        UnitVersion.objects.bulk_create(
            [
                UnitVersion(
                    unit=u,
                    parent=parents.get(id(u)),
                    path=u.path,
                    depth=u.depth,
                    name=u.name,
                    short_name=u.short_name,
                    level=u.level,
                    valid_from=u.founded_on,
                )  # fmt: skip
                for u in units
            ],
            batch_size=2000,
        )
        UnitEvent.objects.bulk_create(
            [
                UnitEvent(
                    unit=u,
                    kind=UnitEvent.Kind.FOUNDED,
                    effective_on=u.founded_on,
                    to_parent=parents.get(id(u)),
                    new_name=u.name,
                )  # fmt: skip
                for u in units
            ],
            batch_size=2000,
        )


def generate(scale: str, provinces: int | None = None) -> None:
    from django.db import transaction

    from thidua.orgs import actions
    from thidua.orgs.demo.catalog import lower_first
    from thidua.orgs.demo.localities import provinces_2025
    from thidua.orgs.demo.people import PeopleWriter, Slot
    from thidua.orgs.models import Level, Unit

    started = time.monotonic()
    config = SCALES[scale]
    chosen = [p for p in provinces_2025() if config["provinces"] is None or p.short in config["provinces"]]
    total_communes = sum(len(p.communes) for p in chosen)
    if provinces:
        chosen = chosen[:provinces]
    writer = TreeWriter()
    root = Unit.objects.filter(depth=1, level=Level.NATIONAL).order_by("path").first() or actions.create_unit(
        None, by=None, code="TLD", name="Tổng Liên đoàn Lao động Việt Nam", short_name="Tổng LĐLĐVN",
        level=Level.NATIONAL, founded_on=datetime.date(1929, 7, 28),
    )  # fmt: skip
    people_writer = PeopleWriter(
        SEED,
        batch_size=5000,
        on_batch=lambda s: s.people % 100_000 < 5000 and log(f"{s.people:,} people", started),
    )
    for province in chosen:
        share = len(province.communes) / total_communes
        n, people = round(config["grassroots"] * share), round(config["people"] * share)
        rng = random.Random(f"{SEED}-{province.code}")
        uppers, specs = plan_province(province, n, people, rng)
        code = province_code_of(scale, province)
        with transaction.atomic():
            fed_path = writer.next_path(root)
            federation = Unit(code=code, name=f"Liên đoàn Lao động {lower_first(province.name)}",
                              short_name=f"LĐLĐ {province.short}", level=Level.PROVINCE, path=fed_path,
                              depth=root.depth + 1, numchild=len(uppers), founded_on=datetime.date(1990, 1, 1),
                              province_code=province.code)  # fmt: skip
            writer.insert([federation], {id(federation): root})
            Unit.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
            root.numchild += 1
            children = {key: [s for s in specs if s.parent == key] for key, _name, _short in uppers}
            upper_units = {}
            for i, (key, name, short) in enumerate(uppers, start=1):
                upper_units[key] = Unit(code=f"{code}-{key}", name=name, short_name=short, level=Level.UPPER,
                                        path=writer.path(fed_path, i), depth=federation.depth + 1,
                                        numchild=len(children[key]), founded_on=datetime.date(2025, 7, 1),
                                        province_code=province.code)  # fmt: skip
            writer.insert(list(upper_units.values()), {id(u): federation for u in upper_units.values()})
            grassroots, parents = [], {}
            for key, upper in upper_units.items():
                for j, spec in enumerate(children[key], start=1):
                    spec.code = f"{code}-{len(grassroots) + 1:05d}"
                    unit = Unit(code=spec.code, name=spec.name, short_name=spec.short_name, level=Level.GRASSROOTS,
                                sector=spec.sector, path=writer.path(upper.path, j), depth=upper.depth + 1,
                                numchild=0, founded_on=spec.founded_on, province_code=province.code,
                                ward_code=spec.commune.code if spec.commune else "",
                                address=f"{lower_first(spec.commune.name)}, {lower_first(province.name)}",
                                workforce_size=round(spec.size * 1.1))  # fmt: skip
                    grassroots.append(unit)
                    parents[id(unit)] = upper
            writer.insert(grassroots, parents)
            by_code = {u.code: u for u in grassroots}
            slots = [
                Slot(
                    by_code[s.code].pk,
                    s.kind,
                    s.size,
                    s.founded_on,
                    province.code,
                    f"0{province.code}",
                    province.code,
                )  # fmt: skip
                for s in specs
            ]
            people_writer.add_to_pool(slots)
            people_writer.write(slots)
            ids = [u.pk for u in grassroots]
            for i in range(0, len(ids), 2000):
                actions.recount_members(ids[i : i + 2000])
        log(f"{province.name}: {len(grassroots):,} grassroots unions, {people_writer.stats.people:,} people so far",
            started)  # fmt: skip
    stats = people_writer.stats
    log(
        f"done: {stats.people:,} people, {stats.memberships:,} memberships, {stats.transfers:,} transfers",
        started,
    )


def timed(fn, repeat: int) -> list[float]:
    """Milliseconds of ``repeat`` calls of ``fn`` after two warm-up calls."""
    for _ in range(2):
        fn()
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def median_p95(times: list[float]) -> tuple[float, float]:
    ordered = sorted(times)
    return ordered[len(ordered) // 2], ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(label: str, times: list[float], floor: list[float], extra: str = "") -> str:
    median, p95 = median_p95(times)
    floor_median, _ = median_p95(floor)
    line = f"{label}: median {median:.1f} ms, p95 {p95:.1f} ms (floor {floor_median:.1f} ms; ratio {median / max(floor_median, 1e-6):.1f})"
    print(line + (f" {extra}" if extra else ""), flush=True)
    return line


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", choices=["demo", *SCALES], default=os.environ.get("BENCH_SCALE", "province")
    )
    parser.add_argument("--provinces", type=int, help="only the first N provinces (a bounded trial)")
    args = parser.parse_args()
    setup(args.scale)
    ensure(args.scale, args.provinces)
    return 0


if __name__ == "__main__":
    sys.exit(main())

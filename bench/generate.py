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
import contextlib
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
    """Django on the benchmark database (created and migrated if needed), with DEBUG off: with it on, Django's query
    log keeps every statement (multi-megabyte INSERTs) and the figures include its bookkeeping."""
    sys.path.insert(0, str(ROOT_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "thidua.settings")
    os.environ["DEBUG"] = "0"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.setdefault("LOG_REQUESTS", "0")
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


def analyze() -> None:
    """Fresh planner statistics: bulk-loaded tables have none until autovacuum reaches them (off on some servers)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


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


PERSON_COLUMNS = ("id", "full_name", "family_name", "middle_name", "given_name", "sort_key", "search_name", "gender",
                  "birth_date", "national_id", "phone", "email", "unit_id", "created_at", "updated_at")  # fmt: skip
MEMBERSHIP_COLUMNS = ("person_id", "unit_id", "card_number", "joined_on", "left_on", "left_reason", "position",
                      "job_category", "is_direct_production_worker", "is_member")  # fmt: skip
BULK_TABLES = ("orgs_person", "orgs_membership")


def _copy_text(value) -> str:
    """A value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True or value is False:
        return "t" if value else "f"
    text = str(value)
    if "\\" in text or "\t" in text or "\n" in text or "\r" in text:
        text = text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
    return text


def copy_people_writer(base):
    """A PeopleWriter whose batches go to PostgreSQL by COPY, from a second connection in a background thread while
    the next batch is generated (ids taken here from the sequence, one block per batch; at most two batches wait)."""
    import queue
    import threading
    import types

    from django.db import connection, connections
    from django.utils import timezone

    def copier(batches: queue.Queue, failures: list) -> None:
        try:
            with connections["default"].cursor() as cursor:  # this thread's own connection, in autocommit
                while (batch := batches.get()) is not None:
                    people, memberships = batch
                    with cursor.copy(f"COPY orgs_person ({', '.join(PERSON_COLUMNS)}) FROM STDIN") as copy:
                        copy.write(people)
                    with cursor.copy(
                        f"COPY orgs_membership ({', '.join(MEMBERSHIP_COLUMNS)}) FROM STDIN"
                    ) as copy:
                        copy.write(memberships)
        except BaseException as error:  # handed to the main thread at the next batch or at close
            failures.append(error)
            while batches.get() is not None:
                pass
        finally:
            connections["default"].close()

    class CopyPeopleWriter(base):
        make_person = types.SimpleNamespace

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.batches: queue.Queue = queue.Queue(maxsize=2)
            self.failures: list = []
            self.thread = threading.Thread(target=copier, args=(self.batches, self.failures), daemon=True)
            self.thread.start()

        def flush(self) -> None:
            if self.failures:
                raise self.failures[0]
            if not self._people:
                return
            n, now = len(self._people), timezone.now().isoformat()
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('orgs_person', 'id'), nextval(pg_get_serial_sequence("
                    "'orgs_person', 'id')) + %s - 1)",
                    [n],
                )
                last = cursor.fetchone()[0]
            people, memberships = [], []
            for pk, person, rows in zip(
                range(last - n + 1, last + 1), self._people, self._memberships, strict=True
            ):
                person.pk = pk
                people.append(
                    f"{pk}\t{person.full_name}\t{person.family_name}\t{person.middle_name}\t{person.given_name}\t"
                    f"{person.sort_key}\t{person.search_name}\t{person.gender}\t{person.birth_date}\t"
                    f"{person.national_id}\t{person.phone}\t\t{person.unit_id}\t{now}\t{now}"
                )
                for values in rows:
                    values = {"person_id": pk, "left_on": None, "left_reason": "", **values}
                    memberships.append("\t".join(_copy_text(values[c]) for c in MEMBERSHIP_COLUMNS))
            self.batches.put(("\n".join(people) + "\n", "\n".join(memberships) + "\n"))
            self.stats.people += n
            self.stats.memberships += len(memberships)
            self._people, self._memberships = [], []
            if self.on_batch:
                self.on_batch(self.stats)

        def close(self) -> None:
            """Wait for the last batches to be written."""
            self.batches.put(None)
            self.thread.join()
            if self.failures:
                raise self.failures[0]

    return CopyPeopleWriter


class IndexesAfterLoad:
    """On PostgreSQL, the secondary indexes and the constraints of the people tables are dropped for the load and
    built again after it (one sort each instead of 11 million index insertions); the primary keys stay."""

    def __init__(self, started: float):
        self.started = started
        self.indexes: list[tuple[str, str]] = []
        self.constraints: list[tuple[str, str, str]] = []

    def __enter__(self):
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid) FROM pg_constraint c "
                "WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype <> 'p' ORDER BY c.conname",
                [list(BULK_TABLES)],
            )
            self.constraints = cursor.fetchall()
            cursor.execute(
                "SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid) FROM pg_index i "
                "WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary AND NOT EXISTS ("
                "SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid) ORDER BY 1",
                [list(BULK_TABLES)],
            )
            self.indexes = cursor.fetchall()
            for table, name, _definition in self.constraints:
                cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
            for name, _definition in self.indexes:
                cursor.execute(f"DROP INDEX {name}")
        return self

    def __exit__(self, *exc):
        from django.db import connection

        log(
            f"loaded; building {len(self.indexes)} indexes and {len(self.constraints)} constraints",
            self.started,
        )
        with connection.cursor() as cursor:
            cursor.execute("SET maintenance_work_mem = '512MB'")
            for _name, definition in self.indexes:
                cursor.execute(definition)
            for table, name, definition in self.constraints:
                cursor.execute(f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}')
            cursor.execute("RESET maintenance_work_mem")
        log("indexes and constraints built", self.started)
        return False


def recount_all() -> None:
    """The member counters of every grassroots union from the open memberships: one aggregate pass (PostgreSQL)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE orgs_unit u SET member_count = t.members, worker_count = t.workers, "
            "direct_worker_count = t.direct FROM (SELECT m.unit_id, COUNT(*) FILTER (WHERE m.is_member) AS members, "
            "COUNT(*) AS workers, COUNT(*) FILTER (WHERE m.is_direct_production_worker) AS direct "
            "FROM orgs_membership m JOIN orgs_person p ON p.id = m.person_id "
            "WHERE m.left_on IS NULL AND p.archived_at IS NULL GROUP BY m.unit_id) t WHERE u.id = t.unit_id"
        )


def generate(scale: str, provinces: int | None = None) -> None:
    from django.db import connection

    from thidua.orgs import actions
    from thidua.orgs.demo.localities import provinces_2025
    from thidua.orgs.demo.people import PeopleWriter
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
    postgres = connection.vendor == "postgresql"
    people_writer = (copy_people_writer(PeopleWriter) if postgres else PeopleWriter)(
        SEED,
        batch_size=5000,
        on_batch=lambda s: s.people % 100_000 < 5000 and log(f"{s.people:,} people", started),
    )
    with IndexesAfterLoad(started) if postgres else contextlib.nullcontext():
        for province in chosen:
            write_province(
                scale, province, config, total_communes, root, writer, people_writer, postgres, started
            )
    if postgres:
        recount_all()
        log("members recounted", started)
        # The COPY writer bypasses the actions: the words of the names (the search's index) in one statement.
        log(f"{actions.rebuild_name_index():,} words of names indexed", started)
    analyze()
    stats = people_writer.stats
    log(
        f"done: {stats.people:,} people, {stats.memberships:,} memberships, {stats.transfers:,} transfers; analyzed",
        started,
    )


def write_province(
    scale, province, config, total_communes, root, writer, people_writer, postgres, started
) -> None:
    """One province: its federation, upper-level and grassroots unions, people and memberships (one transaction)."""
    from django.db import transaction

    from thidua.orgs import actions
    from thidua.orgs.demo.catalog import lower_first
    from thidua.orgs.demo.people import Slot
    from thidua.orgs.models import Level, Unit

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
        if not postgres:  # PostgreSQL recounts every union at the end, in one pass (recount_all)
            ids = [u.pk for u in grassroots]
            for i in range(0, len(ids), 2000):
                actions.recount_members(ids[i : i + 2000])
    log(f"{province.name}: {len(grassroots):,} grassroots unions, {people_writer.stats.people:,} people so far",
        started)  # fmt: skip


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

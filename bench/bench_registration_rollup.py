"""The roll-up of emulation registration (thidua.registrations.emulation_rollup) for a province and for the whole
generated tree (the confederation: the national data set at BENCH_SCALE=national), against hand-written SQL doing
the same aggregates in the same run; plus the first page of the units not registered, as the page shows it.

A registration season is added to the generated data on first use (deterministic, in bulk like the generator):
for year BENCH_YEAR (2024), about 85 % of the units that register sent it (a quarter of those acknowledged, one in
ten late), 5 % have a draft, 3 % were returned, the rest nothing; each unit that registered aims for one or two
collective titles, and about 30 % of its people for Lao động tiên tiến (one in six of them for Chiến sĩ thi đua cơ
sở too).

BENCH_SCALE=demo|province|national (default province), BENCH_REPEAT (default 15), BENCH_DATABASE_URL or
DATABASE_URL (default a SQLite file var/bench/<scale>.sqlite3, generated on first use by bench/generate.py; a
postgres:// URL measures on PostgreSQL, the floor's SQL adapting to it), BENCH_PROVINCES=N (national scale: generate
only the first N provinces, a bounded part of the national data set).

With a bounded part of the national data set, the national figure is also extrapolated to the whole set. Method: the
generator gives each province grassroots unions and people in proportion to its communes, so the part holds the
share s = (communes of the N provinces) / (communes of the 34) of the national units, registrations and entries;
every statement of the roll-up (and of the floor) scans and groups the subtree's rows once, so its time grows
linearly with them: national ≈ measured / s, for the roll-up and the floor alike (the ratio is kept). What the
linear model leaves out — the few hundred more result rows of 34 provinces, caches that no longer hold the whole
set — makes the figure a lower bound.
"""

import os
import random
import sys
import time

import generate

YEAR = 2024


def add_season(log_start: float) -> None:
    """The registration season of YEAR over every unit that registers, unless it is there."""
    import datetime

    from django.db import transaction

    from thidua.orgs.models import Person, Unit
    from thidua.registrations.emulation_rollup import REGISTERING_LEVELS
    from thidua.registrations.models import (
        Award,
        CollectiveTarget,
        IndividualEntry,
        Registration,
        RegistrationStatus,
    )

    if Registration.objects.filter(year=YEAR).exists():
        return
    rng = random.Random(f"{generate.SEED}-registrations-{YEAR}")
    award = {a.code: a.pk for a in Award.objects.filter(code__in=[
        "cdcs-vung-manh", "tt-ld-tien-tien", "to-cong-doan-vung-manh", "co-thi-dua-ldld", "lao-dong-tien-tien",
        "cstd-co-so"])}  # fmt: skip
    deadline = datetime.date(YEAR, 1, 25)
    units = list(
        Unit.objects.filter(level__in=REGISTERING_LEVELS, depth__gt=1).active().values_list("pk", "level")
    )
    people: dict[int, list[int]] = {}
    for pk, unit_id in (
        Person.objects.filter(archived_at__isnull=True)
        .values_list("pk", "unit_id")
        .iterator(chunk_size=20_000)
    ):
        people.setdefault(unit_id, []).append(pk)
    with transaction.atomic():
        registrations, plans = [], []
        for unit_id, level in units:
            draw = rng.random()
            if draw < 0.85:
                status = (
                    RegistrationStatus.ACKNOWLEDGED if rng.random() < 0.25 else RegistrationStatus.SUBMITTED
                )
            elif draw < 0.90:
                status = RegistrationStatus.DRAFT
            elif draw < 0.93:
                status = RegistrationStatus.RETURNED
            else:
                continue
            registrations.append(Registration(unit_id=unit_id, year=YEAR, status=status, deadline=deadline,
                                              late=rng.random() < 0.1))  # fmt: skip
            plans.append((unit_id, level))
        Registration.objects.bulk_create(registrations, batch_size=5000)
        targets, entries = [], []
        for registration, (unit_id, level) in zip(registrations, plans, strict=True):
            first = "cdcs-vung-manh" if level == "grassroots" else "co-thi-dua-ldld"
            targets.append(CollectiveTarget(registration_id=registration.pk, award_id=award[first]))
            if rng.random() < 0.3:
                targets.append(CollectiveTarget(registration_id=registration.pk, award_id=award["tt-ld-tien-tien"],
                                                order=2))  # fmt: skip
            order = 0
            for person in people.get(unit_id, ()):
                if rng.random() < 0.3:
                    order += 1
                    entries.append(IndividualEntry(registration_id=registration.pk, person_id=person,
                                                   award_id=award["lao-dong-tien-tien"], order=order))  # fmt: skip
                    if rng.random() < 1 / 6:
                        order += 1
                        entries.append(IndividualEntry(registration_id=registration.pk, person_id=person,
                                                       award_id=award["cstd-co-so"], order=order))  # fmt: skip
        CollectiveTarget.objects.bulk_create(targets, batch_size=5000)
        IndividualEntry.objects.bulk_create(entries, batch_size=5000)
    generate.log(f"season {YEAR}: {len(registrations):,} registrations, {len(targets):,} collective titles, "
                 f"{len(entries):,} individual entries", log_start)  # fmt: skip


def national_share(scale: str) -> float:
    """The share of the national data set generated: 1 unless a bounded part (BENCH_PROVINCES) of it."""
    provinces = int(os.environ.get("BENCH_PROVINCES") or 0)
    if scale != "national" or not provinces:
        return 1.0
    from thidua.orgs.demo.localities import provinces_2025

    communes = [len(p.communes) for p in provinces_2025()]
    return sum(communes[:provinces]) / sum(communes)


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "province")
    repeat = int(os.environ.get("BENCH_REPEAT", "15"))
    generate.setup(scale)
    generate.ensure(scale, int(os.environ.get("BENCH_PROVINCES") or 0) or None)
    started = time.monotonic()
    from thidua.registrations.actions import load_catalog
    from thidua.registrations.models import Award

    if not Award.objects.exists():
        load_catalog(by=None)
    add_season(started)

    from django.db import connection

    if connection.vendor == "postgresql":
        # Bulk-loaded tables have no statistics until autovacuum gets to them (late on a busy machine): without them
        # the planner guesses, on the ORM's statements and the floor's alike. A deployment has them.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    from thidua.orgs.models import Unit
    from thidua.registrations import emulation_rollup as rollup
    from thidua.registrations.models import CollectiveTarget, IndividualEntry, Registration

    qn = connection.ops.quote_name
    unit_t, reg_t = qn(Unit._meta.db_table), qn(Registration._meta.db_table)
    target_t, entry_t = qn(CollectiveTarget._meta.db_table), qn(IndividualEntry._meta.db_table)
    if connection.vendor == "sqlite":
        in_subtree, params = "u.path >= %s AND u.path < %s", lambda p: [p, p + "~"]
    else:
        in_subtree, params = "u.path LIKE %s", lambda p: [p + "%"]
    levels = ", ".join(f"'{level}'" for level in rollup.REGISTERING_LEVELS)
    units_below = (f"{in_subtree} AND u.depth > %s AND u.level IN ({levels}) AND u.archived_at IS NULL "
                   "AND u.dissolved_on IS NULL")  # fmt: skip
    of_year = "r.year = %s AND r.phase_id IS NULL AND r.archived_at IS NULL"
    sent = "r.status IN ('submitted', 'acknowledged')"

    def floor(unit):
        """The seven statements of the roll-up, written by hand, returning the same totals."""
        width = (unit.depth + 1) * Unit.steplen
        below = [*params(unit.path), unit.depth]
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT substr(u.path, 1, {width}), u.sector, COUNT(*) FROM {unit_t} u "
                           f"WHERE {units_below} GROUP BY 1, 2", below)  # fmt: skip
            expected = sum(row[2] for row in cursor.fetchall())
            cursor.execute(
                f"SELECT substr(u.path, 1, {width}), u.sector, r.status, COUNT(*), "
                f"SUM(CASE WHEN r.late THEN 1 ELSE 0 END) FROM {reg_t} r JOIN {unit_t} u ON u.id = r.unit_id "
                f"WHERE {of_year} AND {units_below} GROUP BY 1, 2, 3",
                [YEAR, *below],
            )
            registered = sum(row[3] for row in cursor.fetchall() if row[2] in ("submitted", "acknowledged"))
            cursor.execute(
                f"SELECT substr(u.path, 1, {width}), u.sector, t.award_id, COUNT(DISTINCT t.registration_id) "
                f"FROM {target_t} t JOIN {reg_t} r ON r.id = t.registration_id JOIN {unit_t} u ON u.id = r.unit_id "
                f"WHERE {of_year} AND {sent} AND {units_below} GROUP BY 1, 2, 3",
                [YEAR, *below],
            )
            cursor.fetchall()
            for group in ("e.award_id", "NULL"):
                cursor.execute(
                    f"SELECT substr(u.path, 1, {width}), u.sector, {group}, COUNT(DISTINCT e.person_id) "
                    f"FROM {entry_t} e JOIN {reg_t} r ON r.id = e.registration_id "
                    f"JOIN {unit_t} u ON u.id = r.unit_id WHERE {of_year} AND {sent} AND {units_below} "
                    f"GROUP BY 1, 2, 3",
                    [YEAR, *below],
                )
                rows = cursor.fetchall()
            people = sum(row[3] for row in rows)
            cursor.execute(
                f"SELECT u.id, u.name FROM {unit_t} u WHERE {in_subtree} AND u.depth = %s AND u.archived_at IS NULL "
                f"AND u.dissolved_on IS NULL ORDER BY u.level, u.sort_key, u.path",
                [*params(unit.path), unit.depth + 1],
            )
            cursor.fetchall()
            cursor.execute("SELECT id, code, name FROM registrations_award WHERE code IN "
                           "('cdcs-vung-manh', 'tt-ld-tien-tien', 'co-thi-dua-ldld', 'lao-dong-tien-tien', "
                           "'cstd-co-so')")  # fmt: skip
            cursor.fetchall()
        return expected, registered, people

    def missing_floor(unit):
        """COUNT and the first page of the units not registered (their state beside them)."""
        below = [*params(unit.path), unit.depth]
        not_sent = f"NOT EXISTS (SELECT 1 FROM {reg_t} r WHERE r.unit_id = u.id AND {of_year} AND {sent})"
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT COUNT(*) FROM {unit_t} u WHERE {units_below} AND {not_sent}", [*below, YEAR]
            )
            count = cursor.fetchone()[0]
            cursor.execute(
                f"SELECT u.id, u.code, u.name, (SELECT r.status FROM {reg_t} r WHERE r.unit_id = u.id AND "
                f"{of_year} LIMIT 1) FROM {unit_t} u WHERE {units_below} AND {not_sent} ORDER BY u.path LIMIT 50",
                [YEAR, *below, YEAR],
            )
            return count, [row[0] for row in cursor.fetchall()]

    def missing_orm(unit):
        qs = rollup.unregistered_units(unit, YEAR)
        return qs.count(), [u.pk for u in qs[:50]]

    province, district = generate.generated_province(scale)
    national = Unit.objects.filter(depth=1).order_by("path").first()
    share = national_share(scale)
    print(f"scale {scale}: {Unit.objects.count():,} units, {Registration.objects.filter(year=YEAR).count():,} "
          f"registrations, {IndividualEntry.objects.count():,} entries, {connection.vendor}", flush=True)  # fmt: skip
    for label, unit in (("national", national), ("province", province), ("district", district)):
        if unit is None:
            continue

        def orm(unit=unit):
            return rollup.emulation_rollup(unit, YEAR)

        summary = orm()
        total = summary.total
        assert floor(unit) == (total.expected, total.registered, total.people), label
        assert missing_orm(unit) == missing_floor(unit), label
        name = (f"{unit.name} [{total.expected:,} units to register, {total.registered:,} registered, "
                f"{total.people:,} people]")  # fmt: skip
        times, floor_times = (
            generate.timed(orm, repeat),
            generate.timed(lambda unit=unit: floor(unit), repeat),
        )
        generate.report(f"emulation_rollup {label}", times, floor_times, name)
        if label == "national" and share < 1:
            median, _p95 = generate.median_p95(times)
            floor_median, _p95 = generate.median_p95(floor_times)
            print(f"emulation_rollup national, extrapolated to the whole national data set: ≈ {median / share:,.0f} ms "
                  f"(floor ≈ {floor_median / share:,.0f} ms; ratio {median / max(floor_median, 1e-6):.1f}) — measured "
                  f"on {share:.1%} of it (its share of the communes), times 1/{share:.3f} [≈ "
                  f"{total.expected / share:,.0f} units to register, ≈ {total.people / share:,.0f} people]",
                  flush=True)  # fmt: skip
        generate.report(f"unregistered_units page {label}", generate.timed(lambda unit=unit: missing_orm(unit), repeat),
                        generate.timed(lambda unit=unit: missing_floor(unit), repeat),
                        f"[{total.not_registered:,} not registered]")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

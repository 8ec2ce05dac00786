"""Subtree counts: queries.subtree_totals, queries.children_with_totals and queries.child_rows for a province and
for an area union, against hand-written SQL doing the same aggregate over a path range (LIKE 'P%' on PostgreSQL,
served by the varchar_pattern_ops index), in the same run. The children's floor reads the columns a list of
children shows (queries.CHILD_ROW_COLUMNS) in the list's order.

BENCH_SCALE=demo|province|national (default province), BENCH_REPEAT (default 30), BENCH_DATABASE_URL (default a
SQLite file var/bench/<scale>.sqlite3, generated on first use by bench/generate.py).
"""

import os
import sys

import run

run.apply()  # DEBUG off, as under `make bench`

import generate  # noqa: E402


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "province")
    repeat = int(os.environ.get("BENCH_REPEAT", "30"))
    generate.setup(scale)
    generate.ensure(scale)

    from django.db import connection

    from thidua.orgs import queries
    from thidua.orgs.models import Unit

    table = connection.ops.quote_name(Unit._meta.db_table)
    if connection.vendor == "sqlite":
        in_subtree, params = "path >= %s AND path < %s", lambda p: [p, p + "~"]
    else:
        in_subtree, params = "path LIKE %s", lambda p: [p + "%"]
    active = "archived_at IS NULL AND dissolved_on IS NULL"
    columns = ", ".join("id" if name == "pk" else name for name in queries.CHILD_ROW_COLUMNS)
    sums = (
        "COUNT(CASE WHEN level = 'grassroots' THEN 1 END), SUM(member_count), SUM(worker_count), "
        "SUM(direct_worker_count)"
    )
    province, district = generate.generated_province(scale)
    print(f"scale {scale}: {Unit.objects.count():,} units, {connection.vendor}", flush=True)

    for label, unit in (("province", province), ("district", district)):
        size = Unit.objects.filter(path__subtree=unit.path).count()

        def totals(unit=unit):
            return queries.subtree_totals(unit)

        def totals_floor(unit=unit):
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {sums} FROM {table} WHERE {in_subtree} AND {active}", params(unit.path)
                )
                return cursor.fetchone()

        def children(unit=unit):
            return [(c.pk, c.total_grassroots, c.total_members) for c in queries.children_with_totals(unit)]

        def rows(unit=unit):
            return [(c.pk, c.total_grassroots, c.total_members) for c in queries.child_rows(unit)]

        def children_floor(unit=unit):
            # Fair to the page: the columns a list of children shows (queries.CHILD_ROW_COLUMNS), in its order.
            width = (unit.depth + 1) * Unit.steplen
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT {columns} FROM {table} WHERE {in_subtree} AND depth = %s AND {active} "
                    "ORDER BY sort_key, path",
                    [*params(unit.path), unit.depth + 1],
                )
                rows = cursor.fetchall()
                cursor.execute(
                    f"SELECT substr(path, 1, {width}), {sums} FROM {table} WHERE {in_subtree} AND depth > %s "
                    f"AND {active} GROUP BY substr(path, 1, {width})",
                    [*params(unit.path), unit.depth],
                )
                by_prefix = {row[0]: row for row in cursor.fetchall()}
                return [
                    (row[0], by_prefix.get(row[1], (0, 0, 0))[1], by_prefix.get(row[1], (0, 0, 0))[2])
                    for row in rows
                ]

        expected = totals()
        assert list(totals_floor())[:2] == [expected["grassroots"], expected["members"]], label
        assert sorted(children()) == sorted((pk, g, m or 0) for pk, g, m in children_floor()), label
        assert rows() == children(), label
        name = f"{unit.name} [{size:,} units]"
        generate.report(
            f"subtree_totals {label}",
            generate.timed(totals, repeat),
            generate.timed(totals_floor, repeat),
            name,
        )
        floor = generate.timed(children_floor, repeat)
        generate.report(f"children_with_totals {label}", generate.timed(children, repeat), floor,
                        name + " (Unit objects)")  # fmt: skip
        generate.report(f"child_rows {label}", generate.timed(rows, repeat), floor, name + " (plain rows)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

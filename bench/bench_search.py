"""People search latency: the first page of the people list for a search (``queries.people_for_list(...,
ranked=True)``: the count, capped at ``COUNT_LIMIT``, and the first 50 rows best matches first), for the
confederation (a superuser: every person) and for the officer of one province, against index designs measured in
the same run on the same data:

- ``tiers`` — what the list does: the matches read tier by tier (the name, whole words, a word's start, any
  substring), each in Vietnamese order with a LIMIT; on PostgreSQL the word tiers through the full-text index of
  ``to_tsvector('simple', search_name)`` (migration orgs/0008), a tier the planner expects small through its index
  and sorted, a large one by walking the ``sort_key`` btree and stopping after the page;
- ``one ranked query`` — the design before it: every match found through the trigram index (GIN on PostgreSQL,
  FTS5 on SQLite), ranked by one CASE and sorted, then counted (``people_for_list`` without ``ranked``);
- ``walk only`` (PostgreSQL) — the tiers with bitmap scans switched off, so each walks the btree on ``sort_key``
  (early stop) whatever its size; a statement timeout of 5 s bounds it;
- floor — the first page of the same list without a search (the rows and joins a page reads anyway).

BENCH_SCALE=demo|province|national (default province), BENCH_PROVINCES (a national trial of the first N),
BENCH_REPEAT (default 15), BENCH_DATABASE_URL (default a SQLite file var/bench/<scale>.sqlite3, generated on first
use by bench/generate.py, with DEBUG off and ANALYZE after loading).
"""

import contextlib
import os
import sys

import generate

QUERIES = ["tran trung hao", "nguyen thi", "hao", "Lê Văn Đức", "d", "van", "uyen"]
PAGE = 50


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "province")
    repeat = int(os.environ.get("BENCH_REPEAT", "15"))
    generate.setup(scale)
    generate.ensure(scale, int(os.environ.get("BENCH_PROVINCES") or 0) or None)

    from django.contrib.auth import get_user_model
    from django.db import connection, transaction

    from thidua.orgs import queries
    from thidua.orgs.models import Person, RoleAssignment

    province, _district = generate.generated_province(scale)
    User = get_user_model()
    confederation = User.objects.get_or_create(username="bench-search-root", defaults={"is_superuser": True})[
        0
    ]
    officer = User.objects.get_or_create(username="bench-search-officer")[0]
    RoleAssignment.objects.get_or_create(user=officer, unit=province, role=RoleAssignment.Role.OFFICER)
    postgres = connection.vendor == "postgresql"
    load = os.getloadavg()
    print(
        f"scale {scale}: {Person.objects.count():,} people, {connection.vendor}; "
        f"load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores",
        flush=True,
    )

    @contextlib.contextmanager
    def walk_only():
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_bitmapscan = off")
            cursor.execute("SET LOCAL statement_timeout = '5s'")
            yield

    for who, user in (("confederation", confederation), (f"province {province.short_name}", officer)):
        floor_times = generate.timed(lambda user=user: list(queries.people_for_list(user)[:PAGE]), repeat)
        for text in QUERIES:

            def tiers(text=text, user=user):
                people = queries.people_for_list(user, text, ranked=True)
                return people.count(), people[0:PAGE]

            def one_query(text=text, user=user):
                people = queries.people_for_list(user, text)
                return min(people[: queries.COUNT_LIMIT + 1].count(), queries.COUNT_LIMIT), list(
                    people[:PAGE]
                )

            count, rows = tiers()
            assert [p.pk for p in rows] == [p.pk for p in one_query()[1]], text  # the same answer, or nothing
            more = "more than " if queries.people_for_list(user, text, ranked=True).more_than_limit else ""
            label = f'{who} "{text}"'
            generate.report(
                f"{label} tiers", generate.timed(tiers, repeat), floor_times, f"[{more}{count:,} found]"
            )
            generate.report(
                f"{label} one ranked query", generate.timed(one_query, max(3, repeat // 3)), floor_times
            )
            if postgres:

                def walk(tiers=tiers):
                    try:
                        with walk_only():
                            return tiers()
                    except Exception:  # the statement timeout: report it as the bound
                        return None

                generate.report(f"{label} walk only", generate.timed(walk, max(3, repeat // 3)), floor_times)
    return 0


if __name__ == "__main__":
    sys.exit(main())

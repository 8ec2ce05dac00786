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
  (early stop) whatever its size; a statement timeout of 3 s bounds it (and the one ranked query);
- floor — the first page of the same list without a search (the rows and joins a page reads anyway).

BENCH_SCALE=demo|province|national (default province), BENCH_PROVINCES (a national trial of the first N),
BENCH_REPEAT (default 15), BENCH_DATABASE_URL (default a SQLite file var/bench/<scale>.sqlite3, generated on first
use by bench/generate.py, with DEBUG off and ANALYZE after loading).
"""

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
    from django.db import OperationalError, connection, transaction

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

    def bounded(fn, *settings):
        """``fn`` with a statement timeout of 3 s on PostgreSQL (None when it runs out: reported as about 3,000 ms)."""
        if not postgres:
            return fn()
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                for setting in (*settings, "statement_timeout = '3s'"):
                    cursor.execute(f"SET LOCAL {setting}")
                return fn()
        except OperationalError:
            return None

    for who, user in (("confederation", confederation), (f"province {province.short_name}", officer)):
        floor_times = generate.timed(lambda user=user: list(queries.people_for_list(user)[:PAGE]), repeat)
        for text in QUERIES:

            def tiers(text=text, user=user):
                people = queries.people_for_list(user, text, ranked=True)
                return people.count(), people[0:PAGE], people.more_than_limit

            def one_query(text=text, user=user):
                people = queries.people_for_list(user, text)
                return min(people[: queries.COUNT_LIMIT + 1].count(), queries.COUNT_LIMIT), list(
                    people[:PAGE]
                )

            count, rows, more = tiers()
            whole = bounded(one_query)
            if whole is not None:  # the same answer, or the comparison means nothing
                assert [p.pk for p in rows] == [p.pk for p in whole[1]], text
            label = f'{who} "{text}"'
            extra = f"[{'more than ' if more else ''}{count:,} found]"
            generate.report(f"{label} tiers", generate.timed(tiers, repeat), floor_times, extra)
            slow = max(1, repeat // 3)
            generate.report(
                f"{label} one ranked query", generate.timed(lambda: bounded(one_query), slow), floor_times
            )
            if postgres:
                walk = lambda tiers=tiers: bounded(tiers, "enable_bitmapscan = off")  # noqa: E731
                generate.report(f"{label} walk only", generate.timed(walk, slow), floor_times)
    return 0


if __name__ == "__main__":
    sys.exit(main())

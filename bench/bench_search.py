"""People search latency: the first page of the people list for a search (``queries.people_for_list(...,
ranked=True)``: the count, capped at ``COUNT_LIMIT``, and the first 50 rows best matches first), for the
confederation (a superuser: every person) and for the officer of one province, against index designs measured in
the same run on the same data, with the same answer asserted:

- ``words`` — what the list does (decision 0040): the tiers (the name, whole words, a word's start, any other
  substring) read from the words of the names (``PersonWord``: one row per distinct word of a person's folded
  name, indexed on (word, sort_key, person)), each word's people a range scan in the list's order, the words of a
  tier merged by ``UNION ALL ... ORDER BY ... LIMIT``, stopping after the page; the count tier by tier the same way;
- ``tiers (0033)`` — the design before it: the same tiers, the word tiers through the full-text index of
  ``to_tsvector('simple', search_name)`` on PostgreSQL (``LIKE`` on the padded name on SQLite), a small tier read
  from its index and sorted, a large one walking the ``sort_key`` btree; the count through the trigram index;
- ``one ranked query`` — the design before that: every match found through the trigram index (GIN on PostgreSQL,
  FTS5 on SQLite), ranked by one CASE and sorted, then counted (``people_for_list`` without ``ranked``); a
  statement timeout of 3 s bounds it on PostgreSQL;
- floor — the first page of the same list without a search (the rows and joins a page reads anyway).

BENCH_SCALE=demo|province|national (default province), BENCH_PROVINCES (a national trial of the first N),
BENCH_REPEAT (default 15), BENCH_SEARCH_QUERIES (comma-separated texts instead of the default list),
BENCH_DATABASE_URL (default a SQLite file var/bench/<scale>.sqlite3, generated on first use by bench/generate.py,
with DEBUG off and ANALYZE after loading).
"""

import os
import sys

import generate

QUERIES = ["tran trung hao", "Trần Trung Hào", "nguyen thi", "Nguyễn Thị", "hao", "Hào", "uyen", "d", "đ", "nguyen",
           "Lê Văn Đức", "van"]  # fmt: skip
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

    texts = [t for t in os.environ.get("BENCH_SEARCH_QUERIES", "").split(",") if t] or QUERIES
    for who, user in (("confederation", confederation), (f"province {province.short_name}", officer)):
        floor_times = generate.timed(lambda user=user: list(queries.people_for_list(user)[:PAGE]), repeat)
        for text in texts:

            def words(text=text, user=user):
                people = queries.people_for_list(user, text, ranked=True)
                return people.count(), people[0:PAGE], people.more_than_limit

            def tiers(text=text, user=user):
                ranked = queries.people_for_list(user, text, ranked=True)
                people = queries.RankedPeople(ranked.people, text, ranked.counted, words=False)
                return people.count(), people[0:PAGE], people.more_than_limit

            def one_query(text=text, user=user):
                people = queries.people_for_list(user, text)
                return min(people[: queries.COUNT_LIMIT + 1].count(), queries.COUNT_LIMIT), list(
                    people[:PAGE]
                )

            count, rows, more = words()
            before = bounded(tiers)
            if before is not None:  # the same answer, or the comparison means nothing
                assert [p.pk for p in rows] == [p.pk for p in before[1]], text
                if (count, more) != (
                    before[0],
                    before[2],
                ):  # the count before was the planner's guess beyond 30,000
                    print(
                        f"  count: {count:,}{'+' if more else ''} (0033: {before[0]:,}{'+' if before[2] else ''})"
                    )
            label = f'{who} "{text}"'
            extra = f"[{'more than ' if more else ''}{count:,} found]"
            generate.report(f"{label} words", generate.timed(words, repeat), floor_times, extra)
            slow = max(1, repeat // 3)
            generate.report(
                f"{label} tiers (0033)", generate.timed(lambda: bounded(tiers), slow), floor_times
            )
            if os.environ.get("BENCH_SEARCH_ONE_QUERY", "1") != "0":
                generate.report(
                    f"{label} one ranked query", generate.timed(lambda: bounded(one_query), slow), floor_times
                )
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""People search latency: Person.objects.search (diacritic- and case-free, Vietnamese order, first page of 50 and the
count a list page shows) against the same scan written by hand in raw SQL on the same column, in the same run.

BENCH_SCALE=demo|province|national (default province), BENCH_REPEAT (default 15), BENCH_DATABASE_URL (default a
SQLite file var/bench/<scale>.sqlite3, generated on first use by bench/generate.py).
"""

import os
import sys

import generate

QUERIES = ["tran trung hao", "nguyen thi", "hao", "Lê Văn Đức", "d"]
PAGE = 50


def main() -> int:
    scale = os.environ.get("BENCH_SCALE", "province")
    repeat = int(os.environ.get("BENCH_REPEAT", "15"))
    generate.setup(scale)
    generate.ensure(scale)

    from django.db import connection

    from thidua.core.text import fold
    from thidua.orgs.models import Person

    table = connection.ops.quote_name(Person._meta.db_table)
    escape = " ESCAPE '\\'" if connection.vendor == "sqlite" else ""
    print(f"scale {scale}: {Person.objects.count():,} people, {connection.vendor}", flush=True)

    for text in QUERIES:

        def orm(text=text):
            people = Person.objects.search(text).vietnamese_order()
            return list(people.values_list("id", "full_name")[:PAGE]), people.count()

        def floor(text=text):
            pattern = f"%{fold(text)}%"
            with connection.cursor() as cursor:
                cursor.execute(
                    f"SELECT id, full_name FROM {table} WHERE search_name LIKE %s{escape} "
                    f"ORDER BY sort_key, id LIMIT {PAGE}",
                    [pattern],
                )
                rows = cursor.fetchall()
                cursor.execute(f"SELECT COUNT(*) FROM {table} WHERE search_name LIKE %s{escape}", [pattern])
                return rows, cursor.fetchone()[0]

        assert orm()[0] == floor()[0], text  # the same answer, or the comparison means nothing
        found = orm()[1]
        generate.report(f'search "{text}"', generate.timed(orm, repeat), generate.timed(floor, repeat),
                        f"[{found:,} found]")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

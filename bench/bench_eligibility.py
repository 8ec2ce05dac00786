"""Eligibility of a whole unit's year, set-based: ``judge_many`` over BENCH_ELIGIBILITY_PEOPLE nominees (default
10,000) of one upper-level union (50 grassroots unions), for Chiến sĩ thi đua cơ sở 2017 (NĐ 91/2017, with its 15 %
cap) and Lao động tiên tiến 2026 (NĐ 152/2025), against the floor of plain queries reading the same rows (people,
memberships, ratings, exclusions, award records, initiatives, registrations) without judging anything. Runs on a
fresh SQLite database in a temporary directory (BENCH_DATABASE_URL: an empty database to use instead, e.g.
PostgreSQL). BENCH_REPEAT timed runs (default 5) after one warm-up; the median is printed.

Prints: judge_many cstd-co-so 2017: 10000 nominees in 1.23 s (floor plain reads 0.41 s; ratio 3.0; 24 queries)
"""

import datetime
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

PEOPLE = int(os.environ.get("BENCH_ELIGIBILITY_PEOPLE", "10000"))
REPEAT = int(os.environ.get("BENCH_REPEAT", "5"))
UNITS = 50
D = datetime.date


def build() -> object:
    from django.db import transaction

    from thidua.eligibility.models import Exclusion, TaskRating
    from thidua.orgs import actions
    from thidua.orgs.models import Membership, Person
    from thidua.registrations.models import Award
    from thidua.registrations.models.emulation import IndividualEntry, Registration
    from thidua.registrations.models.initiatives import Initiative, InitiativeAuthor
    from thidua.rewards.models import AwardRecord

    root = actions.create_unit(
        None, by=None, code="TLD", name="Tổng Liên đoàn Lao động Việt Nam", level="national"
    )
    province = actions.create_unit(
        root, by=None, code="BT", name="Liên đoàn Lao động tỉnh Bến Tre", level="province"
    )
    upper = actions.create_unit(province, by=None, code="CT", name="Liên đoàn Lao động huyện Châu Thành",
                                level="upper")  # fmt: skip
    grassroots = [actions.create_unit(upper, by=None, code=f"CS{u:03d}", name=f"Công đoàn cơ sở số {u}",
                                      level="grassroots", sector="private") for u in range(UNITS)]  # fmt: skip
    award = {a.code: a for a in Award.objects.filter(code__in=["lao-dong-tien-tien", "cstd-co-so"])}
    with transaction.atomic():
        people = Person.objects.bulk_create(
            [Person(full_name=f"Người lao động {i}", given_name=f"N{i}", unit=grassroots[i % UNITS],
                    sort_key=f"{i:06d}", search_name=f"nguoi lao dong {i}") for i in range(PEOPLE)],
            batch_size=2000,
        )  # fmt: skip
        Membership.objects.bulk_create(
            [Membership(person=p, unit=p.unit, joined_on=D(2005 + i % 12, 1 + i % 12, 1)) for i, p in enumerate(people)],
            batch_size=2000,
        )  # fmt: skip
        AwardRecord.objects.bulk_create(
            [AwardRecord(person=p, award=award["lao-dong-tien-tien"], year=y, source="imported", unit_at_time=p.unit,
                         decision_number=f"{y}/QĐ") for i, p in enumerate(people) for y in (2016, 2017, 2026)
             if (i + y) % 5 < 3],
            batch_size=2000,
        )  # fmt: skip
        AwardRecord.objects.bulk_create(
            [AwardRecord(person=p, award=award["cstd-co-so"], year=2017, source="imported", unit_at_time=p.unit)
             for i, p in enumerate(people) if i % 40 == 0],
            batch_size=2000,
        )  # fmt: skip
        TaskRating.objects.bulk_create(
            [TaskRating(person=p, unit=p.unit, year=y, rating=["completed", "good", "good", "excellent"][i % 4])
             for i, p in enumerate(people) for y in (2017, 2026)],
            batch_size=2000,
        )  # fmt: skip
        Exclusion.objects.bulk_create(
            [Exclusion(person=p, unit=p.unit, kind="absence", starts_on=D(2026, 3, 1), days=10 + i % 50,
                       source="Bảng chấm công") for i, p in enumerate(people) if i % 20 == 0]
            + [Exclusion(person=p, unit=p.unit, kind="discipline", level="reprimand", starts_on=D(2017, 5, 1),
                         ends_on=D(2018, 4, 30), source="QĐ kỷ luật") for i, p in enumerate(people) if i % 97 == 0],
            batch_size=2000,
        )  # fmt: skip
        initiatives = Initiative.objects.bulk_create(
            [Initiative(unit=p.unit, year=y, title=f"Sáng kiến {i}-{y}", field="technical", problem="-", solution="-",
                        status="recognised", registered_on=D(y, 3, 1), decision_number=f"{i}/QĐ",
                        decision_date=D(y, 10, 1), recognising_body="Giám đốc", effect_scope="grassroots")
             for i, p in enumerate(people) for y in (2017, 2026) if i % 10 == 0],
            batch_size=2000,
        )  # fmt: skip
        InitiativeAuthor.objects.bulk_create(
            [InitiativeAuthor(initiative=init, person=people[(k // 2) * 10], name="x", share=100)
             for k, init in enumerate(initiatives)],
            batch_size=2000,
        )  # fmt: skip
        for y in (2017, 2026):
            registrations = Registration.objects.bulk_create(
                [
                    Registration(unit=u, year=y, status="acknowledged", deadline=D(y, 1, 25))
                    for u in grassroots
                ]
            )
            by_unit = {r.unit_id: r for r in registrations}
            IndividualEntry.objects.bulk_create(
                [IndividualEntry(registration=by_unit[p.unit_id], person=p,
                                 award=award["cstd-co-so" if i % 10 == 0 else "lao-dong-tien-tien"])
                 for i, p in enumerate(people) if i % 7],
                batch_size=2000,
            )  # fmt: skip
    return upper


def floor(unit, year: int) -> None:
    """The same rows read by plain queries, nothing judged."""
    from thidua.eligibility.models import Exclusion, TaskRating
    from thidua.orgs.models import Membership, Person
    from thidua.registrations.models.emulation import IndividualEntry
    from thidua.registrations.models.initiatives import InitiativeAuthor
    from thidua.rewards.models import AwardRecord

    ids = Membership.objects.filter(unit__path__startswith=unit.path, left_on__isnull=True).values(
        "person_id"
    )
    list(Person.objects.filter(pk__in=ids).values_list("id", "full_name", "unit_id"))
    list(
        Membership.objects.filter(person_id__in=ids).values_list(
            "person_id", "unit_id", "joined_on", "left_on"
        )
    )
    list(
        TaskRating.objects.filter(person_id__in=ids, year__lte=year).values_list(
            "person_id", "year", "rating"
        )
    )
    list(
        Exclusion.objects.filter(person_id__in=ids).values_list(
            "person_id", "kind", "starts_on", "ends_on", "days"
        )
    )
    list(
        AwardRecord.objects.filter(person_id__in=ids, year__lte=year).values_list(
            "person_id", "award_id", "year"
        )
    )
    list(
        InitiativeAuthor.objects.filter(person_id__in=ids).values_list(
            "person_id", "initiative__decision_date"
        )
    )
    list(IndividualEntry.objects.filter(person_id__in=ids, registration__year=year).values_list("person_id",
                                                                                                 "award_id"))  # fmt: skip


def timed(fn) -> float:
    fn()  # warm-up
    runs = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - started)
    return statistics.median(runs)


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="thidua-bench-"))
    os.environ["DJANGO_SETTINGS_MODULE"] = "thidua.settings"
    os.environ["DATABASE_URL"] = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{tmp / 'bench.sqlite3'}"
    os.environ.setdefault("DEBUG", "1")
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from thidua.eligibility.engine import judge_many

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    unit = build()
    print(
        f"data: {PEOPLE} people in {UNITS} grassroots unions built in {time.perf_counter() - started:.1f} s"
    )
    for code, year in (("cstd-co-so", 2017), ("lao-dong-tien-tien", 2026)):
        with CaptureQueriesContext(connection) as queries:
            verdicts = judge_many(unit, year, code)
        assert len(verdicts) == PEOPLE, len(verdicts)
        outcomes: dict[str, int] = {}
        for v in verdicts:
            outcomes[v.outcome] = outcomes.get(v.outcome, 0) + 1
        seconds = timed(lambda code=code, year=year: judge_many(unit, year, code))
        floor_seconds = timed(lambda year=year: floor(unit, year))
        print(f"judge_many {code} {year}: {PEOPLE} nominees in {seconds:.2f} s (floor plain reads "
              f"{floor_seconds:.2f} s; ratio {seconds / floor_seconds:.1f}; {len(queries)} queries) {outcomes}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""judge / judge_many over the database: the records of every app read set-based, across transfers and
restructurings, with a constant number of queries."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.eligibility.engine import judge, judge_many
from thidua.eligibility.models import Exclusion, Outcome, TaskRating
from thidua.orgs.models import Membership, UnitEvent

from .records import many_people, recognised_initiative, record, registered

D = datetime.date
pytestmark = pytest.mark.django_db


def reasons(verdict):
    return {r.check: r for r in verdict.reasons}


def test_cstd_2026_from_the_records_of_every_app(tree, people):
    hao = people.tran_hao
    registered(tree.MAY, 2026, [hao], code="cstd-co-so")
    record("lao-dong-tien-tien", 2026, person=hao)
    recognised_initiative(tree.MAY, hao, 2026)
    verdict = judge(hao, "cstd-co-so", 2026)
    assert verdict.computed == Outcome.ELIGIBLE, [r.text for r in verdict.reasons]
    found = reasons(verdict)
    assert "QĐ 26/QĐ-CTY ngày 20/12/2026" in found["prerequisite:award"].text
    assert "Cải tiến chuyền may 2026" in found["prerequisite:any_of"].text


def test_exclusions_and_ratings_are_read(tree, people):
    dao = people.nguyen_dao
    registered(tree.MAY, 2026, [dao])
    TaskRating.objects.create(person=dao, unit=tree.MAY, year=2026, rating="good")
    assert judge(dao, "lao-dong-tien-tien", 2026).computed == Outcome.ELIGIBLE
    Exclusion.objects.create(person=dao, unit=tree.MAY, kind="investigation", starts_on=D(2026, 11, 2),
                             source="Thông báo thanh tra số 5/TB-TTr")  # fmt: skip
    verdict = judge(dao, "lao-dong-tien-tien", 2026)
    assert verdict.computed == Outcome.NOT_ELIGIBLE
    assert "Thông báo thanh tra số 5/TB-TTr" in reasons(verdict)["khong-khen-khi-dang-xem-xet"].text


def test_a_persons_records_follow_them_across_a_transfer(tree, people):
    """Won in Giày Trà Vinh, now at May Việt Tiến: the chain of CSTĐ cơ sở still counts."""
    binh = people.pham_binh
    Membership.objects.filter(person=binh).update(left_on=D(2023, 12, 31), left_reason="transfer")
    Membership.objects.create(person=binh, unit=tree.MAY, joined_on=D(2024, 1, 2))
    binh.unit = tree.MAY
    binh.save()
    for year in (2022, 2023):
        record("cstd-co-so", year, person=binh, unit_at_time=tree.GIAY)
    record("cstd-co-so", 2024, person=binh, unit_at_time=tree.MAY)
    recognised_initiative(tree.MAY, binh, 2024, scope="province")
    registered(tree.MAY, 2024, [binh], code="cstd-bo-tinh")
    verdict = judge(binh, "cstd-bo-tinh", 2024)
    assert reasons(verdict)["prerequisite:award"].outcome == "pass"
    assert verdict.computed == Outcome.ELIGIBLE


def test_a_collective_reads_the_records_of_the_units_merged_into_it(tree):
    UnitEvent.objects.create(unit=tree.THPT, kind=UnitEvent.Kind.MERGED, effective_on=D(2025, 7, 1),
                             merged_into=tree.MAY)  # fmt: skip
    record("tt-ld-tien-tien", 2026, unit=tree.THPT)
    verdict = judge(tree.MAY, "tt-ld-tien-tien", 2026)
    assert reasons(verdict)["mot-thanh-tich-mot-lan"].outcome == "fail"


def test_quota_counts_the_proposing_units_lddt(tree, people):
    """NĐ 91/2017 Điều 9 k3: three LĐTT in the union → 15 % is 0 places."""
    for p in (people.tran_hao, people.nguyen_dao, people.le_duc):
        record("lao-dong-tien-tien", 2018, person=p)
    recognised_initiative(tree.MAY, people.tran_hao, 2018)
    registered(tree.MAY, 2018, [people.tran_hao], code="cstd-co-so")
    verdict = judge(people.tran_hao, "cstd-co-so", 2018)
    quota = reasons(verdict)["quota"]
    assert quota.outcome == "fail" and "3 người → tối đa 0" in quota.text


def count_queries(unit, year, code):
    with CaptureQueriesContext(connection) as queries:
        verdicts = judge_many(unit, year, code)
    return len(queries), verdicts


@pytest.mark.parametrize("code", ["lao-dong-tien-tien", "cstd-co-so"])
def test_judge_many_takes_the_same_queries_for_10_and_200_nominees(tree, code):
    small = many_people(tree.THPT, 9)  # + Huỳnh Thị Mai
    for p in small[:5]:
        record("lao-dong-tien-tien", 2017, person=p)
    few, verdicts = count_queries(tree.THPT, 2017, code)
    assert len(verdicts) == 10
    crowd = many_people(tree.THPT, 190)
    for p in crowd[:100]:
        record("lao-dong-tien-tien", 2017, person=p)
        TaskRating.objects.create(person=p, unit=tree.THPT, year=2017, rating="good")
    Exclusion.objects.bulk_create([Exclusion(person=p, unit=tree.THPT, kind="absence", starts_on=D(2017, 3, 1),
                                             days=3, source="Bảng chấm công") for p in crowd[100:150]])  # fmt: skip
    many, verdicts = count_queries(tree.THPT, 2017, code)
    assert len(verdicts) == 200
    assert many == few


def test_judge_many_of_collectives(tree):
    verdicts = judge_many(tree.CT, 2026, "tt-ld-tien-tien")
    assert {v.nominee_name for v in verdicts} == {tree.MAY.name, tree.THPT.name}
    assert all(v.is_collective for v in verdicts)


def test_judge_each_groups_mixed_awards_with_constant_queries(tree, people):
    from thidua.eligibility.engine import judge_each

    def run(persons):
        items = [(p, code, 2026, None) for p in persons for code in ("lao-dong-tien-tien", "cstd-co-so")]
        items.append((tree.MAY, "tt-ld-tien-tien", 2026, tree.CT))
        with CaptureQueriesContext(connection) as queries:
            verdicts = judge_each(items)
        assert [(v.nominee_id, v.award_code) for v in verdicts] == [(n.pk, c) for n, c, _y, _u in items]
        return len(queries)

    few = run([people.tran_hao])
    many = run([people.tran_hao, people.nguyen_dao, people.le_duc, *many_people(tree.MAY, 20)])
    assert few == many

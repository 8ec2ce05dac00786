import datetime

import pytest

from thidua.plans import queries
from thidua.plans.models import Commemoration, PhaseCommemoration

from .builders import draft_plan

D = datetime.date
pytestmark = pytest.mark.django_db


def test_catalog_holds_the_anniversaries_of_the_issue():
    days = set(Commemoration.objects.values_list("base_date", flat=True))
    assert {
        D(1930, 2, 3), D(1975, 4, 30), D(1890, 5, 19), D(1948, 6, 11), D(1929, 7, 28), D(1945, 9, 2),
        D(1945, 8, 19), D(1886, 5, 1), D(1910, 3, 8), D(1930, 10, 20), D(1982, 11, 20), D(1947, 7, 27),
        D(1931, 3, 26), D(1944, 12, 22), D(1954, 5, 7),
    } <= days  # fmt: skip


def test_ordinals_of_2017_are_those_the_reference_plan_writes():
    ordinals = {a.commemoration.base_date: a.ordinal for a in queries.anniversaries(2017)}
    assert ordinals[D(1930, 2, 3)] == 87
    assert ordinals[D(1975, 4, 30)] == 42
    assert ordinals[D(1890, 5, 19)] == 127
    assert ordinals[D(1948, 6, 11)] == 69
    assert ordinals[D(1929, 7, 28)] == 88
    assert ordinals[D(1945, 9, 2)] == 72


def test_round_anniversaries_are_multiples_of_five_and_major_ones_of_ten():
    by_day = {a.commemoration.base_date: a for a in queries.anniversaries(2025)}
    liberation = by_day[D(1975, 4, 30)]  # 50 years
    party = by_day[D(1930, 2, 3)]  # 95 years
    union = by_day[D(1929, 7, 28)]  # 96 years
    assert (liberation.ordinal, liberation.is_round, liberation.is_major) == (50, True, True)
    assert (party.ordinal, party.is_round, party.is_major) == (95, True, False)
    assert (union.ordinal, union.is_round, union.is_major) == (96, False, False)


def test_anniversaries_are_in_date_order_and_skip_events_not_yet_happened():
    year = queries.anniversaries(2003)
    assert [a.date for a in year] == sorted(a.date for a in year)
    assert D(2004, 10, 13) not in {a.commemoration.base_date for a in year}  # Doanh nhân Việt Nam: from 2004


def test_anniversary_is_placed_in_the_phase_that_contains_it(tree):
    plan = draft_plan(tree.BT)
    phases = list(plan.phases.order_by("order"))
    by_day = {a.commemoration.base_date: a for a in queries.anniversaries(2017, phases)}
    assert [p.name for p in by_day[D(1930, 2, 3)].phases] == ["Đợt 1"]
    assert [p.name for p in by_day[D(1945, 9, 2)].phases] == ["Đợt 2"]


def test_written_ordinal_that_disagrees_with_the_dates_is_flagged(tree):
    plan = draft_plan(tree.BT)
    row = plan.commemorations.get(base_date=D(1930, 2, 3))
    assert row.is_consistent is True
    PhaseCommemoration.objects.filter(pk=row.pk).update(ordinal=86)
    assert [(c.text, c.ordinal, c.expected_ordinal) for c in queries.ordinal_mismatches(plan)] == [
        ("ngày thành lập Đảng Cộng sản Việt Nam", 86, 87)
    ]


def test_commemoration_without_an_ordinal_is_neither_consistent_nor_flagged(tree):
    plan = draft_plan(tree.BT)
    PhaseCommemoration.objects.filter(plan=plan).update(ordinal=None)
    assert queries.ordinal_mismatches(plan) == []
    assert {c.is_consistent for c in plan.commemorations.all()} == {None}


@pytest.mark.parametrize(
    ("text", "base_date", "expected"),
    [
        ("87 năm ngày thành lập Đảng Cộng sản Việt Nam", None, D(1930, 2, 3)),
        ("kỷ niệm 42 năm ngày Giải phóng hoàn toàn miền Nam, thống nhất đất nước", None, D(1975, 4, 30)),
        ("127 năm ngày sinh Chủ tịch Hồ Chí Minh", D(1890, 5, 19), D(1890, 5, 19)),
        ("69 năm ngày Truyền thống Thi đua Yêu nước", None, D(1948, 6, 11)),
        ("72 năm Cách mạng tháng Tám và Quốc khánh", D(1945, 9, 2), D(1945, 9, 2)),
        ("88 năm Ngày thành lập Công đoàn Việt Nam", None, D(1929, 7, 28)),
        ("ngay thanh lap cong doan viet nam", None, D(1929, 7, 28)),
    ],
)
def test_plan_wording_finds_its_catalog_entry(text, base_date, expected):
    assert queries.match_commemoration(text, base_date).base_date == expected


def test_unknown_wording_finds_no_catalog_entry():
    assert queries.match_commemoration("Hội thao truyền thống của đơn vị", None) is None

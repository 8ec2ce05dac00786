"""The default indicator catalog: built from the reference's 59 indicators, loaded by the migration with each
indicator's source and mark, reloaded idempotently with changes audited, bad files refused naming the entry."""

import copy
from decimal import Decimal

import pytest
from django.core.management import call_command

from thidua.core.models import AuditEvent
from thidua.orgs.models import Unit
from thidua.reports import actions, loading
from thidua.reports.models import Aggregation, Indicator, UnitOfMeasure


@pytest.fixture
def data():
    return loading.read_indicators()[0]


def _current():
    return Indicator.objects.filter(owner__isnull=True, archived_at__isnull=True)


def test_the_shipped_file_is_valid_and_holds_the_59_reference_indicators(data):
    assert loading.check_indicators(data) == []
    reference = [item["code"] for item in data["indicators"] if item["reference_row"]]
    assert len(reference) == 59
    # The reference numbers TC01–TC19, DD01–DD07 without DD04, CL01–CL06, TD01–TD19 without TD17, KT01–KT10.
    expected = ([f"TC{i:02d}" for i in range(1, 20)] + [f"DD{i:02d}" for i in (1, 2, 3, 5, 6, 7)]
                + [f"CL{i:02d}" for i in range(1, 7)] + [f"TD{i:02d}" for i in range(1, 20) if i != 17]
                + [f"KT{i:02d}" for i in range(1, 11)])  # fmt: skip
    assert sorted(reference) == sorted(expected)


def test_the_migration_loaded_every_indicator_of_the_file(data):
    assert sorted(_current().values_list("code", flat=True)) == sorted(i["code"] for i in data["indicators"])


def test_each_indicator_keeps_its_source_and_mark():
    tc02 = Indicator.objects.get(code="TC02")
    assert (tc02.mark, tc02.unit_of_measure, tc02.aggregation) == ("SEEN", "nguoi", "end_of_period")
    assert "10 triệu đoàn viên" in tc02.source
    assert Indicator.objects.get(code="TC08").mark == "INFERRED"
    assert Indicator.objects.get(code="TD14").mark == "INFERRED"


def test_aggregation_rules_follow_the_reference():
    rules = dict(Indicator.objects.filter(code__in=["TC01", "TC02", "TC06", "TC04", "TC05", "TC03", "TC18",
                                                    "KT01", "KT04", "CL03"]).values_list("code", "aggregation"))  # fmt: skip
    assert rules == {
        "TC01": Aggregation.END_OF_PERIOD, "TC02": Aggregation.END_OF_PERIOD, "TC06": Aggregation.END_OF_PERIOD,
        "TC04": Aggregation.PERCENT_OF_TARGET, "TC05": Aggregation.SUM, "TC03": Aggregation.RATIO,
        "TC18": Aggregation.RATIO, "KT01": Aggregation.DECIDED_LEVEL, "KT04": Aggregation.DECIDED_LEVEL,
        "CL03": Aggregation.SUM,
    }  # fmt: skip


def test_ratios_name_their_terms_and_percentages_are_never_typed():
    tc18 = Indicator.objects.get(code="TC18")
    assert (tc18.numerator.code, tc18.denominator.code) == ("TC13", "TC06")  # Bắc Kạn divides by all CĐCS
    dd07 = Indicator.objects.get(code="DD07")  # the average wage is weighted by headcount, never averaged
    assert (dd07.numerator.code, dd07.denominator.code, dd07.unit_of_measure) == ("DD07.QL", "TC01", "dong")
    percents = Indicator.objects.filter(unit_of_measure=UnitOfMeasure.PERCENT)
    assert sorted(p.code for p in percents) == ["KT10", "TC03", "TC09", "TC18"]
    assert all(not p.is_entered for p in percents)


def test_parts_point_to_their_whole_in_the_same_unit():
    assert Indicator.objects.get(code="TC02.NU").part_of.code == "TC02"
    assert Indicator.objects.get(code="TC02").part_of.code == "TC01"
    assert sorted(Indicator.objects.get(code="TD05").parts.values_list("code", flat=True)) == ["TD06", "TD07"]
    for part in Indicator.objects.filter(part_of__isnull=False).select_related("part_of"):
        assert part.unit_of_measure == part.part_of.unit_of_measure, part.code


def test_only_money_may_be_approximate_and_money_is_whole_dong():
    approx = set(Indicator.objects.filter(allows_approximate=True).values_list("unit_of_measure", flat=True))
    assert approx == {"dong"}
    assert Indicator.objects.get(code="CL03").is_whole


def test_times_and_people_are_distinct_units():
    assert Indicator.objects.get(code="TD04").unit_label == "lượt"
    assert Indicator.objects.get(code="TC02").unit_label == "người"
    assert Indicator.objects.get(code="CL01").unit_label == "căn"


def test_reloading_the_same_file_changes_nothing():
    before = (_current().count(), AuditEvent.objects.count())
    assert actions.load_indicators(by=None) is None
    assert (_current().count(), AuditEvent.objects.count()) == before


def test_a_new_version_is_loaded_with_what_changed_and_audited(data, users):
    new = copy.deepcopy(data)
    new["version"] = "2027-01-01.1"
    new["indicators"] = [i for i in new["indicators"] if i["code"] != "TD19"]
    next(i for i in new["indicators"] if i["code"] == "TC05")["max_value"] = 1_000_000
    new["indicators"].append({"code": "TD20", "name": "Chỉ tiêu mới", "unit_of_measure": "nguoi",
                              "aggregation": "sum", "mark": "UNCERTAIN", "source": "thử"})  # fmt: skip

    summary = actions.load_indicators(new, by=users.admin)

    assert {key: [c["key"] for c in summary[key]] for key in summary} == {
        "added": ["TD20"], "changed": ["TC05"], "archived": ["TD19"],
    }  # fmt: skip
    assert summary["changed"][0]["changes"] == {"max_value": [None, "1000000"]}
    assert Indicator.objects.get(code="TC05").max_value == Decimal(1_000_000)
    assert Indicator.objects.get(code="TD19").archived_at is not None  # archived, never deleted
    assert AuditEvent.objects.filter(actor=users.admin, action="archive").count() == 1

    # Back to the shipped file: TD19 is restored, TD20 archived.
    restored = actions.load_indicators(by=users.admin)
    assert [c["key"] for c in restored["changed"]] == ["TC05", "TD19"]
    assert [c["key"] for c in restored["archived"]] == ["TD20"]


def test_a_federation_s_own_indicators_are_never_touched(users):
    own = Indicator.objects.create(code="BT01", name="Chỉ tiêu riêng của LĐLĐ Bến Tre", unit_of_measure="nguoi",
                                   aggregation="sum", owner=Unit.objects.get(code="BT"))  # fmt: skip
    actions.load_indicators(by=None)
    call_command("load_indicators", stdout=__import__("io").StringIO())
    own.refresh_from_db()
    assert own.archived_at is None
    may = Unit.objects.get(code="MAY")
    giay = Unit.objects.get(code="GIAY")
    assert Indicator.objects.for_unit(may).filter(code="BT01").exists()
    assert not Indicator.objects.for_unit(giay).filter(code="BT01").exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d["indicators"].append(dict(d["indicators"][0])), "Chỉ tiêu thứ 80 (TC01): mã chỉ tiêu trùng."),
        (lambda d: d["indicators"][0].update(unit_of_measure="kg"), "Chỉ tiêu thứ 1 (TC01): “unit_of_measure” = “kg” không hợp lệ."),
        (lambda d: d["indicators"][2].update(part_of="XX99"), "Chỉ tiêu TC02: “part_of” trỏ đến mã “XX99” không có trong tệp."),
        (lambda d: d["indicators"][0].update(part_of="TC02"), "Chỉ tiêu TC01: quan hệ “part_of” vòng quanh."),
        (lambda d: d["indicators"][4].update(numerator=None), "Chỉ tiêu thứ 5 (TC03): tỷ lệ cần tử số và mẫu số; chỉ tiêu khác không có tử số, mẫu số."),
        (lambda d: d["indicators"][0].update(allows_approximate=True), "Chỉ tiêu thứ 1 (TC01): chỉ số tiền (đồng) mới được ghi số ước."),
        (lambda d: d["indicators"][0].update(min_value=5, max_value=1), "Chỉ tiêu thứ 1 (TC01): giá trị lớn nhất nhỏ hơn giá trị nhỏ nhất."),
    ],
)  # fmt: skip
def test_a_bad_file_is_refused_naming_the_entry_and_changes_nothing(data, change, message):
    bad = copy.deepcopy(data)
    change(bad)
    before = list(_current().values_list("code", "name", "part_of_id"))
    with pytest.raises(loading.IndicatorCatalogError) as excinfo:
        actions.load_indicators(bad, by=None)
    assert message in excinfo.value.errors
    assert list(_current().values_list("code", "name", "part_of_id")) == before

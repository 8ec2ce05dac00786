"""Cross-indicator checks of the catalog (``Indicator.checks``: TD06 + TD07 ≤ TD05): held as data by the catalog,
refused on entry (page, upload, API all go through ``save_values`` / ``check_parts``) with the indicators and their
values named, and flagged in the roll-up (each report failing one, and each group's rolled-up figures)."""

import copy
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from tests.reports import rollup_builders as build
from thidua.reports import actions, loading
from thidua.reports.models import Indicator, ReportFormIndicator, ReportValue
from thidua.reports.rollup import rollup
from thidua.reports.validation import check_combined, combined_checks

from .builders import form_for, report

pytestmark = pytest.mark.django_db


def test_the_catalog_holds_the_innovation_check_as_data():
    td05 = Indicator.objects.get(code="TD05")
    assert [(c["terms"], c["rule"]) for c in td05.checks] == [(["TD06", "TD07"], "lte")]
    assert Indicator.objects.get(code="TC06").checks[0]["terms"] == ["TC13", "TC14", "TC15", "TC16", "TC17"]


def test_a_bad_check_in_the_catalog_file_is_refused_naming_it():
    data = copy.deepcopy(loading.read_indicators()[0])
    td05 = next(i for i in data["indicators"] if i["code"] == "TD05")
    td05["checks"] = [{"terms": ["TD06", "TC01"], "rule": "lte"}, {"terms": ["TD06"], "rule": "less"}]
    errors = loading.check_indicators(data)
    assert "Chỉ tiêu TD05, kiểm tra kết hợp thứ 1: “TC01” phải cùng đơn vị tính với TD05." in errors
    assert any(e.startswith("Chỉ tiêu TD05, kiểm tra kết hợp thứ 2: “rule”") for e in errors)
    assert "Chỉ tiêu TD05, kiểm tra kết hợp thứ 2: “terms” cần ít nhất hai mã chỉ tiêu khác nhau." in errors


def test_the_sum_of_the_parts_may_not_exceed_the_whole_on_entry(tree, users):
    form = form_for(tree.BT)
    may = report(form, tree.MAY)
    with pytest.raises(ValidationError) as excinfo:
        # each part alone is within its whole (30 ≤ 50, 25 ≤ 50); together they are not
        actions.save_values(may, by=users.grassroots_officer, entries={
            "TD05": {"value": "50"}, "TD06": {"value": "30"}, "TD07": {"value": "25"}})  # fmt: skip
    assert excinfo.value.message_dict == {"TD05": [
        "Kiểm tra TD06 + TD07 ≤ TD05 không đạt: tổng các chỉ tiêu TD06 (Sáng kiến — trong đó công nhận cấp cơ sở) "
        "= 30, TD07 (Sáng kiến — trong đó công nhận cấp tỉnh, ngành) = 25 là 55, vượt chỉ tiêu TD05 (Sáng kiến, "
        "cải tiến kỹ thuật, hợp lý hóa sản xuất được công nhận, áp dụng) = 50."]}  # fmt: skip
    assert not ReportValue.objects.filter(report=may).exists()
    # within the whole it is saved; a later change is checked against what was saved before
    actions.save_values(may, by=users.grassroots_officer,
                        entries={"TD05": {"value": "50"}, "TD06": {"value": "30"}, "TD07": {"value": "20"}})  # fmt: skip
    with pytest.raises(ValidationError) as excinfo:
        actions.save_values(may, by=users.grassroots_officer, entries={"TD05": {"value": "49"}})
    assert "là 50, vượt chỉ tiêu TD05" in excinfo.value.message_dict["TD05"][0]
    # a whole left empty is not checked (the unit has not counted its initiatives yet)
    actions.save_values(may, by=users.grassroots_officer, entries={"TD05": {"value": ""}})


def test_an_equality_check_needs_every_term(tree):
    indicators = list(Indicator.objects.filter(code__in=["TD05", "TD06", "TD07"]))
    td05 = next(i for i in indicators if i.code == "TD05")
    td05.checks = [{"terms": ["TD06", "TD07"], "rule": "eq"}]
    D = Decimal
    assert check_combined(indicators, {"TD05": D(50), "TD06": D(30)}) == {}
    assert check_combined(indicators, {"TD05": D(50), "TD06": D(30), "TD07": D(20)}) == {}
    errors = check_combined(indicators, {"TD05": D(50), "TD06": D(30), "TD07": D(10)})
    assert "là 40, không bằng chỉ tiêu TD05" in errors["TD05"][0]


def test_a_check_whose_terms_are_not_in_the_form_does_not_apply():
    indicators = list(Indicator.objects.filter(code__in=["TD05", "TD06"]))
    assert combined_checks(indicators) == []


def _season_with_checks(tree):
    found = build.indicators()
    whole = Indicator.objects.create(code="S-IDEA", name="Sáng kiến được công nhận", unit_of_measure="so_luong",
                                     count_word="sáng kiến", aggregation="sum", order=950,
                                     checks=[{"terms": ["S-IDEA1", "S-IDEA2"], "rule": "lte"}])  # fmt: skip
    for n in (1, 2):
        Indicator.objects.create(code=f"S-IDEA{n}", name=f"Trong đó cấp {n}", unit_of_measure="so_luong",
                                 count_word="sáng kiến", aggregation="sum", part_of=whole, order=950 + n)  # fmt: skip
    made = build.form(tree.BT, codes=["R-MEM"])
    for order, code in enumerate(["S-IDEA", "S-IDEA1", "S-IDEA2"], start=2):
        ReportFormIndicator.objects.create(form=made, indicator=Indicator.objects.get(code=code), order=order)
    assert found
    _report(made, tree.MAY, tree.CT, [10, 6, 5])  # 11 > 10
    _report(made, tree.THPT, tree.CT, [10, 2, 1])
    _report(made, tree.CT, tree.BT, [20, 20, 1])  # 21 > 20
    return made


def _report(made, unit, parent, figures):
    made_report = build.report(made, unit, parent, values={"R-MEM": 1})
    for code, value in zip(["S-IDEA", "S-IDEA1", "S-IDEA2"], figures, strict=True):
        ReportValue.objects.create(
            report=made_report, indicator=Indicator.objects.get(code=code), value=value
        )


def test_the_rollup_flags_each_report_failing_a_combined_check(tree):
    made = _season_with_checks(tree)
    result = rollup(made, tree.BT)
    assert [(f.unit.code, f.check.formula, f.terms_value, f.whole_value) for f in result.check_flags] == [
        ("CT", "S-IDEA1 + S-IDEA2 ≤ S-IDEA", 21, 20),
        ("MAY", "S-IDEA1 + S-IDEA2 ≤ S-IDEA", 11, 10),
    ]
    assert "S-IDEA1 (Trong đó cấp 1) = 6, S-IDEA2 (Trong đó cấp 2) = 5 là 11" in result.check_flags[1].message
    # the totals of the leaves (20 ideas, 8 + 6 = 14 in parts) pass
    assert result.total.checks_failed == []


def test_a_group_s_rolled_up_figures_are_checked_too(tree):
    made = _season_with_checks(tree)
    _report(made, tree.DUA, tree.TPBT, [1, 1, 0])
    ReportValue.objects.filter(report__unit=tree.THPT, indicator__code="S-IDEA1").update(value=9)
    result = rollup(made, tree.BT)
    ct = next(row for row in result.by_child if row.unit.code == "CT")
    # CT's leaves: 20 ideas, 6 + 9 + 5 + 1 = 21 in parts
    assert [(f.terms_value, f.whole_value) for f in ct.checks_failed] == [(Decimal(21), Decimal(20))]
    assert [(f.terms_value, f.whole_value) for f in result.total.checks_failed] == [
        (Decimal(22), Decimal(21))
    ]


def test_the_rollup_page_lists_the_failing_reports(tree, users, client):
    made = _season_with_checks(tree)
    client.force_login(users.province_officer)
    response = client.get(f"/bao-cao/mau/{made.pk}/tong-hop/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="rollup-checks"' in html
    assert "S-IDEA1 + S-IDEA2 ≤ S-IDEA" in html


def test_the_entry_grid_carries_the_checks_for_the_script(tree, users, client):
    form = form_for(tree.BT)
    client.force_login(users.grassroots_officer)
    html = client.get(f"/bao-cao/{report(form, tree.MAY).pk}/nhap/").content.decode()
    assert 'data-code="TD05"' in html and 'data-checks="TD06+TD07:lte"' in html
    assert "data-combined-exceeds=" in html

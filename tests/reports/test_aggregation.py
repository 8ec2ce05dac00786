"""The aggregation rules of the indicator catalog, each with a case where a naive sum or average is wrong."""

from decimal import Decimal

import pytest

from thidua.reports import aggregation as agg
from thidua.reports.aggregation import Figure, Rule, figure

MEMBERS, WOMEN, WORKERS, RATE, NEW_MEMBERS, HOUSES_MONEY, AWARDS, NOTE = 1, 2, 3, 4, 5, 6, 7, 8
INITIATIVES, AT_GRASSROOTS, AT_PROVINCE = 9, 10, 11
RULES = {
    MEMBERS: Rule(agg.END_OF_PERIOD),
    WOMEN: Rule(agg.END_OF_PERIOD, part_of_id=MEMBERS),
    WORKERS: Rule(agg.END_OF_PERIOD),
    RATE: Rule(agg.RATIO, numerator_id=MEMBERS, denominator_id=WORKERS),
    NEW_MEMBERS: Rule(agg.PERCENT_OF_TARGET),
    HOUSES_MONEY: Rule(agg.SUM),
    AWARDS: Rule(agg.DECIDED_LEVEL),
    NOTE: Rule(agg.NONE),
    INITIATIVES: Rule(agg.SUM),
    AT_GRASSROOTS: Rule(agg.SUM, part_of_id=INITIATIVES),
    AT_PROVINCE: Rule(agg.SUM, part_of_id=INITIATIVES),
}


def test_flows_add_up_over_units_and_periods():
    units = agg.across_units(agg.SUM, [figure(3), figure(4), figure(None)])
    assert units == Figure(value=Decimal(7), count=2)
    year = agg.across_periods(agg.SUM, [figure(7), figure(5)])
    assert year.value == 12


def test_stock_over_periods_is_the_last_value_not_the_sum():
    # members at the end of the first half (100) and of the year (110): the year has 110 members, not 210
    year = agg.across_periods(agg.END_OF_PERIOD, [figure(100), figure(110)])
    assert year.value == 110
    assert sum(f.value for f in (figure(100), figure(110))) == 210  # the naive sum


def test_stock_over_periods_skips_a_last_period_nobody_reported():
    assert agg.across_periods(agg.END_OF_PERIOD, [figure(100), figure(None)]).value == 100
    assert agg.across_periods(agg.END_OF_PERIOD, [figure(None), figure(None)]) == agg.EMPTY


def test_stocks_of_units_at_one_date_add_up():
    assert agg.across_units(agg.END_OF_PERIOD, [figure(100), figure(50)]).value == 150


def test_ratio_is_recomputed_from_summed_parts_not_averaged():
    # unit A: 9 members of 10 workers (90 %); unit B: 10 of 100 (10 %). The average says 50 %; the group has
    # 19 members of 110 workers: 17.27 %.
    sums = {MEMBERS: agg.add([figure(9), figure(10)]), WORKERS: agg.add([figure(10), figure(100)])}
    result = agg.resolve(RULES, sums)
    assert result[RATE].value == Decimal("17.27")
    assert (result[RATE].numerator, result[RATE].denominator) == (19, 110)
    assert (Decimal(90) + Decimal(10)) / 2 == 50  # the naive average


def test_ratio_without_denominator_is_empty():
    result = agg.resolve(RULES, {MEMBERS: figure(9), WORKERS: figure(0)})
    assert result[RATE].value is None
    assert agg.resolve(RULES, {MEMBERS: figure(9)})[RATE].value is None


def test_ratio_of_an_approximate_figure_is_approximate():
    result = agg.resolve(RULES, {MEMBERS: figure(9, approximate=True), WORKERS: figure(10)})
    assert result[RATE].approximate is True


def test_percent_of_target_sums_target_and_actual():
    # A: 150 of a target of 100 (150 %); B: 500 of 1,000 (50 %). The average of percents says 100 %; the group
    # reached 650 of 1,100: 59.09 %.
    group = agg.across_units(agg.PERCENT_OF_TARGET, [figure(150, target=100), figure(500, target=1000)])
    assert (group.value, group.target) == (650, 1100)
    assert group.percent_of_target == Decimal("59.09")
    assert (Decimal(150) + Decimal(50)) / 2 == 100  # the naive average


def test_percent_of_target_without_target_is_empty():
    assert figure(150).percent_of_target is None
    assert figure(150, target=0).percent_of_target is None


def test_awards_are_counted_at_the_level_that_decided_them():
    # the province decided 10 certificates; its two districts each list the 6 their units received: 10, not 22
    below = [figure(6), figure(6)]
    assert agg.across_units(agg.DECIDED_LEVEL, below, own=figure(10)).value == 10
    assert agg.add([figure(10), *below]).value == 22  # the naive sum
    result = agg.resolve(RULES, {AWARDS: agg.add(below)}, own={AWARDS: figure(10)})
    assert result[AWARDS].value == 10


def test_awards_without_an_own_report_are_empty_not_the_sum_below():
    assert agg.resolve(RULES, {AWARDS: agg.add([figure(6), figure(6)])})[AWARDS] == agg.EMPTY


def test_money_stays_integer_and_an_approximate_part_makes_the_total_approximate():
    # "hơn 1,5 tỷ" + 720,000,000 exact = about 2,220,000,000
    total = agg.across_units(agg.SUM, [figure(1_500_000_000, approximate=True), figure(720_000_000)])
    assert total.value == 2_220_000_000
    assert total.value == total.value.to_integral_value()
    assert total.approximate is True
    # a naive "all parts approximate" would call it exact
    assert not all(f.approximate for f in (figure(1_500_000_000, approximate=True), figure(720_000_000)))


def test_approximation_follows_the_last_period_of_a_stock():
    year = agg.across_periods(agg.END_OF_PERIOD, [figure(100, approximate=True), figure(110)])
    assert year.approximate is False
    assert agg.across_periods(agg.SUM, [figure(100, approximate=True), figure(110)]).approximate is True


def test_empty_values_do_not_make_a_total_approximate():
    assert agg.add([figure(None, approximate=True), figure(3)]) == Figure(value=Decimal(3), count=1)


def test_text_is_not_aggregated():
    assert agg.resolve(RULES, {NOTE: figure(5)})[NOTE] == agg.EMPTY


def test_ratio_rule_is_refused_by_the_direct_combiners():
    with pytest.raises(ValueError):
        agg.across_units(agg.RATIO, [figure(1)])
    with pytest.raises(ValueError):
        agg.across_periods(agg.RATIO, [figure(1)])


def test_a_part_above_its_whole_is_flagged():
    # 60 women members in a union of 50 members
    found = agg.parts_exceeding(RULES, {MEMBERS: figure(50), WOMEN: figure(60)})
    assert [(f.whole_id, f.part_ids, f.parts, f.whole, f.excess) for f in found] == [
        (MEMBERS, (WOMEN,), 60, 50, 10)
    ]
    assert agg.parts_exceeding(RULES, {MEMBERS: figure(50), WOMEN: figure(50)}) == []


def test_each_part_is_compared_with_its_whole_not_their_sum():
    # members (80) and insured workers (70) are both parts of 100 workers: subsets, not shares — nothing to flag
    figures = {INITIATIVES: figure(100), AT_GRASSROOTS: figure(80), AT_PROVINCE: figure(70)}
    assert agg.parts_exceeding(RULES, figures) == []
    figures[AT_PROVINCE] = figure(120)
    found = agg.parts_exceeding(RULES, figures)
    assert [(f.whole_id, f.part_ids, f.parts) for f in found] == [(INITIATIVES, (AT_PROVINCE,), 120)]


def test_parts_of_an_unreported_whole_are_not_checked():
    assert agg.parts_exceeding(RULES, {WOMEN: figure(60)}) == []


def test_own_totals_that_disagree_with_the_children_are_listed():
    reported = {MEMBERS: figure(120), HOUSES_MONEY: figure(5), AWARDS: figure(4), NOTE: figure(1)}
    computed = {MEMBERS: figure(110), HOUSES_MONEY: figure(5), AWARDS: figure(9)}
    found = agg.discrepancies(RULES, reported, computed)
    assert [(d.indicator_id, d.difference) for d in found] == [(MEMBERS, 10)]


def test_sums_fed_by_rows_match_add():
    sums = agg.Sums()
    sums.add_row(MEMBERS, 100, 2, 0)
    sums.add_row(MEMBERS, 50, 1, 1)
    sums.add_row(NEW_MEMBERS, 30, 1, 0, target=40)
    sums.add_row(HOUSES_MONEY, None, 0, 1)
    assert sums.figures[MEMBERS] == Figure(value=Decimal(150), approximate=True, count=3)
    assert sums.figures[NEW_MEMBERS].percent_of_target == 75
    assert sums.figures[HOUSES_MONEY] == agg.EMPTY

"""The roll-up of a form over a subtree: each rule on real rows, the table by child and by sector, discrepancies,
parts above their whole, the tree of the period's end, and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.reports import rollup_builders as build
from thidua.reports.rollup import rollup

pytestmark = pytest.mark.django_db


def by_code(result, figures):
    ids = {i.code: i.pk for i in result.indicators}
    return {code: figures.get(pk) for code, pk in ids.items()}


def test_province_rollup_applies_each_rule(tree):
    season = build.standard_season(tree)
    result = rollup(season.form, tree.BT)
    figures = by_code(result, result.total.figures)
    # stocks and flows from the approved leaves only (MAY, THPT): the draft of DUA and CT's own totals do not count
    assert figures["R-MEM"].value == 110
    assert figures["R-WORK"].value == 220
    # the ratio recomputed: 110 / 220, not the mean of 83.33 % and 10 %
    assert figures["R-RATE"].value == Decimal("50.00")
    # percent of target: 35 of 70, not the mean of 150 % and 10 %
    assert (figures["R-NEW"].value, figures["R-NEW"].target, figures["R-NEW"].percent_of_target) == (
        35,
        70,
        50,
    )
    # money: integer đồng, approximate because one part is
    assert figures["R-MONEY"].value == 520_000_000 and figures["R-MONEY"].approximate is True
    # awards: the province's own report (submitted) says 10 — not 6 + 6 + 2 + 10
    assert figures["R-AWARD"].value == 10
    assert figures["R-TEXT"].value is None
    assert (result.total.expected, result.total.approved) == (6, 3)


def test_children_rows_and_their_own_discrepancy(tree):
    season = build.standard_season(tree)
    result = rollup(season.form, tree.BT)
    assert [row.unit.code for row in result.by_child] == ["CT", "TPBT"]
    ct, tpbt = result.by_child
    assert by_code(result, ct.figures)["R-MEM"].value == 110
    assert by_code(result, ct.figures)["R-AWARD"].value == 2  # what CT decided
    assert (
        by_code(result, tpbt.figures)["R-MEM"] is None or by_code(result, tpbt.figures)["R-MEM"].value is None
    )
    assert (ct.expected, ct.approved, tpbt.expected, tpbt.approved) == (3, 3, 2, 0)
    codes = {i.pk: i.code for i in result.indicators}
    # CT's own totals: 115 members against its children's 110; the rest agrees; awards are never compared
    assert [(codes[d.indicator_id], d.difference) for d in ct.discrepancies] == [("R-MEM", 5)]
    assert [
        (c.unit.code, [codes[d.indicator_id] for d in c.discrepancies]) for c in result.consolidations
    ] == [("CT", ["R-MEM"])]


def test_rollup_by_sector(tree):
    season = build.standard_season(tree)
    result = rollup(season.form, tree.BT)
    sectors = {row.key: by_code(result, row.figures)["R-MEM"].value for row in result.by_sector}
    assert sectors == {"fdi": 100, "public_service": 10}


def test_a_report_whose_women_exceed_its_members_is_flagged(tree):
    made = build.form(tree.BT)
    build.report(made, tree.MAY, tree.CT, values={"R-MEM": 50, "R-WOMEN": 60})
    build.report(made, tree.THPT, tree.CT, values={"R-MEM": 50, "R-WOMEN": 20})
    result = rollup(made, tree.BT)
    assert [(f.unit.code, f.whole.code, f.parts_value, f.whole_value) for f in result.parts_flags] == [
        ("MAY", "R-MEM", 60, 50)
    ]
    # the group's totals (80 of 100) are fine
    assert result.total.parts_exceeding == []


def test_grassroots_rollup_is_its_own_report(tree):
    season = build.standard_season(tree)
    result = rollup(season.form, tree.MAY)
    assert by_code(result, result.total.figures)["R-MEM"].value == 100
    assert result.by_child == []


def test_rollup_reads_the_tree_of_the_period_end(tree, users):
    """A grassroots union moved to another district after the phase is still counted under its old district."""
    from thidua.orgs import actions as org_actions

    season = build.standard_season(tree)
    org_actions.move_unit(tree.THPT, tree.TPBT, by=users.admin, effective_on=datetime.date(2018, 1, 1))
    result = rollup(season.form, tree.BT)
    ct = next(row for row in result.by_child if row.unit.code == "CT")
    assert by_code(result, ct.figures)["R-MEM"].value == 110
    # and the district's own roll-up still holds it
    assert by_code(result, rollup(season.form, tree.CT).total.figures)["R-MEM"].value == 110


def test_rollup_query_count_does_not_grow_with_units(tree, django_assert_max_num_queries):
    season = build.standard_season(tree)
    with CaptureQueriesContext(connection) as small:
        rollup(season.form, tree.BT)
    # forty more grassroots unions under Châu Thành, each approved
    from thidua.orgs import actions as org_actions

    for n in range(40):
        unit = org_actions.create_unit(tree.CT, by=None, code=f"G{n}", name=f"Công đoàn cơ sở thử {n}",
                                       level="grassroots", sector="private", founded_on=datetime.date(2015, 1, 1))  # fmt: skip
        build.report(season.form, unit, tree.CT, values={"R-MEM": 10, "R-WORK": 20, "R-WOMEN": 3})
    with CaptureQueriesContext(connection) as large:
        result = rollup(season.form, tree.BT)
    assert by_code(result, result.total.figures)["R-MEM"].value == 110 + 400
    assert len(large) == len(small)

"""The roll-up of emulation registration: figures by title, child and sector, the units not registered, set-based."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.registrations.emulation_rollup import emulation_rollup, unregistered_units
from thidua.registrations.models import Award, Registration, RegistrationStatus

from .emulation_data import YEAR, registration, season


@pytest.fixture
def data(tree, people):
    return season(tree, people)


def test_totals_count_only_registrations_sent_to_the_level_above(tree, data):
    total = emulation_rollup(tree.BT, YEAR).total
    assert (total.expected, total.registered, total.acknowledged, total.not_registered) == (5, 2, 1, 3)
    assert (total.draft, total.returned, total.late) == (1, 1, 1)
    # Hào (two titles) and Đào of MAY, Mai of THPT: Võ Thị Hồng is only in a draft
    assert total.people == 3
    assert total.percent == 40


def test_titles_count_units_and_people_once_each(tree, data):
    rows = {row.award.code: (row.units, row.people) for row in emulation_rollup(tree.BT, YEAR).by_title}
    assert rows == {
        "cdcs-vung-manh": (1, 0),
        "lao-dong-tien-tien": (0, 3),
        "cstd-co-so": (0, 1),
        "tt-ld-tien-tien": (1, 0),
    }


def test_children_are_the_upper_level_unions_with_their_subtrees(tree, data):
    rows = {row.unit.code: row for row in emulation_rollup(tree.BT, YEAR).by_child}
    assert list(rows) == ["CT", "TPBT"]
    ct, tpbt = rows["CT"], rows["TPBT"]
    assert (ct.expected, ct.registered, ct.returned, ct.people) == (3, 2, 1, 3)
    assert (tpbt.expected, tpbt.registered, tpbt.draft, tpbt.people) == (2, 0, 1, 0)
    lao_dong = Award.objects.get(code="lao-dong-tien-tien").pk
    assert ct.person_titles == {lao_dong: 3, Award.objects.get(code="cstd-co-so").pk: 1}
    assert tpbt.person_titles == {}


def test_sectors_group_the_grassroots_unions(tree, data):
    rows = {
        row.key: (row.expected, row.registered, row.people)
        for row in emulation_rollup(tree.BT, YEAR).by_sector
    }
    assert rows == {"fdi": (1, 1, 2), "private": (1, 0, 0), "public_service": (1, 1, 1), "": (2, 0, 0)}


def test_other_branch_and_other_years_are_not_counted(tree, people, data):
    registration(tree.TPBT, RegistrationStatus.SUBMITTED, year=YEAR + 1)
    total = emulation_rollup(tree.BT, YEAR).total
    assert (total.expected, total.registered, total.people) == (5, 2, 3)
    national = emulation_rollup(tree.TLD, YEAR).total
    # the provinces themselves register with the confederation; GIAY and Phạm Văn Bình count there
    assert (national.expected, national.registered, national.people) == (9, 3, 4)


def test_units_not_registered_carry_their_state_in_tree_order(tree, data):
    rows = [(u.code, u.registration_state) for u in unregistered_units(tree.BT, YEAR)]
    assert rows == [("CT", "returned"), ("TPBT", None), ("DUA", "draft")]


def test_dissolved_units_and_archived_registrations_are_left_out(tree, data):
    from thidua.orgs.models import Unit

    Unit.objects.filter(pk=tree.DUA.pk).update(dissolved_on="2017-06-30")
    Registration.objects.filter(unit=tree.THPT).update(archived_at="2017-07-01T00:00:00Z")
    rows = [u.code for u in unregistered_units(tree.BT, YEAR)]
    assert rows == ["CT", "THPT", "TPBT"]
    total = emulation_rollup(tree.BT, YEAR).total
    assert (total.expected, total.registered, total.people) == (4, 1, 2)


def test_grassroots_union_has_nothing_below_it_to_roll_up(tree, data):
    summary = emulation_rollup(tree.MAY, YEAR)
    assert (summary.total.expected, summary.by_child, summary.by_title) == (0, [], [])
    assert list(unregistered_units(tree.MAY, YEAR)) == []


def test_rollup_costs_the_same_queries_at_one_and_many_units(tree, people, data):
    from thidua.orgs import actions as org_actions

    with CaptureQueriesContext(connection) as few:
        emulation_rollup(tree.BT, YEAR)
    for n in range(12):
        unit = org_actions.create_unit(tree.TPBT, by=None, code=f"X{n}", name=f"Công đoàn cơ sở Công ty Số {n}",
                                       level="grassroots", sector="private")  # fmt: skip
        registration(unit, RegistrationStatus.SUBMITTED)
    with CaptureQueriesContext(connection) as many:
        summary = emulation_rollup(tree.BT, YEAR)
    assert summary.total.registered == 14
    assert len(few) == len(many) == 7

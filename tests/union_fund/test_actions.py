"""The fund's write path: contributions and grants append to the ledger, a correction is a new entry naming the one
it corrects, archiving a grant voids its money by a correction; who may write, by relation to the book's unit."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from thidua.core.audit import history_of
from thidua.union_fund import actions
from thidua.union_fund.models import FundEntry
from thidua.union_fund.queries import balances, totals

from .builders import a_ward, contribution, house, officer_of

D = datetime.date
pytestmark = pytest.mark.django_db


def test_contribution_is_entered_with_its_receipt_and_audited(tree, users):
    entry = contribution(tree.CT, 2_500_000, by=users.district_leader, receipt="PT-2017/0001")
    assert (entry.kind, entry.amount, entry.year, entry.receipt_number) == ("contribution", 2_500_000, 2017,
                                                                            "PT-2017/0001")  # fmt: skip
    assert [e.action for e in history_of(entry)] == ["contribute"]


def test_contribution_from_a_unit_takes_its_name(tree, users):
    entry = actions.record_contribution(tree.CT, by=users.district_leader, amount=5_000_000,
                                        entry_date=D(2017, 4, 2), contributor_unit=tree.MAY,
                                        receipt_number="PT-7")  # fmt: skip
    assert entry.contributor_name == "Công đoàn cơ sở Công ty TNHH May Việt Tiến Bến Tre"


@pytest.mark.parametrize(("values", "field"), [
    ({"amount": 0}, "amount"), ({"amount": -5}, "amount"), ({"receipt_number": "  "}, "receipt_number"),
    ({"contributor_name": ""}, "contributor_name"), ({"entry_date": D(2999, 1, 1)}, "entry_date"),
])  # fmt: skip
def test_bad_contribution_names_the_field_and_writes_nothing(tree, values, field):
    data = {"amount": 1_000, "entry_date": D(2017, 1, 2), "contributor_name": "An", "receipt_number": "PT-1"}
    with pytest.raises(ValidationError) as error:
        actions.record_contribution(tree.CT, by=None, **{**data, **values})
    assert list(error.value.message_dict) == [field]
    assert not FundEntry.objects.exists()


def test_grant_keeps_its_place_and_pays_from_the_book(tree, users):
    grant = house(tree.CT, 45_000_000, by=users.district_leader)
    province, ward = a_ward()
    assert (grant.province_code, grant.ward_code) == (province, ward)
    assert grant.place.startswith("Ấp 3, ") and grant.place.endswith("Tỉnh Vĩnh Long")
    [entry] = grant.entries.all()
    assert (entry.kind, entry.amount, entry.entry_date) == ("grant", 45_000_000, D(2017, 4, 1))


def test_house_needs_its_ward_and_a_known_locality(tree):
    with pytest.raises(ValidationError) as error:
        actions.record_grant(tree.CT, by=None, kind="house_new", beneficiary_name="An", approval_number="1/QĐ",
                             approved_on=D(2017, 1, 1), amount=1_000)  # fmt: skip
    assert list(error.value.message_dict) == ["ward_code"]
    with pytest.raises(ValidationError) as error:
        actions.record_grant(tree.CT, by=None, kind="hardship", beneficiary_name="An", approval_number="1/QĐ",
                             approved_on=D(2017, 1, 1), amount=1_000, province_code="99x")  # fmt: skip
    assert list(error.value.message_dict) == ["province_code"]


def test_handover_cannot_precede_the_approval(tree):
    grant = house(tree.CT, handed=None)
    with pytest.raises(ValidationError) as error:
        actions.record_handover(grant, by=None, handed_over_on=D(2017, 3, 1))
    assert "trước ngày quyết định hỗ trợ (01/04/2017)" in error.value.message_dict["handed_over_on"][0]
    actions.record_handover(grant, by=None, handed_over_on=D(2017, 5, 20))
    grant.refresh_from_db()
    assert grant.handed_over_on == D(2017, 5, 20)


def test_correction_appends_the_difference_and_leaves_the_entry_untouched(tree, users):
    entry = contribution(tree.CT, 5_000_000)
    correction = actions.correct_entry(
        entry, by=users.district_leader, amount=500_000, reason="Thừa một chữ số 0"
    )
    entry.refresh_from_db()
    assert entry.amount == 5_000_000
    assert (correction.corrects_id, correction.amount, correction.year, correction.kind) == (
        entry.pk,
        -4_500_000,
        2017,
        "contribution",
    )
    assert actions.effective_amount(entry) == 500_000
    assert totals(FundEntry.objects.all()).contributions == 500_000
    again = actions.correct_entry(entry, by=None, amount=0, reason="Hủy: ghi trùng")
    assert again.amount == -500_000 and actions.effective_amount(entry) == 0


def test_correction_needs_a_reason_a_change_and_an_original(tree):
    entry = contribution(tree.CT, 1_000_000)
    with pytest.raises(ValidationError) as error:
        actions.correct_entry(entry, by=None, amount=2_000_000, reason=" ")
    assert list(error.value.message_dict) == ["reason"]
    with pytest.raises(ValidationError) as error:
        actions.correct_entry(entry, by=None, amount=1_000_000, reason="Lý do")
    assert list(error.value.message_dict) == ["amount"]
    correction = actions.correct_entry(entry, by=None, amount=2_000_000, reason="Lý do")
    with pytest.raises(ValidationError):
        actions.correct_entry(correction, by=None, amount=5, reason="Lý do")
    assert FundEntry.objects.count() == 2


def test_archiving_a_grant_voids_its_money_by_a_correction(tree, users):
    grant = house(tree.CT, 40_000_000)
    actions.archive_grant(grant, by=users.district_leader, reason="Ghi nhầm đối tượng")
    entries = list(grant.entries.order_by("id"))
    assert [e.amount for e in entries] == [40_000_000, -40_000_000]
    assert entries[1].corrects_id == entries[0].pk
    assert balances(users.district_leader, year=2017) == [{
        "unit_id": tree.CT.pk, "unit_name": tree.CT.name, "year": 2017, "contributions": 0, "grants": 0,
        "balance": 0, "sort_key": tree.CT.sort_key}]  # fmt: skip
    with pytest.raises(ValidationError):
        actions.record_handover(grant, by=None, handed_over_on=D(2017, 6, 1))


def test_balance_is_contributions_minus_grants_per_unit_and_year(tree, users):
    contribution(tree.CT, 60_000_000)
    contribution(tree.CT, 7_000_000, day=D(2018, 1, 5))
    house(tree.CT, 50_000_000)
    contribution(tree.MAY, 3_000_000)
    rows = {(r["unit_id"], r["year"]): r["balance"] for r in balances(users.province_officer)}
    assert rows == {
        (tree.CT.pk, 2017): 10_000_000,
        (tree.CT.pk, 2018): 7_000_000,
        (tree.MAY.pk, 2017): 3_000_000,
    }


def test_a_book_of_a_unit_that_ended_takes_entries_dated_before_its_end_only(tree):
    from thidua.orgs import actions as org_actions

    unit = org_actions.create_unit(tree.CT, by=None, code="OLD", name="Công đoàn cơ sở Cũ", level="grassroots",
                                   sector="private", founded_on=D(2015, 1, 1))  # fmt: skip
    org_actions.dissolve_unit(unit, by=None, effective_on=D(2018, 1, 1))
    unit.refresh_from_db()
    contribution(unit, day=D(2017, 5, 1))
    with pytest.raises(ValidationError):
        contribution(unit, day=D(2019, 5, 1))


# --- who may write, by relation to the book's unit (MAY: a grassroots union under CT under BT) -------------------

RELATIONS = [
    # relation, user, may write MAY's book
    ("own unit", "grassroots_officer", True),
    ("parent", "district_leader", True),
    ("ancestor", "province_officer", True),
    ("ancestor without the permission", "council_member", False),
    ("sibling", "thpt_officer", False),
    ("outsider", "outsider", False),
]


@pytest.mark.parametrize(("relation", "username", "allowed"), RELATIONS)
def test_writes_follow_the_relation_to_the_unit(tree, users, relation, username, allowed):
    officer_of(tree.THPT, "thpt_officer")
    from django.contrib.auth import get_user_model

    user = get_user_model().objects.get(username=username)
    entry = contribution(tree.MAY, 1_000_000)
    grant = house(tree.MAY)
    attempts = [
        lambda: contribution(tree.MAY, by=user),
        lambda: house(tree.MAY, by=user),
        lambda: actions.correct_entry(entry, by=user, amount=2_000_000, reason="Sửa"),
        lambda: actions.record_handover(grant, by=user, handed_over_on=D(2017, 7, 1)),
        lambda: actions.update_grant(grant, by=user, beneficiary_name="Võ Thị Hồng Nhung"),
        lambda: actions.archive_grant(grant, by=user, reason="Nhầm"),
    ]
    for attempt in attempts:
        if allowed:
            attempt()
        else:
            with pytest.raises(PermissionDenied):
                attempt()


def test_a_child_unit_does_not_write_its_parents_book(tree, users):
    with pytest.raises(PermissionDenied):
        contribution(tree.CT, by=users.grassroots_officer)
    entry = contribution(tree.CT)
    with pytest.raises(PermissionDenied):
        actions.correct_entry(entry, by=users.grassroots_officer, amount=5, reason="Sửa")

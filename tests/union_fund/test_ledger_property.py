"""The ledger's invariant over random histories: whatever contributions, grants, corrections and archived grants
happened, in any order, the balance of each unit and year that the set-based queries give equals the contributions
minus the grants of a plain model of the books — and no entry was ever changed after it was written."""

from __future__ import annotations

import datetime

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from thidua.union_fund import actions
from thidua.union_fund.models import FundEntry, Grant
from thidua.union_fund.queries import balances, report_by_upper, totals

from .builders import a_ward

D = datetime.date
BOOKS = ["CT", "MAY", "TPBT"]
YEARS = [2017, 2018]

amounts = st.integers(min_value=1, max_value=10**9)
operation = st.one_of(
    st.tuples(st.just("contribute"), st.sampled_from(BOOKS), st.sampled_from(YEARS), amounts),
    st.tuples(st.just("grant"), st.sampled_from(BOOKS), st.sampled_from(YEARS), amounts),
    st.tuples(
        st.just("correct"), st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=10**9)
    ),
    st.tuples(st.just("archive"), st.integers(min_value=0, max_value=50)),
)


@pytest.mark.django_db
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(history=st.lists(operation, min_size=1, max_size=25))
def test_balance_equals_contributions_minus_grants_over_random_histories(tree, users, history):
    with transaction.atomic():  # each example starts from empty books: its writes are rolled back at its end
        assert check_history(tree, users, history)  # the balances found equal the model of the history
        transaction.set_rollback(True)


def check_history(tree, users, history):
    units = {code: getattr(tree, code) for code in BOOKS}
    province, ward = a_ward()
    model: dict[int, dict] = {}  # original entry id -> {"unit", "year", "sign", "amount", "grant"}
    written: dict[int, tuple] = {}  # every entry as written: never changed afterwards
    archived: set[int] = set()
    for step in history:
        if step[0] == "contribute":
            _, code, year, amount = step
            entry = actions.record_contribution(units[code], by=users.province_officer, amount=amount,
                                                entry_date=D(year, 5, 1), contributor_name="An",
                                                receipt_number="PT")  # fmt: skip
            model[entry.pk] = {
                "unit": units[code].pk,
                "year": year,
                "sign": 1,
                "amount": amount,
                "grant": None,
            }
        elif step[0] == "grant":
            _, code, year, amount = step
            grant = actions.record_grant(units[code], by=users.province_officer, kind="house_repair",
                                         beneficiary_name="Bình", province_code=province, ward_code=ward,
                                         approval_number="1/QĐ", approved_on=D(year, 6, 1), amount=amount)  # fmt: skip
            entry = grant.entries.get()
            model[entry.pk] = {"unit": units[code].pk, "year": year, "sign": -1, "amount": amount,
                               "grant": grant.pk}  # fmt: skip
        elif step[0] == "correct" and model:
            _, index, amount = step
            pk = sorted(model)[index % len(model)]
            if model[pk]["grant"] in archived or model[pk]["amount"] == amount:
                continue
            actions.correct_entry(FundEntry.objects.get(pk=pk), by=users.province_officer, amount=amount,
                                  reason="Điều chỉnh", entry_date=D(2019, 1, 1))  # fmt: skip
            model[pk]["amount"] = amount
        elif step[0] == "archive":
            grant_ids = sorted(
                {m["grant"] for m in model.values() if m["grant"] and m["grant"] not in archived}
            )
            if not grant_ids:
                continue
            grant_id = grant_ids[step[1] % len(grant_ids)]
            actions.archive_grant(Grant.objects.get(pk=grant_id), by=users.province_officer, reason="Nhầm")
            archived.add(grant_id)
            for m in model.values():
                if m["grant"] == grant_id:
                    m["amount"] = 0
        for e in FundEntry.objects.all():
            snapshot = (e.unit_id, e.kind, e.entry_date, e.year, e.amount, e.corrects_id)
            assert written.setdefault(e.pk, snapshot) == snapshot  # append-only

    expected: dict[tuple[int, int], int] = {}
    for m in model.values():
        key = (m["unit"], m["year"])
        expected[key] = expected.get(key, 0) + m["sign"] * m["amount"]
    found = {(r["unit_id"], r["year"]): r["balance"] for r in balances(users.province_officer)}
    assert found == expected
    for r in balances(users.province_officer):
        assert r["balance"] == r["contributions"] - r["grants"]
    for year in YEARS:
        report = report_by_upper(users.province_officer, year)
        assert report.total.balance == sum(v for (_, y), v in expected.items() if y == year)
        assert totals(FundEntry.objects.filter(year=year)).balance == report.total.balance
    return found == expected

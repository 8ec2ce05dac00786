"""Fund records and users for the fund's tests, written through the actions."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from thidua.orgs import actions as org_actions
from thidua.union_fund import actions

D = datetime.date
MARCH_1, APRIL_1, JUNE_1 = D(2017, 3, 1), D(2017, 4, 1), D(2017, 6, 1)


def a_ward() -> tuple[str, str]:
    from thidua.orgs import localities

    province = next(code for code, name in localities.province_choices() if "Vĩnh Long" in name)
    return province, localities.ward_choices(province)[0][0]


def contribution(unit, amount=1_000_000, *, day=MARCH_1, name="Nguyễn Văn Tâm", receipt="PT-01", by=None):
    return actions.record_contribution(unit, by=by, amount=amount, entry_date=day, contributor_name=name,
                                       receipt_number=receipt)  # fmt: skip


def house(unit, amount=50_000_000, *, name="Võ Thị Hồng", approved=APRIL_1, handed=JUNE_1, by=None,
          kind="house_new"):  # fmt: skip
    province, ward = a_ward()
    return actions.record_grant(unit, by=by, kind=kind, beneficiary_name=name, province_code=province,
                                ward_code=ward, address="Ấp 3", approval_number="12/QĐ-LĐLĐ", approved_on=approved,
                                amount=amount, handed_over_on=handed)  # fmt: skip


def officer_of(unit, username: str, role: str = "officer"):
    user = get_user_model().objects.create_user(username=username, password="x")
    org_actions.grant_role(user, unit, role, by=None)
    return user

"""Enterprises for tests, through the real actions."""

from __future__ import annotations

import datetime
import itertools

from thidua.enterprises import actions, taxcode

D = datetime.date
_sequence = itertools.count(1000)
JANUARY_2017 = D(2017, 1, 5)


def tax_code(prefix: str = "13") -> str:
    while True:
        code = taxcode.make(prefix, next(_sequence))
        if code:
            return code


def enterprise(upper, *, name: str = "Công ty TNHH Chế biến Dừa Lương Quới", ownership: str = "private",
               by=None, today: datetime.date = JANUARY_2017, **fields):  # fmt: skip
    fields.setdefault("tax_code", tax_code())
    return actions.register_enterprise(
        by=by, upper_unit=upper, name=name, ownership=ownership, today=today, **fields
    )


def sibling_user(tree, django_user_model, role: str = "officer"):
    """An officer of TPBT, the sibling of CT."""
    from thidua.orgs import actions as org_actions

    user = django_user_model.objects.create_user("tpbt_officer", password="x")
    org_actions.grant_role(user, tree.TPBT, role, by=None)
    return user

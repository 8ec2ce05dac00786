"""Registers and decisions for the rewards tests, written through the actions."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from thidua.orgs import actions as org_actions
from thidua.rewards import actions
from thidua.rewards.actions import LineInput

D = datetime.date
YEAR_END_2017 = D(2017, 12, 20)


def register(issuer, *, year=2017, symbol="QĐ-LĐLĐ", mode="system", by=None, **kw):
    return actions.create_register(issuer, by=by, year=year, symbol=symbol, mode=mode, **kw)


def draft(
    reg, lines=(), *, by=None, decided_on=YEAR_END_2017, title="Về việc khen thưởng tổng kết năm 2017", **kw
):
    return actions.create_decision(reg, by=by, decided_on=decided_on, title=title, lines=list(lines), **kw)


def person_line(person, award="lao-dong-tien-tien", year=2017, **kw):
    return LineInput(award=award, year=year, person=person, **kw)


def unit_line(unit, award="tt-ld-tien-tien", year=2017, **kw):
    return LineInput(award=award, year=year, unit=unit, **kw)


def issued(reg, lines, *, by=None, number=None, **kw):
    return actions.issue_decision(draft(reg, lines, by=by, **kw), by=by, number=number)


def user_of(unit, username: str, role: str = "officer"):
    user = get_user_model().objects.create_user(username=username, password="x")
    org_actions.grant_role(user, unit, role, by=None)
    return user

"""Helpers for the catalog's tests: the shipped catalog (loaded by a migration; loaded again after a browser test
flushed the database) and a federation's own layer."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from thidua.orgs import actions as org_actions
from thidua.registrations import actions
from thidua.registrations.models import Award, Rule


def ensure_catalog() -> None:
    if not Rule.objects.filter(regulation__layer="state").exists():
        actions.load_catalog(by=None)


def federation_admin(unit, username: str):
    """A system administrator of ``unit`` (the standard tree has one only at the confederation)."""
    user = get_user_model().objects.create_user(username=username, password="x")
    org_actions.grant_role(user, unit, "admin", by=None)
    return user


def federation_layer(federation, *, by=None, number="115/QĐ-LĐLĐ", name=None, valid_from=datetime.date(2018, 1, 1),
                     award="cstd-co-so", **rule_fields):  # fmt: skip
    """A regulation of ``federation``'s own layer with one rule on ``award``."""
    ensure_catalog()
    regulation = actions.create_regulation(
        federation, by=by, number=number, name=name or f"Quy chế khen thưởng của {federation.name}",
        valid_from=valid_from, mark="VERIFIED",
    )  # fmt: skip
    rule = actions.create_rule(regulation, by=by, award=Award.objects.get(code=award), **rule_fields)
    return regulation, rule


# --- emulation registration -------------------------------------------------------------------------------------


def award(code: str) -> Award:
    return Award.objects.get(code=code)


def registration_plan(issuer=None, *, year: int = 2017):
    """An issued plan of ``issuer`` (by default the province of Bến Tre) whose first phase opens registration."""
    from tests.plans.builders import issued_plan
    from thidua.orgs.models import Unit

    return issued_plan(issuer or Unit.objects.get(code="BT"), year=year)


def open_registration(unit, *, by=None, year: int = 2017, plan=None, today=datetime.date(2017, 1, 10)):
    return actions.open_registration(unit, by=by, year=year, plan=plan, today=today)


def filled_registration(unit, people, *, by=None, plan=None, today=datetime.date(2017, 1, 10)):
    """A registration of ``unit`` with one collective title and each of ``people`` aiming for Lao động tiên tiến."""
    registration = open_registration(unit, by=by, plan=plan, today=today)
    actions.save_registration(
        registration, by=by,
        targets=[{"award": award("cdcs-vung-manh"), "targets": "Đạt danh hiệu CĐCS vững mạnh"}],
        people=[{"person": p, "award": award("lao-dong-tien-tien"), "position": "Công nhân"} for p in people],
    )  # fmt: skip
    return registration


def submitted_registration(unit, people, *, by=None, plan=None, today=datetime.date(2017, 1, 10)):
    registration = filled_registration(unit, people, by=by, plan=plan, today=today)
    return actions.submit_registration(registration, by=by, today=today)

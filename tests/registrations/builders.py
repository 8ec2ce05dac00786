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

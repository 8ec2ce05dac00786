"""Builders for the reports tests: an issued plan of LĐLĐ Bến Tre, a published form, users of other units."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from tests.plans.builders import issued_plan
from thidua.orgs import actions as org_actions
from thidua.reports import actions
from thidua.reports.models import ExpectedReport, Indicator

CODES = ["TC01", "TC01.NU", "TC02", "TC02.NU", "TC03", "TC04", "TD04", "TD05", "TD06", "TD07", "CL03"]


def plan_of(unit, **fields):
    return issued_plan(unit, **fields)


def form_for(unit, *, codes=None, levels=None, due_on=None, publish=True, required=(), plan=None):
    """A report form of phase 1 of ``unit``'s 2017 plan, due ``due_on`` (by default 30 days from today, so entry is
    open), published unless told otherwise."""
    plan = plan or plan_of(unit)
    phase = plan.phases.order_by("order").first()
    indicators = [Indicator.objects.get(code=code) for code in (codes or CODES)]
    form = actions.create_form(phase, by=None, indicators=indicators, levels=levels or ["upper", "grassroots"],
                               due_on=due_on or timezone.localdate() + datetime.timedelta(days=30),
                               required=set(required))  # fmt: skip
    if publish:
        actions.publish_form(form, by=None)
        form.refresh_from_db()
    return form


def report(form, unit) -> ExpectedReport:
    return ExpectedReport.objects.get(form=form, unit=unit)


def user_of(unit, username: str, role: str = "officer"):
    user = get_user_model().objects.create_user(username=username, password="x")
    org_actions.grant_role(user, unit, role, by=None)
    return user


def approved(report, *, approver, entries=None, submitter=None):
    """Fill, submit and approve ``report``."""
    actions.save_values(
        report, by=submitter, entries=entries or {"TC01": {"value": 10}, "TC02": {"value": 8}}
    )
    actions.submit_report(report, by=submitter)
    return actions.approve_report(report, by=approver)

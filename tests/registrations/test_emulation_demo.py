"""The demo's 2017 registration season, on the standard tree: every path of the workflow, events consistent with
each registration's status and dates, late ones with a consent, rows that pass the check of the 2017 catalog."""

from __future__ import annotations

import datetime

import pytest

from thidua.plans.demo import load_demo_plans
from thidua.plans.models import Plan
from thidua.registrations import emulation_queries as queries
from thidua.registrations.demo import emulation as demo
from thidua.registrations.models import Registration, RegistrationDeadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(tree):
    load_demo_plans(tree.BT, by=None)
    plan = Plan.objects.get(issuer=tree.BT, year=2017, number=13)
    return demo.load_season(tree.BT, plan), plan


def test_season_registers_the_units_of_2017_with_consistent_events(season, tree):
    counts, plan = season
    registrations = list(Registration.objects.filter(plan=plan).prefetch_related("events"))
    assert counts["registrations"] == len(registrations) >= 1
    units = {r.unit.code for r in registrations}
    assert units <= {"CT", "MAY", "THPT", "TPBT", "DUA"}
    for r in registrations:
        actions = [e.action for e in r.events.all()]
        assert actions[0] == "open"
        assert [e.at for e in r.events.all()] == sorted(e.at for e in r.events.all())
        assert r.events.all()[len(actions) - 1].to_status == r.status
        if r.status == "acknowledged":
            assert actions[-1] == "acknowledge" and r.acknowledged_at is not None
        if r.late:
            assert r.late_consent is not None and r.submitted_at.date() > r.deadline
            assert r.submitted_at.date() <= r.late_consent.until
        elif r.submitted_at is not None:
            assert r.submitted_at.date() <= r.deadline
        assert queries.check_registration(r).errors == []


def test_schools_register_by_school_year(season, tree):
    assert queries.deadline_for(tree.THPT, 2017) == datetime.date(2017, 10, 20)
    assert queries.deadline_for(tree.MAY, 2017) == datetime.date(2017, 3, 15)
    assert RegistrationDeadline.objects.filter(federation=tree.BT).count() == 2

"""The "received to deploy" list shows the day each unit really received a plan: the plan's issue date, not the day
the system put it in the inbox (a plan of 2017 entered in 2026 was received in 2017)."""

from __future__ import annotations

import datetime
import importlib

from django.apps import apps
from django.utils import timezone

from tests.plans.builders import issued_plan
from thidua.core.dates import format_date
from thidua.plans import queries
from thidua.plans.models import PlanDelivery

D = datetime.date
fill_received_on = importlib.import_module(
    "thidua.plans.migrations.0003_plandelivery_received_on"
).fill_received_on


def test_a_plan_is_received_on_its_issue_date(tree):
    plan = issued_plan(tree.BT)
    assert sorted(PlanDelivery.objects.filter(plan=plan).values_list("unit__code", "received_on")) == [
        ("CT", D(2017, 2, 22)),
        ("TPBT", D(2017, 2, 22)),
    ]


def test_the_inbox_shows_the_day_received_not_today(tree, users, client_for):
    plan = issued_plan(tree.BT)
    today = format_date(timezone.localdate())
    page = client_for(users.district_leader).get("/ke-hoach/").content.decode()
    inbox = page[page.index('id="inbox"') : page.index('id="own-plans"')]
    assert plan.number_display in inbox
    assert "22/02/2017" in inbox
    assert today not in inbox


def test_the_inbox_lists_what_the_users_own_units_received_newest_first(tree, users):
    older = issued_plan(tree.BT)
    newer = issued_plan(tree.BT, year=2018, number=2, date=D(2018, 1, 15))
    rows = list(queries.inbox(users.district_leader))
    assert [(d.plan, d.unit.code, d.received_on) for d in rows] == [
        (newer, "CT", D(2018, 1, 15)),
        (older, "CT", D(2017, 2, 22)),
    ]
    assert (
        list(queries.inbox(users.grassroots_officer)) == []
    )  # MAY received nothing: CT's inbox is not its own
    assert list(queries.inbox(users.outsider)) == []


def test_the_migration_gives_existing_deliveries_their_plans_date(tree):
    plan = issued_plan(tree.BT)
    PlanDelivery.objects.filter(plan=plan).update(
        received_on=D(2026, 12, 5)
    )  # as the field's first fill left it
    fill_received_on(apps, None)
    assert set(PlanDelivery.objects.filter(plan=plan).values_list("received_on", flat=True)) == {
        D(2017, 2, 22)
    }

"""The activities' demo: activities of 2017 tied to the province plan's movements and phases; idempotent."""

import datetime

from thidua.activities.demo import load_demo_activities
from thidua.activities.models import Activity
from thidua.plans.actions import issue_plan

from ..plans.builders import draft_plan


def test_demo_builds_activities_of_the_plan_once(tree):
    plan = issue_plan(draft_plan(tree.BT, by=None), by=None, date=datetime.date(2017, 2, 22))
    assert load_demo_activities(plan, [tree.CT, tree.TPBT], count=20) == {"activities": 20}
    assert Activity.objects.filter(phase__plan=plan).count() >= 10
    assert not Activity.objects.exclude(plan=plan).exclude(plan__isnull=True).exists()
    assert all(a.women <= a.participants for a in Activity.objects.all())
    assert load_demo_activities(plan, [tree.CT, tree.TPBT], count=20) == {"activities": 0}

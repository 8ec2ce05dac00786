import datetime

import pytest

from thidua.core.models import AuditEvent
from thidua.plans import queries
from thidua.plans.demo import load_demo_plans
from thidua.plans.models import Plan

D = datetime.date
pytestmark = pytest.mark.django_db


def test_demo_imports_the_reference_plan_and_builds_a_cascade(tree, users):
    summary = load_demo_plans(tree.BT, by=None)
    plan = Plan.objects.get(pk=summary["plan"])
    assert (plan.number_display, plan.status, plan.date, plan.issuer) == (
        "13/KH-LĐLĐ",
        "issued",
        D(2017, 2, 22),
        tree.BT,
    )
    assert plan.measures.count() == 16
    assert plan.purposes.startswith("Động viên cán bộ, đoàn viên, CNVCLĐ trong tỉnh")
    assert plan.closing.startswith("Trên đây là những nội dung phát động phong trào thi đua")
    assert list(plan.phases.values_list("report_due", flat=True)) == [D(2017, 9, 10), D(2017, 12, 15)]
    rows = queries.deployment_status(plan)
    assert [(r.unit.code, r.state) for r in rows] == [("CT", "issued"), ("TPBT", "none")]
    assert [(r.unit.code, r.state) for r in queries.deployment_status(plan, tree.CT)] == [
        ("MAY", "issued"), ("THPT", "issued")]  # fmt: skip
    assert (summary["created"], summary["issued"], summary["drafts"]) == (1, 3, 0)


def test_demo_runs_twice_without_writing(tree):
    first = load_demo_plans(tree.BT, by=None)
    plans, events = Plan.objects.count(), AuditEvent.objects.count()
    again = load_demo_plans(tree.BT, by=None)
    assert (again["plan"], again["created"]) == (first["plan"], 0)
    assert (Plan.objects.count(), AuditEvent.objects.count()) == (plans, events)

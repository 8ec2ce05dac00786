"""The demo registry on the standard tree: valid tax codes, a consistent 2017 path, unions founded through orgs'
action, officers per area, inspections with closed and overdue recommendations; a second run writes nothing."""

import pytest
from django.utils import timezone

from thidua.enterprises import demo, taxcode
from thidua.enterprises.models import AreaAssignment, Enterprise, Inspection, Recommendation, Stage
from thidua.orgs.models import UnitEvent

pytestmark = pytest.mark.django_db


def test_the_demo_registry_is_consistent_and_idempotent(tree, users):
    counts = demo.load_registry(tree.BT, count=80)
    firms = list(Enterprise.objects.select_related("union_unit", "upper_unit").prefetch_related("events"))
    assert counts["enterprises"] == len(firms) == 80
    assert len({f.name for f in firms}) == 80
    assert all(taxcode.is_valid(f.tax_code) and f.tax_code.startswith("13") for f in firms)
    assert {f.upper_unit.code for f in firms} == {"CT", "TPBT"}
    stages = {f.stage for f in firms}
    assert {Stage.NOT_SURVEYED, Stage.SURVEYED, Stage.MOBILISING} <= stages
    founded = [f for f in firms if f.stage == Stage.FOUNDED]
    assert founded, "some enterprises are founded into unions in 2017"
    for firm in founded:
        union = firm.union_unit
        assert union.founded_on.year == 2017 and union.path.startswith(firm.upper_unit.path)
        assert UnitEvent.objects.get(unit=union, kind="founded").decision.endswith("/2017")
    for firm in firms:
        days = [e.on for e in firm.events.all()]
        assert days == sorted(days)
    assert AreaAssignment.objects.filter(officer=users.district_leader, ended_on__isnull=True).count() > 0
    assert Inspection.objects.count() >= 2
    today = timezone.localdate()
    assert (
        Recommendation.objects.overdue(today).exists()
        and Recommendation.objects.filter(status="closed").exists()
    )
    before = (Enterprise.objects.count(), AreaAssignment.objects.count(), Inspection.objects.count())
    assert demo.load_registry(tree.BT, count=80) == counts
    assert (Enterprise.objects.count(), AreaAssignment.objects.count(), Inspection.objects.count()) == before

"""The congresses' demo: grassroots congresses of the 2017–2022 term scheduled by their upper-level union, most held,
some late or overdue, some never scheduled; the upper-level unions' own; written through the actions; idempotent."""

from thidua.congresses import demo
from thidua.congresses.models import Congress
from thidua.core.models import AuditEvent


def test_demo_builds_the_2017_term_once(tree):
    result = demo.load_demo_congresses(tree.BT, [tree.CT, tree.TPBT])
    assert result["scheduled"] + result["unscheduled"] == 3 + 2  # three grassroots unions, two federations
    assert Congress.objects.filter(unit__in=[tree.CT, tree.TPBT], status="held").count() == 2
    assert AuditEvent.objects.filter(action="schedule").count() == result["scheduled"]
    events = AuditEvent.objects.count()
    empty = {"scheduled": 0, "held": 0, "late": 0, "unscheduled": 0}
    assert demo.load_demo_congresses(tree.BT, [tree.CT, tree.TPBT]) == empty
    assert AuditEvent.objects.count() == events

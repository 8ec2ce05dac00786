"""The demo's research topics and congress works: every stage present, written through the actions, idempotent."""

from collections import Counter

from thidua.core.models import AuditEvent
from thidua.registrations.demo.works import load_demo_works
from thidua.registrations.models import CongressWork, ResearchTopic


def test_demo_builds_topics_and_works_at_every_stage_once(tree):
    units = [tree.MAY, tree.THPT, tree.DUA]
    assert load_demo_works(units, topics=40, works=60) == {"topics": 40, "works": 60}
    statuses = Counter(ResearchTopic.objects.values_list("status", flat=True))
    assert statuses == {"accepted": 20, "in_progress": 8, "registered": 4, "not_accepted": 4, "stopped": 4}
    assert Counter(CongressWork.objects.values_list("status", flat=True)) == {
        "completed": 37, "in_progress": 8, "registered": 8, "cancelled": 7,
    }  # fmt: skip
    assert ResearchTopic.objects.filter(lead__isnull=False).exists()
    assert AuditEvent.objects.filter(action="accept").count() == statuses["accepted"]
    events = AuditEvent.objects.count()
    assert load_demo_works(units, topics=40, works=60) == {"topics": 0, "works": 0}
    assert AuditEvent.objects.count() == events

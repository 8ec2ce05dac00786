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


def test_demo_events_are_dated_along_the_season(tree):
    """Each step is dated when it happened in the 2017–2018 season (not when the demo was loaded), in order, and
    matches the record's own dates."""
    from thidua.registrations.models import CongressWorkEvent, ResearchTopicEvent

    load_demo_works([tree.MAY, tree.THPT, tree.DUA], topics=40, works=60)
    for model in (ResearchTopicEvent, CongressWorkEvent):
        years = Counter(model.objects.values_list("at__year", flat=True))
        assert set(years) <= {2017, 2018, 2019}, (model, years)
    for topic in ResearchTopic.objects.prefetch_related("events"):
        moments = [e.at for e in topic.events.all()]
        assert moments == sorted(moments)
        assert topic.created_at == moments[0]
        at = {e.action: e.at.date() for e in topic.events.all()}
        assert at["register"] <= topic.start_on
        if "start" in at:
            assert at["start"] == topic.start_on
        if topic.status == "accepted":
            assert at["accept"] == topic.decision_date
    for work in CongressWork.objects.prefetch_related("events"):
        at = {e.action: e.at.date() for e in work.events.all()}
        assert at["register"].year == 2017
        if work.status == "completed":
            assert at["start"] < at["complete"] == work.completed_on

"""The eligibility demo: ratings, exclusions of every kind and one override at one union, through the actions where
they are audited; idempotent; the verdicts show them."""

import pytest

from thidua.core.models import AuditEvent
from thidua.eligibility.demo import load_demo_eligibility
from thidua.eligibility.engine import judge
from thidua.eligibility.models import Outcome, Override

from .records import many_people

pytestmark = pytest.mark.django_db


def test_demo_builds_the_facts_once(tree):
    many_people(tree.MAY, 12)
    result = load_demo_eligibility(tree.MAY)
    assert result == {"ratings": 30, "exclusions": 5}
    override = Override.objects.get()
    assert override.outcome == Outcome.ELIGIBLE and "khiển trách" in override.reason
    assert judge(override.person, "lao-dong-tien-tien", 2017).outcome == Outcome.ELIGIBLE
    events = AuditEvent.objects.count()
    assert load_demo_eligibility(tree.MAY) == {"ratings": 0, "exclusions": 0}
    assert AuditEvent.objects.count() == events

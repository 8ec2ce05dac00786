"""The demo's initiatives: every stage, authors' shares adding to 100 %, near-duplicates across branches sent up to
the unit above both, and a second run that changes nothing."""

from __future__ import annotations

from collections import Counter

import pytest
from django.db.models import Sum

from thidua.orgs import actions as org_actions
from thidua.registrations.demo import initiatives as demo
from thidua.registrations.models import DuplicateCheck, Initiative, InitiativeAuthor

pytestmark = pytest.mark.django_db


def test_demo_initiatives_at_every_stage_with_near_duplicates(tree, monkeypatch):
    # a small province of grassroots unions coded like the demo's, under two upper unions
    for upper in (tree.CT, tree.TPBT):
        for i in range(6):
            org_actions.create_unit(upper, by=None, code=f"BTR-{upper.code}{i}", name=f"Công đoàn cơ sở Công ty số {i}",
                                    level="grassroots", sector="private")  # fmt: skip
    monkeypatch.setattr(demo, "UNIQUE", 60)
    monkeypatch.setattr(demo, "NEAR_DUPLICATES", 6)
    result = demo.build()
    assert result == {"initiatives": 66, "checks": 6, "created": 66}
    statuses = Counter(Initiative.objects.values_list("status", flat=True))
    assert set(statuses) == {"registered", "applied", "reviewed", "recognised", "not_recognised"}
    totals = set(
        InitiativeAuthor.objects.values("initiative").annotate(t=Sum("share")).values_list("t", flat=True)
    )
    assert totals == {100}
    recognised = Initiative.objects.filter(status="recognised")
    assert (
        not recognised.filter(decision_number="").exists() and not recognised.filter(effect_scope="").exists()
    )
    for check in DuplicateCheck.objects.select_related("initiative__unit", "match__unit", "reviewer_unit"):
        assert check.score >= 80 and check.sent_up
        assert check.initiative.unit.path[:12] != check.match.unit.path[:12]  # another upper union's branch
        assert check.reviewer_unit == tree.BT
    assert demo.build() == {"initiatives": 66, "created": 0}

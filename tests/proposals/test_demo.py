"""The proposals' demo: a 2017 season at two levels (council session with paper ballots, decisions with their
money, one revocation, a duplicate route, a late draft) and a small 2026 season; written through the actions;
idempotent."""

import datetime

from thidua.core.models import AuditEvent
from thidua.orgs import actions as org_actions
from thidua.plans.models import Phase, Plan
from thidua.proposals import queries
from thidua.proposals.demo import OWN_MONEY, load_demo_proposals
from thidua.proposals.models import Nominee, NomineeResult, Proposal, ProposalStatus
from thidua.rewards.models import AwardRecord, Decision


def test_demo_builds_the_seasons_once(tree, people):
    for i in range(5):
        org_actions.create_person(by=None, unit=tree.MAY, full_name=f"Công Nhân May Số {i + 1}",
                                  joined_on=datetime.date(2016, 1, 1))  # fmt: skip
    members = [org_actions.create_person(by=None, unit=tree.THPT, full_name=f"Ủy Viên Số {i + 1}",
                                         joined_on=datetime.date(2016, 1, 1)) for i in range(4)]  # fmt: skip
    workers = list(tree.MAY.people.order_by("sort_key", "id"))
    plan = Plan.objects.create(issuer=tree.BT, number=13, symbol="KH-LĐLĐ", year=2017, title="Kế hoạch")
    phase = Phase.objects.create(plan=plan, order=2, name="Đợt 2", start=datetime.date(2017, 5, 1),
                                 end=datetime.date(2017, 11, 30), report_due=datetime.date(2017, 12, 15))  # fmt: skip
    kwargs = {"district": tree.CT, "province": tree.BT, "siblings": [tree.THPT], "members": members,
              "federations": {tree.BT: OWN_MONEY["BTR"]}}  # fmt: skip
    result = load_demo_proposals(tree.MAY, workers, **kwargs)
    assert result == {"proposals": 6, "decisions": 3, "revoked": 1}
    first = Proposal.objects.get(unit=tree.MAY, year=2017)
    assert first.status == ProposalStatus.DONE and first.forwarded_as.unit == tree.CT
    results = sorted(first.nominees.values_list("result", flat=True))
    assert results == ["approved"] * 3 + ["forwarded"] * 2 + ["not_approved"]
    assert Nominee.objects.filter(agenda_item__isnull=False).count() == 4
    district = Decision.objects.get(issuer=tree.CT)
    assert [line.amount for line in district.lines.all()] == [200_000] * 3  # 0,15 × 1.300.000 rounded up
    province = Decision.objects.get(issuer=tree.BT)
    assert [line.amount for line in province.lines.all()] == [390_000] * 2  # 0,3 × 1.300.000
    assert AwardRecord.objects.filter(revoked__isnull=False).count() == 1
    chain = list(Nominee.objects.filter(proposal__year=2017, proposal__unit=tree.CT))
    assert any(queries.duplicates_for(chain).values())  # the district's own route for the same Bằng khen
    # Timeliness against the plan's phase, sent as on the season's days: the factory on time, the district late.
    upper = first.forwarded_as
    assert (first.phase, upper.phase, upper.deadline) == (phase, phase, datetime.date(2017, 12, 15))
    sent = (first.sent_at.date(), upper.sent_at.date())
    assert sent == (datetime.date(2017, 12, 5), datetime.date(2017, 12, 18))
    late = set(Proposal.objects.filter(queries.late_q(), year=2017).values_list("unit", flat=True))
    assert late == {tree.CT.pk, tree.THPT.pk}  # the district sent late; the sibling's draft never sent
    assert Proposal.objects.filter(year=2026, status=ProposalStatus.RECEIVED).count() == 1
    assert Nominee.objects.filter(proposal__year=2026, result=NomineeResult.APPROVED).count() == 3
    events = AuditEvent.objects.count()
    assert load_demo_proposals(tree.MAY, workers, **kwargs) == {"proposals": 0, "decisions": 0, "revoked": 0}
    assert AuditEvent.objects.count() == events

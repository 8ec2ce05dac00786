"""The rewards demo: a 2017 register numbered from 45, a year-end decision with its money, one revocation;
written through the actions; idempotent."""

from thidua.core.models import AuditEvent
from thidua.rewards.demo import load_demo_rewards
from thidua.rewards.models import AwardRecord, Decision, DecisionLine


def test_demo_builds_the_2017_decision_once(tree, people):
    staff = [people.tran_hao, people.nguyen_dao, people.le_duc]
    result = load_demo_rewards(tree.BT, staff, [tree.MAY, tree.DUA])
    assert result == {"decisions": 1, "lines": 6, "revoked": 1}
    decision = Decision.objects.exclude(kind="revocation").get()
    assert (decision.reference, decision.status) == ("45/QĐ-LĐLĐ", "issued")
    amounts = {
        (line.person_id or line.unit_id, line.award.code): line.amount for line in DecisionLine.objects.all()
    }
    assert amounts[(people.tran_hao.pk, "lao-dong-tien-tien")] == 0  # also Chiến sĩ thi đua cơ sở
    assert amounts[(people.tran_hao.pk, "cstd-co-so")] == 1_300_000
    assert amounts[(people.nguyen_dao.pk, "lao-dong-tien-tien")] == 390_000
    revoked = AwardRecord.objects.get(revoked__isnull=False)
    assert (revoked.person, revoked.revoked.amount_to_recover) == (people.le_duc, 390_000)
    # revoked by a numbered decision of revocation of the 2018 register
    assert (revoked.revoked.decision.reference, revoked.revoked.decision.kind) == ("12/QĐ-LĐLĐ", "revocation")
    events = AuditEvent.objects.count()
    assert load_demo_rewards(tree.BT, staff, [tree.MAY]) == {"decisions": 0, "lines": 0, "revoked": 0}
    assert AuditEvent.objects.count() == events

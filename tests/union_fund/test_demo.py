"""The fund's demo: the 2017 books of a province and its upper-level unions, with houses, corrections and photos,
written through the actions; the balance is contributions minus grants; idempotent."""

from thidua.core.models import Attachment, AuditEvent
from thidua.union_fund.demo import load_demo_fund
from thidua.union_fund.models import FundEntry, Grant
from thidua.union_fund.queries import totals


def test_demo_builds_the_2017_books_once(tree):
    result = load_demo_fund(tree.BT, [tree.CT, tree.TPBT])
    assert result == {"entries": 18, "houses": 3, "corrections": 3}
    assert FundEntry.objects.filter(corrects__isnull=False).count() == 3
    assert Grant.objects.filter(handed_over_on__isnull=False).count() == 3
    assert (
        Attachment.objects.filter(original_name__endswith=".png").count() == 1
    )  # a photo of a house handed over
    sums = totals(FundEntry.objects.all())
    assert sums.balance == sums.contributions - sums.grants > 0
    assert AuditEvent.objects.filter(action="correct").count() == 3
    events = AuditEvent.objects.count()
    assert load_demo_fund(tree.BT, [tree.CT, tree.TPBT]) == {"entries": 0, "houses": 0, "corrections": 0}
    assert AuditEvent.objects.count() == events

"""The councils' demo: the province's 2017 council, its December session voted through the actions, one recusal,
the results; idempotent."""

from thidua.core.models import AuditEvent
from thidua.councils.demo import load_demo_council
from thidua.councils.models import AgendaItem, Ballot, Recusal, VoteCast
from thidua.orgs import actions as org_actions


def test_demo_builds_the_2017_session_once(tree):
    for i in range(8):
        org_actions.create_person(
            by=None, unit=tree.DUA if i % 2 else tree.THPT, full_name=f"Người Minh Họa {i}"
        )
    result = load_demo_council(tree.BT, tree.MAY)
    assert result == {"members": 7, "items": 4, "passed": 3}
    assert Recusal.objects.count() == 1 and Recusal.objects.get().item.collective == tree.MAY
    assert VoteCast.objects.count() == Ballot.objects.count() == 6 * 4 - 1
    results = list(AgendaItem.objects.order_by("position").values_list("result", "yes_count", "written_yes"))
    assert results == [("passed", 6, 1), ("passed", 5, 1), ("passed", 5, 1), ("not_passed", 3, 0)]
    events = AuditEvent.objects.count()
    assert load_demo_council(tree.BT, tree.MAY) == {"members": 0, "items": 0, "passed": 0}
    assert AuditEvent.objects.count() == events

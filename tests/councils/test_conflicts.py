"""Conflicts of interest from the tree: a member working in the nominee's unit or below it, or the nominee
themself, recuses; a member from above, beside or elsewhere does not."""

from __future__ import annotations

import pytest

from thidua.councils import actions
from thidua.councils.models import Choice, Recusal, RecusalReason
from thidua.councils.queries import session_view

from .builders import council_of, session_of


@pytest.mark.parametrize(
    ("member_unit", "reason"),
    [
        ("MAY", RecusalReason.OWN_UNIT),  # own unit
        ("CT", None),  # parent
        ("BT", None),  # ancestor
        ("THPT", None),  # sibling
        ("GIAY", None),  # outsider (another province)
    ],
)
def test_conflict_with_a_person_of_may(tree, people, member_unit, reason):
    council, members = council_of(tree.BT, 3, member_units=[tree.BT, tree.BT, getattr(tree, member_unit)])
    session, (item,) = session_of(council, members, items=[{"person": people.tran_hao}])
    conflicts = session_view(session).items[0].conflicts
    assert conflicts == ({members[2].pk: reason} if reason else {})


def test_member_of_a_child_unit_conflicts_with_its_parent_collective(tree):
    """The nominee is LĐLĐ Châu Thành (a collective); a member working in CĐCS May (its child) recuses."""
    council, members = council_of(tree.BT, 3, member_units=[tree.BT, tree.BT, tree.MAY])
    session, (item,) = session_of(council, members, items=[{"collective": tree.CT}])
    assert session_view(session).items[0].conflicts == {members[2].pk: RecusalReason.OWN_UNIT}


def test_the_nominee_themself_recuses(tree, people):
    council, members = council_of(tree.BT, 3)
    actions.update_member(members[2], by=None, unit=tree.BT)
    members[2].person = people.vo_hong
    members[2].save()  # the nominee sits on the council (arranged directly)
    session, (item,) = session_of(council, members, items=[{"person": people.vo_hong}])
    assert session_view(session).items[0].conflicts == {members[2].pk: RecusalReason.NOMINEE}
    actions.open_voting(session, by=None)
    assert Recusal.objects.get(item=item).reason == RecusalReason.NOMINEE


def test_flags_before_opening_become_recusals_and_a_declared_one_is_added(tree, people):
    council, members = council_of(tree.BT, 4, member_units=[tree.BT, tree.BT, tree.BT, tree.MAY])
    session, items = session_of(
        council, members, items=[{"person": people.tran_hao}, {"person": people.vo_hong}]
    )
    view = session_view(session)
    assert view.items[0].recused == {members[3].pk: RecusalReason.OWN_UNIT}  # flagged, not yet recorded
    assert not Recusal.objects.exists()
    actions.record_recusal(items[1], members[2], by=members[1].user, note="Người thân của người được đề nghị")
    actions.open_voting(session, by=None)
    assert set(Recusal.objects.values_list("item_id", "member_id", "reason")) == {
        (items[0].pk, members[3].pk, RecusalReason.OWN_UNIT),
        (items[1].pk, members[2].pk, RecusalReason.DECLARED),
    }
    actions.cast_ballots(session, by=members[0].user, choices={items[1].pk: Choice.AGREE})
    with pytest.raises(Exception, match="đã bỏ phiếu"):
        actions.record_recusal(items[1], members[0], by=None)

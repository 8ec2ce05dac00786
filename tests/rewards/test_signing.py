"""Issuing and revoking are the signer's acts: the leader (chủ tịch / phó chủ tịch) of the issuing unit itself.

Officers draft; a leader above does not sign for the unit below; after a merger the leader of the unit it merged
into signs for it. Tested against the acting user's relation to the issuer, through the actions and the pages:
own leader, own officer, parent, ancestor, sibling, child, outsider (404 where the decision is not visible).
"""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.orgs import actions as org_actions
from thidua.orgs.models import EndKind
from thidua.rewards import actions
from thidua.rewards.models import AwardRecord, Decision

from .builders import draft, issued, person_line, register, user_of

D = datetime.date
pytestmark = pytest.mark.django_db

# relation to the issuer (LĐLĐ huyện Châu Thành) → who, and what a page answers to an issue/revoke post
RELATIONS = {
    "own_leader": ("CT", "leader", 302),
    "own_officer": ("CT", "officer", 403),
    "parent_leader": ("BT", "leader", 403),
    "ancestor_leader": ("TLD", "leader", 403),
    "ancestor_admin": ("TLD", "admin", 403),
    "sibling_leader": ("TPBT", "leader", 404),
    "child_leader": ("THPT", "leader", 404),
    "outsider_leader": ("TV", "leader", 404),
}


@pytest.fixture
def district(tree):
    return register(tree.CT, symbol="QĐ-LĐLĐH", place="Châu Thành")


def _acting(tree, relation):
    code, role, _status = RELATIONS[relation]
    return user_of(getattr(tree, code), f"u_{relation}", role)


@pytest.mark.parametrize("relation", RELATIONS)
def test_issuing_through_the_action(district, tree, people, relation):
    user = _acting(tree, relation)
    decision = draft(district, [person_line(people.tran_hao)])
    if RELATIONS[relation][2] == 302:
        assert actions.issue_decision(decision, by=user).reference == "1/QĐ-LĐLĐH"
        assert AuditEvent.objects.filter(action="issue_decision", actor=user).count() == 1
        return
    with pytest.raises(PermissionDenied):
        actions.issue_decision(decision, by=user)
    decision.refresh_from_db()
    assert (decision.status, decision.number, AwardRecord.objects.count()) == ("draft", None, 0)
    district.refresh_from_db()
    assert district.next_number == 1  # nothing taken


@pytest.mark.parametrize("relation", RELATIONS)
def test_issuing_through_the_page(client_for, district, tree, people, relation):
    user = _acting(tree, relation)
    decision = draft(district, [person_line(people.tran_hao)])
    client = client_for(user)
    response = client.post(reverse("rewards:decision-issue", args=[decision.pk]))
    assert response.status_code == RELATIONS[relation][2]
    decision.refresh_from_db()
    assert decision.is_issued == (RELATIONS[relation][2] == 302)


@pytest.mark.parametrize("relation", RELATIONS)
def test_revoking_through_the_action_and_the_page(client_for, district, tree, people, relation):
    user = _acting(tree, relation)
    issued(district, [person_line(people.huynh_mai, award="lao-dong-tien-tien")])  # THPT, under CT
    record = AwardRecord.objects.get()
    expected = RELATIONS[relation][2]
    if relation == "child_leader":
        expected = 403  # the person's own unit reads its people's awards, but does not revoke them
    if expected != 302:
        with pytest.raises(PermissionDenied):
            actions.revoke_award(record, by=user, reason="fraud", revoked_on=D(2018, 3, 5), reference="3/QĐ")
    response = client_for(user).post(reverse("rewards:record-revoke", args=[record.pk]), {
        "reason": "fraud", "revoked_on": "05/03/2018", "reference": "3/QĐ-LĐLĐH ngày 05/3/2018",
    })  # fmt: skip
    assert response.status_code == expected
    record.refresh_from_db()
    assert (record.revoked_id is not None) == (expected == 302)


def test_the_officer_drafts_and_sees_no_issue_button_the_leader_does(
    client_for, district, tree, people, users
):
    officer = user_of(tree.CT, "ct_officer")
    decision = draft(district, [person_line(people.tran_hao)], by=officer)
    body = client_for(officer).get(reverse("rewards:decision-detail", args=[decision.pk])).content.decode()
    assert 'data-testid="decision-issue"' not in body and 'data-testid="awaiting-signer"' in body
    body = client_for(users.district_leader).get(reverse("rewards:decision-detail", args=[decision.pk]))
    assert 'data-testid="decision-issue"' in body.content.decode()
    # the province's leader may draft for the district (a role above it) but not sign in its name
    body = client_for(users.province_leader).get(reverse("rewards:decision-detail", args=[decision.pk]))
    assert 'data-testid="decision-issue"' not in body.content.decode()


def test_after_a_merger_the_successor_leader_signs_for_the_merged_unit(district, tree, people, users):
    decision = issued(district, [person_line(people.tran_hao)])
    record = AwardRecord.objects.get(decision_line__decision=decision)
    org_actions.merge_units([tree.CT], tree.TPBT, by=None, effective_on=D(2025, 7, 1), kind=EndKind.MERGED)
    with pytest.raises(PermissionDenied):  # the merged unit's former leader holds no role on a standing unit
        actions.revoke_award(record, by=users.district_leader, reason="error", revoked_on=D(2025, 8, 1),
                             reference="5/QĐ")  # fmt: skip
    successor = user_of(tree.TPBT, "tp_leader", "leader")
    revocation = actions.revoke_award(record, by=successor, reason="error", revoked_on=D(2025, 8, 1),
                                      reference="5/QĐ-LĐLĐ ngày 01/8/2025")  # fmt: skip
    assert revocation.amount_to_recover == 390_000
    assert Decision.objects.get(pk=decision.pk).is_issued

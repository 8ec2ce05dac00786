"""Who may write what in emulation registration, by the acting user's relation to the registering unit: its own
unit, the parent, an ancestor, a sibling, a child, an outsider. Each write is tried through the action (the write
path itself refuses) and each denied user is shown to get 404 from the registration's page when it cannot see it."""

from __future__ import annotations

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from thidua.orgs import actions as org_actions
from thidua.registrations import actions
from thidua.registrations.models import RegistrationStatus

from .builders import award, filled_registration, submitted_registration

D = datetime.date
pytestmark = pytest.mark.django_db


def _user(username, unit, role="officer"):
    user = get_user_model().objects.create_user(username, password="x")
    org_actions.grant_role(user, unit, role, by=None)
    return user


@pytest.fixture
def relations(tree, users):
    """Users by their relation to CĐCS May Việt Tiến (MAY), and to LĐLĐ Châu Thành (CT) for the child."""
    return {
        "own unit": users.grassroots_officer,
        "parent": users.district_leader,
        "ancestor": users.province_officer,
        "sibling": _user("thpt_officer", tree.THPT),
        "outsider": users.outsider,
    }


SUBMIT_ALLOWED = {"own unit", "parent", "ancestor"}  # a role covers its subtree: the levels above may fill in
ACKNOWLEDGE_ALLOWED = {"parent", "ancestor"}  # never the unit itself
SEES = {"own unit", "parent", "ancestor"}


@pytest.mark.parametrize("relation", ["own unit", "parent", "ancestor", "sibling", "outsider"])
def test_submit_by_relation(relation, relations, tree, people):
    registration = filled_registration(tree.MAY, [people.tran_hao])
    user = relations[relation]
    if relation in SUBMIT_ALLOWED:
        actions.submit_registration(registration, by=user, today=D(2017, 1, 20))
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.SUBMITTED
    else:
        with pytest.raises(PermissionDenied):
            actions.submit_registration(registration, by=user, today=D(2017, 1, 20))
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.DRAFT


@pytest.mark.parametrize("relation", ["own unit", "parent", "ancestor", "sibling", "outsider"])
def test_acknowledge_and_return_by_relation(relation, relations, tree, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    user = relations[relation]
    if relation in ACKNOWLEDGE_ALLOWED:
        actions.return_registration(registration, by=user, reason="Bổ sung chỉ tiêu")
        actions.submit_registration(registration, by=None, today=D(2017, 1, 20))
        actions.acknowledge_registration(registration, by=user)
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.ACKNOWLEDGED
    else:
        with pytest.raises(PermissionDenied):
            actions.acknowledge_registration(registration, by=user)
        with pytest.raises(PermissionDenied):
            actions.return_registration(registration, by=user, reason="Bổ sung chỉ tiêu")
        registration.refresh_from_db()
        assert registration.status == RegistrationStatus.SUBMITTED


@pytest.mark.parametrize("relation", ["own unit", "parent", "ancestor", "sibling", "outsider"])
def test_amend_by_relation(relation, relations, tree, people):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    actions.acknowledge_registration(registration, by=None)
    rows = [{"person": people.tran_hao, "award": award("cstd-co-so")}]
    user = relations[relation]
    if relation in ACKNOWLEDGE_ALLOWED:
        actions.amend_registration(registration, by=user, reason="Đổi danh hiệu", targets=[], people=rows)
        assert registration.people.get().award.code == "cstd-co-so"
    else:
        with pytest.raises(PermissionDenied):
            actions.amend_registration(registration, by=user, reason="Đổi danh hiệu", targets=[], people=rows)
        assert registration.people.get().award.code == "lao-dong-tien-tien"


@pytest.mark.parametrize("relation", ["own unit", "parent", "ancestor", "sibling", "outsider"])
def test_late_consent_by_relation(relation, relations, tree):
    user = relations[relation]
    grant = lambda: actions.grant_late_consent(tree.MAY, by=user, year=2017, until=D(2017, 2, 10),  # noqa: E731
                                               reason="Kiện toàn Ban Chấp hành", today=D(2017, 2, 1))  # fmt: skip
    if relation in ACKNOWLEDGE_ALLOWED:
        assert grant().by == user
    else:
        with pytest.raises(PermissionDenied):
            grant()


@pytest.mark.parametrize("relation", ["own unit", "parent", "ancestor", "sibling", "outsider"])
def test_reading_by_relation(relation, relations, tree, people, client):
    registration = submitted_registration(tree.MAY, [people.tran_hao])
    client.force_login(relations[relation])
    response = client.get(reverse("emulation:registration-detail", args=[registration.pk]))
    assert response.status_code == (200 if relation in SEES else 404)


def test_a_child_neither_sees_nor_acts_on_its_parents_registration(tree, users, client):
    """CĐCS May (a child of Châu Thành) and Châu Thành's registration."""
    registration = actions.open_registration(tree.CT, by=None, year=2017, today=D(2017, 1, 10))
    actions.save_registration(registration, by=None, targets=[{"award": award("co-thi-dua-ldld")}], people=[])
    child = users.grassroots_officer
    with pytest.raises(PermissionDenied):
        actions.submit_registration(registration, by=child, today=D(2017, 1, 20))
    actions.submit_registration(registration, by=None, today=D(2017, 1, 20))
    with pytest.raises(PermissionDenied):
        actions.acknowledge_registration(registration, by=child)
    with pytest.raises(PermissionDenied):
        actions.grant_late_consent(tree.CT, by=child, year=2017, until=D(2017, 2, 10), reason="Muộn",
                                   today=D(2017, 2, 1))  # fmt: skip
    client.force_login(child)
    assert client.get(reverse("emulation:registration-detail", args=[registration.pk])).status_code == 404
    # and the province acknowledges it (the level above Châu Thành)
    actions.acknowledge_registration(registration, by=users.province_officer)

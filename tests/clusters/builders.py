"""Clusters as the tests need them, through the real actions.

The standard cluster: "Cụm thi đua các LĐLĐ huyện, thành phố" set by LĐLĐ tỉnh Bến Tre (BT) with its two district
federations (CT, TPBT) from 2017, CT leader and TPBT deputy in 2017; a signed covenant with two criteria scored by
the members (60 + 40 points)."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model

from thidua.clusters import actions
from thidua.orgs import actions as org_actions

D = datetime.date


def cluster(tree, *, year=2017, members=None, issuer=None, name="Cụm thi đua các LĐLĐ huyện, thành phố"):
    members = members if members is not None else [tree.CT, tree.TPBT]
    c = actions.create_cluster(issuer or tree.BT, by=None, name=name, decision_number="12/QĐ-LĐLĐ",
                               decision_date=D(year, 1, 10), members=members)  # fmt: skip
    if len(members) > 1:
        actions.set_leaders(c, year, by=None, leader=members[0], deputy=members[1])
    elif members:
        actions.set_leaders(c, year, by=None, leader=members[0])
    return c


def covenant(c, *, year=2017, criteria=(("Tổ chức phong trào thi đua", 60), ("Phát triển đoàn viên", 40)),
             signed=True, exclude_own_score=True):  # fmt: skip
    cov = actions.create_covenant(c, year, by=None, exclude_own_score=exclude_own_score)
    for name, pts in criteria:
        actions.add_criterion(cov, by=None, name=name, max_points=pts)
    if signed:
        members = list(c.memberships.select_related("unit"))
        cov = actions.sign_covenant(cov, by=None, signed_on=D(year, 2, 15), place="Bến Tre",
                                    signers=[m.unit for m in members])  # fmt: skip
    return cov


def officer_of(unit, username: str, role: str = "officer"):
    """A user with a role on ``unit`` (made once)."""
    User = get_user_model()
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User.objects.create_user(username=username, password="x")
        org_actions.grant_role(user, unit, role, by=None)
    return user


def tra_vinh_cluster(world):
    """A cluster of the Trà Vinh branch (issuer TV, member LD, the outsider's branch) with a signed covenant and a
    meeting: for the scope matrix (tests/test_scope_matrix.py)."""
    from thidua.clusters.models import Cluster

    tree = world.tree
    found = Cluster.objects.filter(issuer=tree.TV).first()
    if found is not None:
        return found
    c = cluster(tree, members=[tree.LD], issuer=tree.TV, name="Khối thi đua các công đoàn ngành Trà Vinh")
    covenant(c, criteria=(("Phát triển đoàn viên Trà Vinh", 50),))
    actions.record_meeting(c, 2017, by=None, held_on=D(2017, 12, 20), attendees=[tree.LD])
    return c

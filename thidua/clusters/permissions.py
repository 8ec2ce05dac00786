"""Who may do what with emulation clusters. No new permission: the rewards path's own.

- The level above that set the cluster (its ``issuer``) creates and changes it, its members and its leaders
  (``HANDLE_PROPOSALS`` on the issuer: its officers and leaders, or those of a unit above it).
- A member's own officers and leaders enter that member's scores (``SUBMIT`` held through a role on the member
  itself, or on a unit between it and the issuer): the level above does not score in the members' place.
- The year's leader unit (cụm trưởng) drafts and signs the covenant, records the meeting's result and sends the
  proposal (``SUBMIT`` through its own role, the same way); the issuer may draft and sign the covenant as well.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.core.scoping import has_perm, own_paths
from thidua.proposals.permissions import HANDLE_PROPOSALS, SUBMIT

from .models import Cluster, Covenant, member_in_year_q

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

    AnyUser = User | AnonymousUser | None

__all__ = ["HANDLE_PROPOSALS", "SUBMIT"]


def can_create_cluster(user: AnyUser, issuer: Unit) -> bool:
    return issuer.is_active and has_perm(user, HANDLE_PROPOSALS, issuer.path)


def can_manage_cluster(user: AnyUser, cluster: Cluster) -> bool:
    """Change the cluster, its members, its leaders: the level above that set it."""
    return cluster.archived_at is None and has_perm(user, HANDLE_PROPOSALS, cluster.issuer.path)


def acts_for(user: AnyUser, unit: Unit, cluster: Cluster) -> bool:
    """The user acts for ``unit`` as one of its own: ``SUBMIT`` on it, through a role on the unit or on a unit
    below the cluster's issuer (never through the level above alone)."""
    if not has_perm(user, SUBMIT, unit.path):
        return False
    floor = len(cluster.issuer.path)
    return any(unit.path.startswith(path) and len(path) > floor for path in own_paths(user))


def is_member(cluster: Cluster, unit: Unit, year: int) -> bool:
    return cluster.memberships.filter(member_in_year_q(year), unit=unit).exists()


def can_enter_scores(user: AnyUser, covenant: Covenant, by_unit: Unit) -> bool:
    """Score the members on the signed covenant in the name of ``by_unit``: a member of that year, acted for by
    its own officers."""
    cluster = covenant.cluster
    return (
        cluster.archived_at is None
        and covenant.status == "signed"
        and acts_for(user, by_unit, cluster)
        and is_member(cluster, by_unit, covenant.year)
    )


def leader_of(cluster: Cluster, year: int) -> Unit | None:
    row = cluster.years.filter(year=year).select_related("leader").first()
    return row.leader if row is not None else None


def can_lead(user: AnyUser, cluster: Cluster, year: int) -> bool:
    """Act as the year's leader unit (cụm trưởng): the meeting, its result, the proposal."""
    leader = leader_of(cluster, year)
    return cluster.archived_at is None and leader is not None and acts_for(user, leader, cluster)


def can_edit_covenant(user: AnyUser, cluster: Cluster, year: int) -> bool:
    """Draft, amend and sign the year's covenant: the leader unit, or the level above."""
    return can_manage_cluster(user, cluster) or can_lead(user, cluster, year)

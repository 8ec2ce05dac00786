"""The one scoping mechanism.

A user holds roles on units (orgs.RoleAssignment). A role on a unit covers that unit's whole subtree, which is a
prefix of the materialized path. Every scoped model's queryset inherits ``ScopedQuerySet`` and names the lookup to
its unit's path; views and API routes read through ``visible_to(user)`` / ``get_for_user`` and check actions with
``has_perm``. Someone outside the subtree gets 404.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.http import Http404

from . import lookups  # noqa: F401 - registers path__subtree

VIEW = "view"
MANAGE_UNITS = "manage_units"
MANAGE_PEOPLE = "manage_people"
MANAGE_ACCOUNTS = "manage_accounts"
SUBMIT = "submit"
APPROVE = "approve"
VOTE = "vote"
EXPORT = "export"
ALL_PERMISSIONS = frozenset(
    {VIEW, MANAGE_UNITS, MANAGE_PEOPLE, MANAGE_ACCOUNTS, SUBMIT, APPROVE, VOTE, EXPORT}
)

# Role -> permissions. Roles are orgs.RoleAssignment.Role values.
ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "admin": ALL_PERMISSIONS,
    "leader": frozenset({VIEW, MANAGE_UNITS, MANAGE_PEOPLE, SUBMIT, APPROVE, EXPORT}),
    "officer": frozenset({VIEW, MANAGE_UNITS, MANAGE_PEOPLE, SUBMIT, EXPORT}),
    "council": frozenset({VIEW, VOTE, EXPORT}),
    "viewer": frozenset({VIEW, EXPORT}),
}


@dataclass(frozen=True)
class Scope:
    """The subtrees a user may see, and what they may do in each."""

    everything: bool = False
    grants: tuple[tuple[str, frozenset[str]], ...] = field(default_factory=tuple)  # (path, permissions)

    @property
    def paths(self) -> list[str]:
        """The minimal set of subtree roots (no path below another)."""
        roots: list[str] = []
        for path in sorted({p for p, _ in self.grants}, key=len):
            if not any(path.startswith(r) for r in roots):
                roots.append(path)
        return roots

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p, _ in self.grants)

    def permissions_at(self, path: str) -> frozenset[str]:
        if self.everything:
            return ALL_PERMISSIONS
        perms: set[str] = set()
        for root, granted in self.grants:
            if path.startswith(root):
                perms |= granted
        return frozenset(perms)


def scope_of(user) -> Scope:
    """The user's scope, computed once per user object (one query, plus one per generation of merged units)."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, "_thidua_scope", None)
    if cached is not None:
        return cached
    if user.is_superuser:
        scope = Scope(everything=True)
    else:
        RoleAssignment = apps.get_model("orgs", "RoleAssignment")
        rows = RoleAssignment.objects.filter(user=user, unit__archived_at__isnull=True).values_list(
            "unit__path", "role"
        )
        grants = [(path, ROLE_PERMISSIONS.get(role, frozenset())) for path, role in rows]
        scope = Scope(grants=tuple(grants + _inherited_grants(grants)))
    user._thidua_scope = scope
    return scope


def _inherited_grants(grants: list[tuple[str, frozenset[str]]]) -> list[tuple[str, frozenset[str]]]:
    """A unit that merged into a unit of the user's subtree is inherited with its records and history (the 2017
    plans of a provincial federation merged in 2025 belong to its successor): the merged unit's subtree is
    covered with the same permissions, across successive mergers."""
    Unit = apps.get_model("orgs", "Unit")
    inherited: list[tuple[str, frozenset[str]]] = []
    frontier = grants
    seen = {path for path, _ in grants}
    while frontier:
        merged = Unit.objects.filter(subtree_q("merged_into__path", [p for p, _ in frontier])).values_list(
            "path", "merged_into__path"
        )
        perms_of = dict(frontier)
        frontier = []
        for path, successor_path in merged:
            if path in seen:
                continue
            seen.add(path)
            granted = frozenset().union(
                *(perms for root, perms in perms_of.items() if successor_path.startswith(root))
            )
            frontier.append((path, granted))
        inherited += frontier
    return inherited


def forget_scope(user) -> None:
    if hasattr(user, "_thidua_scope"):
        del user._thidua_scope


def has_perm(user, perm: str, path: str) -> bool:
    """May the user do ``perm`` on the unit with this path (a role on it or on any unit above it)?"""
    return perm in scope_of(user).permissions_at(path)


def paths_with_perm(user, perm: str) -> list[str] | None:
    """Subtree roots where the user holds ``perm``; None means everywhere."""
    scope = scope_of(user)
    if scope.everything:
        return None
    return [path for path, perms in scope.grants if perm in perms]


def subtree_q(lookup: str, paths: list[str]) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{lookup}__subtree": path})
    return q


class ScopedQuerySet(models.QuerySet):
    """Querysets of scoped models: ``scope_lookup`` names the path of the unit that owns a row."""

    scope_lookup = "path"

    def visible_to(self, user, perm: str = VIEW):
        scope = scope_of(user)
        if scope.everything:
            return self
        paths = scope.paths if perm == VIEW else [p for p, perms in scope.grants if perm in perms]
        if not paths:
            return self.none()
        return self.filter(subtree_q(self.scope_lookup, paths))


def get_for_user(queryset, user, perm: str = VIEW, **lookup):
    """One object the user may see (or act on with ``perm``), else 404 — never a hint that it exists."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    try:
        return queryset.visible_to(user, perm).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc

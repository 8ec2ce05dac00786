"""The one scoping mechanism.

A user holds roles on units; a role on a unit covers that unit's whole subtree, which is a prefix of the materialized
path. ``core`` knows neither the roles nor the units: the app that owns them (``orgs``) plugs in the *scope provider*
(``set_scope_provider``), which answers the subtrees a user holds roles on, and the permissions each role holds come
from the registry (``thidua.core.permissions``), which every app fills.

One way to scope a read: every scoped model's queryset inherits ``ScopedQuerySet`` and names the lookup to its
unit's path; views and API routes read through ``visible_to(user, perm)`` / ``get_for_user`` (404 outside) and
``addressed_to(user)`` (what is addressed to the user's own units). One way to ask for a permission:
``has_perm(user, perm, path)`` on a unit, ``has_perm(user, perm)`` anywhere; ``holds_on(user, perm, path)`` for
what only the unit's own officials do (a role on the unit itself, not above it).

For what a queryset method cannot say (a roll-up over the tree, a list split by the user's own subtrees), the same
scope is read through three helpers and nothing else: ``sees_everything(user)``, ``scope_roots(user, perm)`` (the
minimal subtree roots, ``None`` for everywhere) and ``scope_q(user, field, perm)`` (a condition on a path field).
``core`` names no domain permission: each app declares its own in ``thidua/<app>/permissions.py`` and code imports
them from there.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from django.db import models
from django.db.models import Q
from django.http import Http404

from . import lookups  # noqa: F401 - registers path__subtree
from .permissions import VIEW, all_permissions

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Grants = Sequence[tuple[str, frozenset[str]]]  # (subtree root path, permissions)
_provider: Callable[[User], Grants] | None = None
_SCOPE_ATTR = "_thidua_scope"  # where _scope_of keeps a user's scope


def set_scope_provider(provider: Callable[[User], Grants]) -> None:
    """Plugged in by the app that owns roles (``orgs``): ``provider(user)`` answers the subtrees an active,
    authenticated user holds roles on, each with its permissions."""
    global _provider
    _provider = provider


@dataclass(frozen=True)
class Scope:
    """The subtrees a user may see, and what they may do in each."""

    everything: bool = False
    grants: tuple[tuple[str, frozenset[str]], ...] = field(default_factory=tuple)  # (path, permissions)

    @property
    def paths(self) -> list[str]:
        """The minimal set of subtree roots (no path below another)."""
        return _minimal([p for p, _ in self.grants])

    def covers(self, path: str) -> bool:
        return self.everything or any(path.startswith(p) for p, _ in self.grants)

    def permissions_at(self, path: str) -> frozenset[str]:
        if self.everything:
            return all_permissions()
        perms: set[str] = set()
        for root, granted in self.grants:
            if path.startswith(root):
                perms |= granted
        return frozenset(perms)


def _scope_of(user: User | AnonymousUser | None) -> Scope:
    """The user's scope, computed once per user object (one query, plus one per generation of merged units).
    Private: apps read it through ``sees_everything``, ``scope_roots``, ``scope_q``, ``own_paths`` and ``has_perm``."""
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached = getattr(user, _SCOPE_ATTR, None)
    if cached is not None:
        return cached
    # Authenticated, so a User (not AnonymousUser).
    grants = tuple(_provider(cast("User", user))) if _provider is not None else ()
    scope = Scope(
        everything=user.is_superuser, grants=grants
    )  # a superuser's own units still count (notices)
    setattr(user, _SCOPE_ATTR, scope)
    return scope


def forget_scope(user: User | AnonymousUser | None) -> None:
    if hasattr(user, _SCOPE_ATTR):
        delattr(user, _SCOPE_ATTR)


def has_perm(user: User | AnonymousUser | None, perm: str, path: str | None = None) -> bool:
    """May the user do ``perm`` on the unit with this path (a role on it or on any unit above it)? Without a path:
    may the user do ``perm`` anywhere (to offer a page or a button at all)?"""
    scope = _scope_of(user)
    if path is None:
        return scope.everything or any(perm in perms for _path, perms in scope.grants)
    return perm in scope.permissions_at(path)


def holds_on(user: User | AnonymousUser | None, perm: str, path: str) -> bool:
    """Does the user hold ``perm`` by a role on the unit with this very path — not by one on a unit above it, nor as
    a system administrator? For the acts of a unit's own officials (its leader signing its decisions)."""
    return any(root == path and perm in perms for root, perms in _scope_of(user).grants)


def own_paths(user: User | AnonymousUser | None) -> list[str]:
    """The paths of the user's own units: those they hold a role on and those these inherited (merged into them).
    A system administrator without a role has none."""
    return sorted({path for path, _perms in _scope_of(user).grants})


def cached_own_paths(user: User | AnonymousUser | None) -> list[str] | None:
    """``own_paths(user)`` if the user's scope was already read in this request, else ``None``: never a query
    (the request log asks it, after list pages whose query counts are budgeted)."""
    cached = getattr(user, _SCOPE_ATTR, None)
    if cached is None:
        return None
    return sorted({path for path, _perms in cached.grants})


def sees_everything(user: User | AnonymousUser | None) -> bool:
    """Does the user see the whole tree (a system administrator)?"""
    return _scope_of(user).everything


def scope_roots(user: User | AnonymousUser | None, perm: str | None = None) -> list[str] | None:
    """The minimal subtree roots where the user holds ``perm`` (where they hold any role, for ``None`` or ``view``);
    ``None`` means everywhere (a system administrator); ``[]`` means nowhere."""
    scope = _scope_of(user)
    if scope.everything:
        return None
    if perm is None or perm == VIEW:
        return scope.paths
    return _minimal([path for path, perms in scope.grants if perm in perms])


def scope_q(user: User | AnonymousUser | None, field: str, perm: str | None = None) -> Q:
    """The scope as a condition on a path field (``"path"``, ``"unit__path"``, ``"to_unit__path"``): rows whose
    unit lies in a subtree where the user holds ``perm``. ``Q()`` for everywhere; a condition nothing meets for
    nowhere."""
    roots = scope_roots(user, perm)
    return Q() if roots is None else subtree_q(field, roots)


def _minimal(paths: list[str]) -> list[str]:
    roots: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(r) for r in roots):
            roots.append(path)
    return roots


def subtree_q(lookup: str, paths: list[str]) -> Q:
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(**{f"{lookup}__subtree": path})
    return q


class ScopedQuerySet(models.QuerySet):
    """Querysets of scoped models: ``scope_lookup`` names the path of the unit that owns a row."""

    scope_lookup = "path"

    def visible_to(self, user: User | AnonymousUser | None, perm: str = VIEW):
        """The rows in the subtrees where the user holds ``perm``."""
        roots = scope_roots(user, perm)
        if roots is None:
            return self
        if not roots:
            return self.none()
        return self.filter(subtree_q(self.scope_lookup, roots))

    def scope_q(self, user: User | AnonymousUser | None, perm: str = VIEW) -> Q:
        """``visible_to`` as a condition, for querysets that widen it (``Q()`` is everything)."""
        return scope_q(user, self.scope_lookup, perm)

    def addressed_to(self, user: User | AnonymousUser | None):
        """The rows of the user's own units (``own_paths``): not their subtrees — what is addressed to them."""
        return self.filter(**{f"{self.scope_lookup}__in": own_paths(user)})


def get_for_user(queryset, user: User | AnonymousUser | None, perm: str = VIEW, **lookup):
    """One object the user may see (or act on with ``perm``), else 404 — never a hint that it exists."""
    if isinstance(queryset, type) and issubclass(queryset, models.Model):
        queryset = queryset._default_manager.all()
    try:
        return queryset.visible_to(user, perm).get(**lookup)
    except queryset.model.DoesNotExist as exc:
        raise Http404 from exc

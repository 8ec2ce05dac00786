"""The permission registry: which role holds which permission. ``core`` owns no role and no domain permission.

The app that owns accounts (``orgs``) declares the roles; every app declares the permissions it adds and the roles
that hold them, in its ``permissions.py`` (imported by its ``AppConfig.ready``)::

    SUBMIT = declare_permission("submit", roles=["leader", "officer"], label=_("Soạn, gửi"))

Several apps may declare the same permission (a workflow verb such as "submit" or "approve"): the roles add up.
A role declared with ``everything=True`` (the system administrator) holds every permission, those declared later
included. Every role may ``view`` its subtree. ``thidua.core.scoping`` reads the registry; nothing else needs to.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

VIEW = "view"  # the one permission core knows: reading a subtree


@dataclass
class _Registry:
    roles: dict[str, bool] = field(default_factory=dict)  # role -> holds everything
    grants: dict[str, set[str]] = field(default_factory=dict)  # permission -> roles
    labels: dict[str, Any] = field(default_factory=dict)  # permission -> label (str or lazy translation)
    owners: dict[str, set[str]] = field(default_factory=dict)  # permission -> apps that declared it


_registry = _Registry(grants={VIEW: set()}, owners={VIEW: {"core"}})


def declare_role(name: str, *, everything: bool = False) -> str:
    """A role users can hold on a unit (declared by the app that owns accounts). Returns ``name``."""
    _registry.roles[name] = everything or _registry.roles.get(name, False)
    return name


def declare_permission(name: str, *, roles: Iterable[str], label: Any = "", app: str = "") -> str:
    """A permission an app adds, and the roles that hold it (added to any the permission already has). Returns
    ``name``, so an app writes ``SUBMIT = declare_permission("submit", roles=[...])``."""
    _registry.grants.setdefault(name, set()).update(roles)
    if label and name not in _registry.labels:
        _registry.labels[name] = label
    if app:
        _registry.owners.setdefault(name, set()).add(app)
    return name


def all_permissions() -> frozenset[str]:
    return frozenset(_registry.grants)


def permissions_of(role: str) -> frozenset[str]:
    """What a role holds: every permission for a role that holds everything, else ``view`` and those declared for
    it; nothing for a role nobody declared."""
    if role not in _registry.roles:
        return frozenset()
    if _registry.roles[role]:
        return all_permissions()
    return frozenset({VIEW} | {perm for perm, roles in _registry.grants.items() if role in roles})


def roles_holding(permission: str) -> frozenset[str]:
    """The roles that hold ``permission`` (those that hold everything included)."""
    return frozenset(role for role in _registry.roles if permission in permissions_of(role))


def permission_label(permission: str) -> str:
    return str(_registry.labels.get(permission, permission))


def declared_by(permission: str) -> frozenset[str]:
    """The apps that declared ``permission`` (for the registry's own tests and the admin)."""
    return frozenset(_registry.owners.get(permission, set()))

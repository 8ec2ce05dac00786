"""Who may read and edit the catalog: plain functions over ``has_perm`` (``thidua.core.scoping``).

The State's and the confederation's layers come from the shipped data file: every signed-in user reads them, nobody
edits them in the UI (a new version of the file is loaded by ``load_catalog``). A federation's own layer is read by
the users of its subtree and of the units above it, and edited only by a system administrator (``MANAGE_ACCOUNTS``,
the "admin" role) on the federation or above it. Someone who cannot read a federation's layer gets 404; someone who
reads it but may not edit it gets 403.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from thidua.core.scoping import has_perm
from thidua.orgs.models import Unit
from thidua.orgs.permissions import MANAGE_ACCOUNTS

from ..models import Layer, Regulation, Rule
from ..queries import FEDERATION_LEVELS, federations_visible_to

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def can_view_catalog(user: User | AnonymousUser) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active)


def can_view_layer(user: User | AnonymousUser, federation: Unit) -> bool:
    return federations_visible_to(user).filter(pk=federation.pk).exists()


def can_edit_layer(user: User | AnonymousUser, federation: Unit) -> bool:
    """Add and change the federation's own regulations, rules and prizes."""
    return (
        federation.level in FEDERATION_LEVELS
        and federation.is_active
        and has_perm(user, MANAGE_ACCOUNTS, federation.path)
    )


def can_view_regulation(user: User | AnonymousUser, regulation: Regulation) -> bool:
    if regulation.layer != Layer.FEDERATION:
        return can_view_catalog(user)
    return regulation.federation is not None and can_view_layer(user, regulation.federation)


def can_view_rule(user: User | AnonymousUser, rule: Rule) -> bool:
    return can_view_regulation(user, rule.regulation)


def can_edit_regulation(user: User | AnonymousUser, regulation: Regulation) -> bool:
    return (
        regulation.layer == Layer.FEDERATION
        and regulation.archived_at is None
        and regulation.federation is not None
        and can_edit_layer(user, regulation.federation)
    )


def can_edit_rule(user: User | AnonymousUser, rule: Rule) -> bool:
    return rule.archived_at is None and can_edit_regulation(user, rule.regulation)

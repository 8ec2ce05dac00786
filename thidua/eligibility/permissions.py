"""Who may read verdicts, override them and record the facts the engine reads.

Everyone with a role on a unit (or above it) reads the verdicts of its people and collectives; anyone outside gets
404 (reads go through ``visible_to``). Officers and leaders of the proposing unit or above (``SUBMIT``) override a
verdict with a recorded reason, withdraw an override, and record exclusions and task ratings of the people and
collectives of their subtree.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.orgs.models import RoleAssignment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

    from .models import Override

Role = RoleAssignment.Role
SUBMIT = declare_permission(
    "submit", roles=[Role.LEADER, Role.OFFICER], app="eligibility", label=_("Soạn, gửi")
)


def can_override(user: User | AnonymousUser, unit: Unit) -> bool:
    """Force the verdict of a nominee proposed by ``unit`` (with a recorded reason)."""
    return unit.archived_at is None and has_perm(user, SUBMIT, unit.path)


def can_withdraw_override(user: User | AnonymousUser, override: Override) -> bool:
    return override.archived_at is None and has_perm(user, SUBMIT, override.unit.path)


def can_record_facts(user: User | AnonymousUser, unit: Unit) -> bool:
    """Record exclusions and task ratings kept by ``unit`` (for its people or its collectives)."""
    return unit.archived_at is None and has_perm(user, SUBMIT, unit.path)

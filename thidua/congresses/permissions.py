"""Who may do what with congresses.

The level above schedules a unit's congress and records that it will not be held (``SUBMIT`` on the scheduling
unit, which must stand above the unit: a unit never schedules its own congress). The unit itself, and any level
above it, records that it was held (date, delegates, new executive committee). Everyone with a role on the unit or
above reads it; anyone outside gets 404.
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

    from .models import Congress

Role = RoleAssignment.Role
SUBMIT = declare_permission(
    "submit", roles=[Role.LEADER, Role.OFFICER], app="congresses", label=_("Soạn, gửi")
)


def can_schedule(user: User | AnonymousUser, unit: Unit) -> bool:
    """Set the planned date of ``unit``'s congress: a role on a unit strictly above it."""
    parent_path = unit.path[: -type(unit).steplen]
    return bool(parent_path) and has_perm(user, SUBMIT, parent_path)


def can_record_held(user: User | AnonymousUser, congress: Congress) -> bool:
    return congress.archived_at is None and has_perm(user, SUBMIT, congress.unit.path)


def can_cancel(user: User | AnonymousUser, congress: Congress) -> bool:
    return congress.archived_at is None and congress.held_on is None and can_schedule(user, congress.unit)

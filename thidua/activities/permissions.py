"""Who may record a unit's activities: its officers and leaders, or those of any unit above it (``SUBMIT`` on the
unit). Everyone with a role on the unit or above reads them; anyone outside gets 404."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.orgs.models import RoleAssignment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

    from .models import Activity

Role = RoleAssignment.Role
SUBMIT = declare_permission(
    "submit", roles=[Role.LEADER, Role.OFFICER], app="activities", label=_("Soạn, gửi")
)


def can_record_activity(user: User | AnonymousUser, unit: Unit) -> bool:
    return unit.is_active and has_perm(user, SUBMIT, unit.path)


def can_edit_activity(user: User | AnonymousUser, activity: Activity) -> bool:
    """Change, archive, attach photos: until it is archived."""
    return activity.archived_at is None and has_perm(user, SUBMIT, activity.unit.path)

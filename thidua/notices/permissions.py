"""Who may mark notices read: those who work for the unit (officers, leaders, above it included); a council member
or a viewer reads a unit's notices without changing what the officers still have to see. A user's own notice is
marked by that user."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.orgs.models import RoleAssignment

from .models import Notice

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Role = RoleAssignment.Role
MARK_READ = declare_permission("mark_notices_read", roles=[Role.LEADER, Role.OFFICER], app="notices",
                               label=_("Đánh dấu thông báo đã đọc"))  # fmt: skip


def can_mark_notice_read(user: User | AnonymousUser, notice: Notice) -> bool:
    if notice.unit is None:
        return notice.user_id == user.pk
    return has_perm(user, MARK_READ, notice.unit.path)

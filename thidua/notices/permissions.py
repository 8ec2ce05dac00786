"""Who may mark notices read: those who work for the unit (officers, leaders, above it included), and once the unit
ended, those who work for its successors (decision 0011); a council member or a viewer reads a unit's notices without
changing what the officers still have to see. A user's own notice is marked by that user."""

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
    """A unit's notice: those who work for the unit, or for a unit that carries on its records once it ended (one
    query then; see ``markable``)."""
    if notice.unit is None:
        return notice.user_id == user.pk
    if has_perm(user, MARK_READ, notice.unit.path):
        return True
    return notice.unit.dissolved_on is not None and notice.pk in markable(user, [notice])


def markable(user: User | AnonymousUser, notices: list[Notice]) -> set[int]:
    """The ids of ``notices`` the user may mark read: those of the units they work for without a query, and one query
    for the rest (the notices of ended units whose successors the user works for — decision 0011: a successor's
    officers and leaders mark them, as nobody works for the ended unit any more)."""
    ids = set()
    rest = []
    for notice in notices:
        if notice.unit is None:
            if notice.user_id == user.pk:
                ids.add(notice.pk)
        elif has_perm(user, MARK_READ, notice.unit.path):
            ids.add(notice.pk)
        elif notice.unit.dissolved_on is not None:
            rest.append(notice.pk)
    if rest:
        ids |= set(
            Notice.objects.filter(pk__in=rest).visible_to(user, MARK_READ).values_list("pk", flat=True)
        )
    return ids

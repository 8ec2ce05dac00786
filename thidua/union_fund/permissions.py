"""Who may keep a unit's "Mái ấm Công đoàn" fund book.

Officers and leaders of the unit (or of any unit above it) record contributions and grants, correct entries, record
a house's handover and attach its photos (``SUBMIT`` on the unit whose book it is). Everyone with a role on the unit
or above reads the book; anyone outside gets 404 (reads go through ``visible_to``).
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

    from .models import FundEntry, Grant

Role = RoleAssignment.Role
SUBMIT = declare_permission(
    "submit", roles=[Role.LEADER, Role.OFFICER], app="union_fund", label=_("Soạn, gửi")
)


def can_keep_fund(user: User | AnonymousUser, unit: Unit) -> bool:
    """Record contributions and grants in ``unit``'s fund book."""
    return unit.is_active and has_perm(user, SUBMIT, unit.path)


def can_correct_entry(user: User | AnonymousUser, entry: FundEntry) -> bool:
    """Correct an original entry (a correction is itself never corrected: correct the original again)."""
    return entry.corrects_id is None and has_perm(user, SUBMIT, entry.unit.path)


def can_edit_grant(user: User | AnonymousUser, grant: Grant) -> bool:
    return grant.archived_at is None and has_perm(user, SUBMIT, grant.unit.path)


def can_attach_to_grant(user: User | AnonymousUser, grant: Grant) -> bool:
    """Photos of the house, the approval, the handover record: until the grant is archived."""
    return can_edit_grant(user, grant)

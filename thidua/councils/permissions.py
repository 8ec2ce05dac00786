"""Who may do what with a council.

- Officers and leaders of the unit (or of a unit above it) set up the council and its members (``MANAGE_COUNCILS``
  on the council's unit): the Ban Chính sách – Pháp luật is the council's standing body.
- A session is run (agenda, attendance, recusals, opening and closing the vote, paper tallies, written opinions) by
  the council's chair or secretary — members whose account is tied to their seat — or by those who manage the
  council.
- A member votes only for themself: the account tied to their seat, on the session's date.
- Reads: everyone with a role on the unit or above (``visible_to``); a member of the council also reaches their
  session's ballot page. Anyone else gets 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.orgs.models import RoleAssignment

from .models import CouncilMember

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

    from .models import Council, Session

Role = RoleAssignment.Role
MANAGE_COUNCILS = declare_permission("manage_councils", roles=[Role.LEADER, Role.OFFICER], app="councils",
                                     label=_("Quản lý Hội đồng thi đua – khen thưởng"))  # fmt: skip


def can_create_council(user: User | AnonymousUser, unit: Unit) -> bool:
    return unit.is_active and has_perm(user, MANAGE_COUNCILS, unit.path)


def can_manage_council(user: User | AnonymousUser, council: Council) -> bool:
    """Edit the council and its members."""
    return council.archived_at is None and has_perm(user, MANAGE_COUNCILS, council.unit.path)


def seat_of(user: User | AnonymousUser, council: Council) -> CouncilMember | None:
    """The user's current seat on the council (the account tied to it), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return CouncilMember.objects.current().filter(council=council, user=user).first()


def can_run_session(user: User | AnonymousUser, council: Council, seat: CouncilMember | None = None) -> bool:
    """Agenda, attendance, recusals, opening and closing the vote, paper tallies, written opinions."""
    if council.archived_at is not None:
        return False
    if has_perm(user, MANAGE_COUNCILS, council.unit.path):
        return True
    seat = seat if seat is not None else seat_of(user, council)
    return seat is not None and seat.runs_sessions


def can_vote(user: User | AnonymousUser, session: Session, seat: CouncilMember | None = None) -> bool:
    """The user holds a seat on the session's council on its date (each item still checks recusal)."""
    seat = seat if seat is not None else seat_of(user, session.council)
    return seat is not None and seat.serves_on(session.held_on)

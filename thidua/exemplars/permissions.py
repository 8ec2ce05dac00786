"""Who may do what with exemplary models.

One permission, ``manage_exemplars`` (leaders and officers): on a unit's subtree, recognise exemplary people and
collectives in the unit's name, change and archive them, record the units that replicated them, keep the unit's
honour board and publish it. Everyone with a role on the recognising unit or above reads, and so do the units
below it (a model is recognised to be learnt from); anyone else gets 404 (reads go through ``visible_to``).
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

    from .models import Exemplar, HonourBoard, Replication

Role = RoleAssignment.Role
MANAGE_EXEMPLARS = declare_permission("manage_exemplars", roles=[Role.LEADER, Role.OFFICER], app="exemplars",
                                      label=_("Điển hình tiên tiến, bảng vàng"))  # fmt: skip


def can_recognise(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """Recognise an exemplary model in the name of ``unit`` (a role on it or above it)."""
    return (
        unit.archived_at is None and unit.dissolved_on is None and has_perm(user, MANAGE_EXEMPLARS, unit.path)
    )


def can_edit_exemplar(user: User | AnonymousUser | None, exemplar: Exemplar) -> bool:
    return exemplar.archived_at is None and has_perm(user, MANAGE_EXEMPLARS, exemplar.unit.path)


def can_record_replication(user: User | AnonymousUser | None, exemplar: Exemplar, unit: Unit) -> bool:
    """Record that ``unit`` replicated the model: those who manage the adopting unit (the model must be active)."""
    return (
        exemplar.archived_at is None
        and unit.archived_at is None
        and has_perm(user, MANAGE_EXEMPLARS, unit.path)
    )


def can_edit_replication(user: User | AnonymousUser | None, replication: Replication) -> bool:
    """The adopting unit's officers, or the recognising unit's."""
    if replication.archived_at is not None:
        return False
    return has_perm(user, MANAGE_EXEMPLARS, replication.unit.path) or has_perm(
        user, MANAGE_EXEMPLARS, replication.exemplar.unit.path
    )


def can_manage_board(user: User | AnonymousUser | None, board: HonourBoard) -> bool:
    return board.archived_at is None and has_perm(user, MANAGE_EXEMPLARS, board.unit.path)

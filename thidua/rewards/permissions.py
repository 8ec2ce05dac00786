"""Who may do what with reward decisions.

One permission, ``reward`` (leaders and officers): on a unit's subtree, keep its decision registers, draft its
decisions, issue them (the clerk's act once the leader has signed on paper), revoke awards it gave, import the
history of its subtree's people and units from before the system. Everyone with a role on the unit or above reads;
anyone outside gets 404 (reads go through ``visible_to``). An issued decision is never edited.
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

    from .models import AwardRecord, Decision, DecisionRegister

Role = RoleAssignment.Role
REWARD = declare_permission("reward", roles=[Role.LEADER, Role.OFFICER], app="rewards",
                            label=_("Quyết định khen thưởng"))  # fmt: skip


def can_reward(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """Keep registers, draft and issue decisions in the name of ``unit`` (a role on it or above it)."""
    return unit.archived_at is None and has_perm(user, REWARD, unit.path)


def can_manage_register(user: User | AnonymousUser | None, register: DecisionRegister) -> bool:
    return register.archived_at is None and can_reward(user, register.issuer)


def can_edit_decision(user: User | AnonymousUser | None, decision: Decision) -> bool:
    """A draft only: an issued decision never changes."""
    return not decision.is_issued and decision.archived_at is None and can_reward(user, decision.issuer)


def can_issue_decision(user: User | AnonymousUser | None, decision: Decision) -> bool:
    return can_edit_decision(user, decision)


def can_revoke_award(user: User | AnonymousUser | None, record: AwardRecord) -> bool:
    """The issuer of the award (or a unit above it); imported history: whoever may reward over the awardee."""
    if record.revoked_id is not None:
        return False
    if record.issuer_id is not None:
        return has_perm(user, REWARD, record.issuer.path)  # type: ignore[union-attr]
    owner = record.unit if record.unit_id is not None else record.person.unit  # type: ignore[union-attr]
    return owner is not None and has_perm(user, REWARD, owner.path)


def can_import_history(user: User | AnonymousUser | None, unit: Unit) -> bool:
    return can_reward(user, unit)

"""Who may do what with reward decisions.

- ``reward`` (leaders and officers of the unit or of a unit above it): keep the unit's decision registers, draft its
  decisions, import the history of its subtree's people and units from before the system.
- ``sign_decisions`` (leaders only), held by a role on the issuing unit itself: issuing a decision and revoking an
  award it gave are the signer's acts (chủ tịch / phó chủ tịch of the issuing unit). A leader of a unit above does
  not sign for it, nor does a system administrator without a role on it; after a merger the leader of the unit it
  merged into signs for it (``signing_unit``).
Everyone with a role on the unit or above reads; anyone outside gets 404 (reads go through ``visible_to``). An
issued decision is never edited.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm, holds_on
from thidua.orgs.models import RoleAssignment

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

    from .models import AwardRecord, Decision, DecisionRegister

Role = RoleAssignment.Role
REWARD = declare_permission("reward", roles=[Role.LEADER, Role.OFFICER], app="rewards",
                            label=_("Quyết định khen thưởng"))  # fmt: skip
SIGN = declare_permission("sign_decisions", roles=[Role.LEADER], app="rewards",
                          label=_("Ký ban hành, thu hồi quyết định khen thưởng"))  # fmt: skip


def can_reward(user: User | AnonymousUser | None, unit: Unit) -> bool:
    """Keep registers, draft and issue decisions in the name of ``unit`` (a role on it or above it)."""
    return unit.archived_at is None and has_perm(user, REWARD, unit.path)


def can_manage_register(user: User | AnonymousUser | None, register: DecisionRegister) -> bool:
    return register.archived_at is None and can_reward(user, register.issuer)


def can_edit_decision(user: User | AnonymousUser | None, decision: Decision) -> bool:
    """A draft only: an issued decision never changes."""
    return not decision.is_issued and decision.archived_at is None and can_reward(user, decision.issuer)


def signing_unit(issuer: Unit) -> Unit | None:
    """The unit whose leaders sign in ``issuer``'s name: itself while it stands; after a merger, the unit it merged
    into (across successive mergers); nobody for a dissolved unit."""
    unit: Unit | None = issuer
    seen: set[int] = set()
    while unit is not None and unit.archived_at is not None and unit.pk not in seen:
        seen.add(unit.pk)
        unit = unit.merged_into
    return unit if unit is not None and unit.archived_at is None else None


def can_sign(user: User | AnonymousUser | None, issuer: Unit) -> bool:
    """Sign (issue, revoke) in ``issuer``'s name: a leader by a role on the signing unit itself."""
    unit = signing_unit(issuer)
    return unit is not None and holds_on(user, SIGN, unit.path)


def can_issue_decision(user: User | AnonymousUser | None, decision: Decision) -> bool:
    """Issue a draft: the issuing unit's leader (the officer drafts, the leader signs)."""
    return not decision.is_issued and decision.archived_at is None and can_sign(user, decision.issuer)


def can_revoke_award(user: User | AnonymousUser | None, record: AwardRecord) -> bool:
    """The leader of the award's issuer; imported history (the issuer outside the tree): a leader over the
    awardee."""
    if record.revoked_id is not None:
        return False
    if record.issuer_id is not None:
        return can_sign(user, record.issuer)  # type: ignore[arg-type]
    owner = record.unit if record.unit_id is not None else record.person.unit  # type: ignore[union-attr]
    return owner is not None and has_perm(user, SIGN, owner.path)


def can_import_history(user: User | AnonymousUser | None, unit: Unit) -> bool:
    return can_reward(user, unit)

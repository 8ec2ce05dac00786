"""Who may do what with reward proposals, and a proposal's path on the workflow kit (``PROPOSAL_WORKFLOW``).

- The proposing unit's officers and leaders draft a proposal, add and edit its nominees, attach files, send it to
  the level above and withdraw it (``SUBMIT`` on ``unit``).
- The level it is addressed to (``HANDLE_PROPOSALS`` on ``to_unit``: its officers and leaders, or those of a unit
  above it) receives it, returns it with a reason, places its nominees on a council session, forwards nominees
  further up; its leaders decide within its own authority (``DECIDE_REWARDS`` on ``to_unit``).
- A unit commending at its own level (``to_unit`` is the unit itself) goes from draft to done when its leader
  decides (``commend``).

A unit never handles its own sent proposal: the role must cover ``to_unit`` — and a role on the proposing unit alone
never does, since ``to_unit`` is above it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.core.workflow import Transition, Workflow, register
from thidua.orgs.models import Level, RoleAssignment

from .models import Nominee, Proposal, ProposalEvent
from .models import ProposalStatus as S

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

Role = RoleAssignment.Role
SUBMIT = declare_permission(
    "submit", roles=[Role.LEADER, Role.OFFICER], app="proposals", label=_("Soạn, gửi")
)
HANDLE_PROPOSALS = declare_permission("handle_proposals", roles=[Role.LEADER, Role.OFFICER], app="proposals",
                                      label=_("Tiếp nhận, xử lý đề nghị khen thưởng của cấp dưới"))  # fmt: skip
DECIDE_REWARDS = declare_permission("decide_rewards", roles=[Role.LEADER], app="proposals",
                                    label=_("Quyết định khen thưởng"))  # fmt: skip

PROPOSAL_AUDIT_FIELDS = ["unit_id", "to_unit_id", "kind_id", "year", "plan_id", "movement_id", "phase_id",
                         "deadline", "number", "title", "body", "signer_title", "signer_name", "sent_at", "late",
                         "return_reason", "forwarded_as_id", "archived_at"]  # fmt: skip

# Which catalog level (``registrations.ConferringLevel``) a unit of each tree level confers itself.
CONFERS: dict[str, str] = {
    Level.GRASSROOTS: "grassroots",
    Level.UPPER: "upper",
    Level.PROVINCE: "federation",
    Level.CENTRAL_SECTOR: "federation",
    Level.NATIONAL: "confederation",
}


def confers(unit: Unit, award) -> bool:
    """``unit`` decides ``award`` itself (a Giấy khen of its own level): the catalog's conferring level."""
    return CONFERS.get(unit.level) == award.level


def _sender(user, proposal: Proposal) -> bool:
    return not proposal.own_level and has_perm(user, SUBMIT, proposal.unit.path)


def _handler(user, proposal: Proposal) -> bool:
    return not proposal.own_level and has_perm(user, HANDLE_PROPOSALS, proposal.to_unit.path)


def _own_decider(user, proposal: Proposal) -> bool:
    return proposal.own_level and has_perm(user, DECIDE_REWARDS, proposal.unit.path)


def _withdrawer(user, proposal: Proposal) -> bool:
    return has_perm(user, SUBMIT, proposal.unit.path)


def _event_fields(step):
    return {
        "proposal": step.obj,
        "action": step.transition.name,
        "from_status": step.from_state,
        "to_status": step.transition.target,
        "by": step.by if getattr(step.by, "pk", None) else None,
        "note": step.note[:500],
    }


PROPOSAL_WORKFLOW: Workflow[Proposal] = register(
    Workflow(
        model=Proposal,
        event_model=ProposalEvent,
        unit_path=lambda proposal: proposal.unit.path,
        is_open=lambda proposal: proposal.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=PROPOSAL_AUDIT_FIELDS,
        event_fields=_event_fields,
        transitions=[
            Transition(
                "send",
                {S.DRAFT, S.RETURNED},
                S.SENT,
                SUBMIT,
                label=_("gửi đề nghị lên cấp trên"),
                check=_sender,
            ),
            Transition(
                "receive",
                {S.SENT},
                S.RECEIVED,
                HANDLE_PROPOSALS,
                label=_("tiếp nhận đề nghị"),
                check=_handler,
            ),
            Transition(
                "return",
                {S.SENT, S.RECEIVED},
                S.RETURNED,
                HANDLE_PROPOSALS,
                label=_("trả lại đề nghị"),
                needs_reason=True,
                check=_handler,
            ),
            Transition(
                "complete",
                {S.RECEIVED},
                S.DONE,
                HANDLE_PROPOSALS,
                label=_("kết thúc xử lý đề nghị"),
                check=_handler,
            ),
            Transition(
                "commend",
                {S.DRAFT},
                S.DONE,
                DECIDE_REWARDS,
                label=_("khen thưởng tại cấp mình"),
                check=_own_decider,
            ),
            Transition(
                "withdraw",
                {S.DRAFT, S.SENT, S.RETURNED},
                S.WITHDRAWN,
                SUBMIT,
                label=_("rút đề nghị"),
                check=_withdrawer,
            ),
        ],
    )  # fmt: skip
)


def can_create_proposal(user: User | AnonymousUser | None, unit: Unit) -> bool:
    return unit.is_active and has_perm(user, SUBMIT, unit.path)


def can_edit_proposal(user: User | AnonymousUser | None, proposal: Proposal) -> bool:
    """Change the proposal and its nominees: the proposing unit, while a draft or returned."""
    return proposal.is_editable and has_perm(user, SUBMIT, proposal.unit.path)


def can_edit_nominee(user: User | AnonymousUser | None, nominee: Nominee) -> bool:
    return nominee.archived_at is None and can_edit_proposal(user, nominee.proposal)


def can_handle(user: User | AnonymousUser | None, proposal: Proposal) -> bool:
    """Act on a received proposal's nominees (council, forward, decide): the level it is addressed to — or the
    unit itself for an own-level commendation still in draft."""
    if proposal.archived_at is not None:
        return False
    if proposal.own_level:
        return proposal.status == S.DRAFT and has_perm(user, HANDLE_PROPOSALS, proposal.unit.path)
    return proposal.status == S.RECEIVED and has_perm(user, HANDLE_PROPOSALS, proposal.to_unit.path)


def can_decide(user: User | AnonymousUser | None, proposal: Proposal) -> bool:
    """Decide rewards within the deciding unit's own authority (its leader)."""
    return can_handle(user, proposal) and has_perm(user, DECIDE_REWARDS, proposal.to_unit.path)


def can_make_decision(user: User | AnonymousUser | None, proposal: Proposal) -> bool:
    """Turn the approved nominees into a draft decision of the deciding unit: its leaders, while the proposal is
    being handled or once it is done."""
    if proposal.archived_at is not None or proposal.status not in (S.RECEIVED, S.DONE, S.DRAFT):
        return False
    if proposal.status == S.DRAFT and not proposal.own_level:
        return False
    return has_perm(user, DECIDE_REWARDS, proposal.to_unit.path)


def can_attach_to_proposal(user: User | AnonymousUser | None, proposal: Proposal) -> bool:
    return can_edit_proposal(user, proposal)


def can_attach_to_nominee(user: User | AnonymousUser | None, nominee: Nominee) -> bool:
    return can_edit_nominee(user, nominee)


def can_transition(user: User | AnonymousUser | None, proposal: Proposal, name: str) -> bool:
    return PROPOSAL_WORKFLOW.can(user, proposal, name)

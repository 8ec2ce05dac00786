"""Who may do what with initiatives, and their path on the workflow kit.

Officers and leaders of the unit (or of any unit above it) register an initiative, edit it until the council sits,
record where and since when it is applied and what the council found (``SUBMIT`` on the initiative's unit); only a
leader records the recognition or the refusal (``APPROVE``: it is what title criteria count). A user outside the
unit's subtree gets 404. A duplicate check sent up is decided by the officers and leaders of the unit above both
initiatives (``SUBMIT`` on ``reviewer_unit``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.core.workflow import Transition, Workflow, register
from thidua.orgs.models import RoleAssignment

from ..models import DuplicateCheck, Initiative, InitiativeEvent, InitiativeStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

Role = RoleAssignment.Role
SUBMIT = declare_permission("submit", roles=[Role.LEADER, Role.OFFICER], app="registrations",
                            label=_("Soạn, gửi"))  # fmt: skip
APPROVE = declare_permission("approve", roles=[Role.LEADER], app="registrations", label=_("Duyệt, ký"))

S = InitiativeStatus
INITIATIVE_AUDIT_FIELDS = [
    "title", "field", "problem", "solution", "applied_where", "applied_since", "benefit_vnd", "benefit_text",
    "decision_number", "decision_date", "recognising_body", "effect_scope", "not_recognised_reason", "archived_at",
]  # fmt: skip

INITIATIVE_WORKFLOW: Workflow[Initiative] = register(
    Workflow(
        model=Initiative,
        event_model=InitiativeEvent,
        unit_path=lambda initiative: initiative.unit.path,
        is_open=lambda initiative: initiative.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=INITIATIVE_AUDIT_FIELDS,
        transitions=[
            Transition("apply", {S.REGISTERED}, S.APPLIED, SUBMIT, label=_("ghi nhận áp dụng sáng kiến")),
            Transition(
                "review", {S.APPLIED}, S.REVIEWED, SUBMIT, label=_("ghi kết quả xét của hội đồng sáng kiến")
            ),
            Transition(
                "recognise", {S.REVIEWED}, S.RECOGNISED, APPROVE, label=_("ghi nhận công nhận sáng kiến")
            ),
            Transition(
                "reject",
                {S.REVIEWED},
                S.NOT_RECOGNISED,
                APPROVE,
                label=_("ghi nhận không công nhận sáng kiến"),
                needs_reason=True,
            ),  # fmt: skip
        ],
    )
)


def can_register_initiative(user: User | AnonymousUser, unit: Unit) -> bool:
    return unit.is_active and has_perm(user, SUBMIT, unit.path)


def can_edit_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    return initiative.is_editable and has_perm(user, SUBMIT, initiative.unit.path)


def can_archive_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """A registered or applied initiative is archived by who may edit it; one the council saw only by a leader."""
    if initiative.archived_at is not None:
        return False
    needed = SUBMIT if initiative.is_editable else APPROVE
    return has_perm(user, needed, initiative.unit.path)


def can_transition(user: User | AnonymousUser, initiative: Initiative, name: str) -> bool:
    return INITIATIVE_WORKFLOW.can(user, initiative, name)


def can_decide_check(user: User | AnonymousUser, check: DuplicateCheck) -> bool:
    return check.status == "pending" and has_perm(user, SUBMIT, check.reviewer_unit.path)


def can_attach_to_initiative(user: User | AnonymousUser, initiative: Initiative) -> bool:
    """Add (and archive) its files: the description, the minutes of the council, the decision."""
    return initiative.archived_at is None and has_perm(user, SUBMIT, initiative.unit.path)

"""Who may do what with plans: the permissions plans add (declared to the registry in ``thidua.core.permissions``
with the roles that hold them) and plain functions over ``has_perm``.

Officers and leaders prepare drafts (``SUBMIT`` on the issuing unit); only a leader issues, amends and closes a plan
(``APPROVE``: the one who signs). The workflow is the table ``TRANSITIONS``: each transition, the statuses it starts
from, the status it leads to and the permission it needs on the issuing unit. A plan is seen by its issuer's subtree
and by the units it was delivered to; anyone else gets 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import VIEW, declare_permission
from thidua.core.scoping import has_perm
from thidua.core.workflow import Transition, Workflow, register
from thidua.orgs.models import RoleAssignment, Unit

from .models import PLAN_AUDIT_FIELDS, Plan, PlanEvent, PlanStatus

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Role = RoleAssignment.Role
SUBMIT = declare_permission("submit", roles=[Role.LEADER, Role.OFFICER], app="plans", label=_("Soạn, gửi"))
APPROVE = declare_permission("approve", roles=[Role.LEADER], app="plans", label=_("Duyệt, ký"))

# The workflow of a plan on the workflow kit (thidua.core.workflow): the actions apply these transitions by name.
PLAN_WORKFLOW: Workflow[Plan] = register(
    Workflow(
        model=Plan,
        event_model=PlanEvent,
        unit_path=lambda plan: plan.issuer.path,
        is_open=lambda plan: plan.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=PLAN_AUDIT_FIELDS,
        transitions=[
            Transition("issue", {PlanStatus.DRAFT}, PlanStatus.ISSUED, APPROVE, label=_("ban hành kế hoạch")),
            Transition(
                "amend",
                {PlanStatus.ISSUED},
                PlanStatus.ISSUED,
                APPROVE,
                label=_("sửa đổi, bổ sung kế hoạch"),
                needs_reason=True,
            ),  # fmt: skip
            Transition(
                "close", {PlanStatus.ISSUED}, PlanStatus.CLOSED, APPROVE, label=_("kết thúc kế hoạch")
            ),
        ],
    )
)
TRANSITIONS = PLAN_WORKFLOW.transitions


def transition_allowed(plan: Plan, name: str) -> bool:
    return PLAN_WORKFLOW.allowed(plan, name)


def can_transition(user: User | AnonymousUser, plan: Plan, name: str) -> bool:
    return PLAN_WORKFLOW.can(user, plan, name)


def can_view_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    """The rule of ``PlanQuerySet.visible_to``: the issuer's subtree, else (one query) delivery or history."""
    if has_perm(user, VIEW, plan.issuer.path):
        return True
    return plan.status != PlanStatus.DRAFT and Plan.objects.visible_to(user).filter(pk=plan.pk).exists()


def can_create_plan(user: User | AnonymousUser, unit) -> bool:
    """Draft a plan of this unit (also by importing its text)."""
    return unit.is_active and has_perm(user, SUBMIT, unit.path)


def can_edit_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    return plan.is_draft and plan.archived_at is None and can_edit_plan_if_draft(user, plan)


def can_edit_plan_if_draft(user: User | AnonymousUser, plan: Plan) -> bool:
    """The user's role allows editing the plan's drafts (whatever the plan's state now)."""
    return has_perm(user, SUBMIT, plan.issuer.path)


def why_not_editable(plan: Plan) -> str:
    """Why a plan the user could edit as a draft is not editable now (its state, not the user's role)."""
    if plan.archived_at is not None:
        return str(_("Kế hoạch đã được lưu trữ: không sửa được."))
    if plan.status == PlanStatus.ISSUED:
        return str(_("Kế hoạch đã ban hành nên không sửa trực tiếp được; lãnh đạo có thể sửa đổi, bổ sung."))
    return str(_("Kế hoạch đã kết thúc: không sửa được."))


def can_issue_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    return can_transition(user, plan, "issue")


def can_amend_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    return can_transition(user, plan, "amend")


def can_close_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    return can_transition(user, plan, "close")


def can_archive_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    """A draft is archived by whoever may edit it; an issued plan only by a leader."""
    if plan.archived_at is not None:
        return False
    needed = SUBMIT if plan.is_draft else APPROVE
    return has_perm(user, needed, plan.issuer.path)


def can_copy_plan(user: User | AnonymousUser, plan: Plan) -> bool:
    """Copy to another year: a new draft of the same issuer."""
    return plan.archived_at is None and has_perm(user, SUBMIT, plan.issuer.path)


def can_view_deployment(user: User | AnonymousUser, plan: Plan) -> bool:
    """Who has deployed the plan below its issuer: for the issuer's subtree only."""
    return plan.status != PlanStatus.DRAFT and has_perm(user, VIEW, plan.issuer.path)


def can_send_reminders(user: User | AnonymousUser, plan: Plan) -> bool:
    return (
        plan.status == PlanStatus.ISSUED
        and plan.archived_at is None
        and has_perm(user, SUBMIT, plan.issuer.path)
    )


def can_build_from(user: User | AnonymousUser, plan: Plan, unit) -> bool:
    """Build ``unit``'s own plan from ``plan``: an issued plan of a unit above it, which the user can see, and the
    right to draft plans of ``unit``."""
    return (
        plan.status == PlanStatus.ISSUED
        and plan.archived_at is None
        and unit.is_active
        and unit.path.startswith(plan.issuer.path)
        and unit.pk != plan.issuer_id
        and has_perm(user, SUBMIT, unit.path)
        and can_view_plan(user, plan)
    )


def units_that_can_build_from(user: User | AnonymousUser, plan: Plan):
    """The units of the user's scope for which the user may build a plan from ``plan``: those that received it,
    and (for people of the issuer's subtree) the units directly below the issuer. One query."""
    from django.db.models import Q

    if plan.status != PlanStatus.ISSUED or plan.archived_at is not None:
        return Unit.objects.none()
    units = (
        Unit.objects.visible_to(user, SUBMIT).active().filter(path__subtree=plan.issuer.path)
        .exclude(pk=plan.issuer_id)
    )  # fmt: skip
    return (
        units.filter(Q(received_plans__plan=plan) | Q(depth=plan.issuer.depth + 1))
        .distinct()
        .order_by("depth", "sort_key", "path")
    )

"""Who may do what with enterprises, the path to a union, officers per area and supervision.

Everything is the upper-level union's (``upper_unit``) and its ancestors': its officers and leaders keep the registry
and the path (``MANAGE``), record inspections and follow their recommendations (``SUPERVISE``); its leaders assign
officers to areas (``ASSIGN``). Founding the union also needs orgs' ``manage_units`` on the upper-level union (the
founding is orgs' action). A grassroots union reads the inspections of itself, never writes them. Anyone outside gets
404 (the reads go through ``visible_to``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.core.workflow import Transition, Workflow, register
from thidua.orgs.models import Level, RoleAssignment
from thidua.orgs.permissions import can_manage_unit

from .models import (
    Enterprise,
    EnterpriseEvent,
    Inspection,
    Recommendation,
    RecommendationEvent,
    RecommendationStatus,
    Stage,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

Role = RoleAssignment.Role
MANAGE = declare_permission("manage_enterprises", roles=[Role.LEADER, Role.OFFICER], app="enterprises",
                            label=_("Quản lý doanh nghiệp, vận động thành lập công đoàn"))  # fmt: skip
ASSIGN = declare_permission("assign_area_officers", roles=[Role.LEADER], app="enterprises",
                            label=_("Phân công cán bộ phụ trách địa bàn"))  # fmt: skip
SUPERVISE = declare_permission("supervise", roles=[Role.LEADER, Role.OFFICER], app="enterprises",
                               label=_("Kiểm tra, giám sát"))  # fmt: skip

# The levels that follow enterprises, assign officers and inspect.
UPPER_LEVELS = (Level.UPPER, Level.PROVINCE, Level.CENTRAL_SECTOR)

S = Stage
PIPELINE: Workflow[Enterprise] = register(
    Workflow(
        model=Enterprise,
        event_model=EnterpriseEvent,
        state_field="stage",
        event_fields=lambda step: {
            "enterprise": step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "on": step.obj.stage_since,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
        },  # fmt: skip
        unit_path=lambda enterprise: enterprise.upper_unit.path,
        is_open=lambda enterprise: enterprise.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=["stage_since", "last_step_on", "union_unit_id", "founding_decision", "workforce"],
        transitions=[
            Transition("survey", {S.NOT_SURVEYED}, S.SURVEYED, MANAGE, label=_("ghi nhận khảo sát")),
            Transition("plan", {S.SURVEYED}, S.MOBILISING, MANAGE, label=_("lập kế hoạch vận động")),
            Transition(
                "found", {S.SURVEYED, S.MOBILISING}, S.FOUNDED, MANAGE, label=_("thành lập công đoàn cơ sở")
            ),  # fmt: skip
            Transition(
                "pause",
                {S.NOT_SURVEYED, S.SURVEYED, S.MOBILISING},
                S.PAUSED,
                MANAGE,
                label=_("tạm dừng vận động"),
                needs_reason=True,
            ),  # fmt: skip
            Transition("resume", {S.PAUSED}, S.NOT_SURVEYED, MANAGE, label=_("vận động lại")),
            Transition(
                "link",
                {S.NOT_SURVEYED, S.SURVEYED, S.MOBILISING, S.PAUSED},
                S.FOUNDED,
                MANAGE,
                label=_("ghi nhận doanh nghiệp đã có công đoàn cơ sở"),
            ),  # fmt: skip
        ],
    )
)

R = RecommendationStatus
RECOMMENDATION_WORKFLOW: Workflow[Recommendation] = register(
    Workflow(
        model=Recommendation,
        event_model=RecommendationEvent,
        event_fields=lambda step: {
            "recommendation": step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
        },  # fmt: skip
        unit_path=lambda rec: rec.inspection.upper_unit.path,
        is_open=lambda rec: rec.inspection.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=["content", "responsible", "deadline", "closed_on"],
        transitions=[
            Transition(
                "close", {R.OPEN}, R.CLOSED, SUPERVISE, label=_("ghi nhận đã thực hiện xong kiến nghị")
            ),
            Transition(
                "reopen", {R.CLOSED}, R.OPEN, SUPERVISE, label=_("mở lại kiến nghị"), needs_reason=True
            ),
        ],
    )
)


def follows_enterprises(unit: Unit) -> bool:
    return unit.level in UPPER_LEVELS and unit.is_active


def can_manage_enterprises(user: User | AnonymousUser, unit: Unit) -> bool:
    """Register or edit enterprises followed by ``unit`` (an upper-level union), and carry their path."""
    return follows_enterprises(unit) and has_perm(user, MANAGE, unit.path)


def can_edit_enterprise(user: User | AnonymousUser, enterprise: Enterprise) -> bool:
    return enterprise.archived_at is None and has_perm(user, MANAGE, enterprise.upper_unit.path)


def can_found_union(user: User | AnonymousUser, enterprise: Enterprise) -> bool:
    """Found the grassroots union: the path allows it and the user may found units under the upper-level union."""
    return (
        PIPELINE.can(user, enterprise, "found")
        and enterprise.upper_unit.is_active
        and can_manage_unit(user, enterprise.upper_unit)
    )


def can_assign_officers(user: User | AnonymousUser, unit: Unit) -> bool:
    return follows_enterprises(unit) and has_perm(user, ASSIGN, unit.path)


def can_supervise(user: User | AnonymousUser, unit: Unit) -> bool:
    """Record inspections by ``unit`` (an upper-level union) and follow their recommendations."""
    return follows_enterprises(unit) and has_perm(user, SUPERVISE, unit.path)


def can_edit_inspection(user: User | AnonymousUser, inspection: Inspection) -> bool:
    return inspection.archived_at is None and has_perm(user, SUPERVISE, inspection.upper_unit.path)

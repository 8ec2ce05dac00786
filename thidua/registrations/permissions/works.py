"""Who may do what with research topics and congress works, and their paths on the workflow kit.

Officers and leaders of the unit (or of any unit above it) register a topic or a work, edit it while it is
registered or under way, start it, stop or cancel it with a reason, record a work's completion and attach files
(``SUBMIT`` on its unit). The acceptance of a research topic (nghiệm thu: rating and decision) and its failure are
recorded by a leader (``APPROVE``): an accepted topic counts towards titles. A user outside the unit's subtree gets
404 (the reads go through ``visible_to``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import declare_permission
from thidua.core.scoping import has_perm
from thidua.core.workflow import Transition, Workflow, register
from thidua.orgs.models import RoleAssignment

from ..models import (
    CongressWork,
    CongressWorkEvent,
    ResearchStatus,
    ResearchTopic,
    ResearchTopicEvent,
    WorkStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Unit

Role = RoleAssignment.Role
SUBMIT = declare_permission("submit", roles=[Role.LEADER, Role.OFFICER], app="registrations",
                            label=_("Soạn, gửi"))  # fmt: skip
APPROVE = declare_permission("approve", roles=[Role.LEADER], app="registrations", label=_("Duyệt, ký"))

RESEARCH_AUDIT_FIELDS = [
    "title", "field", "level", "lead_id", "lead_name", "start_on", "end_on", "budget_vnd", "funding_source",
    "summary", "year", "accepted_on", "rating", "decision_number", "decision_date", "accepting_body",
    "outcome_reason", "archived_at",
]  # fmt: skip
WORK_AUDIT_FIELDS = [
    "name", "kind", "value_vnd", "location", "description", "congress_name", "congress_term", "planned_on",
    "completed_on", "outcome_reason", "archived_at", "congress_record_id",
]  # fmt: skip

R = ResearchStatus
RESEARCH_WORKFLOW: Workflow[ResearchTopic] = register(
    Workflow(
        model=ResearchTopic,
        event_model=ResearchTopicEvent,
        event_fields=lambda step: {
            "topic": step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
        },  # fmt: skip
        unit_path=lambda topic: topic.unit.path,
        is_open=lambda topic: topic.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=RESEARCH_AUDIT_FIELDS,
        transitions=[
            Transition("start", {R.REGISTERED}, R.IN_PROGRESS, SUBMIT, label=_("bắt đầu thực hiện đề tài")),
            Transition(
                "accept", {R.IN_PROGRESS}, R.ACCEPTED, APPROVE, label=_("ghi kết quả nghiệm thu đề tài")
            ),
            Transition(
                "fail",
                {R.IN_PROGRESS},
                R.NOT_ACCEPTED,
                APPROVE,
                label=_("ghi nhận đề tài không đạt khi nghiệm thu"),
                needs_reason=True,
            ),  # fmt: skip
            Transition(
                "stop",
                {R.REGISTERED, R.IN_PROGRESS},
                R.STOPPED,
                SUBMIT,
                label=_("dừng thực hiện đề tài"),
                needs_reason=True,
            ),  # fmt: skip
        ],
    )
)

W = WorkStatus
CONGRESS_WORK_WORKFLOW: Workflow[CongressWork] = register(
    Workflow(
        model=CongressWork,
        event_model=CongressWorkEvent,
        event_fields=lambda step: {
            "work": step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
        },  # fmt: skip
        unit_path=lambda work: work.unit.path,
        is_open=lambda work: work.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=WORK_AUDIT_FIELDS,
        transitions=[
            Transition("start", {W.REGISTERED}, W.IN_PROGRESS, SUBMIT, label=_("bắt đầu thực hiện")),
            Transition(
                "complete", {W.REGISTERED, W.IN_PROGRESS}, W.COMPLETED, SUBMIT, label=_("ghi nhận hoàn thành")
            ),  # fmt: skip
            Transition(
                "cancel",
                {W.REGISTERED, W.IN_PROGRESS},
                W.CANCELLED,
                SUBMIT,
                label=_("ghi nhận không thực hiện"),
                needs_reason=True,
            ),  # fmt: skip
        ],
    )
)


def can_register_works(user: User | AnonymousUser, unit: Unit) -> bool:
    """Register a research topic or a congress work of ``unit``."""
    return unit.is_active and has_perm(user, SUBMIT, unit.path)


def can_edit_topic(user: User | AnonymousUser, topic: ResearchTopic) -> bool:
    return topic.is_editable and has_perm(user, SUBMIT, topic.unit.path)


def can_archive_topic(user: User | AnonymousUser, topic: ResearchTopic) -> bool:
    """A topic under way is archived by who may edit it; a concluded one (accepted, failed, stopped) by a leader."""
    if topic.archived_at is not None:
        return False
    return has_perm(user, SUBMIT if topic.is_editable else APPROVE, topic.unit.path)


def can_attach_to_topic(user: User | AnonymousUser, topic: ResearchTopic) -> bool:
    """Files (the proposal, the acceptance minutes, the decision) are added until the topic is archived."""
    return topic.archived_at is None and has_perm(user, SUBMIT, topic.unit.path)


def can_edit_work(user: User | AnonymousUser, work: CongressWork) -> bool:
    return work.is_editable and has_perm(user, SUBMIT, work.unit.path)


def can_archive_work(user: User | AnonymousUser, work: CongressWork) -> bool:
    if work.archived_at is not None:
        return False
    return has_perm(user, SUBMIT if work.is_editable else APPROVE, work.unit.path)


def can_attach_to_work(user: User | AnonymousUser, work: CongressWork) -> bool:
    return work.archived_at is None and has_perm(user, SUBMIT, work.unit.path)

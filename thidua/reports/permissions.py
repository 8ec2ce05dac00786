"""Who may do what with phase reports, and the expected report's path on the workflow kit (``REPORT_WORKFLOW``).

- A report form is drafted and published by the officers and leaders of the plan's issuer (``SUBMIT`` on it).
- A unit's officers and leaders fill in and submit its own report (``SUBMIT`` on the unit).
- The level that approves (``ExpectedReport.parent``: the unit's nearest reporting ancestor on the publication day)
  approves, returns with a reason, waives with a reason and grants late entry (``APPROVE_REPORTS`` on that unit,
  hence from any unit above it). A unit never approves its own report: the role must cover ``parent``.
- The issuer's own consolidated report has no level above in the form: its leader finalises it (``APPROVE``).
- A published form is closed (no more entry or submission, even with a late-entry exception) and reopened with a
  reason by the level that published it (``APPROVE_REPORTS`` on the plan's issuer): ``FORM_WORKFLOW``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import VIEW, declare_permission
from thidua.core.scoping import has_perm
from thidua.core.workflow import Transition, Workflow, register
from thidua.orgs.models import RoleAssignment

from .models import ExpectedReport, ExpectedReportEvent, FormStatus, ReportForm, ReportFormEvent
from .models import ExpectedReportStatus as S
from .models.reports import REPORT_AUDIT_FIELDS

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

Role = RoleAssignment.Role
SUBMIT = declare_permission("submit", roles=[Role.LEADER, Role.OFFICER], app="reports", label=_("Soạn, gửi"))
APPROVE = declare_permission("approve", roles=[Role.LEADER], app="reports", label=_("Duyệt, ký"))
APPROVE_REPORTS = declare_permission("approve_reports", roles=[Role.LEADER, Role.OFFICER], app="reports",
                                     label=_("Duyệt báo cáo kết quả của cấp dưới"))  # fmt: skip

# The states in which the unit may change its figures (while entry is open).
EDITABLE = frozenset({S.NOT_STARTED, S.DRAFT, S.RETURNED})
# The states that count as done for the level above's own submission.
SETTLED = frozenset({S.APPROVED, S.ACCEPTED, S.WAIVED})


def is_approver(user: User | AnonymousUser | None, report: ExpectedReport) -> bool:
    """The user acts for the level that approves ``report`` (never the unit itself)."""
    return report.parent is not None and has_perm(user, APPROVE_REPORTS, report.parent.path)


def _approver(user, report: ExpectedReport) -> bool:
    return is_approver(user, report)


def _submitter(user, report: ExpectedReport) -> bool:
    return report.parent_id is not None and has_perm(user, SUBMIT, report.unit.path)


def _finaliser(user, report: ExpectedReport) -> bool:
    return report.parent_id is None and has_perm(user, APPROVE, report.unit.path)


def _event_fields(step):
    return {
        "report": step.obj,
        "action": step.transition.name,
        "from_status": step.from_state,
        "to_status": step.transition.target,
        "by": step.by if getattr(step.by, "pk", None) else None,
        "note": step.note[:500],
        "changes": step.changes,
    }


REPORT_WORKFLOW: Workflow[ExpectedReport] = register(
    Workflow(
        model=ExpectedReport,
        event_model=ExpectedReportEvent,
        unit_path=lambda report: report.unit.path,
        is_open=lambda report: report.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=REPORT_AUDIT_FIELDS,
        event_fields=_event_fields,
        transitions=[
            Transition("begin_entry", {S.NOT_STARTED}, S.DRAFT, SUBMIT, label=_("bắt đầu nhập báo cáo")),
            Transition(
                "submit",
                {S.DRAFT, S.RETURNED},
                S.SUBMITTED,
                SUBMIT,
                label=_("gửi báo cáo lên cấp trên"),
                check=_submitter,
            ),
            Transition(
                "approve_report",
                {S.SUBMITTED},
                S.APPROVED,
                APPROVE_REPORTS,
                label=_("duyệt báo cáo"),
                check=_approver,
            ),
            Transition(
                "finalise",
                {S.DRAFT, S.RETURNED},
                S.APPROVED,
                APPROVE,
                label=_("duyệt báo cáo tổng hợp của đơn vị"),
                check=_finaliser,
            ),
            Transition(
                "return",
                {S.SUBMITTED, S.APPROVED},
                S.RETURNED,
                APPROVE_REPORTS,
                label=_("trả lại báo cáo"),
                needs_reason=True,
                check=_approver,
            ),
            Transition(
                "reopen_report",
                {S.APPROVED},
                S.RETURNED,
                APPROVE,
                label=_("mở lại báo cáo tổng hợp"),
                needs_reason=True,
                check=_finaliser,
            ),
            Transition(
                "waive",
                {S.NOT_STARTED, S.DRAFT, S.RETURNED, S.SUBMITTED},
                S.WAIVED,
                APPROVE_REPORTS,
                label=_("miễn báo cáo"),
                needs_reason=True,
                check=_approver,
            ),
        ],
    )  # fmt: skip
)


FORM_AUDIT_FIELDS = ["title", "levels", "period_start", "period_end", "due_on", "status", "narrative_headings",
                     "published_at", "closed_at", "closed_by_id", "archived_at"]  # fmt: skip

FORM_WORKFLOW: Workflow[ReportForm] = register(
    Workflow(
        model=ReportForm,
        event_model=ReportFormEvent,
        unit_path=lambda form: form.phase.plan.issuer.path,
        is_open=lambda form: form.archived_at is None,
        closed_label=_("Đã lưu trữ"),
        audit_fields=FORM_AUDIT_FIELDS,
        event_fields=lambda step: {
            "form": step.obj,
            "action": step.transition.name,
            "from_status": step.from_state,
            "to_status": step.transition.target,
            "by": step.by if getattr(step.by, "pk", None) else None,
            "note": step.note[:500],
        },  # fmt: skip
        transitions=[
            Transition(
                "close_form",
                {FormStatus.PUBLISHED},
                FormStatus.CLOSED,
                APPROVE_REPORTS,
                label=_("kết thúc nhận báo cáo"),
            ),
            Transition(
                "reopen_form",
                {FormStatus.CLOSED},
                FormStatus.PUBLISHED,
                APPROVE_REPORTS,
                label=_("mở lại nhận báo cáo"),
                needs_reason=True,
            ),
        ],
    )  # fmt: skip
)


def can_close_form(user: User | AnonymousUser | None, form: ReportForm) -> bool:
    return FORM_WORKFLOW.can(user, form, "close_form")


def can_reopen_form(user: User | AnonymousUser | None, form: ReportForm) -> bool:
    return FORM_WORKFLOW.can(user, form, "reopen_form")


def can_view_report(user: User | AnonymousUser | None, report: ExpectedReport) -> bool:
    return has_perm(user, VIEW, report.unit.path)


def can_edit_values(user: User | AnonymousUser | None, report: ExpectedReport) -> bool:
    """Change the figures and the narrative: the unit's officers and leaders, while not submitted or locked."""
    return (
        report.archived_at is None and report.status in EDITABLE and has_perm(user, SUBMIT, report.unit.path)
    )


def can_transition(user: User | AnonymousUser | None, report: ExpectedReport, name: str) -> bool:
    return REPORT_WORKFLOW.can(user, report, name)


def can_grant_late_entry(user: User | AnonymousUser | None, report: ExpectedReport) -> bool:
    return report.archived_at is None and report.status not in SETTLED and is_approver(user, report)


def can_edit_form(user: User | AnonymousUser | None, form: ReportForm) -> bool:
    """Draft or change a form: the officers and leaders of the plan's issuer, while the form is a draft."""
    return form.is_editable and has_perm(user, SUBMIT, form.phase.plan.issuer.path)


def can_create_form(user: User | AnonymousUser | None, phase) -> bool:
    plan = phase.plan
    return (
        plan.archived_at is None
        and plan.status in ("issued", "closed")
        and phase.opens_reporting
        and has_perm(user, SUBMIT, plan.issuer.path)
    )


def can_publish_form(user: User | AnonymousUser | None, form: ReportForm) -> bool:
    return can_edit_form(user, form)


def can_manage_indicators(user: User | AnonymousUser | None, unit) -> bool:
    """Add or archive a federation's own indicators: the officers and leaders of a unit above the grassroots (a
    province, a sector or an upper-level union), who publish forms."""
    return unit.level not in ("grassroots", "sub_grassroots") and has_perm(user, SUBMIT, unit.path)

"""Every change to plans goes through these functions.

Each takes the acting user as ``by``, runs in one transaction, writes the audit trail (thidua.core.audit) and, for
workflow steps, a ``PlanEvent``. The workflow's allowed transitions are ``permissions.TRANSITIONS``; an action
refuses a transition the plan's status does not allow (the caller checks the user's permission with ``can_*``).
Mail goes out through ``transaction.on_commit``: nothing is sent for a change that is rolled back.
"""

from .cascade import build_plan_from, copy_plan_to_year, send_reminders
from .catalog import save_commemoration
from .drafts import create_plan, update_plan
from .imports import create_plan_from_parsed
from .workflow import amend_plan, archive_plan, close_plan, issue_plan, notify_phase_changes, plan_url

__all__ = [
    "amend_plan",
    "archive_plan",
    "build_plan_from",
    "close_plan",
    "copy_plan_to_year",
    "create_plan",
    "create_plan_from_parsed",
    "issue_plan",
    "notify_phase_changes",
    "plan_url",
    "save_commemoration",
    "send_reminders",
    "update_plan",
]

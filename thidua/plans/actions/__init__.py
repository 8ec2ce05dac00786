"""Every change to plans goes through these functions.

Each takes the acting user as ``by``, runs in one transaction, writes the audit trail (thidua.core.audit) and, for
workflow steps, a ``PlanEvent``. The workflow's transitions are ``permissions.PLAN_WORKFLOW`` on the workflow kit
(``thidua.core.workflow``): a transition reads the plan's status under a lock and refuses what the status does not
allow or the acting user may not do (``by=None`` is the system).
Mail goes out through ``transaction.on_commit``: nothing is sent for a change that is rolled back.
"""

from .cascade import build_plan_from, copy_plan_to_year, send_reminders
from .catalog import save_commemoration
from .drafts import create_plan, update_plan
from .imports import create_plan_from_parsed
from .movements import link_movement
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
    "link_movement",
    "notify_phase_changes",
    "plan_url",
    "save_commemoration",
    "send_reminders",
    "update_plan",
]

"""Every change to enterprises, their path to a union, officers per area and supervision goes through these
functions: each takes the acting user as ``by`` (``None``: the system — the demo, a command), checks what that user
may do, runs in one transaction and writes the audit trail (workflow steps: their event too).

    registry.py     register, update, archive, restore an enterprise; the import's bulk upsert
    pipeline.py     survey visits, the recruitment plan and its progress, founding the union (orgs' founding action),
                    linking an existing union, pausing and resuming
    officers.py     assign an officer to a union or an enterprise (reassigning ends the open assignment), end one
    supervision.py  inspections, recommendations, follow-ups, closing; the overdue notices
"""

from .officers import assign_officer, end_assignment
from .pipeline import (
    adopt_recruitment_plan,
    found_union,
    link_union,
    pause_case,
    record_progress,
    record_survey,
    resume_case,
)
from .registry import (
    archive_enterprise,
    register_enterprise,
    restore_enterprise,
    update_enterprise,
    upsert_enterprises,
)
from .supervision import (
    add_recommendation,
    archive_inspection,
    close_recommendation,
    notify_overdue_recommendations,
    record_follow_up,
    record_inspection,
    reopen_recommendation,
)

__all__ = [
    "add_recommendation", "adopt_recruitment_plan", "archive_enterprise", "archive_inspection", "assign_officer",
    "close_recommendation", "end_assignment", "found_union", "link_union", "notify_overdue_recommendations",
    "pause_case", "record_follow_up", "record_inspection", "record_progress", "record_survey",
    "register_enterprise", "reopen_recommendation", "restore_enterprise", "resume_case", "update_enterprise",
    "upsert_enterprises",
]  # fmt: skip

"""What the roll-up adds to the reports app at start-up (called from ``ReportsConfig.ready``): the permission to
remind, the notice kind and audit verb of reminders, the dashboard block, and the sweep of old national runs' files
by the task queue's housekeeping."""

from django.utils.translation import gettext_lazy as _


def ready() -> None:
    from thidua.core.audit import name_verbs
    from thidua.core.dashboard import register_block
    from thidua.core.notify import name_kinds
    from thidua.core.tasks import register_sweeper

    from . import rollup_access  # noqa: F401 - declares the permission to remind
    from .actions.rollup_reminders import REMINDER_KIND, REMINDER_VERB
    from .rollup_dashboard import dashboard_block
    from .rollup_task import sweep_exports

    name_kinds({REMINDER_KIND: _("Nhắc gửi báo cáo kết quả đợt thi đua")})
    name_verbs({REMINDER_VERB: _("Nhắc gửi báo cáo kết quả đợt thi đua")})
    register_block(
        "report_rollup", order=35, template="reports/_dashboard_rollup.html", context=dashboard_block
    )
    register_sweeper("reports.rollup_exports", sweep_exports)

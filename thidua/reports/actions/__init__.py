"""Every change of the reports app: the indicator catalog (``catalog``), report forms (``forms``), expected reports
(``reports``)."""

from .catalog import archive_own_indicator, create_own_indicator, load_indicators
from .forms import close_form, create_form, publish_form, reopen_form, update_form
from .reports import (
    approve_report,
    finalise_report,
    grant_late_entry,
    reopen_report,
    return_report,
    save_values,
    submit_report,
    waive_report,
)

__all__ = [
    "load_indicators",
    "archive_own_indicator",
    "create_own_indicator",
    "close_form",
    "create_form",
    "publish_form",
    "reopen_form",
    "update_form",
    "approve_report",
    "finalise_report",
    "grant_late_entry",
    "reopen_report",
    "return_report",
    "save_values",
    "submit_report",
    "waive_report",
]

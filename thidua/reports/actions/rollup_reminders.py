"""Reminders to the units whose phase report is missing (not started, being drafted, or sent back): a notice to each
(in the bell at once; the daily e-mail digest carries it), at most one a unit, form and day whoever sends it, so the
daily command and the officer's button may both run without telling anyone twice."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.notices.actions import notify
from thidua.orgs.models import Unit

from ..completeness import below, due_day
from ..models import ReportForm
from ..tree import MISSING, tree_day, version_on

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REMINDER_KIND = "report_reminder"
REMINDER_VERB = "remind_report"


def reminder_key(form: ReportForm, day: datetime.date) -> str:
    """One reminder a unit, form and day: the key ``notify`` keeps it idempotent with."""
    return f"phase-report:{form.pk}:{day.isoformat()}"


def missing_units(form: ReportForm, unit: Unit) -> list[int]:
    """The ids of the units below ``unit`` (on the form's tree day) whose report for ``form`` is missing."""
    version = version_on(unit, tree_day(form))
    if version is None:
        return []
    return list(
        below(form, version, tree_day(form)).filter(status__in=MISSING).values_list("unit_id", flat=True)
    )


def _report_url(form: ReportForm) -> str:
    try:
        return reverse("reports:report-list") + f"?form={form.pk}"
    except NoReverseMatch:
        return reverse("report_rollup:completeness", args=[form.pk])


@transaction.atomic
def remind_missing(form: ReportForm, unit: Unit, *, by: User | None, today: datetime.date | None = None,
                   units: Iterable[int] | None = None, message: str = "") -> int:  # fmt: skip
    """Remind the units below ``unit`` whose report for ``form`` is missing (or only ``units`` among them, ids).
    Returns the number of units told now (0 when nobody is missing or all were told today)."""
    today = today or timezone.localdate()
    targets = missing_units(form, unit)
    if units is not None:
        chosen = set(units)
        if not chosen:
            raise ValidationError(_("Chọn ít nhất một đơn vị chưa gửi báo cáo để nhắc."))
        targets = [pk for pk in targets if pk in chosen]
    if not targets:
        return 0
    due = form.due_on
    title = _("Nhắc gửi báo cáo: %(form)s (hạn %(day)s)") % {"form": form.title, "day": format_date(due)}
    if due < today:
        title = _("Báo cáo quá hạn: %(form)s (hạn %(day)s)") % {"form": form.title, "day": format_date(due)}
    body = message.strip() or _(
        "%(sender)s đề nghị đơn vị hoàn thành, gửi báo cáo kết quả %(phase)s lên cấp trên. Số liệu tính đến ngày "
        "%(end)s."
    ) % {"sender": unit.name, "phase": form.phase.name.lower(), "end": format_date(form.period_end)}
    told = notify(units=targets, kind=REMINDER_KIND, title=title, body=body, url=_report_url(form), by=by,
                  key=reminder_key(form, today))  # fmt: skip
    if told:
        audit.record(unit, by=by, action=REMINDER_VERB, before={},
                     after={"form": form.pk, "units_told": told},
                     note=_("Nhắc %(n)s đơn vị chưa gửi báo cáo “%(form)s”") % {"n": told, "form": form.title})  # fmt: skip
    return told


def due_for_reminder(form: ReportForm, today: datetime.date, *, days_before: int, days_after: int) -> bool:
    """Is ``today`` within ``days_before`` days before the form's due date, or ``days_after`` days after it?"""
    return (
        form.due_on - datetime.timedelta(days=days_before)
        <= today
        <= form.due_on + datetime.timedelta(days=days_after)
    )


__all__ = ["REMINDER_KIND", "REMINDER_VERB", "due_day", "due_for_reminder", "missing_units", "remind_missing"]

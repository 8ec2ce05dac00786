"""The phase reports on an officer's page (the ``area_officer`` panel slot of the enterprises app): for the grassroots
unions the officer follows, the reports of published forms not yet sent up (not started, being entered, returned),
due or overdue. One query whatever the number of unions."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from thidua.core.scoping import has_perm

from .models import ExpectedReport, ExpectedReportStatus, FormStatus

SHOWN = 50
OPEN = [ExpectedReportStatus.NOT_STARTED, ExpectedReportStatus.DRAFT, ExpectedReportStatus.RETURNED]


def area_officer_panel(request, units) -> dict[str, Any] | None:
    units = [u for u in units or [] if has_perm(request.user, "view", u.path)]
    if not units:
        return None
    rows = list(
        ExpectedReport.objects.current()
        .filter(unit__in=units, status__in=OPEN, form__status=FormStatus.PUBLISHED)
        .select_related("unit", "form").order_by("due_on", "id")[: SHOWN + 1]
    )  # fmt: skip
    return {"rows": rows[:SHOWN], "more": len(rows) > SHOWN, "today": timezone.localdate()}

"""The congresses on an officer's page (the ``area_officer`` panel slot of the enterprises app): the congresses of
the grassroots unions the officer follows planned in the next 90 days or overdue (planned, not held). One query
whatever the number of unions."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from thidua.core.scoping import has_perm

from .models import Congress, CongressStatus

SHOWN = 50
AHEAD_DAYS = 90


def area_officer_panel(request, units) -> dict[str, Any] | None:
    units = [u for u in units or [] if has_perm(request.user, "view", u.path)]
    if not units:
        return None
    today = timezone.localdate()
    rows = list(
        Congress.objects.current()
        .filter(unit__in=units, status=CongressStatus.PREPARING, planned_on__isnull=False,
                planned_on__lte=today + datetime.timedelta(days=AHEAD_DAYS))
        .select_related("unit").order_by("planned_on", "id")[: SHOWN + 1]
    )  # fmt: skip
    return {"rows": rows[:SHOWN], "more": len(rows) > SHOWN, "today": today}

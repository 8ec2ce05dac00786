"""Activities on a unit's page (``thidua.core.panels``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .models import Activity
from .permissions import can_record_activity
from .queries import activity_totals

SHOWN = 5


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    """The unit's own latest activities and their totals: two queries (one when there are none)."""
    own = Activity.objects.visible_to(request.user).current().filter(unit=unit)
    totals = activity_totals(own)
    may_record = can_record_activity(request.user, unit)
    if not totals["count"] and not may_record:
        return None
    latest = list(own.order_by("-start_on", "-id")[:SHOWN]) if totals["count"] else []
    return {"unit": unit, "totals": totals, "activities": latest, "may_record": may_record}

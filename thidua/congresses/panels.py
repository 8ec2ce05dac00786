"""The congresses' panel on a unit's page (``thidua.core.panels``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from .models import Progress
from .permissions import can_schedule
from .queries import congresses_of_unit


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    """The unit's congresses, term by term (one query); left out when there are none and the user cannot schedule."""
    congresses = congresses_of_unit(request.user, unit)
    may_schedule = unit.is_active and can_schedule(request.user, unit)
    if not congresses and not may_schedule:
        return None
    today = timezone.localdate()
    for congress in congresses:
        congress.progress_label = Progress(congress.progress_on(today)).label
    return {"unit": unit, "congresses": congresses, "may_schedule": may_schedule}

"""The council's panel on a unit's page (``thidua.core.panels``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .permissions import can_create_council
from .queries import unit_panel_data


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    """The unit's current council and its next session (two queries); left out when the unit has no council and
    the user may not set one up."""
    data = unit_panel_data(request.user, unit)
    may_create = can_create_council(request.user, unit)
    if data["council"] is None and not may_create:
        return None
    return {"unit": unit, "may_create": may_create, **data}

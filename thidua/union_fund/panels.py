"""The fund's panel on a unit's page (``thidua.core.panels``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .permissions import can_keep_fund
from .queries import unit_summary


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    """The unit's own fund book (contributions, grants, balance over all years) and its subtree's houses: two
    queries; left out when there is nothing to show and the user keeps no book here."""
    summary = unit_summary(request.user, unit)
    may_keep = can_keep_fund(request.user, unit)
    own = summary["own"]
    if not (own.contributions or own.grants or summary["houses"] or may_keep):
        return None
    return {"unit": unit, "may_keep": may_keep, **summary}

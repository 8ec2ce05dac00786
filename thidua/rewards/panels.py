"""The permanent record's panels on a person's and a unit's page (``thidua.core.panels``): bounded queries each."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import queries

PANEL_ROWS = 20


def person_panel(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    """A person's titles and awards across years and units (one query); left out when there are none."""
    records = list(queries.records_of_person(request.user, person)[: PANEL_ROWS + 1])
    if not records:
        return None
    return {"person": person, "records": records[:PANEL_ROWS], "more": len(records) > PANEL_ROWS}


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    """The unit's own awards (with its predecessors') and what its people received (two queries)."""
    own = list(queries.records_of_unit(request.user, unit)[:PANEL_ROWS])
    people = list(queries.records_of_people_in(request.user, unit)[:PANEL_ROWS])
    if not own and not people:
        return None
    return {"unit": unit, "own": own, "people": people}

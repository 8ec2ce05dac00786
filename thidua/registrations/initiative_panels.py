"""The initiatives' panels on a unit's page and a person's page (``core.panels``): what was registered and what
became of it, across years and transfers. Two queries on a unit's page, one on a person's."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from . import initiative_queries as queries
from .permissions.initiatives import can_register_initiative


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    summary = queries.unit_summary(request.user, unit)
    return {**summary, "unit": unit, "can_register": can_register_initiative(request.user, unit)}


def person_panel(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    found = queries.person_initiatives(request.user, person)
    if not found["shown"] and not found["others"]:
        return None
    return {**found, "person": person}

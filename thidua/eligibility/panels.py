"""Eligibility's panels (``thidua.core.panels``): links to the year's verdicts on a unit's and a person's page (no
query: those pages keep a fixed query count)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from .permissions import can_record_facts


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    return {"unit": unit, "year": timezone.localdate().year}


def person_panel(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    """Links only (the person page's query count is fixed): the verdicts of this year's titles; the facts recorded
    for the person are on the verdict page."""
    may_record = person.unit is not None and can_record_facts(request.user, person.unit)
    return {"person": person, "year": timezone.localdate().year, "may_record": may_record}

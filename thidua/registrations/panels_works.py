"""Panels of research topics and congress works on a unit's page and a person's page (``thidua.core.panels``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from .permissions.works import can_register_works
from .queries_works import topics_of_person, unit_works

SHOWN = 5


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    """The unit's own topics and works (the latest five of each, with their numbers): one query, three when the
    unit has both."""
    shown = unit_works(request.user, unit, SHOWN)
    may_register = can_register_works(request.user, unit)
    if not (shown["topic_count"] or shown["work_count"] or may_register):
        return None
    return {"unit": unit, "may_register": may_register, **shown}


def person_panel(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    """The topics the person led or worked on, in any unit the user reads (across years and transfers)."""
    topics = topics_of_person(request.user, person)
    if not topics:
        return None
    return {"person": person, "topics": topics}


def congress_panel(request: HttpRequest, congress: Any) -> dict[str, Any] | None:
    """The works dedicated to a congress record (``thidua.congresses``), those the user reads: one query."""
    from .models import CongressWork

    works = list(
        CongressWork.objects.visible_to(request.user).current().filter(congress_record=congress)
        .select_related("unit").order_by("planned_on", "name")
    )  # fmt: skip
    return {"congress": congress, "works": works}

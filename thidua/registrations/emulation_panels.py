"""The panels emulation registration adds to a unit's page and a person's page (``thidua.core.panels``): what they
registered, year by year, and what became of it (sent, acknowledged, returned, amended), across restructuring for a
unit (its predecessors' registrations are its records too) and across transfers for a person (whichever union
registered them). Two queries each, whatever the number of years."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest

from thidua.core.scoping import has_perm
from thidua.orgs.models import Person, Unit
from thidua.orgs.queries import predecessors_of

from .models import CollectiveTarget, IndividualEntry, Registration
from .permissions.emulation import SUBMIT

SHOWN = 10  # the latest registrations shown; the list page has the rest


def unit_panel(request: HttpRequest, unit: Unit) -> dict[str, Any] | None:
    """The unit's registrations and those of the units it carries on, newest first."""
    own = Q(unit=unit) | Q(unit__in=predecessors_of(Unit.objects.filter(pk=unit.pk)))
    registrations = list(
        Registration.objects.current().filter(own)
        .select_related("unit", "phase")
        .prefetch_related(Prefetch("targets", queryset=CollectiveTarget.objects.select_related("award")))
        .annotate(people_count=Count("people"))
        .order_by("-year", "-id")[:SHOWN]
    )  # fmt: skip
    can_open = unit.is_active and has_perm(request.user, SUBMIT, unit.path) and unit.depth > 1
    if not registrations and not can_open:
        return None
    return {"unit": unit, "registrations": registrations, "can_open": can_open}


def person_panel(request: HttpRequest, person: Person) -> dict[str, Any] | None:
    """Every title the person was registered for, by whichever union, newest first."""
    entries = list(
        IndividualEntry.objects.filter(person=person, registration__archived_at__isnull=True)
        .select_related("award", "registration__unit", "registration__phase")
        .order_by("-registration__year", "-registration_id", "order")[:SHOWN]
    )  # fmt: skip
    if not entries:
        return None
    return {"person": person, "entries": entries}

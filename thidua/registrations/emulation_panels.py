"""The panels emulation registration adds to a unit's page and a person's page (``thidua.core.panels``): what they
registered, year by year, and what became of it (sent, acknowledged, returned, amended), across restructuring for a
unit (its predecessors' registrations are its records too) and across transfers for a person (whichever union
registered them); and, per title, whether it was conferred (``outcomes``: the rewards answer, one query). A fixed
number of queries each, whatever the number of years."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest

from thidua.core.scoping import has_perm
from thidua.orgs.models import Person, Unit
from thidua.orgs.queries import predecessors_of

from .models import CollectiveTarget, IndividualEntry, Registration
from .outcomes import outcome_of, outcomes_for
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
    # what became of each collective title: awards of the unit the registration belongs to (one query)
    keys = [(r.unit_id, t.award_id, r.year) for r in registrations for t in r.targets.all()]
    found = outcomes_for(request.user, units=keys)
    for r in registrations:
        r.target_outcomes = [
            (t, outcome_of(found, "unit", (r.unit_id, t.award_id, r.year))) for t in r.targets.all()
        ]
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
    found = outcomes_for(request.user, people=[(person.pk, e.award_id, e.registration.year) for e in entries])
    for e in entries:
        e.outcome = outcome_of(found, "person", (person.pk, e.award_id, e.registration.year))  # type: ignore[attr-defined]
    return {"person": person, "entries": entries}

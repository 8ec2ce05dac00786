"""Eligibility's panels (``thidua.core.panels``): on a unit's page the links to its year's verdicts (no query); on a
person's page the facts recorded for them — exclusions and task ratings (two queries) — with the link to the
verdict."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from .models import Exclusion, TaskRating
from .permissions import can_record_facts


def unit_panel(request: HttpRequest, unit: Any) -> dict[str, Any] | None:
    return {"unit": unit, "year": timezone.localdate().year}


def person_panel(request: HttpRequest, person: Any) -> dict[str, Any] | None:
    exclusions = list(Exclusion.objects.current().filter(person=person).order_by("-starts_on", "-id")[:20])
    ratings = list(TaskRating.objects.current().filter(person=person).order_by("-year")[:10])
    may_record = person.unit is not None and can_record_facts(request.user, person.unit)
    return {"person": person, "exclusions": exclusions, "ratings": ratings, "year": timezone.localdate().year,
            "may_record": may_record}  # fmt: skip

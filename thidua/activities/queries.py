"""Reads of activities shared by the list, the export, the API and the panel: ``visible_to`` first, a fixed number
of queries whatever the number of rows; the totals summed by the database."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Q, QuerySet, Sum

from thidua.core.search import search_folded
from thidua.orgs.models import Unit

from .models import Activity, ActivityKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


@dataclass(frozen=True)
class ActivityFilters:
    q: str = ""
    year: int | None = None
    kind: str = ""
    phase: int | None = None
    unit: Unit | None = None
    archived: bool = False

    @classmethod
    def from_values(cls, values: Any, unit: Unit | None = None) -> ActivityFilters:
        year, kind, phase = (
            str(values.get("year") or ""),
            values.get("kind") or "",
            str(values.get("phase") or ""),
        )
        return cls(
            q=(values.get("q") or "").strip()[:200],
            year=int(year) if year.isdigit() and 1900 < int(year) < 2200 else None,
            kind=kind if kind in ActivityKind.values else "",
            phase=int(phase) if phase.isdigit() and len(phase) < 12 else None,
            unit=unit,
            archived=values.get("archived") in ("1", "true", True),
        )


def activities_for_list(user: User | AnonymousUser, filters: ActivityFilters) -> QuerySet[Activity]:
    qs = Activity.objects.visible_to(user).filter(archived_at__isnull=not filters.archived)
    if filters.year:
        qs = qs.filter(start_on__year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.phase:
        qs = qs.filter(phase_id=filters.phase)
    if filters.unit is not None:
        qs = qs.filter(unit__path__subtree=filters.unit.path)
    if filters.q:
        qs = search_folded(qs, filters.q, "title", "place")
    return qs.select_related("unit", "plan", "phase", "movement").order_by("-start_on", "-id")


def activity_totals(activities: QuerySet[Activity]) -> dict[str, int]:
    """The number of activities, participants and women among them: one query."""
    sums = activities.order_by().aggregate(n=Count("id"), people=Sum("participants"), women=Sum("women"))
    return {"count": sums["n"] or 0, "participants": sums["people"] or 0, "women": sums["women"] or 0}


def years_of(user: User | AnonymousUser) -> list[int]:
    dates = Activity.objects.visible_to(user).current().order_by().dates("start_on", "year")
    return sorted({d.year for d in dates}, reverse=True)


def activity_figures(unit: Unit, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """Activities of ``unit`` and the units below it that started from ``start`` to ``end`` (for the phase
    reports): how many (``activities``), of them skills contests (``contests``), and their participants. One query."""
    rows = Activity.objects.filter(unit__path__subtree=unit.path, archived_at__isnull=True,
                                   start_on__range=(start, end))  # fmt: skip
    return rows.aggregate(
        activities=Count("pk"),
        contests=Count("pk", filter=Q(kind=ActivityKind.SKILLS_CONTEST)),
        participants=Sum("participants", default=0),
    )

"""The calendar of a unit's year: phases, anniversaries (round ones highlighted) and report deadlines."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views.decorators.http import require_GET

from thidua.core.scoping import get_for_user
from thidua.orgs import queries as org_queries
from thidua.orgs.models import Unit

from .. import queries
from .base import year_param

# --- the calendar ---------------------------------------------------------------------------------------------


@login_required
@require_GET
def plan_calendar(request):
    roots = org_queries.root_units_for(request.user)
    if request.GET.get("unit"):
        unit = _calendar_unit(request.user, request.GET["unit"])
    elif roots:
        unit = roots[0]
    else:
        raise Http404
    years = queries.years_for_unit(request.user, unit)
    # An ended unit's calendar opens on its last year with plans (its history), another's on this year.
    year = year_param(request, max(years) if years and not unit.is_active else None)
    cal = queries.calendar(request.user, unit, year)
    plan_years = sorted(years | {year, timezone.localdate().year})
    return render(request, "plans/plan_calendar.html", {
        "cal": cal, "unit": unit, "year": year, "units": _calendar_units(roots, unit), "plan_years": plan_years,
        "predecessors": list(org_queries.predecessors(unit)),
    })  # fmt: skip


def _calendar_unit(user, raw: str) -> Unit:
    """The unit asked for: one the user sees, or (read-only history, decision 0011) a predecessor of one; else 404."""
    pk = int(raw) if raw.isdigit() else 0
    try:
        return get_for_user(Unit, user, pk=pk)
    except Http404:
        inherited = Unit.objects.filter(pk__in=org_queries.predecessors_of(Unit.objects.visible_to(user)))
        return get_object_or_404(inherited, pk=pk)


def _calendar_units(roots: list[Unit], chosen: Unit) -> list[Unit]:
    """The units offered by the calendar's picker: the user's top units and the units directly below them (one
    query), and the unit shown."""
    below = Unit.objects.none()
    for root in roots:
        below = below | Unit.objects.filter(path__subtree=root.path, depth=root.depth + 1)
    below = below.filter(archived_at__isnull=True).exclude(level="grassroots").order_by("path")
    units = {u.pk: u for u in [*roots, *below]}
    units.setdefault(chosen.pk, chosen)
    return org_queries.in_tree_order(units.values())

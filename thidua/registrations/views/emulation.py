"""The pages of emulation registration: the list (by year, status, unit), one registration."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.orgs.models import Unit

from .. import emulation_queries as queries
from ..models import Registration, RegistrationStatus

PAGE_SIZE = 50


def registration_for(user, pk: int, perm: str = "view") -> Registration:
    """The registration if the user sees it (its unit's subtree), else 404; with its rows and history."""
    found = get_for_user(Registration.objects.all(), user, perm, pk=pk)
    return queries.registration_detail(found.pk).get()


def list_filters(request) -> dict:
    """The list's filters from the query string: year, status, unit (a unit the user sees, with its subtree)."""
    raw_year = request.GET.get("year", "")
    year = int(raw_year) if raw_year.isdigit() and 1945 <= int(raw_year) <= 2200 else None
    status = request.GET.get("status", "")
    if status not in RegistrationStatus.values:
        status = ""
    raw_unit = request.GET.get("unit", "")
    unit = (
        Unit.objects.visible_to(request.user).filter(pk=int(raw_unit)).first() if raw_unit.isdigit() else None
    )
    return {"year": year, "status": status, "unit": unit}


@login_required
@require_GET
def registration_list(request):
    filters = list_filters(request)
    registrations = queries.registrations_for_list(request.user, **filters)
    page = page_of(request, registrations, PAGE_SIZE)
    context = {
        **filters,
        "registrations": page.object_list,
        "page": page,
        "years": queries.years_of(request.user),
        "statuses": RegistrationStatus.choices,
        "units": queries.units_registering(request.user),
        "query": request.GET.urlencode(),
    }
    return render(request, "registrations/registration_list.html", context)


@login_required
@require_GET
def registration_detail(request, pk: int):
    registration = registration_for(request.user, pk)
    return render(request, "registrations/registration_detail.html", {"registration": registration})

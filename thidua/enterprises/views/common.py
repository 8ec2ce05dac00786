"""What the enterprises pages share: reading an object through the scoping (404 outside), the unit filter."""

from __future__ import annotations

from django.http import Http404
from django.utils.http import urlencode

from thidua.core.scoping import get_for_user
from thidua.orgs.models import Unit

from ..models import Enterprise, Inspection


def enterprise_for(user, pk: int) -> Enterprise:
    return get_for_user(
        Enterprise.objects.select_related("upper_unit", "union_unit", "created_by"), user, pk=pk
    )


def inspection_for(user, pk: int) -> Inspection:
    return get_for_user(
        Inspection.objects.select_related("upper_unit", "subject_unit", "subject_enterprise", "recorded_by"),
        user, pk=pk,
    )  # fmt: skip


def unit_param(request, name: str = "unit") -> Unit | None:
    raw = request.GET.get(name, "")
    if not raw:
        return None
    if not raw.isdigit():
        raise Http404
    return get_for_user(Unit, request.user, pk=int(raw))


def query_without(request, *keys: str) -> str:
    return urlencode({k: v for k, v in request.GET.items() if k != "page" and k not in keys})

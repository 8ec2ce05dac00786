"""What the plan pages share: the plan a user may see, the units they may draft for, going back to a plan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils import timezone

from thidua.core.scoping import get_for_user
from thidua.orgs.models import Unit

from ..models import Plan
from ..permissions import SUBMIT

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

PAGE_SIZE = 30


def units_for_drafting(user: User | AnonymousUser):
    """Active units where the user may draft plans."""
    return (
        Unit.objects.visible_to(user, SUBMIT)
        .active()
        .exclude(level="sub_grassroots")
        .order_by("sort_key", "path")
    )


def plan_for(user: User | AnonymousUser, pk: int, perm: str = "view") -> Plan:
    return get_for_user(Plan.objects.select_related("issuer"), user, perm, pk=pk)


def year_param(request, default: int | None = None) -> int:
    raw = request.GET.get("year", "")
    if raw.isdigit() and 2000 <= int(raw) <= 2100:
        return int(raw)
    return default or timezone.localdate().year


def _apply_action_error(form, error: ValidationError) -> None:
    form.apply_errors(error)


def back_to(plan: Plan):
    return redirect("plans:plan-detail", pk=plan.pk)


def error_message(error: ValidationError) -> str:
    return " ".join(error.messages)

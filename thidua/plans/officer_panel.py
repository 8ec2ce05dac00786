"""The plans on an officer's page (the ``area_officer`` panel slot of the enterprises app, which cannot import
plans): for the grassroots unions the officer follows, the plans they received and have not deployed yet (no plan of
their own issued from it). Two queries whatever the number of unions."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef
from django.utils import timezone

from thidua.core.scoping import has_perm

from .models import Plan, PlanDelivery, PlanStatus

SHOWN = 50


def area_officer_panel(request, units) -> dict[str, Any] | None:
    units = [u for u in units or [] if has_perm(request.user, "view", u.path)]
    if not units:
        return None
    deployed = Plan.objects.filter(
        issuer=OuterRef("unit"), based_on=OuterRef("plan"), status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED],
        archived_at__isnull=True,
    )  # fmt: skip
    pending = (
        PlanDelivery.objects.filter(unit__in=units, plan__status=PlanStatus.ISSUED, plan__archived_at__isnull=True)
        .exclude(Exists(deployed)).select_related("plan", "unit").order_by("received_on", "id")
    )  # fmt: skip
    rows = list(pending[: SHOWN + 1])
    return {"rows": rows[:SHOWN], "more": len(rows) > SHOWN, "today": timezone.localdate()}

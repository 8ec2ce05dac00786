"""The panels phase reports add to a unit's page and a plan's page (``thidua.core.panels``): the unit's reports,
newest first (two queries); the plan's report forms by phase with their progress, and the button to draft one where
the user may (three queries)."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest

from thidua.orgs.models import Unit
from thidua.plans.models import Plan

from . import queries
from .models import ExpectedReport
from .models import ExpectedReportStatus as S
from .permissions import can_create_form

SHOWN = 8


def unit_panel(request: HttpRequest, unit: Unit) -> dict[str, Any] | None:
    reports = list(queries.reports_of_unit(unit).select_related("form__phase__plan__issuer")[:SHOWN])
    if not reports:
        return None
    return {"unit": unit, "reports": reports}


def plan_panel(request: HttpRequest, plan: Plan) -> dict[str, Any] | None:
    user = request.user
    phases = [p for p in plan.phases.all().select_related("plan__issuer") if p.opens_reporting]
    if not phases:
        return None
    settled = Q(expected_reports__status__in=[S.APPROVED, S.ACCEPTED, S.WAIVED],
                expected_reports__archived_at__isnull=True)  # fmt: skip
    forms = list(
        queries.forms_visible_to(user).filter(phase__plan=plan)
        .annotate(expected=Count("expected_reports", filter=Q(expected_reports__archived_at__isnull=True)),
                  settled=Count("expected_reports", filter=settled))
        .order_by("phase__order", "id")
    )  # fmt: skip
    mine = {
        r.form_id: r
        for r in ExpectedReport.objects.current()
        .addressed_to(user)
        .filter(form__in=forms)
        .select_related("unit")
    }
    creatable = [p for p in phases if can_create_form(user, p)]
    if not forms and not creatable:
        return None
    for form in forms:
        form.mine = mine.get(form.pk)  # type: ignore[attr-defined]
    return {"plan": plan, "forms": forms, "creatable": creatable}

"""The panel on a unit's page: for an upper-level union, its enterprises by stage, its officers per area and its
open recommendations; for a grassroots union, the enterprise it was founded in, the officer following it and the
inspections of it. Bounded queries, through the scoping."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from thidua.core.scoping import has_perm

from .models import AreaAssignment, Enterprise, Inspection, Recommendation, Stage
from .permissions import UPPER_LEVELS, can_manage_enterprises, can_supervise


def unit_panel(request, unit) -> dict[str, Any] | None:
    user = request.user
    if not has_perm(user, "view", unit.path):
        return None
    today = timezone.localdate()
    if unit.level in UPPER_LEVELS:
        counts = dict(
            Enterprise.objects.current().filter(upper_unit__path__subtree=unit.path)
            .values_list("stage").annotate(n=Count("id")).values_list("stage", "n")
        )  # fmt: skip
        if not counts and not can_manage_enterprises(user, unit):
            return None
        recs = Recommendation.objects.open().filter(inspection__upper_unit__path__subtree=unit.path).aggregate(
            open=Count("id"), overdue=Count("id", filter=Q(deadline__lt=today)))  # fmt: skip
        return {
            "unit": unit, "upper": True, "today": today,
            "stages": [(value, label, counts.get(value, 0)) for value, label in Stage.choices],
            "total": sum(counts.values()),
            "officers": AreaAssignment.objects.open().filter(upper_unit=unit).values("officer").distinct().count(),
            "recommendations": recs, "may_manage": can_manage_enterprises(user, unit),
            "may_supervise": can_supervise(user, unit),
        }  # fmt: skip
    enterprises = list(Enterprise.objects.filter(union_unit=unit).only("id", "name", "tax_code")[:3])
    officer = AreaAssignment.objects.open().filter(unit=unit).select_related("officer").first()
    inspections = list(Inspection.objects.current().filter(subject_unit=unit).annotate(
        open=Count("recommendations", filter=Q(recommendations__status="open")))[:5])  # fmt: skip
    if not enterprises and officer is None and not inspections:
        return None
    return {"unit": unit, "upper": False, "enterprises": enterprises, "officer": officer, "inspections": inspections,
            "today": today}  # fmt: skip

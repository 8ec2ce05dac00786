from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from thidua.orgs import queries as org_queries
from thidua.orgs.models import RoleAssignment

from .models import Task

DASHBOARD_PANELS = 5  # the user's top units shown; a user rarely holds roles on more branches
CHART_CHILDREN = 20  # children shown in a panel's chart (the largest by members)


@login_required
def dashboard(request):
    """The user's units and their subtrees in numbers: one query for all panels' figures, two per panel for the
    children — the number of queries does not grow with the tree."""
    roots = org_queries.root_units_for(request.user)
    shown = roots[:DASHBOARD_PANELS]
    breakdown = org_queries.subtree_breakdown(shown)
    panels = []
    for unit in shown:
        entry = breakdown[unit.pk]
        children = org_queries.children_with_totals(unit)
        largest = sorted(children, key=lambda c: (-c.total_members, c.name))[:CHART_CHILDREN]
        panels.append(
            {
                "unit": unit,
                "chart_id": f"chart-{unit.pk}",
                "totals": entry["totals"],
                "levels": entry["levels"],
                "sectors": entry["sectors"],
                "children": children,
                "chart": {
                    "sectors": {
                        "labels": [str(label) for _v, label, _n in entry["sectors"]],
                        "values": [n for _v, _label, n in entry["sectors"]],
                    },
                    "children": {
                        "labels": [c.short_name or c.name for c in largest],
                        "members": [c.total_members for c in largest],
                        "workers": [c.total_workers for c in largest],
                        "direct": [c.total_direct_workers for c in largest],
                    },
                },  # fmt: skip
            }
        )
    roles = list(
        RoleAssignment.objects.filter(user=request.user, unit__archived_at__isnull=True)
        .select_related("unit")
        .order_by("unit__path", "role")
    )
    return render(
        request,
        "core/dashboard.html",
        {
            "panels": panels,
            "roles": roles,
            "more_roots": len(roots) - len(shown),
            "today": timezone.localdate(),
        },
    )


@login_required
def task_detail(request, pk: int):
    """A task's progress; polled by htmx while it runs. Only its owner sees it."""
    task = get_object_or_404(Task, pk=pk, created_by=request.user)
    template = "core/_task_progress.html" if request.htmx else "core/task_detail.html"
    return render(request, template, {"task": task})

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render

from thidua.orgs import queries as org_queries

from .models import Task


@login_required
def dashboard(request):
    """The user's units and their subtrees in numbers."""
    roots = org_queries.root_units_for(request.user)
    panels = []
    for unit in roots[:5]:
        panels.append(
            {
                "unit": unit,
                "totals": org_queries.subtree_totals(unit),
                "breakdown": org_queries.counts_by_level_and_sector(unit),
            }
        )
    return render(request, "core/dashboard.html", {"panels": panels})


@login_required
def task_detail(request, pk: int):
    """A task's progress; polled by htmx while it runs. Only its owner sees it."""
    task = get_object_or_404(Task, pk=pk, created_by=request.user)
    template = "core/_task_progress.html" if request.htmx else "core/task_detail.html"
    return render(request, template, {"task": task})

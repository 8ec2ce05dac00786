from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from thidua.core.audit import history_of
from thidua.core.scoping import get_for_user

from .. import queries
from ..models import Unit


@login_required
def unit_tree(request):
    roots = queries.root_units_for(request.user)
    return render(request, "orgs/unit_tree.html", {"roots": roots})


@login_required
def unit_detail(request, pk: int):
    unit = get_for_user(Unit, request.user, pk=pk)
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "children": queries.children_with_totals(unit),
            "totals": queries.subtree_totals(unit),
            "history": history_of(unit)[:50],
            "events": unit.events.select_related("from_parent", "to_parent", "merged_into")[:50],
        },
    )

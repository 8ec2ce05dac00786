"""The dashboard's history block (decision 0011): the plans the user's units carry on from the units they succeeded
and from the upper level they stood under before a move — read-only."""

from __future__ import annotations

from thidua.core.scoping import own_paths
from thidua.orgs import queries as org_queries
from thidua.orgs.models import Unit

from .. import queries

HISTORY_PLANS = 8  # plans shown on the dashboard; the calendar of each predecessor holds the rest


def history_block(request) -> dict | None:
    """The block, or None when the user's units carry no history (one query); the predecessors' names take one
    more when there is."""
    plans = list(queries.inherited_plans(request.user)[: HISTORY_PLANS + 1])
    if not plans:
        return None
    mine = Unit.objects.filter(path__in=own_paths(request.user))
    predecessors = list(
        Unit.objects.filter(pk__in=org_queries.predecessors_of(mine)).order_by(
            "dissolved_on", "sort_key", "path"
        )
    )
    return {"plans": plans[:HISTORY_PLANS], "more": len(plans) > HISTORY_PLANS, "predecessors": predecessors}

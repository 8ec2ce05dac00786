"""The tree's block of the dashboard: the user's top units and their subtrees in numbers."""

from __future__ import annotations

from .. import queries

DASHBOARD_PANELS = 5  # the user's top units shown; a user rarely holds roles on more branches
CHART_CHILDREN = 20  # children shown in a panel's chart (the largest by members)


def dashboard_block(request) -> dict:
    """One query for all panels' figures, two per panel for the children — the number of queries does not grow
    with the tree. Shown to everyone (an account without roles is told so)."""
    all_roots = queries.root_units_for(request.user)
    # Units merged or dissolved into the user's (inherited with their records) are history, not panels of zeros.
    roots = [u for u in all_roots if u.is_active]
    ended = [u for u in all_roots if u.dissolved_on and not u.archived_at][:DASHBOARD_PANELS]
    history = [
        {
            "unit": u,
            "day": queries.last_day(u),
            "totals": queries.last_totals(u),
        }
        for u in ended
    ]
    shown = roots[:DASHBOARD_PANELS]
    breakdown = queries.subtree_breakdown(shown)
    panels = []
    for unit in shown:
        entry = breakdown[unit.pk]
        children = queries.child_rows(unit)  # only their names and totals are shown (the chart)
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
    return {"panels": panels, "history": history, "more_roots": len(roots) - len(shown)}

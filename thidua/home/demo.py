"""``load_demo``: each app's demo builder (``<app>/demo.py``: ``build_demo(**options)``), called in the order of the
layers — the tree first, then what hangs on it. A builder is idempotent: a second run changes nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from thidua.activities import demo as activities_demo
from thidua.certificates import demo as certificates_demo
from thidua.clusters import demo as clusters_demo
from thidua.congresses import demo as congresses_demo
from thidua.councils import demo as councils_demo
from thidua.eligibility import demo as eligibility_demo
from thidua.enterprises import demo as enterprises_demo
from thidua.exemplars import demo as exemplars_demo
from thidua.orgs import demo as orgs_demo
from thidua.plans import demo as plans_demo
from thidua.proposals import demo as proposals_demo
from thidua.registrations import demo as registrations_demo
from thidua.reports import demo as reports_demo
from thidua.rewards import demo as rewards_demo
from thidua.union_fund import demo as union_fund_demo

# (app, builder): a new app adds its builder after the apps it builds on.
BUILDERS: list[tuple[str, Callable[..., Any]]] = [
    ("orgs", orgs_demo.build_demo),
    ("plans", plans_demo.build_demo),
    ("union_fund", union_fund_demo.build_demo),
    ("congresses", congresses_demo.build_demo),
    ("registrations", registrations_demo.build_demo),
    ("reports", reports_demo.build_demo),
    ("activities", activities_demo.build_demo),
    ("enterprises", enterprises_demo.build_demo),
    ("rewards", rewards_demo.build_demo),
    ("eligibility", eligibility_demo.build_demo),
    ("councils", councils_demo.build_demo),
    ("proposals", proposals_demo.build_demo),
    ("exemplars", exemplars_demo.build_demo),
    ("certificates", certificates_demo.build_demo),
    ("clusters", clusters_demo.build_demo),
]


def load_demo(*, log=None, **options) -> dict[str, Any]:
    """Run every app's demo builder in order; the result of each by app. ``options`` (sizes) go to every builder,
    which takes the ones it knows."""
    return {app: build(log=log, **options) for app, build in BUILDERS}

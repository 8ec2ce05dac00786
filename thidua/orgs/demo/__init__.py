"""Demo data: the Bến Tre Provincial Labour Federation of 2017, its neighbours, the 2025 restructuring, demo accounts.

``build`` loads it through the actions (units) and in bulk (people, ``people``); ``accounts`` sets the demo logins;
``names``, ``catalog`` and ``localities`` are shared with the benchmark generator (``bench/generate.py``).
"""

from .accounts import DEMO_ACCOUNTS, ensure_demo_accounts
from .build import MARKER_CODE, RESTRUCTURED_ON, is_loaded, load_demo

__all__ = [
    "DEMO_ACCOUNTS",
    "MARKER_CODE",
    "RESTRUCTURED_ON",
    "build_demo",
    "ensure_demo_accounts",
    "is_loaded",
    "load_demo",
]


def build_demo(*, grassroots: int | None = None, people: int | None = None,
               neighbour_grassroots: int | None = None, log=None, **_others) -> dict | None:  # fmt: skip
    """orgs' part of ``load_demo``: the tree, its history and people, then the demo accounts (checked on every run).
    Returns the counts loaded, or None when the demo was already there."""
    from . import build

    result = load_demo(
        grassroots=build.DEFAULT_GRASSROOTS if grassroots is None else grassroots,
        people=build.DEFAULT_PEOPLE if people is None else people,
        neighbour_grassroots=build.DEFAULT_NEIGHBOUR_GRASSROOTS if neighbour_grassroots is None
        else neighbour_grassroots, log=log,
    )  # fmt: skip
    ensure_demo_accounts()
    return result

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
    "ensure_demo_accounts",
    "is_loaded",
    "load_demo",
]

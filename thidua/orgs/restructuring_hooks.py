"""What follows a restructuring in the apps above ``orgs``: handlers each app registers from its ``AppConfig.ready``.

``orgs`` knows nothing of what hangs on the tree (the layers), yet some records must follow a unit that moves, ends or
is founded after they were made — a phase report owed to the level above (``reports``) passes to the successor of a
merged unit, follows a moved unit to its new parent, is withdrawn when the unit is dissolved. Each restructuring
action of ``orgs.actions.tree`` calls ``restructured(change)`` once it has written its own rows, inside the same
transaction, so a handler's writes stand or fall with the restructuring::

    restructuring_hooks.register("reports", follow_restructuring)

A handler receives a ``Change`` and writes through its own app's code (its own events and audit records).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One unit's restructuring: ``kind`` is ``moved``, ``dissolved``, ``merged`` or ``consolidated``;
    ``old_parent``/``new_parent`` for a move; ``successor`` for a merger or consolidation."""

    kind: str
    unit: Any
    effective_on: datetime.date
    by: Any = None
    old_parent: Any = None
    new_parent: Any = None
    successor: Any = None
    decision: str = ""


Handler = Callable[[Change], None]
_HANDLERS: dict[str, Handler] = {}


def register(key: str, handler: Handler) -> None:
    """Add (or replace, by key) a handler run after every restructuring."""
    _HANDLERS[key] = handler


def restructured(change: Change) -> None:
    """Run every handler, in the order registered."""
    for handler in list(_HANDLERS.values()):
        handler(change)

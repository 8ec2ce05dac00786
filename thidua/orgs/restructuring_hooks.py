"""What follows a restructuring in the apps above ``orgs``: handlers each app registers from its ``AppConfig.ready``.

``orgs`` knows nothing of what hangs on the tree (the layers), yet some records must follow a unit that moves, ends or
is founded after they were made — a phase report owed to the level above (``reports``) passes to the successor of a
merged unit, follows a moved unit to its new parent, is withdrawn when the unit is dissolved. Each restructuring
action of ``orgs.actions.tree`` calls ``restructured(change)`` once it has written its own rows, inside the same
transaction, so a handler's writes stand or fall with the restructuring::

    restructuring_hooks.register("reports", follow_restructuring)

A handler receives a ``Change`` and writes through its own app's code (its own events and audit records). Founding
is a restructuring too (``founded``: ``create_unit`` one by one, ``create_units`` for a whole import, handed over as
one list through ``restructured_many`` so a handler may answer it with a few queries, not a few per unit), and so is
reversing a dissolution (``reopened``, on the day of the dissolution it reverses).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Change:
    """One unit's restructuring: ``kind`` is ``founded``, ``moved``, ``dissolved``, ``merged``, ``consolidated`` or
    ``reopened``; ``new_parent`` for a founding, ``old_parent``/``new_parent`` for a move; ``successor`` for a merger
    or consolidation."""

    kind: str
    unit: Any
    effective_on: datetime.date
    by: Any = None
    old_parent: Any = None
    new_parent: Any = None
    successor: Any = None
    decision: str = ""


Handler = Callable[[Change], None]
ManyHandler = Callable[[list[Change]], None]
_HANDLERS: dict[str, tuple[Handler, ManyHandler | None]] = {}


def register(key: str, handler: Handler, *, many: ManyHandler | None = None) -> None:
    """Add (or replace, by key) a handler run after every restructuring; ``many``, if given, takes a whole list of
    changes made together (else ``handler`` is called for each)."""
    _HANDLERS[key] = (handler, many)


def restructured(change: Change) -> None:
    """Run every handler, in the order registered."""
    for handler, _many in list(_HANDLERS.values()):
        handler(change)


def restructured_many(changes: list[Change]) -> None:
    """Run every handler on changes made together (the units an import founds)."""
    if not changes:
        return
    for handler, many in list(_HANDLERS.values()):
        if many is not None:
            many(changes)
        else:
            for change in changes:
                handler(change)

"""Reads that may lag go to a streaming replica; everything else to the primary.

With ``DATABASE_REPLICA_URL`` set, ``DATABASES["replica"]`` is a PostgreSQL streaming replica of ``default``. A read
goes to it only when all of these hold:

- it happens inside ``reads_may_lag()`` — the views named in ``settings.READ_REPLICA_VIEWS`` (roll-ups, dashboards,
  exports, statistics; ``ReplicaReadsMiddleware`` opens it for their GET requests), a view decorated with
  ``@reads_may_lag``, or a block ``with reads_may_lag():``;
- it reads the domain's data (a model of a ``thidua`` app): sessions, users, login attempts and the task queue are
  always read from the primary, so that signing in or starting a task is seen at once;
- nothing was written in the same block (a read after a write goes to the primary), and the user wrote nothing in
  the last ``REPLICA_STICKY_SECONDS`` (a cookie set after each successful POST: the page after a save shows it);
- the replica answers: a connection that fails marks it down for ``REPLICA_RETRY_SECONDS`` and the read goes to the
  primary — pages work the same with the replica down, only the primary carries their load.

Writes always go to the primary; migrations run on the primary only (the replica replays them).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import DatabaseError, connections

log = logging.getLogger(__name__)

REPLICA = "replica"
PRIMARY = "default"
WROTE_COOKIE = "thidua_wrote"


class _State:
    __slots__ = ("lagging_ok", "wrote", "checked")

    def __init__(self, lagging_ok: bool = False, wrote: bool = False):
        self.lagging_ok = lagging_ok
        self.wrote = wrote
        self.checked = False  # the replica's connection was found usable in this block


_state: contextvars.ContextVar[_State | None] = contextvars.ContextVar("thidua_replica_reads", default=None)
_down_until = 0.0
_down_lock = threading.Lock()


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


@contextlib.contextmanager
def reads_may_lag(enabled: bool = True) -> Iterator[None]:
    """Inside the block, reads of the domain's data may go to the replica (see the module's docstring)."""
    token = _state.set(_State(lagging_ok=enabled))
    try:
        yield
    finally:
        _state.reset(token)


def enter(enabled: bool) -> contextvars.Token:
    """``reads_may_lag`` for a middleware that opens it in ``process_view`` and closes it with ``leave``."""
    return _state.set(_State(lagging_ok=enabled))


def leave(token: contextvars.Token) -> None:
    _state.reset(token)


@contextlib.contextmanager
def primary_only() -> Iterator[None]:
    """Inside the block every read goes to the primary, even within ``reads_may_lag``."""
    with reads_may_lag(False):
        yield


def lagging_view(view: Callable[..., Any]) -> Callable[..., Any]:
    """Decorator for a view whose GET may read from the replica (a roll-up, a dashboard, an export)."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        with reads_may_lag(may_read_replica(request)):
            return view(request, *args, **kwargs)

    return wrapped


def may_read_replica(request) -> bool:
    """A GET or HEAD by a user who wrote nothing in the last REPLICA_STICKY_SECONDS."""
    if request.method not in ("GET", "HEAD"):
        return False
    stamp = request.COOKIES.get(WROTE_COOKIE, "")
    try:
        wrote_at = float(stamp)
    except ValueError:
        return True
    return time.time() - wrote_at > settings.REPLICA_STICKY_SECONDS


def _mark_down(error: object) -> None:
    global _down_until
    with _down_lock:
        _down_until = time.monotonic() + settings.REPLICA_RETRY_SECONDS
    log.warning(
        "replica unreachable, reading from the primary for %ss: %s", settings.REPLICA_RETRY_SECONDS, error
    )


def replica_usable(state: _State | None = None) -> bool:
    """Connect to the replica if needed — and, once per block, check that a connection kept from before still
    answers; a failure marks the replica down for REPLICA_RETRY_SECONDS."""
    if time.monotonic() < _down_until:
        return False
    if state is not None and state.checked:
        return True
    connection = connections[REPLICA]
    try:
        if connection.connection is not None and not connection.is_usable():
            connection.close()
            if (
                connection.connection is not None
            ):  # closed inside a transaction: Django keeps the broken handle
                _mark_down("the connection was lost")
                return False
        connection.ensure_connection()
    except DatabaseError as error:
        _mark_down(error)
        connection.close()
        return False
    if state is not None:
        state.checked = True
    return True


def mark_replica_up() -> None:
    """Forget a failure (tests; an operator after repairing the replica need not wait REPLICA_RETRY_SECONDS)."""
    global _down_until
    _down_until = 0.0


# Read from the primary always, even in a lagging page: the task queue (a task just started must be seen).
PRIMARY_ONLY = frozenset({"core.task"})


def _domain_model(model) -> bool:
    if model is None or not model.__module__.startswith("thidua."):
        return False
    return model._meta.label_lower not in PRIMARY_ONLY


class ReplicaRouter:
    """Django's database router (settings.DATABASE_ROUTERS)."""

    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is None or not state.lagging_ok or state.wrote or not replica_configured():
            return PRIMARY
        if not _domain_model(model):
            return PRIMARY
        instance = hints.get("instance")
        if instance is not None and instance._state.db == PRIMARY and instance._state.adding is False:
            return PRIMARY  # related objects of an object read from the primary stay there
        return REPLICA if replica_usable(state) else PRIMARY

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.wrote = True  # what is read after a write in the same block comes from the primary
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        return True  # the replica holds the same rows as the primary

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY

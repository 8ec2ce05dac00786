"""Database helpers every app may use.

SQLite transactions begin IMMEDIATE (settings): a writer takes the one write lock when it begins, so concurrent
writers queue instead of failing midway. A transaction that only reads should not take that lock: ``reading()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction


@contextmanager
def reading(using: str | None = None) -> Iterator[None]:
    """A transaction for consistent reads (a preview, a check, a dry run) that does not hold up writers.

    On SQLite it begins DEFERRED, so it takes no write lock (with WAL, writers go on while it reads); elsewhere it is
    a plain atomic block. Do not write inside it: on SQLite a write there may fail with "database is locked".
    """
    connection = transaction.get_connection(using)
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        with transaction.atomic(using=using):
            yield
        return
    connection.ensure_connection()
    previous = connection.transaction_mode  # type: ignore[attr-defined]
    connection.transaction_mode = "DEFERRED"  # type: ignore[attr-defined]
    try:
        with transaction.atomic(using=using):
            yield
    finally:
        connection.transaction_mode = previous  # type: ignore[attr-defined]

"""Fast bulk inserts: many rows given as plain tuples, written with multi-row ``INSERT ... VALUES`` statements.

``bulk_create`` builds a model instance per row and compiles every value through the ORM, which costs far more than
the insert itself for imports of 100,000 rows. ``insert_rows`` takes the values of the named fields as tuples,
converts only the values that need it (dates, moments, JSON...) and fills the fields left out with their defaults,
as ``bulk_create`` would. No signals are sent, as with ``bulk_create``.

On PostgreSQL the rows stream through ``COPY ... FROM STDIN`` (psycopg formats them in C; a multi-row ``INSERT`` of
2,000 rows cost the server ~0.5 s to parse and plan); new primary keys are taken from the table's sequence first. On
SQLite (and any other database) they go as multi-row ``INSERT ... VALUES`` statements of the same size, each
prepared once and reused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from django.db import connections, models, router, transaction
from django.utils import timezone

# Fields whose values go to the database as they are (a str, an int, a bool or None).
_PLAIN = (models.CharField, models.TextField, models.IntegerField, models.BooleanField)
_MAX_PARAMS = 32766


def _is_plain(field: models.Field) -> bool:
    if isinstance(field, models.ForeignKey):
        return _is_plain(field.target_field)
    if isinstance(field, models.AutoField | models.BigAutoField | models.SmallAutoField):
        return True
    return isinstance(field, _PLAIN)


def _preparer(field: models.Field, connection) -> Callable[[Any], Any] | None:
    """None when values pass as they are; else a function preparing one value (remembered per distinct value)."""
    if _is_plain(field):
        return None
    if isinstance(field, models.JSONField):  # unhashable values: serialized once each, as the backends do
        encoder = field.encoder

        def as_json(value: Any) -> str:
            return json.dumps(value, cls=encoder)

        return as_json
    seen: dict[Any, Any] = {}

    def prepare(value: Any) -> Any:
        try:
            return seen[value]
        except KeyError:
            prepared = seen[value] = field.get_db_prep_save(value, connection)
            return prepared
        except TypeError:  # unhashable (a dict for a JSON field)
            return field.get_db_prep_save(value, connection)

    return prepare


def _max_params(connection) -> int:
    if connection.vendor == "sqlite":
        try:
            import sqlite3

            connection.ensure_connection()
            return connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
        except (AttributeError, TypeError):
            pass
    return connection.features.max_query_params or _MAX_PARAMS


def insert_rows(
    model: type[models.Model],
    fields: Sequence[str],
    rows: Iterable[Sequence[Any]],
    *,
    returning_pk: bool = False,
    using: str | None = None,
) -> list[Any]:
    """Insert ``rows`` (tuples of values for ``fields``, attribute names such as ``unit_id``) into ``model``'s table.

    Fields not named get their default (``auto_now``/``auto_now_add`` moments: now, the same for every row). With
    ``returning_pk`` the primary keys of the new rows are returned in the order of ``rows`` (the database must be
    able to return rows from a bulk insert, as SQLite 3.35+ and PostgreSQL do); otherwise an empty list.
    """
    using = using or router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    named = [meta.get_field(name) for name in fields]
    named_attnames = {f.attname for f in named}
    extra: list[tuple[models.Field, Any]] = []
    now = None
    for field in meta.concrete_fields:
        if field.primary_key or field.attname in named_attnames:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            now = now or timezone.now()
            value = now.date() if type(field) is models.DateField else now
        else:
            value = field.get_default()
        extra.append((field, field.get_db_prep_save(value, connection)))
    all_fields = named + [f for f, _v in extra]
    extra_values = tuple(v for _f, v in extra)
    preparers = [_preparer(f, connection) for f in named]
    qn = connection.ops.quote_name
    columns = ", ".join(qn(f.column) for f in all_fields)
    row_sql = "(" + ", ".join(["%s"] * len(all_fields)) + ")"
    head = f"INSERT INTO {qn(meta.db_table)} ({columns}) VALUES "
    tail = f" RETURNING {qn(meta.pk.column)}" if returning_pk else ""
    per_statement = max(1, min(_max_params(connection) // len(all_fields), 2000))
    if returning_pk and not connection.features.can_return_rows_from_bulk_insert:
        per_statement = 1

    if connection.vendor == "postgresql":
        return _copy_rows(connection, meta, all_fields, named, preparers, extra_values, rows, returning_pk)

    pks: list[Any] = []
    statement_sql: dict[int, str] = {}
    batch: list[Any] = []
    count = 0

    def flush(cursor) -> None:
        nonlocal batch, count
        if not count:
            return
        sql = statement_sql.get(count)
        if sql is None:
            sql = statement_sql[count] = head + ", ".join([row_sql] * count) + tail
        cursor.execute(sql, batch)
        if returning_pk:
            pks.extend(r[0] for r in cursor.fetchall())
        batch, count = [], 0

    with connection.cursor() as cursor:
        for row in rows:
            if len(row) != len(named):
                raise ValueError(f"expected {len(named)} values, got {len(row)}")
            for value, prepare in zip(row, preparers, strict=True):
                batch.append(value if prepare is None or value is None else prepare(value))
            batch.extend(extra_values)
            count += 1
            if count == per_statement:
                flush(cursor)
        flush(cursor)
    return pks


COPY_BATCH = 5000


def _copy_rows(
    connection, meta, all_fields, named, preparers, extra_values, rows, returning_pk: bool
) -> list[Any]:
    """PostgreSQL: ``COPY`` the rows in (batches of ``COPY_BATCH``, so that the keys are reserved a batch at a time
    and memory stays bounded); with ``returning_pk`` the keys come from the table's sequence beforehand."""
    qn = connection.ops.quote_name
    columns = [qn(f.column) for f in all_fields]
    if returning_pk:
        columns.insert(0, qn(meta.pk.column))
    copy_sql = f"COPY {qn(meta.db_table)} ({', '.join(columns)}) FROM STDIN"
    pks: list[Any] = []
    width = len(named)

    def prepared(row: Sequence[Any]) -> tuple:
        if len(row) != width:
            raise ValueError(f"expected {width} values, got {len(row)}")
        return tuple(
            value if prepare is None or value is None else prepare(value)
            for value, prepare in zip(row, preparers, strict=True)
        )

    with connection.cursor() as cursor:
        raw = cursor.cursor  # psycopg's cursor under Django's wrapper
        batch: list[tuple] = []

        def flush() -> None:
            if not batch:
                return
            keys: list[Any] = []
            if returning_pk:
                cursor.execute(
                    "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                    [meta.db_table, meta.pk.column, len(batch)],
                )
                keys = [r[0] for r in cursor.fetchall()]
                pks.extend(keys)
            with raw.copy(copy_sql) as copy:
                if returning_pk:
                    for key, values in zip(keys, batch, strict=True):
                        copy.write_row((key, *values, *extra_values))
                else:
                    for values in batch:
                        copy.write_row((*values, *extra_values))
            batch.clear()

        for row in rows:
            batch.append(prepared(row))
            if len(batch) == COPY_BATCH:
                flush()
        flush()
    return pks


# A trigger that only copies columns of the new row into another table, such as the one keeping an FTS5 index:
# ``CREATE TRIGGER t AFTER INSERT ON tbl BEGIN INSERT INTO other(a, b) VALUES (new.x, new.y); END``.
_COPYING_TRIGGER = re.compile(
    r"^CREATE\s+TRIGGER\s+(?:IF\s+NOT\s+EXISTS\s+)?\"?(?P<name>\w+)\"?\s+AFTER\s+INSERT\s+ON\s+\"?(?P<table>\w+)\"?\s+"
    r"(?:FOR\s+EACH\s+ROW\s+)?BEGIN\s+(?P<insert>INSERT\s+INTO\s+\"?\w+\"?\s*\((?:\s*\w+\s*,)*\s*\w+\s*\))\s*"
    r"VALUES\s*\((?P<values>(?:\s*new\.\w+\s*,)*\s*new\.\w+\s*)\)\s*;\s*END\s*$",
    re.IGNORECASE,
)


@contextmanager
def copying_triggers_deferred(model: type[models.Model], *, using: str | None = None) -> Iterator[None]:
    """Inside the block, the rows inserted into ``model``'s table on SQLite skip its triggers that only copy the
    new row's columns into another table (the FTS5 trigram index of people's names): those triggers are lifted,
    then applied once, set-based, to every row the block added, and put back as they were — all in one
    transaction, so that nothing else sees the table without them. A trigger fired per row costs SQLite about as
    much as the insert itself; one ``INSERT ... SELECT`` afterwards, a fraction. Any other trigger stays and fires
    as usual; on other databases (and for tables whose key is not an auto-increment) nothing changes. Only for
    blocks that insert, with the keys the table gives: the new rows are those past the table's last row id."""
    using = using or router.db_for_write(model)
    connection = connections[using]
    meta = model._meta
    if connection.vendor != "sqlite" or not isinstance(meta.pk, models.AutoField | models.BigAutoField):
        yield
        return
    qn = connection.ops.quote_name
    with transaction.atomic(using=using):
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [meta.db_table]
            )
            copying = [
                (sql, match) for (sql,) in cursor.fetchall() if (match := _COPYING_TRIGGER.match(sql or ""))
            ]
            cursor.execute(f"SELECT max(rowid) FROM {qn(meta.db_table)}")
            last = cursor.fetchone()[0] or 0
            for _sql, match in copying:
                cursor.execute(f"DROP TRIGGER {qn(match['name'])}")
        yield
        with connection.cursor() as cursor:
            for sql, match in copying:
                cursor.execute(
                    f"{match['insert']} SELECT {match['values']} FROM {qn(meta.db_table)} AS new "
                    "WHERE new.rowid > %s ORDER BY new.rowid",
                    [last],
                )
                cursor.execute(sql)

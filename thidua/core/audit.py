"""The audit trail: every action writes one record per changed domain object."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models

from .models import AuditEvent


def _plain(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, datetime.date | datetime.datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: Sequence[str] | None = None) -> dict[str, Any]:
    """The values of an object's concrete fields, as JSON-friendly data (foreign keys by id)."""
    names = fields or [f.attname for f in obj._meta.concrete_fields]
    return {name: _plain(getattr(obj, name)) for name in names}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        k: [before.get(k), after.get(k)]
        for k in sorted(set(before) | set(after))
        if before.get(k) != after.get(k)
    }


def record(
    obj: models.Model,
    *,
    by,
    action: str,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    note: str = "",
) -> AuditEvent:
    changes = diff(before or {}, after if after is not None else snapshot(obj))
    return AuditEvent.objects.create(
        actor=by if getattr(by, "pk", None) else None,
        action=action,
        content_type=ContentType.objects.get_for_model(obj),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        changes=changes,
        note=note[:500],
    )


def record_many(
    objs: Iterable[models.Model],
    *,
    by,
    action: str,
    changes: Iterable[dict[str, Any]] | None = None,
    note: str = "",
) -> int:
    """Bulk form for imports: one insert for many records."""
    objs = list(objs)
    if not objs:
        return 0
    content_type = ContentType.objects.get_for_model(objs[0])
    per_obj = list(changes) if changes is not None else [diff({}, snapshot(o)) for o in objs]
    actor = by if getattr(by, "pk", None) else None
    events = [
        AuditEvent(
            actor=actor,
            action=action,
            content_type=content_type,
            object_id=str(o.pk),
            object_repr=str(o)[:300],
            changes=c,
            note=note[:500],
        )
        for o, c in zip(objs, per_obj, strict=True)
    ]
    AuditEvent.objects.bulk_create(events, batch_size=2000)
    return len(events)


def history_of(obj: models.Model):
    return (
        AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )

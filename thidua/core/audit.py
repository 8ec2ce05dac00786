"""The audit trail: every action writes one record per changed domain object."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .bulk import insert_rows
from .dates import format_date, format_datetime, from_iso
from .models import AuditEvent

if TYPE_CHECKING:
    from django.contrib.auth.models import User

# --- the verbs' labels ----------------------------------------------------------------------------------------

_VERB_LABELS: dict[str, Any] = {}


def name_verbs(labels: dict[str, Any]) -> None:
    """Name an app's audit verbs for the trail (``{"issue": _("Ban hành")}``), from its ``AppConfig.ready``. The
    verb stored is free text: a new verb needs a label here, never a migration."""
    _VERB_LABELS.update(labels)


def verb_label(verb: str) -> str:
    """The label of a verb, in the active language; the verb itself if no app named it."""
    label = _VERB_LABELS.get(verb)
    return str(label) if label is not None else verb


name_verbs({
    "create": gettext_lazy("Tạo mới"), "update": gettext_lazy("Cập nhật"), "archive": gettext_lazy("Lưu trữ"),
    "restore": gettext_lazy("Khôi phục"), "import": gettext_lazy("Nhập từ Excel"),
    "attach": gettext_lazy("Đính kèm tệp"), "detach": gettext_lazy("Lưu trữ tệp đính kèm"),
})  # fmt: skip


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
    by: User | None,
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
    by: User | None,
    action: str,
    changes: Iterable[dict[str, Any]] | None = None,
    note: str = "",
) -> int:
    """Bulk form for imports: one insert for many records."""
    objs = list(objs)
    if not objs:
        return 0
    per_obj = list(changes) if changes is not None else [diff({}, snapshot(o)) for o in objs]
    return record_rows(
        type(objs[0]),
        ((o.pk, str(o), c) for o, c in zip(objs, per_obj, strict=True)),
        by=by,
        action=action,
        note=note,
    )


def record_rows(
    model: type[models.Model],
    rows: Iterable[tuple[Any, str, dict[str, Any]]],
    *,
    by: User | None,
    action: str,
    note: str = "",
) -> int:
    """Bulk form without model instances: one record per ``(pk, str(obj), changes)`` of objects of ``model``."""
    content_type_id = ContentType.objects.get_for_model(model).pk
    actor_id = getattr(by, "pk", None) or None  # an unsaved or anonymous actor is recorded as none
    note = note[:500]
    count = 0

    def values():
        nonlocal count
        for pk, text, changes in rows:
            count += 1
            yield (actor_id, action, content_type_id, str(pk), text[:300], changes, note)

    insert_rows(
        AuditEvent,
        ["actor_id", "action", "content_type_id", "object_id", "object_repr", "changes", "note"],
        values(),
    )
    return count


def history_of(obj: models.Model):
    return (
        AuditEvent.objects.filter(content_type=ContentType.objects.get_for_model(obj), object_id=str(obj.pk))
        .select_related("actor")
        .order_by("-at", "-id")
    )


# --- reading the trail ----------------------------------------------------------------------------------------


def stored_date(value: Any) -> datetime.date | None:
    """A date as ``snapshot`` stores it (ISO text), or None."""
    return from_iso(value) if isinstance(value, str) else None


def stored_moment(value: Any) -> datetime.datetime | None:
    """A date and time as ``snapshot`` stores it (ISO text), or None."""
    try:
        return datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None


class AuditTrail:
    """Audit records made readable: each stored ``{field: [before, after]}`` becomes labelled rows of display text.

    Subclass it once per kind of object, naming the models whose fields appear in its records::

        class PersonTrail(AuditTrail):
            fields_from = (Person, Membership)  # labels and kinds of fields: the first model that has the field
            order = PERSON_FIELDS + MEMBERSHIP_FIELDS  # the order of the rows (fields not listed come last)

        history = PersonTrail(history_of(person)[:200]).entries()

    Out of the fields' definitions come: the label (``verbose_name``), choices shown by their label, dates as
    dd/mm/yyyy, moments in local time (dd/mm/yyyy HH:MM), booleans as Có/Không, and foreign keys (stored by id) as
    the ``str()`` of the object — fetched in one query per related model for all the records. Empty values show "—".

    Hooks:
    - ``hidden``: fields never shown; ``omit_empty_on_create``: a creation lists only the fields it filled in.
    - ``display(field, value)``: override for per-model fields (personal data to mask, codes to name); return
      ``None`` to fall back to the rules above. It is not called for empty values.

    ``entries()`` gives one dict per event, in the order of the events: ``{"event", "is_create", "changes":
    [{"label", "before", "after"}, ...]}``.
    """

    fields_from: Sequence[type[models.Model]] = ()
    order: Sequence[str] = ()
    hidden: frozenset[str] = frozenset()
    omit_empty_on_create = False
    empty = "—"

    def __init__(self, events: Iterable[AuditEvent]):
        self.events = list(events)
        self._names = self._related_names()

    # field definitions

    def field(self, name: str) -> models.Field | None:
        """The model field a stored key stands for (a foreign key is stored under its ``_id`` name)."""
        for model in self.fields_from:
            try:
                found = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(found, models.Field):
                return found
        return None

    def label(self, name: str) -> str:
        found = self.field(name)
        return str(capfirst(found.verbose_name)) if found is not None else name

    def _related_names(self) -> dict[str, tuple[type[models.Model], dict[Any, str]]]:
        """For each foreign key in the records, the ``str()`` of the objects it names: one query per model."""
        related: dict[str, type[models.Model]] = {}
        ids: dict[type[models.Model], set[int]] = {}
        for event in self.events:
            for name, pair in (event.changes or {}).items():
                found = self.field(name)
                model = found.related_model if found is not None and found.many_to_one else None
                if model is None or not isinstance(pair, list | tuple):
                    continue
                related[name] = model
                ids.setdefault(model, set()).update(v for v in pair if isinstance(v, int))
        names = {
            model: {obj.pk: str(obj) for obj in model._default_manager.filter(pk__in=values)}
            for model, values in ids.items()
            if values
        }
        return {name: (model, names.get(model, {})) for name, model in related.items()}

    # values

    def display(self, name: str, value: Any) -> str | None:
        """Per-model display of a non-empty value; ``None`` for the standard rules."""
        return None

    def value(self, name: str, value: Any) -> str:
        if value is None or value == "":
            return self.empty
        shown = self.display(name, value)
        if shown is not None:
            return shown
        found = self.field(name)
        if found is None:
            return str(value)
        if name in self._names:
            model, names = self._names[name]
            if value in names:
                return names[value]
            return _("%(model)s #%(id)s") % {"model": capfirst(model._meta.verbose_name), "id": value}
        if found.choices:
            return str(dict(found.flatchoices).get(value, value))
        if isinstance(found, models.BooleanField):
            return _("Có") if value else _("Không")
        if isinstance(found, models.DateTimeField):
            moment = stored_moment(value)
            return format_datetime(moment) if moment else str(value)
        if isinstance(found, models.DateField):
            day = stored_date(value)
            return format_date(day) if day else str(value)
        return str(value)

    # the rows

    def entries(self) -> list[dict[str, Any]]:
        position = {name: i for i, name in enumerate(self.order)}
        result = []
        for event in self.events:
            is_create = event.action == "create"
            changes = event.changes or {}
            rows = []
            for name, pair in sorted(changes.items(), key=lambda item: position.get(item[0], len(position))):
                if name in self.hidden or not isinstance(pair, list | tuple) or len(pair) != 2:
                    continue
                before, after = pair
                if is_create and self.omit_empty_on_create and after in (None, ""):
                    continue
                rows.append({"label": self.label(name), "before": self.value(name, before),
                             "after": self.value(name, after)})  # fmt: skip
            result.append({"event": event, "is_create": is_create, "changes": rows})
        return result

"""Bulk forms of the single-row actions, for imports: found many units, update many units, add or update many people.

They keep the single-row actions' rules (a unit under a parent of a higher level, codes unique, people in a
grassroots union), their history (``UnitVersion``, ``UnitEvent`` ``FOUNDED``, renames through ``rename_unit``) and
their audit records — written with multi-row inserts, so 100,000 people take seconds. The caller (an import) has
checked each row and reports errors by row and column; these actions check again what the database must hold and
raise ``ValidationError`` if it does not (the import then writes nothing).

Founding units in bulk places them in the tree with treebeard's path arithmetic: that use of treebeard's internals
lives here and nowhere else.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.bulk import insert_rows
from thidua.core.dates import to_json
from thidua.core.scoping import sees_everything
from thidua.core.text import nfc, unit_sort_key

from ..models import JobCategory, Level, Membership, Person, Position, Unit, UnitEvent, UnitVersion
from ..permissions import can_manage_people, can_manage_unit
from ..restructuring_hooks import Change, restructured_many
from .names import index_names
from .people import PERSON_FIELDS, name_fields, recount_members
from .tree import LEVEL_RANK, UNIT_FIELDS, rename_unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

IMPORT = "import"


def _created_note() -> str:
    return _("Tạo mới khi nhập từ Excel")


def _updated_note() -> str:
    return _("Cập nhật khi nhập từ Excel")


BATCH = 2000
Progress = Callable[..., None]


def _no_progress(*args: Any, **kwargs: Any) -> None:
    return None


def _chunked(items: list[Any], size: int) -> Iterable[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


# --- units ----------------------------------------------------------------------------------------------------------

# The facts of a unit an import may set or change (renames and moves have their own actions).
UNIT_IMPORT_FIELDS = [
    "short_name",
    "sector",
    "province_code",
    "ward_code",
    "address",
    "workforce_size",
    "founded_on",
]


@dataclass
class NewUnit:
    """A unit to found: its parent by code (an existing unit, or another ``NewUnit`` of the same call)."""

    code: str
    name: str
    level: str
    parent_code: str = ""
    values: dict[str, Any] = field(default_factory=dict)  # among UNIT_IMPORT_FIELDS


@transaction.atomic
def create_units(
    new_units: list[NewUnit], *, by: User | None, note: str = "", today: datetime.date | None = None
) -> list[Unit]:
    """Found many units at once, parents before children, each with its first version, its FOUNDED event (with
    ``note``) and its audit record (as ``create_unit`` does for one). A root (no parent) must be national."""
    if not new_units:
        return []
    today = today or timezone.localdate()
    actor = by if getattr(by, "pk", None) else None
    by_code = {item.code: item for item in new_units}
    if len(by_code) != len(new_units):
        raise ValidationError({"code": _("Có mã đơn vị bị lặp lại.")})
    for part in _chunked(sorted(by_code), 500):
        taken = Unit.objects.filter(code__in=part).values_list("code", flat=True).first()
        if taken:
            raise ValidationError({"code": _("Mã đơn vị “%(code)s” đã được dùng.") % {"code": taken}})
    parent_codes = {
        item.parent_code for item in new_units if item.parent_code and item.parent_code not in by_code
    }
    known: dict[str, Unit] = {}
    for part in _chunked(sorted(parent_codes), 500):
        known.update({u.code: u for u in Unit.objects.filter(code__in=part)})
    for code in parent_codes - set(known):
        raise ValidationError(
            {"parent": _("Không tìm thấy đơn vị cấp trên có mã “%(code)s”.") % {"code": code}}
        )

    depth_of: dict[str, int] = {}

    def depth(item: NewUnit) -> int:
        if item.code not in depth_of:
            depth_of[item.code] = -1  # a loop reads as -1 and is refused below
            if not item.parent_code:
                depth_of[item.code] = 1
            elif item.parent_code in known:
                depth_of[item.code] = known[item.parent_code].depth + 1
            else:
                parent_depth = depth(by_code[item.parent_code])
                depth_of[item.code] = parent_depth + 1 if parent_depth > 0 else -1
        return depth_of[item.code]

    for item in new_units:
        if depth(item) < 1:
            raise ValidationError({"parent": _("Các đơn vị cấp trên tạo thành vòng lặp.")})
        parent_level = (
            known[item.parent_code].level
            if item.parent_code in known
            else by_code[item.parent_code].level
            if item.parent_code
            else None
        )
        if parent_level is None and item.level != Level.NATIONAL:
            raise ValidationError({"parent": _("Đơn vị mới cần mã đơn vị cấp trên.")})
        if parent_level is not None and LEVEL_RANK[Level(item.level)] <= LEVEL_RANK[Level(parent_level)]:
            raise ValidationError(
                {
                    "parent": _("Đơn vị cấp “%(child)s” không thể trực thuộc đơn vị cấp “%(parent)s”.")
                    % {"child": Level(item.level).label, "parent": Level(parent_level).label}
                }
            )
    if by is not None:  # the import checked each row; the action refuses whatever slipped past
        if any(not item.parent_code for item in new_units) and not sees_everything(by):
            raise PermissionDenied
        if not all(can_manage_unit(by, parent) for parent in known.values()):
            raise PermissionDenied
    for existing in known.values():
        if not existing.is_active:
            raise ValidationError(
                {
                    "parent": _("Đơn vị cấp trên “%(code)s” đã giải thể hoặc lưu trữ.")
                    % {"code": existing.code}
                }
            )

    ordered = sorted(new_units, key=depth)
    children = Counter(item.parent_code for item in ordered)
    next_step: dict[str, int] = {}
    units_by_code: dict[str, Unit] = dict(known)
    parents: dict[str, Unit | None] = {}
    created: list[Unit] = []
    for item in ordered:
        parent = units_by_code.get(item.parent_code) if item.parent_code else None
        parent_key = parent.path if parent else ""
        if parent_key not in next_step:
            next_step[parent_key] = _last_step(parent) + 1
        step = next_step[parent_key]
        next_step[parent_key] = step + 1
        level_depth = (parent.depth + 1) if parent else 1
        values = {
            k: nfc(v) if isinstance(v, str) else v for k, v in item.values.items() if k in UNIT_IMPORT_FIELDS
        }
        values = {k: v for k, v in values.items() if v is not None}
        unit = Unit(
            code=nfc(item.code),
            name=nfc(item.name),
            sort_key=unit_sort_key(item.name),
            level=item.level,
            depth=level_depth,
            path=Unit._get_path(parent.path if parent else "", level_depth, step),
            numchild=children.get(item.code, 0),
            **values,
        )
        units_by_code[item.code] = unit
        parents[item.code] = parent
        created.append(unit)
    for level_depth in sorted({u.depth for u in created}):
        Unit.objects.bulk_create([u for u in created if u.depth == level_depth], batch_size=1000)
    for code, count in children.items():
        if code in known:
            Unit.objects.filter(pk=known[code].pk).update(numchild=F("numchild") + count)
    UnitVersion.objects.bulk_create(
        [
            UnitVersion(unit=u, parent=parents[u.code], path=u.path, depth=u.depth, name=u.name,
                        sort_key=u.sort_key, short_name=u.short_name, level=u.level, valid_from=u.founded_on or today)
            for u in created
        ],
        batch_size=1000,
    )  # fmt: skip
    UnitEvent.objects.bulk_create(
        [
            UnitEvent(unit=u, kind=UnitEvent.Kind.FOUNDED, effective_on=u.founded_on or today,
                      to_parent=parents[u.code], new_name=u.name, note=note, recorded_by=actor)
            for u in created
        ],
        batch_size=1000,
    )  # fmt: skip
    audit.record_many(
        created,
        by=by,
        action=IMPORT,
        changes=[audit.diff({}, audit.snapshot(u, UNIT_FIELDS)) for u in created],
        note=_created_note(),
    )
    restructured_many(
        [Change("founded", u, u.founded_on or today, by=by, new_parent=parents[u.code]) for u in created]
    )
    return created


def _last_step(parent: Unit | None) -> int:
    """The step of the parent's last child (0 when it has none); of the last root when there is no parent."""
    siblings = Unit.objects.filter(depth=(parent.depth + 1) if parent else 1)
    if parent is not None:
        siblings = siblings.filter(path__subtree=parent.path)
    last = siblings.order_by("-path").values_list("path", flat=True).first()
    return Unit._str2int(last[-Unit.steplen :]) if last else 0


@transaction.atomic
def update_units(
    changes: list[tuple[Unit, dict[str, Any]]],
    *,
    by: User | None,
    effective_on: datetime.date,
    note: str = "",
) -> int:
    """Change the facts of many units; a new name is a rename effective on ``effective_on`` (through
    ``rename_unit``, with its history; ``note`` goes on the rename event). Returns the number of units changed."""
    befores, updated = [], []
    now = timezone.now()
    if by is not None and not all(can_manage_unit(by, unit) for unit, _values in changes):
        raise PermissionDenied
    for unit, values in changes:
        if unit.archived_at or unit.dissolved_on:
            raise ValidationError(
                {
                    "code": _("Đơn vị “%(code)s” đã giải thể hoặc lưu trữ, không cập nhật được.")
                    % {"code": unit.code}
                }
            )
        unknown = set(values) - {"name", *UNIT_IMPORT_FIELDS}
        if unknown:
            raise ValueError(f"update_units cannot change {sorted(unknown)}")
        if "name" in values:
            unit = rename_unit(
                unit, by=by, name=values["name"], short_name=values.get("short_name", unit.short_name),
                effective_on=effective_on, note=note,
            )  # fmt: skip
        before = audit.snapshot(unit, UNIT_FIELDS)
        for key, value in values.items():
            if key != "name":
                value = "" if value is None and key in ("short_name", "address") else value
                setattr(unit, key, nfc(value) if isinstance(value, str) else value)
        if before != audit.snapshot(unit, UNIT_FIELDS):
            unit.updated_at = now
            befores.append(before)
            updated.append(unit)
    if updated:
        Unit.objects.bulk_update(updated, [*UNIT_IMPORT_FIELDS, "updated_at"], batch_size=500)
        audit.record_many(
            updated,
            by=by,
            action=IMPORT,
            changes=[
                audit.diff(b, audit.snapshot(u, UNIT_FIELDS)) for b, u in zip(befores, updated, strict=True)
            ],
            note=_updated_note(),
        )
    return len(updated)


# --- people ---------------------------------------------------------------------------------------------------------


@dataclass(slots=True)
class PersonUpsert:
    """One person to add (``existing`` None) or update, with the facts of the open membership in ``unit``.

    ``person`` and ``membership`` hold the values given; for an existing person, ``person_changes`` and
    ``membership_changes`` the ones that differ, ``open_membership`` the membership open today (None: one is opened).
    """

    row: int
    full_name: str
    unit_code: str
    person: dict[str, Any] = field(default_factory=dict)
    membership: dict[str, Any] = field(default_factory=dict)
    unit: Unit | None = None
    existing: Person | None = None
    open_membership: Membership | None = None
    person_changes: dict[str, Any] = field(default_factory=dict)
    membership_changes: dict[str, Any] = field(default_factory=dict)

    @property
    def changed(self) -> bool:
        return bool(self.person_changes or self.membership_changes or self.open_membership is None)


MEMBERSHIP_COLUMNS = ["person_id", "unit_id", "card_number", "joined_on", "position", "job_category",
                      "is_direct_production_worker", "is_member"]  # fmt: skip
NAME_COLUMNS = ["full_name", "family_name", "middle_name", "given_name", "sort_key", "search_name"]
NEW_PERSON_COLUMNS = [*NAME_COLUMNS, "gender", "birth_date", "national_id", "phone", "email", "unit_id"]


def _new_membership(item: PersonUpsert, person_id: int, today: datetime.date) -> tuple:
    """The values of ``MEMBERSHIP_COLUMNS`` for the open membership of a row."""
    m = item.membership
    is_member = m.get("is_member", True)
    assert item.unit is not None
    return (
        person_id,
        item.unit.pk,
        nfc(m.get("card_number", "")),
        m.get("joined_on") or today,
        m.get("position") or str(Position.MEMBER if is_member else Position.NONE),
        m.get("job_category") or str(JobCategory.EMPLOYEE),
        m.get("is_direct_production_worker", False),
        is_member,
    )


def _created(values: tuple) -> dict[str, list[Any]]:
    """The audit changes of a new person (as ``audit.diff({}, audit.snapshot(person, PERSON_FIELDS))``) from the
    values of ``NEW_PERSON_COLUMNS``."""
    after = dict(zip(NEW_PERSON_COLUMNS, values, strict=True))
    after["archived_at"] = None
    return {key: [None, to_json(after[key])] for key in sorted(PERSON_FIELDS) if after[key] is not None}


@transaction.atomic
def upsert_people(rows: list[PersonUpsert], *, by: User | None, progress: Progress | None = None) -> None:
    """Add the new people (each with an open membership) and update those found, with one audit record per person
    (as ``create_person`` / ``update_person`` write), then recount the members of the unions touched."""
    progress = progress or _no_progress
    if by is not None:  # the import checked each row; the action refuses whatever slipped past
        unit_ids = {item.unit.pk for item in rows if item.unit is not None}
        unit_ids |= {
            item.existing.unit_id for item in rows if item.existing is not None and item.existing.unit_id
        }
        for part in _chunked(sorted(unit_ids), 500):
            if not all(can_manage_people(by, unit) for unit in Unit.objects.filter(pk__in=part).only("path")):
                raise PermissionDenied
    for item in rows:
        if item.unit is None or item.unit.level not in (Level.GRASSROOTS, Level.SUB_GRASSROOTS):
            raise ValidationError({"unit": _("Người lao động phải thuộc một công đoàn cơ sở.")})
        if not item.unit.is_active:
            raise ValidationError(
                {"unit": _("Công đoàn cơ sở “%(code)s” đã giải thể hoặc lưu trữ.") % {"code": item.unit.code}}
            )
    today = timezone.localdate()
    now = timezone.now()
    total = len(rows)
    done = 0
    new_rows = [item for item in rows if item.existing is None]
    names: dict[str, tuple] = {}  # full name as written -> the values of NAME_COLUMNS
    for batch in _chunked(new_rows, BATCH):
        values = []
        for item in batch:
            unit = item.unit
            assert unit is not None  # checked above
            name = names.get(item.full_name)
            if name is None:
                fields = name_fields(item.full_name)
                name = names[item.full_name] = tuple(fields[key] for key in NAME_COLUMNS)
            p = item.person
            values.append((*name, p.get("gender", ""), p.get("birth_date"), p.get("national_id", ""),
                           p.get("phone", ""), nfc(p.get("email", "")), unit.pk))  # fmt: skip
        pks = insert_rows(Person, NEW_PERSON_COLUMNS, values, returning_pk=True)
        index_names(pks)
        insert_rows(
            Membership,
            MEMBERSHIP_COLUMNS,
            [_new_membership(item, pk, today) for item, pk in zip(batch, pks, strict=True)],
        )
        audit.record_rows(
            Person,
            ((pk, v[0], _created(v)) for pk, v in zip(pks, values, strict=True)),
            by=by,
            action=IMPORT,
            note=_created_note(),
        )
        done += len(batch)
        progress(done, total, _("Đang ghi người lao động mới"))
    changed = [item for item in rows if item.existing is not None and item.changed]
    for batch in _chunked(changed, BATCH):
        people, memberships, new_memberships, changes = [], [], [], []
        person_fields: set[str] = set()
        membership_fields: set[str] = set()
        for item in batch:
            person = item.existing
            assert person is not None
            before = audit.snapshot(person, PERSON_FIELDS)
            for key, value in item.person_changes.items():
                if key == "full_name":
                    for name_key, name_value in name_fields(value).items():
                        setattr(person, name_key, name_value)
                        person_fields.add(name_key)
                else:
                    setattr(person, key, nfc(value) if isinstance(value, str) else value)
                    person_fields.add(key)
            person.updated_at = now
            people.append(person)
            change = audit.diff(before, audit.snapshot(person, PERSON_FIELDS))
            if item.open_membership is None:
                new_memberships.append(_new_membership(item, person.pk, today))
                change["membership"] = [None, item.unit.code if item.unit else None]
            else:
                for key, value in item.membership_changes.items():
                    change[key] = [to_json(getattr(item.open_membership, key)), to_json(value)]
                    setattr(item.open_membership, key, value)
                    membership_fields.add(key)
                if item.membership_changes:
                    memberships.append(item.open_membership)
            changes.append(change)
        Person.objects.bulk_update(people, sorted(person_fields | {"updated_at"}), batch_size=BATCH)
        index_names(
            item.existing.pk for item in batch if item.existing and "full_name" in item.person_changes
        )
        if memberships:
            Membership.objects.bulk_update(memberships, sorted(membership_fields), batch_size=BATCH)
        if new_memberships:
            insert_rows(Membership, MEMBERSHIP_COLUMNS, new_memberships)
        audit.record_many(people, by=by, action=IMPORT, changes=changes, note=_updated_note())
        done += len(batch)
        progress(done, total, _("Đang cập nhật người lao động đã có"))
    progress(total, total, _("Đang tính lại số đoàn viên"))
    recount_members({item.unit.pk for item in rows if item.unit is not None})

"""Every change to the union tree, people, memberships and roles goes through these functions.

Each takes the acting user as ``by``, runs in one transaction and writes the audit trail. Restructuring keeps the
tree's history: the unit's (and its subtree's) UnitVersion rows are closed on the effective date and new ones opened,
so the structure as of any date stays answerable.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditEvent
from thidua.core.scoping import forget_scope
from thidua.core.text import fold, nfc, person_sort_key, split_full_name

from .models import Level, Membership, Person, RoleAssignment, Unit, UnitEvent, UnitVersion

LEVEL_RANK = {
    Level.NATIONAL: 0,
    Level.PROVINCE: 1,
    Level.CENTRAL_SECTOR: 1,
    Level.UPPER: 2,
    Level.GRASSROOTS: 3,
    Level.SUB_GRASSROOTS: 4,
}
UNIT_FIELDS = [
    "code", "name", "short_name", "level", "sector", "province_code", "ward_code", "address",
    "workforce_size", "founded_on", "dissolved_on", "merged_into_id", "archived_at", "path",
]  # fmt: skip
PERSON_FIELDS = [
    "full_name",
    "gender",
    "birth_date",
    "national_id",
    "phone",
    "email",
    "unit_id",
    "archived_at",
]


def _today() -> datetime.date:
    return timezone.localdate()


# --- the tree -------------------------------------------------------------------------------------------------


def check_parent_level(level: str, parent: Unit | None) -> None:
    if parent is None:
        return
    if LEVEL_RANK[Level(level)] <= LEVEL_RANK[Level(parent.level)]:
        raise ValidationError(
            {
                "parent": _("Đơn vị cấp “%(child)s” không thể trực thuộc đơn vị cấp “%(parent)s”.")
                % {"child": Level(level).label, "parent": Level(parent.level).label}
            }
        )


def _version_from(unit: Unit, day: datetime.date, parent: Unit | None) -> UnitVersion:
    return UnitVersion(
        unit=unit,
        parent=parent,
        path=unit.path,
        depth=unit.depth,
        name=unit.name,
        short_name=unit.short_name,
        level=unit.level,
        valid_from=day,
    )


def _check_effective_date(unit_ids: Iterable[int], day: datetime.date) -> None:
    last = (
        UnitVersion.objects.filter(unit_id__in=list(unit_ids), valid_to__isnull=True, valid_from__gt=day)
        .order_by("-valid_from")
        .first()
    )
    if last:
        raise ValidationError(
            {
                "effective_on": _(
                    "Ngày hiệu lực phải từ %(date)s trở đi: đơn vị “%(unit)s” đã có thay đổi hiệu lực từ ngày đó."
                )
                % {"date": last.valid_from.strftime("%d/%m/%Y"), "unit": last.name}
            }
        )


def _close_versions(unit_ids: list[int], day: datetime.date) -> None:
    """End the open versions on ``day``; a version opened that same day is replaced, not kept as an empty period."""
    open_versions = UnitVersion.objects.filter(unit_id__in=unit_ids, valid_to__isnull=True)
    open_versions.filter(valid_from=day).delete()
    open_versions.filter(valid_from__lt=day).update(valid_to=day)


def _reopen_versions(units: list[Unit], day: datetime.date) -> None:
    parents = _parents_of(units)
    UnitVersion.objects.bulk_create(
        [_version_from(u, day, parents.get(u.pk)) for u in units], batch_size=2000
    )


def _parents_of(units: list[Unit]) -> dict[int, Unit | None]:
    by_path = {u.path: u for u in units}
    missing = {u.path[: -Unit.steplen] for u in units if u.depth > 1} - set(by_path)
    if missing:
        by_path.update({u.path: u for u in Unit.objects.filter(path__in=missing)})
    return {u.pk: by_path.get(u.path[: -Unit.steplen]) if u.depth > 1 else None for u in units}


@transaction.atomic
def create_unit(
    parent: Unit | None, *, by, code: str, name: str, level: str, founded_on: datetime.date | None = None,
    decision: str = "", **fields,
) -> Unit:  # fmt: skip
    check_parent_level(level, parent)
    if Unit.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Mã đơn vị “%(code)s” đã được dùng.") % {"code": code}})
    values = {k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()}
    unit = Unit(code=nfc(code), name=nfc(name), level=level, founded_on=founded_on, **values)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit = Unit.objects.add_child(parent, instance=unit) if parent else Unit.objects.add_root(instance=unit)
    day = founded_on or _today()
    UnitVersion.objects.create(**{f.name: getattr(_version_from(unit, day, parent), f.name)
                                  for f in UnitVersion._meta.concrete_fields if f.name != "id"})  # fmt: skip
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.FOUNDED, effective_on=day, to_parent=parent,
                             new_name=unit.name, decision=decision, recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    audit.record(unit, by=by, action=AuditEvent.Action.CREATE, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, by, **fields) -> Unit:
    """Facts that carry no history of their own (address, workforce, sector...); renames go through rename_unit."""
    if "name" in fields or "short_name" in fields or "level" in fields:
        raise ValueError("use rename_unit for names")
    before = audit.snapshot(unit, UNIT_FIELDS)
    for key, value in fields.items():
        setattr(unit, key, nfc(value) if isinstance(value, str) else value)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit.save()
    audit.record(
        unit, by=by, action=AuditEvent.Action.UPDATE, before=before, after=audit.snapshot(unit, UNIT_FIELDS)
    )
    return unit


@transaction.atomic
def rename_unit(unit: Unit, *, by, name: str, short_name: str = "", effective_on: datetime.date,
                decision: str = "", note: str = "") -> Unit:  # fmt: skip
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_effective_date([unit.pk], effective_on)
    before = audit.snapshot(unit, UNIT_FIELDS)
    old_name = unit.name
    unit.name, unit.short_name = nfc(name), nfc(short_name)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit.save(update_fields=["name", "short_name", "updated_at"])
    _close_versions([unit.pk], effective_on)
    _reopen_versions([unit], effective_on)
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.RENAMED, effective_on=effective_on, old_name=old_name,
                             new_name=unit.name, decision=decision, note=note,
                             recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    audit.record(
        unit, by=by, action=AuditEvent.Action.RENAME, before=before, after=audit.snapshot(unit, UNIT_FIELDS)
    )
    return unit


@transaction.atomic
def move_unit(unit: Unit, new_parent: Unit, *, by, effective_on: datetime.date, decision: str = "",
              note: str = "") -> Unit:  # fmt: skip
    unit = Unit.objects.get(pk=unit.pk)
    new_parent = Unit.objects.get(pk=new_parent.pk)
    if new_parent.path.startswith(unit.path):
        raise ValidationError(
            {"parent": _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị trực thuộc nó.")}
        )
    if not new_parent.is_active:
        raise ValidationError({"parent": _("Đơn vị cấp trên mới đã giải thể hoặc lưu trữ.")})
    if not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị đã giải thể hoặc lưu trữ, không thể chuyển.")})
    check_parent_level(unit.level, new_parent)
    old_parent = Unit.objects.get_parent(unit)
    if old_parent and old_parent.pk == new_parent.pk:
        raise ValidationError({"parent": _("Đơn vị đã trực thuộc “%(unit)s”.") % {"unit": new_parent.name}})
    subtree_ids = list(Unit.objects.filter(path__subtree=unit.path).values_list("pk", flat=True))
    _check_effective_date(subtree_ids, effective_on)
    open_ids = list(
        UnitVersion.objects.filter(unit_id__in=subtree_ids, valid_to__isnull=True).values_list(
            "unit_id", flat=True
        )
    )
    before = audit.snapshot(unit, UNIT_FIELDS)
    _close_versions(open_ids, effective_on)
    Unit.objects.move(unit, new_parent, pos="last-child")
    moved = list(Unit.objects.filter(pk__in=open_ids))
    _reopen_versions(moved, effective_on)
    unit.refresh_from_db()
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.MOVED, effective_on=effective_on, from_parent=old_parent,
                             to_parent=new_parent, decision=decision, note=note,
                             recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    audit.record(unit, by=by, action=AuditEvent.Action.MOVE, before=before, after=audit.snapshot(unit, UNIT_FIELDS),
                 note=_("Chuyển từ “%(old)s” về “%(new)s”") % {"old": old_parent, "new": new_parent})  # fmt: skip
    return unit


@transaction.atomic
def dissolve_unit(unit: Unit, *, by, effective_on: datetime.date, decision: str = "", note: str = "",
                  merged_into: Unit | None = None) -> Unit:  # fmt: skip
    unit = Unit.objects.get(pk=unit.pk)
    if not unit.is_active:
        raise ValidationError({"unit": _("Đơn vị đã giải thể hoặc lưu trữ.")})
    active_children = Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1).active().count()
    if active_children:
        raise ValidationError(
            {
                "unit": _(
                    "Đơn vị còn %(n)d đơn vị trực thuộc đang hoạt động; hãy chuyển hoặc sáp nhập trước."
                )
                % {"n": active_children}
            }  # fmt: skip
        )
    _check_effective_date([unit.pk], effective_on)
    if unit.founded_on and effective_on < unit.founded_on:
        raise ValidationError({"effective_on": _("Ngày giải thể không thể trước ngày thành lập.")})
    before = audit.snapshot(unit, UNIT_FIELDS)
    open_memberships = Membership.objects.filter(unit=unit, left_on__isnull=True)
    if merged_into is not None and merged_into.level == Level.GRASSROOTS and unit.level == Level.GRASSROOTS:
        _transfer_memberships(open_memberships, merged_into, effective_on)
    else:
        open_memberships.update(left_on=effective_on, left_reason=Membership.LeftReason.UNIT_DISSOLVED)
    unit.dissolved_on = effective_on
    unit.merged_into = merged_into
    unit.save(update_fields=["dissolved_on", "merged_into", "updated_at"])
    _close_versions([unit.pk], effective_on)
    kind = UnitEvent.Kind.MERGED if merged_into else UnitEvent.Kind.DISSOLVED
    UnitEvent.objects.create(unit=unit, kind=kind, effective_on=effective_on, merged_into=merged_into,
                             decision=decision, note=note, recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    action = AuditEvent.Action.MERGE if merged_into else AuditEvent.Action.DISSOLVE
    audit.record(unit, by=by, action=action, before=before, after=audit.snapshot(unit, UNIT_FIELDS))
    recount_members([unit.pk] + ([merged_into.pk] if merged_into else []))
    return unit


@transaction.atomic
def merge_units(sources: list[Unit], target: Unit, *, by, effective_on: datetime.date, decision: str = "",
                note: str = "") -> Unit:  # fmt: skip
    """Merge units into ``target``: their active children move under it, their members transfer, they dissolve."""
    for source in sources:
        if source.pk == target.pk or target.path.startswith(source.path):
            raise ValidationError(
                {"target": _("Không thể sáp nhập đơn vị vào chính nó hoặc đơn vị trực thuộc nó.")}
            )
        for child in Unit.objects.filter(path__subtree=source.path, depth=source.depth + 1).active():
            move_unit(child, target, by=by, effective_on=effective_on, decision=decision, note=note)
        dissolve_unit(
            source, by=by, effective_on=effective_on, decision=decision, note=note, merged_into=target
        )
    return target


@transaction.atomic
def archive_unit(unit: Unit, *, by, note: str = "") -> Unit:
    """Hide a unit entered by mistake; nothing is deleted and it can be restored."""
    before = audit.snapshot(unit, UNIT_FIELDS)
    unit.archived_at = timezone.now()
    unit.save(update_fields=["archived_at", "updated_at"])
    audit.record(unit, by=by, action=AuditEvent.Action.ARCHIVE, before=before, after=audit.snapshot(unit, UNIT_FIELDS),
                 note=note)  # fmt: skip
    return unit


@transaction.atomic
def restore_unit(unit: Unit, *, by) -> Unit:
    before = audit.snapshot(unit, UNIT_FIELDS)
    unit.archived_at = None
    unit.save(update_fields=["archived_at", "updated_at"])
    audit.record(
        unit, by=by, action=AuditEvent.Action.RESTORE, before=before, after=audit.snapshot(unit, UNIT_FIELDS)
    )
    return unit


# --- people ---------------------------------------------------------------------------------------------------


def name_fields(full_name: str) -> dict[str, str]:
    full_name = nfc(full_name)
    family, middle, given = split_full_name(full_name)
    return {
        "full_name": full_name,
        "family_name": family,
        "middle_name": middle,
        "given_name": given,
        "sort_key": person_sort_key(full_name),
        "search_name": fold(full_name),
    }


def recount_members(unit_ids: Iterable[int]) -> None:
    """Recompute the member counters of these units from their open memberships (one UPDATE)."""
    unit_ids = list(set(unit_ids))
    if not unit_ids:
        return

    def count(**filters):
        return Coalesce(
            Subquery(
                Membership.objects.filter(
                    unit=OuterRef("pk"), left_on__isnull=True, person__archived_at__isnull=True, **filters
                )
                .order_by()
                .values("unit")
                .annotate(n=Count("pk"))
                .values("n"),
                output_field=IntegerField(),
            ),
            Value(0),
        )

    Unit.objects.filter(pk__in=unit_ids).update(
        member_count=count(is_member=True),
        worker_count=count(),
        direct_worker_count=count(is_direct_production_worker=True),
    )


def _transfer_memberships(memberships, to_unit: Unit, day: datetime.date) -> None:
    rows = list(memberships.select_related(None))
    memberships.update(left_on=day, left_reason=Membership.LeftReason.TRANSFER)
    Membership.objects.bulk_create(
        [
            Membership(
                person_id=m.person_id,
                unit=to_unit,
                card_number=m.card_number,
                joined_on=day,
                job_category=m.job_category,
                is_direct_production_worker=m.is_direct_production_worker,
                is_member=m.is_member,
                position=m.position,
            )  # fmt: skip
            for m in rows
        ],
        batch_size=2000,
    )
    Person.objects.filter(pk__in=[m.person_id for m in rows]).update(unit=to_unit)


# The open membership's facts, kept in the person's audit trail beside the person's own.
MEMBERSHIP_FIELDS = [
    "card_number", "joined_on", "position", "job_category", "is_direct_production_worker", "is_member",
]  # fmt: skip


@transaction.atomic
def create_person(*, by, unit: Unit, full_name: str, joined_on: datetime.date | None = None,
                  membership: dict | None = None, **fields) -> Person:  # fmt: skip
    if unit.level not in (Level.GRASSROOTS, Level.SUB_GRASSROOTS):
        raise ValidationError({"unit": _("Người lao động phải thuộc một công đoàn cơ sở.")})
    values = {k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()}
    person = Person(unit=unit, **name_fields(full_name), **values)
    person.full_clean()
    person.save()
    membership_values = {k: nfc(v) if isinstance(v, str) else v for k, v in (membership or {}).items()}
    current = Membership.objects.create(
        person=person, unit=unit, joined_on=joined_on or _today(), **membership_values
    )
    recount_members([unit.pk])
    audit.record(person, by=by, action=AuditEvent.Action.CREATE,
                 after=audit.snapshot(person, PERSON_FIELDS) | audit.snapshot(current, MEMBERSHIP_FIELDS))  # fmt: skip
    return person


@transaction.atomic
def update_person(person: Person, *, by, membership: dict | None = None, **fields) -> Person:
    """Edit a person's facts and, with ``membership``, those of the open membership (card, position, job...)."""
    before = audit.snapshot(person, PERSON_FIELDS)
    if "full_name" in fields:
        for key, value in name_fields(fields.pop("full_name")).items():
            setattr(person, key, value)
    for key, value in fields.items():
        setattr(person, key, nfc(value) if isinstance(value, str) else value)
    person.full_clean()
    person.save()
    after = audit.snapshot(person, PERSON_FIELDS)
    if membership:
        current = Membership.objects.filter(person=person, left_on__isnull=True).first()
        if current is None:
            raise ValidationError({"person": _("Người này hiện không sinh hoạt tại công đoàn cơ sở nào.")})
        before |= audit.snapshot(current, MEMBERSHIP_FIELDS)
        for key, value in membership.items():
            setattr(current, key, nfc(value) if isinstance(value, str) else value)
        current.full_clean(exclude=["person", "unit"])
        current.save()
        recount_members([current.unit_id])
        after |= audit.snapshot(current, MEMBERSHIP_FIELDS)
    if audit.diff(before, after):
        audit.record(person, by=by, action=AuditEvent.Action.UPDATE, before=before, after=after)
    return person


@transaction.atomic
def transfer_person(person: Person, to_unit: Unit, *, by, on: datetime.date, **membership) -> Membership:
    """The person moves to another grassroots union: the open membership ends, a new one starts."""
    if to_unit.level not in (Level.GRASSROOTS, Level.SUB_GRASSROOTS) or not to_unit.is_active:
        raise ValidationError({"unit": _("Đơn vị chuyển đến phải là công đoàn cơ sở đang hoạt động.")})
    before = audit.snapshot(person, PERSON_FIELDS)
    current = Membership.objects.filter(person=person, left_on__isnull=True).first()
    if current and current.unit_id == to_unit.pk:
        raise ValidationError(
            {"unit": _("Người này đang sinh hoạt tại “%(unit)s”.") % {"unit": to_unit.name}}
        )
    if current and on < current.joined_on:
        raise ValidationError({"on": _("Ngày chuyển không thể trước ngày vào đơn vị hiện tại (%(d)s).")
                               % {"d": current.joined_on.strftime("%d/%m/%Y")}})  # fmt: skip
    old_unit_id = current.unit_id if current else None
    defaults = {}
    if current:
        current.left_on, current.left_reason = on, Membership.LeftReason.TRANSFER
        current.save(update_fields=["left_on", "left_reason"])
        defaults = {"card_number": current.card_number, "job_category": current.job_category,
                    "is_direct_production_worker": current.is_direct_production_worker,
                    "is_member": current.is_member}  # fmt: skip
    new = Membership.objects.create(person=person, unit=to_unit, joined_on=on, **{**defaults, **membership})
    person.unit = to_unit
    person.save(update_fields=["unit", "updated_at"])
    recount_members([to_unit.pk] + ([old_unit_id] if old_unit_id else []))
    audit.record(person, by=by, action=AuditEvent.Action.TRANSFER, before=before,
                 after=audit.snapshot(person, PERSON_FIELDS))  # fmt: skip
    return new


@transaction.atomic
def end_membership(person: Person, *, by, on: datetime.date, reason: str) -> None:
    current = Membership.objects.filter(person=person, left_on__isnull=True).select_related("unit").first()
    if current is None:
        raise ValidationError({"person": _("Người này hiện không sinh hoạt tại công đoàn cơ sở nào.")})
    if on < current.joined_on:
        raise ValidationError({"on": _("Ngày thôi sinh hoạt không thể trước ngày vào công đoàn cơ sở (%(d)s).")
                               % {"d": current.joined_on.strftime("%d/%m/%Y")}})  # fmt: skip
    if reason == Membership.LeftReason.TRANSFER:
        raise ValueError("use transfer_person for transfers")
    current.left_on, current.left_reason = on, reason
    current.full_clean()
    current.save(update_fields=["left_on", "left_reason"])
    recount_members([current.unit_id])
    audit.record(person, by=by, action=AuditEvent.Action.UPDATE, before={"left_on": None, "left_reason": ""},
                 after={"left_on": on.isoformat(), "left_reason": reason},
                 note=_("Thôi sinh hoạt tại “%(unit)s”") % {"unit": current.unit.name})  # fmt: skip


@transaction.atomic
def archive_person(person: Person, *, by, note: str = "") -> Person:
    """Hide a record entered by mistake or a duplicate: nothing is deleted, the counters leave it out."""
    if person.archived_at is not None:
        raise ValidationError({"person": _("Hồ sơ này đã được lưu trữ.")})
    before = audit.snapshot(person, PERSON_FIELDS)
    person.archived_at = timezone.now()
    person.save(update_fields=["archived_at", "updated_at"])
    recount_members(
        Membership.objects.filter(person=person, left_on__isnull=True).values_list("unit_id", flat=True)
    )
    audit.record(person, by=by, action=AuditEvent.Action.ARCHIVE, before=before,
                 after=audit.snapshot(person, PERSON_FIELDS), note=nfc(note))  # fmt: skip
    return person


@transaction.atomic
def restore_person(person: Person, *, by) -> Person:
    if person.archived_at is None:
        raise ValidationError({"person": _("Hồ sơ này đang được sử dụng, không cần khôi phục.")})
    before = audit.snapshot(person, PERSON_FIELDS)
    person.archived_at = None
    person.save(update_fields=["archived_at", "updated_at"])
    recount_members(
        Membership.objects.filter(person=person, left_on__isnull=True).values_list("unit_id", flat=True)
    )
    audit.record(person, by=by, action=AuditEvent.Action.RESTORE, before=before,
                 after=audit.snapshot(person, PERSON_FIELDS))  # fmt: skip
    return person


# --- accounts -------------------------------------------------------------------------------------------------


@transaction.atomic
def create_account(*, by, username: str, full_name: str, email: str = "", password: str):
    """A new login (no role yet: grant_role gives it one). The full name is kept whole in ``first_name``."""
    from django.contrib.auth import get_user_model

    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username}}
        )
    user = User.objects.create_user(username=nfc(username), email=nfc(email), password=password,
                                    first_name=nfc(full_name)[:150])  # fmt: skip
    audit.record(user, by=by, action=AuditEvent.Action.CREATE,
                 after={"username": user.username, "full_name": user.first_name, "email": user.email})  # fmt: skip
    return user


@transaction.atomic
def grant_role(user, unit: Unit, role: str, *, by) -> RoleAssignment:
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    if role == RoleAssignment.Role.ADMIN and unit.depth == 1 and not user.is_superuser:
        # The system administrator of a whole tree runs the system, Django's admin included.
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    audit.record(assignment, by=by, action=AuditEvent.Action.GRANT, after={"user": user.username, "unit": unit.name,
                                                                         "role": role})  # fmt: skip
    forget_scope(user)
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, by) -> None:
    """Roles are the one thing removed outright; the audit trail keeps what was granted."""
    audit.record(assignment, by=by, action=AuditEvent.Action.REVOKE,
                 before={"user": assignment.user.username, "unit": assignment.unit.name, "role": assignment.role},
                 after={})  # fmt: skip
    user = assignment.user
    assignment.delete()
    still_admin = RoleAssignment.objects.filter(
        user=user, role=RoleAssignment.Role.ADMIN, unit__depth=1
    ).exists()
    if not still_admin and user.is_superuser:
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    forget_scope(user)

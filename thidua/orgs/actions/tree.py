"""Changes to the union tree: founding, editing, renaming, moving, dissolving, merging, archiving a unit.

Restructuring a unit (renaming, moving, merging, dissolving, archiving it) is an act of the level above: given an
acting user, each action refuses with ``PermissionDenied`` what ``permissions.can_restructure_unit`` does not allow,
and a new parent or a merger's target must be a unit the user manages — pages, API and imports cannot bypass it.
``by=None`` is the system (the demo, the test tree, migrations).

Restructuring keeps the tree's history: the unit's (and its subtree's) UnitVersion rows are closed on the effective
date and new ones opened, so the structure as of any date stays answerable.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.scoping import forget_scope, sees_everything
from thidua.core.text import nfc, unit_sort_key

from ..models import (
    EndKind,
    Level,
    Membership,
    Person,
    RestructuringRequest,
    RoleAssignment,
    TransferRequest,
    Unit,
    UnitEvent,
    UnitVersion,
)
from ..permissions import can_manage_unit, can_restructure_unit
from ..queries import subtree_totals_as_of
from ..restructuring_hooks import Change, restructured
from .people import _today, _transfer_memberships, recount_members

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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
    "workforce_size", "founded_on", "dissolved_on", "ended_as", "merged_into_id", "archived_at", "path", "last_totals",
]  # fmt: skip
# Audit verbs of the ways a unit ends (plain strings: the audit trail's labels are each app's own, see UnitTrail).
END_AUDIT_ACTIONS = {
    EndKind.DISSOLVED: "dissolve",
    EndKind.MERGED: "merge",
    EndKind.CONSOLIDATED: "consolidate",
}


def _check_may_restructure(
    by,
    unit: Unit,
    *,
    ending: bool = False,
    authority: RestructuringRequest | None = None,
    needs_request: bool = False,
) -> None:
    """May ``by`` carry out this restructuring of ``unit`` now?

    - ``by=None`` is the system (the demo, migrations, a dry run of a request being prepared);
    - with ``authority`` (a request being approved): the request must be awaiting approval, name the unit (or the
      unit of one of its units, moving with it) and ``by`` must be one who may approve it;
    - without: a rename, a move, a dissolution or a merger (``needs_request``) goes through a request unless
      ``by`` is a system administrator (their direct path is audited as such); an archiving needs only
      ``can_restructure_unit`` (the level above)."""
    if by is None:
        return
    if authority is not None:
        from ..permissions import RESTRUCTURING_WORKFLOW

        named = {u.path for u in authority.units.all()}
        if (
            authority.status != RestructuringRequest.Status.SUBMITTED
            or not (unit.path in named or unit.path[: -Unit.steplen] in named)
            or not RESTRUCTURING_WORKFLOW.permitted(by, authority, "approve")
        ):
            raise PermissionDenied
        return
    if needs_request and not sees_everything(by):
        raise PermissionDenied(
            _(
                "Đổi tên, chuyển, sáp nhập, hợp nhất, giải thể đơn vị phải qua đề nghị được lãnh đạo cấp trên duyệt."
            )
        )
    if not can_restructure_unit(by, unit, ending=ending):
        raise PermissionDenied


def _direct_note(by, authority: RestructuringRequest | None) -> str:
    """The audit note of a restructuring carried out without a request: a system administrator's direct path."""
    if by is None or authority is not None:
        return ""
    return _("Thực hiện trực tiếp bởi quản trị hệ thống, không qua đề nghị.")


def _check_may_receive(by, unit: Unit) -> None:
    """A unit chosen as a new parent or as a merger's target: one the user manages, not one it only sees."""
    if by is not None and not can_manage_unit(by, unit):
        raise PermissionDenied


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
        sort_key=unit.sort_key,
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
                % {"date": format_date(last.valid_from), "unit": last.name}
            }
        )


def _close_versions(unit_ids: list[int], day: datetime.date, *, by: User | None) -> None:
    """End the open versions on ``day``; a version opened that same day is replaced, not kept as an empty period."""
    open_versions = UnitVersion.objects.filter(unit_id__in=unit_ids, valid_to__isnull=True)
    replaced = list(open_versions.filter(valid_from=day))
    if replaced:  # the audit trail keeps what the replaced version said
        audit.record_rows(
            UnitVersion,
            [(v.pk, str(v), audit.diff(audit.snapshot(v), {})) for v in replaced],
            by=by,
            action="delete",
            note=_("Thay bằng phiên bản mới cùng ngày hiệu lực %(date)s") % {"date": format_date(day)},
        )
        UnitVersion.objects.filter(pk__in=[v.pk for v in replaced]).delete()
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
    parent: Unit | None, *, by: User | None, code: str, name: str, level: str, founded_on: datetime.date | None = None,
    decision: str = "", **fields,
) -> Unit:  # fmt: skip
    """Found a unit under ``parent`` (one ``by`` manages; a root only a system administrator founds)."""
    if by is not None and not (can_manage_unit(by, parent) if parent is not None else sees_everything(by)):
        raise PermissionDenied
    check_parent_level(level, parent)
    if Unit.objects.filter(code=code).exists():
        raise ValidationError(
            {"code": _("Không thể dùng mã đơn vị “%(code)s”; hãy chọn mã khác.") % {"code": code}}
        )
    values = {k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()}
    unit = Unit(code=nfc(code), name=nfc(name), sort_key=unit_sort_key(name), level=level, founded_on=founded_on,
                **values)  # fmt: skip
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit = Unit.objects.add_child(parent, instance=unit) if parent else Unit.objects.add_root(instance=unit)
    day = founded_on or _today()
    UnitVersion.objects.create(**{f.name: getattr(_version_from(unit, day, parent), f.name)
                                  for f in UnitVersion._meta.concrete_fields if f.name != "id"})  # fmt: skip
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.FOUNDED, effective_on=day, to_parent=parent,
                             new_name=unit.name, decision=decision, recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    audit.record(unit, by=by, action="create", after=audit.snapshot(unit, UNIT_FIELDS))
    restructured(Change("founded", unit, day, by=by, new_parent=parent, decision=decision))
    return unit


@transaction.atomic
def update_unit(unit: Unit, *, by: User | None, **fields) -> Unit:
    """Facts that carry no history of their own (address, workforce, sector...); renames go through rename_unit."""
    if "name" in fields or "short_name" in fields or "level" in fields:
        raise ValueError("use rename_unit for names")
    if by is not None and not can_manage_unit(by, Unit.objects.get(pk=unit.pk)):
        raise PermissionDenied
    before = audit.snapshot(unit, UNIT_FIELDS)
    for key, value in fields.items():
        setattr(unit, key, nfc(value) if isinstance(value, str) else value)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit.save()
    audit.record(unit, by=by, action="update", before=before, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def rename_unit(unit: Unit, *, by: User | None, name: str, short_name: str = "", effective_on: datetime.date,
                decision: str = "", note: str = "", authority: RestructuringRequest | None = None) -> Unit:  # fmt: skip
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    _check_may_restructure(by, unit, authority=authority, needs_request=True)
    _check_effective_date([unit.pk], effective_on)
    before = audit.snapshot(unit, UNIT_FIELDS)
    old_name = unit.name
    unit.name, unit.short_name = nfc(name), nfc(short_name)
    unit.sort_key = unit_sort_key(unit.name)
    unit.full_clean(exclude=["path", "depth", "numchild"])
    unit.save(update_fields=["name", "sort_key", "short_name", "updated_at"])
    _close_versions([unit.pk], effective_on, by=by)
    _reopen_versions([unit], effective_on)
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.RENAMED, effective_on=effective_on, old_name=old_name,
                             new_name=unit.name, decision=decision, note=note,
                             recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    audit.record(unit, by=by, action="rename", before=before, after=audit.snapshot(unit, UNIT_FIELDS),
                 note=_direct_note(by, authority))  # fmt: skip
    return unit


@transaction.atomic
def move_unit(unit: Unit, new_parent: Unit, *, by: User | None, effective_on: datetime.date, decision: str = "",
              note: str = "", authority: RestructuringRequest | None = None) -> Unit:  # fmt: skip
    unit = Unit.objects.get(pk=unit.pk)
    new_parent = Unit.objects.get(pk=new_parent.pk)
    _check_may_restructure(by, unit, authority=authority, needs_request=True)
    _check_may_receive(by, new_parent)
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
    _close_versions(open_ids, effective_on, by=by)
    Unit.objects.move(unit, new_parent, pos="last-child")
    moved = list(Unit.objects.filter(pk__in=open_ids))
    _reopen_versions(moved, effective_on)
    unit.refresh_from_db()
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.MOVED, effective_on=effective_on, from_parent=old_parent,
                             to_parent=new_parent, decision=decision, note=note,
                             recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    moved_note = _("Chuyển từ “%(old)s” về “%(new)s”") % {"old": old_parent, "new": new_parent}
    audit.record(unit, by=by, action="move", before=before, after=audit.snapshot(unit, UNIT_FIELDS),
                 note=" ".join(filter(None, [moved_note, _direct_note(by, authority)])))  # fmt: skip
    restructured(Change("moved", unit, effective_on, by=by, old_parent=old_parent, new_parent=new_parent,
                        decision=decision))  # fmt: skip
    return unit


@transaction.atomic
def dissolve_unit(unit: Unit, *, by: User | None, effective_on: datetime.date, decision: str = "", note: str = "",
                  merged_into: Unit | None = None, kind: str | None = None,
                  authority: RestructuringRequest | None = None) -> Unit:  # fmt: skip
    """End a unit: dissolved (giải thể), or with ``merged_into`` merged into it (sáp nhập, ``kind="merged"``, the
    default) or consolidated with others into it (hợp nhất, ``kind="consolidated"``), as its decision says."""
    kind = EndKind(kind or (EndKind.MERGED if merged_into is not None else EndKind.DISSOLVED))
    if (kind == EndKind.DISSOLVED) != (merged_into is None):
        raise ValueError("a merger or consolidation names the unit it goes into; a dissolution does not")
    unit = Unit.objects.get(pk=unit.pk)
    _check_may_restructure(by, unit, ending=True, authority=authority, needs_request=True)
    if merged_into is not None:
        _check_may_receive(by, merged_into)
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
    unit.ended_as = kind
    unit.save(update_fields=["dissolved_on", "merged_into", "ended_as", "updated_at"])
    _close_versions([unit.pk], effective_on, by=by)
    # Its last day's totals, kept as the figure of record (the dashboard's history panel reads it, not a recount).
    unit.last_totals = subtree_totals_as_of(unit, effective_on - datetime.timedelta(days=1))
    unit.save(update_fields=["last_totals"])
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind(kind.value), effective_on=effective_on,
                             merged_into=merged_into, decision=decision, note=note,
                             recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    audit.record(unit, by=by, action=END_AUDIT_ACTIONS[kind], before=before,
                 after=audit.snapshot(unit, UNIT_FIELDS), note=_direct_note(by, authority))  # fmt: skip
    _end_roles(unit, by=by)
    _refuse_pending_transfers(unit, by=by)
    recount_members([unit.pk] + ([merged_into.pk] if merged_into else []))
    restructured(Change(str(kind.value), unit, effective_on, by=by, successor=merged_into, decision=decision))
    return unit


def _end_roles(unit: Unit, *, by: User | None) -> None:
    """The roles held on a unit that ends are revoked with it (the audit trail keeps each one)."""
    roles = list(RoleAssignment.objects.filter(unit=unit).select_related("user"))
    if not roles:
        return
    audit.record_rows(
        RoleAssignment,
        [(r.pk, str(r), audit.diff({**audit.snapshot(r), "user": r.user.username, "unit": unit.name}, {}))
         for r in roles],
        by=by, action="revoke", note=_("Thu hồi khi đơn vị “%(unit)s” kết thúc hoạt động") % {"unit": unit.name},
    )  # fmt: skip
    RoleAssignment.objects.filter(pk__in=[r.pk for r in roles]).delete()
    for role in roles:
        forget_scope(role.user)


def _refuse_pending_transfers(unit: Unit, *, by: User | None) -> None:
    """Transfer requests still waiting on or for a unit that ends are refused, saying why."""
    from django.db.models import Q

    pending = list(TransferRequest.objects.pending().filter(Q(from_unit=unit) | Q(to_unit=unit)))
    if not pending:
        return
    reason = _("Đơn vị “%(unit)s” đã kết thúc hoạt động.") % {"unit": unit.name}
    now = timezone.now()
    audit.record_rows(
        TransferRequest,
        [(r.pk, str(r), {"status": [r.status, TransferRequest.Status.REFUSED], "reason": [r.reason, reason]})
         for r in pending],
        by=by, action="update", note=reason,
    )  # fmt: skip
    TransferRequest.objects.filter(pk__in=[r.pk for r in pending]).update(
        status=TransferRequest.Status.REFUSED, reason=reason, decided_at=now,
        decided_by=by if getattr(by, "pk", None) else None,
    )  # fmt: skip


@transaction.atomic
def merge_units(sources: list[Unit], target: Unit, *, by: User | None, effective_on: datetime.date, decision: str = "",
                note: str = "", kind: str = EndKind.MERGED,
                authority: RestructuringRequest | None = None) -> Unit:  # fmt: skip
    """Merge units into ``target``: their active children move under it, their members transfer, they end — as
    a merger into an existing unit (sáp nhập, ``kind="merged"``) or a consolidation forming ``target``
    (hợp nhất, ``kind="consolidated"``), as the decision says."""
    if EndKind(kind) == EndKind.DISSOLVED:
        raise ValueError("merge_units records a merger or a consolidation")
    _check_may_receive(by, target)
    for source in sources:
        _check_may_restructure(by, source, ending=True, authority=authority, needs_request=True)
    for source in sources:
        if source.pk == target.pk or target.path.startswith(source.path):
            raise ValidationError(
                {"target": _("Không thể sáp nhập đơn vị vào chính nó hoặc đơn vị trực thuộc nó.")}
            )
        for child in Unit.objects.filter(path__subtree=source.path, depth=source.depth + 1).active():
            move_unit(child, target, by=by, effective_on=effective_on, decision=decision, note=note,
                      authority=authority)  # fmt: skip
        dissolve_unit(source, by=by, effective_on=effective_on, decision=decision, note=note, merged_into=target,
                      kind=kind, authority=authority)  # fmt: skip
    return target


@transaction.atomic
def archive_unit(unit: Unit, *, by: User | None, note: str = "") -> Unit:
    """Hide a unit entered by mistake; nothing is deleted and it can be restored."""
    _check_may_restructure(by, unit)
    before = audit.snapshot(unit, UNIT_FIELDS)
    unit.archived_at = timezone.now()
    unit.save(update_fields=["archived_at", "updated_at"])
    audit.record(unit, by=by, action="archive", before=before, after=audit.snapshot(unit, UNIT_FIELDS),
                 note=note)  # fmt: skip
    return unit


@transaction.atomic
def restore_unit(unit: Unit, *, by: User | None) -> Unit:
    _check_may_restructure(by, unit)
    before = audit.snapshot(unit, UNIT_FIELDS)
    unit.archived_at = None
    unit.save(update_fields=["archived_at", "updated_at"])
    audit.record(unit, by=by, action="restore", before=before, after=audit.snapshot(unit, UNIT_FIELDS))
    return unit


@transaction.atomic
def reopen_unit(unit: Unit, *, by: User | None, reason: str) -> Unit:
    """Reverse a dissolution entered by mistake: the level above (a leader there: ``can_restructure_unit`` with
    ``ending``) reopens the unit as if it had not ended — its last version runs on, the memberships that the
    dissolution ended are open again (each person's audit trail says so; people who joined another union since
    stay there), the roles the dissolution revoked (as its audit trail recorded them) are granted again, each
    with its own audit record — and the event and the audit trail say who did it and why. A merger or a
    consolidation is not reversed here (decision record 0019)."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    if by is not None and not can_restructure_unit(by, unit, ending=True):
        raise PermissionDenied
    reason = " ".join(nfc(reason or "").split())
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    if unit.archived_at is not None or unit.dissolved_on is None or unit.ended_as != EndKind.DISSOLVED:
        raise ValidationError({"unit": _("Chỉ hủy được một quyết định giải thể; đơn vị này không ở trạng thái đã "
                                         "giải thể.")})  # fmt: skip
    parent = Unit.objects.get_parent(unit) if unit.depth > 1 else None
    if parent is not None and not parent.is_active:
        raise ValidationError({"unit": _("Đơn vị cấp trên “%(unit)s” đã kết thúc hoạt động: hãy mở lại đơn vị "
                                         "cấp trên trước.") % {"unit": parent.name}})  # fmt: skip
    day = unit.dissolved_on
    before = audit.snapshot(unit, UNIT_FIELDS)
    last = UnitVersion.objects.filter(unit=unit, valid_to=day).order_by("-valid_from").first()
    if last is not None:
        last.valid_to = None
        last.save(update_fields=["valid_to"])
    else:  # the version opened on the day itself was replaced: open one again from that day
        _reopen_versions([unit], day)
    ended = Membership.objects.filter(
        unit=unit, left_on=day, left_reason=Membership.LeftReason.UNIT_DISSOLVED
    ).exclude(person__memberships__left_on__isnull=True)  # people who joined another union since stay there
    rows = list(ended.select_related("person").order_by("pk"))
    reopened = Membership.objects.filter(pk__in=[m.pk for m in rows]).update(left_on=None, left_reason="")
    back_note = _("Sinh hoạt lại tại “%(unit)s” khi hủy quyết định giải thể") % {"unit": unit.name}
    audit.record_rows(
        Person,
        [(m.person_id, str(m.person), {"left_on": [day.isoformat(), None],
                                        "left_reason": [Membership.LeftReason.UNIT_DISSOLVED.value, ""]})
         for m in rows],
        by=by, action="update", note=back_note,
    )  # fmt: skip
    regranted = _regrant_ended_roles(unit, by=by)
    unit.dissolved_on, unit.ended_as, unit.merged_into, unit.last_totals = None, "", None, None
    unit.save(update_fields=["dissolved_on", "ended_as", "merged_into", "last_totals", "updated_at"])
    UnitEvent.objects.create(unit=unit, kind=UnitEvent.Kind.REOPENED, effective_on=day, note=reason[:500],
                             recorded_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    audit.record(unit, by=by, action="reopen", before=before, after=audit.snapshot(unit, UNIT_FIELDS),
                 note=_("%(reason)s (mở lại %(n)d lượt sinh hoạt, cấp lại %(r)d vai trò)")
                 % {"reason": reason, "n": reopened, "r": regranted})  # fmt: skip
    recount_members([unit.pk])
    restructured(Change("reopened", unit, day, by=by, decision=reason))
    return unit


def _regrant_ended_roles(unit: Unit, *, by: User | None) -> int:
    """Grant again the roles that the unit's last dissolution revoked (``_end_roles``), read from the audit trail:
    the ``revoke`` records of roles on this unit written after its last ``dissolve`` record (and before anything
    else happened to the unit). A role granted again since, or held by an account no longer active, is left."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from thidua.core.models import AuditEvent

    unit_type = ContentType.objects.get_for_model(Unit)
    ended = (
        AuditEvent.objects.filter(content_type=unit_type, object_id=str(unit.pk), action="dissolve")
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    if ended is None:
        return 0
    after = AuditEvent.objects.filter(content_type=unit_type, object_id=str(unit.pk), pk__gt=ended)
    revoked = AuditEvent.objects.filter(
        content_type=ContentType.objects.get_for_model(RoleAssignment), action="revoke", pk__gt=ended
    )
    next_pk = after.order_by("pk").values_list("pk", flat=True).first()
    if next_pk is not None:
        revoked = revoked.filter(pk__lt=next_pk)
    wanted = []
    for changes in revoked.order_by("pk").values_list("changes", flat=True):
        if (
            (changes.get("unit_id") or [None])[0] == unit.pk
            and changes.get("user_id")
            and changes.get("role")
        ):
            wanted.append((changes["user_id"][0], changes["role"][0]))
    if not wanted:
        return 0
    active = set(
        get_user_model()
        .objects.filter(pk__in={u for u, _r in wanted}, is_active=True)
        .values_list("pk", flat=True)
    )
    held = set(RoleAssignment.objects.filter(unit=unit).values_list("user_id", "role"))
    note = _("Cấp lại khi hủy quyết định giải thể “%(unit)s”") % {"unit": unit.name}
    count = 0
    for user_id, role in dict.fromkeys(wanted):
        if user_id not in active or (user_id, role) in held:
            continue
        assignment = RoleAssignment.objects.create(user_id=user_id, unit=unit, role=role)
        audit.record(assignment, by=by, action="grant", note=note,
                     after={"user": assignment.user.username, "unit": unit.name, "role": role})  # fmt: skip
        forget_scope(assignment.user)
        count += 1
    return count

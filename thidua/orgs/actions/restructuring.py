"""Restructuring requests: an officer of the level above prepares a rename, move, merger, consolidation or
dissolution; a leader of that level approves it — which carries it out — or returns it with a reason; the one who
prepared it may withdraw it (issue 8, "Who may restructure").

Preparing runs the restructuring once in a savepoint that is rolled back, so the form says at once what the
approval would refuse (an effective date before the last change, active units still below...). Approving runs it
for real with the request as its authority (``tree._check_may_restructure``): nothing ends a unit in one step
without a leader's approval, except a system administrator's direct path, which the audit trail marks as such.

Notices: the level above (the unit whose leaders approve) is told when a request waits for it and when it is
carried out, and the level above that when units end; the one who prepared it is told when it is returned.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.text import nfc

from .. import impact
from ..models import EndKind, RestructuringEvent, RestructuringRequest, Unit
from ..permissions import RESTRUCTURING_WORKFLOW, can_manage_unit, can_prepare_restructuring
from .tree import dissolve_unit, merge_units, move_unit, rename_unit

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Kind = RestructuringRequest.Kind
REQUEST_FIELDS = [
    "kind",
    "unit_id",
    "target_id",
    "new_name",
    "new_short_name",
    "effective_on",
    "decision",
    "note",
]


class _DryRun(Exception):
    """Ends the savepoint of a dry run (the restructuring worked: roll it back)."""


def _perform(kind: str, units: list[Unit], target: Unit | None, *, by: User | None,
             authority: RestructuringRequest | None, new_name: str, new_short_name: str,
             effective_on: datetime.date, decision: str, note: str) -> None:  # fmt: skip
    day = effective_on
    if kind == Kind.RENAME:
        rename_unit(units[0], by=by, name=new_name, short_name=new_short_name, effective_on=day, decision=decision,
                    note=note, authority=authority)  # fmt: skip
    elif kind == Kind.MOVE:
        assert target is not None
        move_unit(
            units[0], target, by=by, effective_on=day, decision=decision, note=note, authority=authority
        )
    elif kind == Kind.DISSOLVE:
        dissolve_unit(units[0], by=by, effective_on=day, decision=decision, note=note, authority=authority)
    else:
        assert target is not None
        end = EndKind.CONSOLIDATED if kind == Kind.CONSOLIDATE else EndKind.MERGED
        merge_units(units, target, by=by, kind=end, effective_on=day, decision=decision, note=note,
                    authority=authority)  # fmt: skip


def _authority_unit(unit: Unit) -> Unit:
    """The level above: whose leaders approve."""
    return Unit.objects.get(path=unit.path[: -Unit.steplen]) if unit.depth > 1 else unit


def _url(request: RestructuringRequest) -> str:
    return reverse("orgs:restructuring-detail", args=[request.pk])


def describe(request: RestructuringRequest) -> str:
    """One sentence for notices and the audit trail: "Giải thể “CĐCS …” từ ngày 01/07/2025"."""
    from thidua.core.dates import format_date

    names = ", ".join(f"“{u.name}”" for u in request.units.all()) or f"“{request.unit.name}”"
    day = format_date(request.effective_on)
    target = request.target.name if request.target else ""
    return {
        Kind.RENAME: _("Đổi tên %(units)s thành “%(name)s” từ ngày %(day)s"),
        Kind.MOVE: _("Chuyển %(units)s về trực thuộc “%(target)s” từ ngày %(day)s"),
        Kind.MERGE: _("Sáp nhập %(units)s vào “%(target)s” từ ngày %(day)s"),
        Kind.CONSOLIDATE: _("Hợp nhất %(units)s thành “%(target)s” từ ngày %(day)s"),
        Kind.DISSOLVE: _("Giải thể %(units)s từ ngày %(day)s"),
    }[Kind(request.kind)] % {"units": names, "name": request.new_name, "target": target, "day": day}


def impact_of(request: RestructuringRequest) -> list[impact.Line]:
    """What would end if the request were approved now (nothing for a rename or a move)."""
    if not request.is_ending:
        return []
    return impact.impact_of([u.pk for u in request.units.all()])


@transaction.atomic
def prepare_restructuring(*, by: User | None, kind: str, units: list[Unit], target: Unit | None = None,
                          effective_on: datetime.date, new_name: str = "", new_short_name: str = "",
                          decision: str = "", note: str = "") -> RestructuringRequest:  # fmt: skip
    """Prepare a restructuring for a leader of the level above to approve. The user must be able to prepare it
    for every unit (``can_prepare_restructuring``) and manage the unit receiving them; what the approval would
    refuse is refused now, on the same fields."""
    kind = Kind(kind)
    if not units:
        raise ValueError("a restructuring names at least one unit")
    if (kind in (Kind.MOVE, Kind.MERGE, Kind.CONSOLIDATE)) != (target is not None):
        raise ValueError("a move or a merger names its target; nothing else does")
    if by is not None:
        if not all(can_prepare_restructuring(by, u) for u in units):
            raise PermissionDenied
        if target is not None and not can_manage_unit(by, target):
            raise PermissionDenied
    if kind == Kind.RENAME and not nfc(new_name):
        raise ValidationError({"name": _("Nhập tên mới của đơn vị.")})
    unit = units[0]
    if RestructuringRequest.objects.filter(
        unit__in=units, status=RestructuringRequest.Status.SUBMITTED
    ).exists():
        raise ValidationError(
            _(
                "Đã có một đề nghị sắp xếp đơn vị này đang chờ duyệt: hãy duyệt, trả lại hoặc rút đề nghị đó trước."
            )
        )
    values: dict[str, Any] = {"new_name": nfc(new_name), "new_short_name": nfc(new_short_name),
                              "effective_on": effective_on, "decision": nfc(decision), "note": nfc(note)}  # fmt: skip
    try:  # the dry run: the same checks as the approval, then everything is rolled back
        with transaction.atomic():
            _perform(kind, units, target, by=None, authority=None, **values)
            raise _DryRun
    except _DryRun:
        pass
    request = RestructuringRequest.objects.create(kind=kind, unit=unit, target=target,
                                                  prepared_by=by if getattr(by, "pk", None) else None,
                                                  **values)  # fmt: skip
    request.units.set(units)
    RestructuringEvent.objects.create(request=request, action="prepare", to_status=request.status,
                                      by=request.prepared_by, note=values["note"][:500])  # fmt: skip
    audit.record(request, by=by, action="create", after=audit.snapshot(request, REQUEST_FIELDS),
                 note=describe(request))  # fmt: skip
    authority = _authority_unit(unit)
    title = _("Chờ duyệt: %(what)s") % {"what": describe(request)}
    transaction.on_commit(lambda: notify(units=[authority], kind="restructuring_submitted", title=title,
                                         url=_url(request), by=by))  # fmt: skip
    return request


def approve_restructuring(
    request: RestructuringRequest, *, by: User | None, note: str = ""
) -> RestructuringRequest:
    """A leader of the level above approves: the restructuring is carried out now, in the same transaction, and
    what ended is kept on the request."""
    with RESTRUCTURING_WORKFLOW.step(request, "approve", by=by, note=note) as step:
        locked = step.obj
        units = list(locked.units.all())
        lines = impact_of(locked)
        _perform(locked.kind, units, locked.target, by=by, authority=locked, new_name=locked.new_name,
                 new_short_name=locked.new_short_name, effective_on=locked.effective_on,
                 decision=locked.decision, note=locked.note)  # fmt: skip
        locked.impact = impact.as_record(lines)
        locked.decided_by = by if getattr(by, "pk", None) else None
        locked.decided_at = timezone.now()
        step.audit_note = describe(locked)
        authority = _authority_unit(units[0])
        told = [authority, *units, *([locked.target] if locked.target else [])]
        if locked.is_ending and authority.depth > 1:
            told.append(
                _authority_unit(authority)
            )  # the level above the one that decided is told units ended
        title = _("Đã duyệt: %(what)s") % {"what": describe(locked)}
        step.on_commit(lambda: notify(units=told, kind="restructuring_decided", title=title, url=_url(locked),
                                      by=by))  # fmt: skip
    return step.obj


def return_restructuring(
    request: RestructuringRequest, *, by: User | None, reason: str
) -> RestructuringRequest:
    """A leader returns the request, saying why; nothing changes in the tree."""
    with RESTRUCTURING_WORKFLOW.step(request, "return", by=by, reason=reason) as step:
        locked = step.obj
        locked.reason = step.note[:500]
        locked.decided_by = by if getattr(by, "pk", None) else None
        locked.decided_at = timezone.now()
        title = _("Trả lại: %(what)s") % {"what": describe(locked)}
        users = [locked.prepared_by] if locked.prepared_by else []
        step.on_commit(lambda: notify(users=users, kind="restructuring_decided", title=title, url=_url(locked),
                                      body=locked.reason, by=by))  # fmt: skip
    return step.obj


def withdraw_restructuring(
    request: RestructuringRequest, *, by: User | None, note: str = ""
) -> RestructuringRequest:
    """The one who prepared it (or a leader who could decide it) withdraws a request not carried out."""
    return RESTRUCTURING_WORKFLOW.apply(request, "withdraw", by=by, note=note)

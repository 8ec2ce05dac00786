"""Officers per area: assign an officer of an upper-level union to a grassroots union or an enterprise below it.
Assignments are never edited: reassigning ends the open assignment the day the new one starts."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.orgs.models import Level, RoleAssignment, Unit

from ..models import AreaAssignment, Enterprise
from ..permissions import can_assign_officers

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FIELDS = ["upper_unit_id", "officer_id", "unit_id", "enterprise_id", "started_on", "ended_on", "note"]


def officers_of(upper_unit: Unit):
    """The users who may be assigned: those holding a role on the upper-level union itself."""
    from django.contrib.auth import get_user_model

    return (
        get_user_model()
        .objects.filter(is_active=True, roles__unit=upper_unit)
        .exclude(roles__role=RoleAssignment.Role.ADMIN)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


@transaction.atomic
def assign_officer(*, by: User | None, upper_unit: Unit, officer: User, started_on: datetime.date,
                   unit: Unit | None = None, enterprise: Enterprise | None = None, note: str = "") -> AreaAssignment:  # fmt: skip
    """``officer`` follows ``unit`` (a grassroots union below ``upper_unit``) or ``enterprise`` (followed by
    ``upper_unit`` or a union below it) from ``started_on``; whoever followed it until then stops that day."""
    if by is not None and not can_assign_officers(by, upper_unit):
        raise PermissionDenied
    if (unit is None) == (enterprise is None):
        raise ValidationError(_("Chọn một công đoàn cơ sở hoặc một doanh nghiệp."))
    if not officers_of(upper_unit).filter(pk=officer.pk).exists():
        raise ValidationError({"officer": _("Cán bộ phụ trách phải là người có vai trò tại “%(unit)s”.")
                               % {"unit": upper_unit}})  # fmt: skip
    if unit is not None:
        if unit.level != Level.GRASSROOTS or not unit.path.startswith(upper_unit.path) or not unit.is_active:
            raise ValidationError({"unit": _("Công đoàn cơ sở phải đang hoạt động và trực thuộc “%(unit)s”.")
                                   % {"unit": upper_unit}})  # fmt: skip
        current = AreaAssignment.objects.select_for_update().filter(unit=unit, ended_on__isnull=True).first()
    else:
        assert enterprise is not None
        if enterprise.archived_at is not None or not enterprise.upper_unit.path.startswith(upper_unit.path):
            raise ValidationError(
                {"enterprise": _("Doanh nghiệp phải do “%(unit)s” theo dõi.") % {"unit": upper_unit}}
            )
        current = (
            AreaAssignment.objects.select_for_update()
            .filter(enterprise=enterprise, ended_on__isnull=True)
            .first()
        )
    if current is not None:
        if current.officer_id == officer.pk:
            raise ValidationError(
                {"officer": _("%(officer)s đang phụ trách nơi này.") % {"officer": _name(officer)}}
            )
        if started_on < current.started_on:
            raise ValidationError({"started_on": _("Ngày bắt đầu phải từ %(date)s trở đi (ngày bắt đầu của phân công "
                                                   "hiện tại).") % {"date": format_date(current.started_on)}})  # fmt: skip
        _end(current, by=by, day=started_on, note=_("Phân công cán bộ khác"))
    assignment = AreaAssignment(upper_unit=upper_unit, officer=officer, unit=unit, enterprise=enterprise,
                                started_on=started_on, note=" ".join(note.split()),
                                assigned_by=by if getattr(by, "pk", None) else None)  # fmt: skip
    assignment.full_clean()
    assignment.save()
    audit.record(assignment, by=by, action="assign", after=audit.snapshot(assignment, FIELDS))
    return assignment


def _name(user) -> str:
    return user.get_full_name() or user.username


def _end(assignment: AreaAssignment, *, by, day: datetime.date, note: str = "") -> None:
    before = audit.snapshot(assignment, FIELDS)
    assignment.ended_on = day
    assignment.ended_by = by if getattr(by, "pk", None) else None
    assignment.save(update_fields=["ended_on", "ended_by"])
    audit.record(assignment, by=by, action="end_assignment", before=before, after=audit.snapshot(assignment, FIELDS),
                 note=note)  # fmt: skip


@transaction.atomic
def end_assignment(assignment: AreaAssignment, *, by: User | None, ended_on: datetime.date,
                   note: str = "") -> AreaAssignment:  # fmt: skip
    assignment = AreaAssignment.objects.select_for_update().select_related("upper_unit").get(pk=assignment.pk)
    if by is not None and not can_assign_officers(by, assignment.upper_unit):
        raise PermissionDenied
    if assignment.ended_on is not None:
        raise ValidationError(
            _("Phân công này đã kết thúc ngày %(date)s.") % {"date": format_date(assignment.ended_on)}
        )
    if ended_on < assignment.started_on:
        raise ValidationError({"ended_on": _("Ngày kết thúc phải từ %(date)s trở đi.")
                               % {"date": format_date(assignment.started_on)}})  # fmt: skip
    _end(assignment, by=by, day=ended_on, note=note)
    return assignment

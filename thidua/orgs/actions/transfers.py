"""Transfer requests: a union asks to take over a person recorded in another branch; the person's current union (or
a level above both) accepts — the person then transfers — or refuses with a reason; the asking union may withdraw
its request while it is pending.

The asking union names the person by national ID and full name, both of which must match one record; whatever does
not match is refused with the same words, so the request never confirms what exists outside the asker's scope.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.notify import notify
from thidua.core.scoping import has_perm
from thidua.core.text import nfc

from ..models import Level, Person, TransferRequest, Unit
from ..permissions import MANAGE_PEOPLE, can_decide_transfer, can_request_transfer, can_withdraw_transfer
from .people import transfer_person

if TYPE_CHECKING:
    from django.contrib.auth.models import User

REQUEST_FIELDS = ["person_id", "from_unit_id", "to_unit_id", "full_name", "status", "reason", "decided_by_id"]


def _not_matched() -> str:
    return _("Không thể gửi đề nghị với số CCCD và họ tên này; hãy kiểm tra lại với người lao động.")


def _notify(
    unit: Unit, *, title: str, request: TransferRequest, by: User | None, kind: str = "transfer_decided"
) -> None:
    """A notice to the union (its officers see it), through the notices port."""
    notify(
        units=[unit],
        kind=kind,
        title=title,
        url=reverse("orgs:transfer-request-detail", args=[request.pk]),
        by=by,
    )


@transaction.atomic
def request_transfer(*, by: User, to_unit: Unit, national_id: str, full_name: str) -> TransferRequest:
    """Ask the union that holds the person with this national ID and name to let them transfer to ``to_unit``
    (``by`` manages people of ``to_unit``: ``can_request_transfer``)."""
    if by is not None and not can_request_transfer(by, to_unit):
        raise PermissionDenied
    if to_unit.level not in (Level.GRASSROOTS, Level.SUB_GRASSROOTS) or not to_unit.is_active:
        raise ValidationError({"to_unit": _("Đơn vị tiếp nhận phải là công đoàn cơ sở đang hoạt động.")})
    person = (
        Person.objects.filter(national_id=nfc(national_id), archived_at__isnull=True)
        .select_related("unit")
        .first()
    )
    if person is None or person.unit is None or nfc(person.full_name).casefold() != nfc(full_name).casefold():
        raise ValidationError({"national_id": _not_matched()})
    if has_perm(by, MANAGE_PEOPLE, person.unit.path):
        raise ValidationError(
            {
                "national_id": _(
                    "Người này thuộc công đoàn bạn quản lý: hãy dùng chức năng “Chuyển sinh hoạt”."
                )
            }
        )
    if person.unit_id == to_unit.pk:
        raise ValidationError({"to_unit": _not_matched()})
    if TransferRequest.objects.pending().filter(person=person, to_unit=to_unit).exists():
        raise ValidationError(
            {
                "national_id": _("Đã có đề nghị chuyển người này về “%(unit)s” đang chờ xem xét.")
                % {"unit": to_unit}
            }
        )
    request = TransferRequest.objects.create(
        person=person, from_unit=person.unit, to_unit=to_unit, full_name=nfc(full_name), requested_by=by
    )
    audit.record(request, by=by, action="create", after=audit.snapshot(request, REQUEST_FIELDS))
    _notify(
        person.unit,
        title=_("“%(unit)s” đề nghị tiếp nhận %(name)s chuyển sinh hoạt đến")
        % {"unit": to_unit.name, "name": person.full_name},
        request=request,
        by=by,
        kind="transfer_requested",
    )
    return request


def _locked_pending(request: TransferRequest) -> TransferRequest:
    request = (
        TransferRequest.objects.select_for_update().select_related("from_unit", "to_unit").get(pk=request.pk)
    )
    if not request.is_pending:
        raise ValidationError(
            {
                "status": _("Đề nghị này đã được xử lý (%(status)s).")
                % {"status": request.get_status_display()}
            }
        )
    return request


def _decide(request: TransferRequest, *, by: User | None, status: str, reason: str) -> TransferRequest:
    """Record the decision on a request already locked and checked (``_locked_pending``)."""
    before = audit.snapshot(request, REQUEST_FIELDS)
    request.status, request.reason = status, nfc(reason)
    request.decided_by, request.decided_at = by, timezone.now()
    request.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    audit.record(
        request, by=by, action="update", before=before, after=audit.snapshot(request, REQUEST_FIELDS)
    )
    return request


@transaction.atomic
def accept_transfer(request: TransferRequest, *, by: User | None) -> TransferRequest:
    """The person's union (or a level above both) accepts: the person transfers to the asking union today. The
    one who accepts need not manage the asking union: the request carries its authority (``transfer_person``'s
    ``authority``)."""
    request = _locked_pending(request)
    if by is not None and not can_decide_transfer(by, request):
        raise PermissionDenied
    person = Person.objects.get(pk=request.person_id)
    if person.archived_at is not None or person.unit_id != request.from_unit_id:
        raise ValidationError(
            {"status": _("Hồ sơ của người này đã thay đổi kể từ khi có đề nghị; không thể chuyển.")}
        )
    to_unit = Unit.objects.get(pk=request.to_unit_id)
    transfer_person(person, to_unit, by=by, on=timezone.localdate(), authority=request)
    request = _decide(request, by=by, status=TransferRequest.Status.ACCEPTED, reason="")
    _notify(
        to_unit,
        title=_("Đề nghị tiếp nhận %(name)s đã được chấp nhận") % {"name": request.full_name},
        request=request,
        by=by,
    )
    return request


@transaction.atomic
def refuse_transfer(request: TransferRequest, *, by: User | None, reason: str) -> TransferRequest:
    request = _locked_pending(request)
    if by is not None and not can_decide_transfer(by, request):
        raise PermissionDenied
    if not nfc(reason):
        raise ValidationError({"reason": _("Ghi lý do từ chối để công đoàn đề nghị được biết.")})
    request = _decide(request, by=by, status=TransferRequest.Status.REFUSED, reason=reason)
    _notify(
        Unit.objects.get(pk=request.to_unit_id),
        title=_("Đề nghị tiếp nhận %(name)s bị từ chối") % {"name": request.full_name},
        request=request,
        by=by,
    )
    return request


@transaction.atomic
def withdraw_transfer(request: TransferRequest, *, by: User | None, reason: str = "") -> TransferRequest:
    """The asking union withdraws a request still pending (the one who made it, or whoever manages people of the
    asking union); the person's union is told."""
    request = _locked_pending(request)
    if by is not None and not can_withdraw_transfer(by, request):
        raise PermissionDenied
    request = _decide(request, by=by, status=TransferRequest.Status.WITHDRAWN, reason=reason)
    _notify(
        Unit.objects.get(pk=request.from_unit_id),
        title=_("“%(unit)s” đã rút đề nghị tiếp nhận %(name)s")
        % {"unit": request.to_unit.name, "name": request.full_name},
        request=request,
        by=by,
    )
    return request

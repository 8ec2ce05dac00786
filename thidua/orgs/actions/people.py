"""Changes to people and their memberships: adding, editing, transferring, leaving, archiving; and the member
counters of units, recomputed from the open memberships.

Each action checks its acting user itself (``PermissionDenied``), whatever calls it — a page, the API, a command:
adding a person needs ``manage_people`` on the union; editing, ending the membership, archiving and restoring need it
on the union that holds the person; a transfer needs it on both sides or a transfer request being decided.
``by=None`` is the system (the demo, imports' own checks, tests' fixtures)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.text import fold, nfc, person_sort_key, split_full_name

from ..models import Level, Membership, Person, TransferRequest, Unit
from ..permissions import can_decide_transfer, can_manage_people, can_transfer_person
from .names import index_names

if TYPE_CHECKING:
    from django.contrib.auth.models import User

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
    """Recompute the member counters of these units from their open memberships: one grouped count over their
    memberships (a pass over each union's rows, where three correlated subqueries per union cost three), then the
    counters written in bulk (zero for a union with none)."""
    unit_ids = sorted(set(unit_ids))
    for start in range(0, len(unit_ids), 500):
        part = unit_ids[start : start + 500]
        counts = {
            row["unit_id"]: row
            for row in Membership.objects.filter(
                unit_id__in=part, left_on__isnull=True, person__archived_at__isnull=True
            )
            .order_by()
            .values("unit_id")
            .annotate(
                workers=Count("pk"),
                members=Count("pk", filter=Q(is_member=True)),
                direct=Count("pk", filter=Q(is_direct_production_worker=True)),
            )
        }
        empty = {"workers": 0, "members": 0, "direct": 0}
        Unit.objects.bulk_update(
            [
                Unit(
                    pk=pk,
                    member_count=counts.get(pk, empty)["members"],
                    worker_count=counts.get(pk, empty)["workers"],
                    direct_worker_count=counts.get(pk, empty)["direct"],
                )
                for pk in part
            ],
            ["member_count", "worker_count", "direct_worker_count"],
        )


def _check_may_manage(by, person: Person) -> None:
    """Edit, end the membership of, archive or restore a person: ``by`` manages people of the union that holds
    them (``can_manage_person``; the unit is read again, not taken from the caller's object). ``by=None`` is the
    system."""
    if by is None:
        return
    unit_id = Person.objects.filter(pk=person.pk).values_list("unit_id", flat=True).first()
    unit = Unit.objects.filter(pk=unit_id).first() if unit_id else None
    if unit is None or not can_manage_people(by, unit):
        raise PermissionDenied


def _check_may_transfer(by, person: Person, to_unit: Unit, authority: TransferRequest | None) -> None:
    if by is None:
        return
    if authority is not None:
        if not (
            authority.is_pending
            and authority.person_id == person.pk
            and authority.to_unit_id == to_unit.pk
            and can_decide_transfer(by, authority)
        ):
            raise PermissionDenied
        return
    if not can_transfer_person(by, person, to_unit):
        raise PermissionDenied


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
def create_person(*, by: User | None, unit: Unit, full_name: str, joined_on: datetime.date | None = None,
                  membership: dict | None = None, **fields) -> Person:  # fmt: skip
    if by is not None and not can_manage_people(by, unit):
        raise PermissionDenied
    if unit.level not in (Level.GRASSROOTS, Level.SUB_GRASSROOTS):
        raise ValidationError({"unit": _("Người lao động phải thuộc một công đoàn cơ sở.")})
    values = {k: nfc(v) if isinstance(v, str) else v for k, v in fields.items()}
    person = Person(unit=unit, **name_fields(full_name), **values)
    person.full_clean()
    person.save()
    index_names([person.pk])
    membership_values = {k: nfc(v) if isinstance(v, str) else v for k, v in (membership or {}).items()}
    current = Membership.objects.create(
        person=person, unit=unit, joined_on=joined_on or _today(), **membership_values
    )
    recount_members([unit.pk])
    audit.record(person, by=by, action="create",
                 after=audit.snapshot(person, PERSON_FIELDS) | audit.snapshot(current, MEMBERSHIP_FIELDS))  # fmt: skip
    return person


@transaction.atomic
def update_person(person: Person, *, by: User | None, membership: dict | None = None, **fields) -> Person:
    """Edit a person's facts and, with ``membership``, those of the open membership (card, position, job...)."""
    _check_may_manage(by, person)
    before = audit.snapshot(person, PERSON_FIELDS)
    renamed = "full_name" in fields
    if renamed:
        for key, value in name_fields(fields.pop("full_name")).items():
            setattr(person, key, value)
    for key, value in fields.items():
        setattr(person, key, nfc(value) if isinstance(value, str) else value)
    person.full_clean()
    person.save()
    if renamed:
        index_names([person.pk])
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
        audit.record(person, by=by, action="update", before=before, after=after)
    return person


@transaction.atomic
def transfer_person(
    person: Person,
    to_unit: Unit,
    *,
    by: User | None,
    on: datetime.date,
    authority: TransferRequest | None = None,
    **membership,
) -> Membership:
    """The person moves to another grassroots union: the open membership ends, a new one starts.

    Both sides are checked: ``by`` manages people of the person's union and of ``to_unit``
    (``can_transfer_person``) — or ``authority`` is a pending transfer request for this person into ``to_unit``
    that ``by`` may decide (the asking union's authority travels with its request). ``by=None`` is the system."""
    _check_may_transfer(by, person, to_unit, authority)
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
                               % {"d": format_date(current.joined_on)}})  # fmt: skip
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
    audit.record(person, by=by, action="transfer", before=before,
                 after=audit.snapshot(person, PERSON_FIELDS))  # fmt: skip
    return new


@transaction.atomic
def end_membership(person: Person, *, by: User | None, on: datetime.date, reason: str) -> None:
    _check_may_manage(by, person)
    current = Membership.objects.filter(person=person, left_on__isnull=True).select_related("unit").first()
    if current is None:
        raise ValidationError({"person": _("Người này hiện không sinh hoạt tại công đoàn cơ sở nào.")})
    if on < current.joined_on:
        raise ValidationError({"on": _("Ngày thôi sinh hoạt không thể trước ngày vào công đoàn cơ sở (%(d)s).")
                               % {"d": format_date(current.joined_on)}})  # fmt: skip
    if reason == Membership.LeftReason.TRANSFER:
        raise ValueError("use transfer_person for transfers")
    current.left_on, current.left_reason = on, reason
    current.full_clean()
    current.save(update_fields=["left_on", "left_reason"])
    recount_members([current.unit_id])
    audit.record(person, by=by, action="update", before={"left_on": None, "left_reason": ""},
                 after={"left_on": on.isoformat(), "left_reason": reason},
                 note=_("Thôi sinh hoạt tại “%(unit)s”") % {"unit": current.unit.name})  # fmt: skip


@transaction.atomic
def archive_person(person: Person, *, by: User | None, note: str = "") -> Person:
    """Hide a record entered by mistake or a duplicate: nothing is deleted, the counters leave it out."""
    _check_may_manage(by, person)
    if person.archived_at is not None:
        raise ValidationError({"person": _("Hồ sơ này đã được lưu trữ.")})
    before = audit.snapshot(person, PERSON_FIELDS)
    person.archived_at = timezone.now()
    person.save(update_fields=["archived_at", "updated_at"])
    index_names([person.pk])  # an archived record leaves the search's words and their counts
    recount_members(
        Membership.objects.filter(person=person, left_on__isnull=True).values_list("unit_id", flat=True)
    )
    audit.record(person, by=by, action="archive", before=before,
                 after=audit.snapshot(person, PERSON_FIELDS), note=nfc(note))  # fmt: skip
    return person


@transaction.atomic
def restore_person(person: Person, *, by: User | None) -> Person:
    _check_may_manage(by, person)
    if person.archived_at is None:
        raise ValidationError({"person": _("Hồ sơ này chưa bị lưu trữ, không cần khôi phục.")})
    before = audit.snapshot(person, PERSON_FIELDS)
    person.archived_at = None
    person.save(update_fields=["archived_at", "updated_at"])
    index_names([person.pk])
    recount_members(
        Membership.objects.filter(person=person, left_on__isnull=True).values_list("unit_id", flat=True)
    )
    audit.record(person, by=by, action="restore", before=before,
                 after=audit.snapshot(person, PERSON_FIELDS))  # fmt: skip
    return person

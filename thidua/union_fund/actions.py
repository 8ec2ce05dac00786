"""The only writes of the "Mái ấm Công đoàn" fund. The ledger is append-only: contributions and grants are new
entries, a mistake is put right by a correction entry that names the entry it corrects (the difference, with the
reason), and archiving a grant appends the correction that voids its money. Every write is audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.scoping import has_perm
from thidua.core.text import nfc
from thidua.orgs import localities
from thidua.orgs.models import Person, Unit

from .models import EntryKind, FundEntry, Grant, GrantKind
from .permissions import SUBMIT, can_correct_entry, can_edit_grant

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_AMOUNT = 10**12  # a thousand billion đồng: anything above is a typing mistake
ENTRY_AUDIT_FIELDS = ["unit_id", "kind", "entry_date", "year", "amount", "contributor_unit_id", "contributor_name",
                      "receipt_number", "grant_id", "corrects_id", "note"]  # fmt: skip
GRANT_AUDIT_FIELDS = ["kind", "beneficiary_name", "beneficiary_id", "beneficiary_unit_id", "province_code",
                      "ward_code", "address", "circumstances", "approval_number", "approved_on", "handed_over_on",
                      "archived_at"]  # fmt: skip
GRANT_DETAILS = ("kind", "beneficiary_name", "beneficiary_id", "beneficiary_unit_id", "province_code", "ward_code",
                 "address", "circumstances", "approval_number", "approved_on")  # fmt: skip


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


def _check_amount(amount: Any, field: str = "amount") -> int:
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 < amount <= MAX_AMOUNT:
        raise ValidationError({field: _("Số tiền phải là số đồng lớn hơn 0.")})
    return amount


def _check_day(day: datetime.date | None, field: str, label: str) -> datetime.date:
    if day is None:
        raise ValidationError({field: _("Cần ghi %(label)s.") % {"label": label}})
    if day > timezone.localdate():
        raise ValidationError({field: _("%(label)s không thể sau hôm nay.") % {"label": label.capitalize()}})
    if day.year < 2000:
        raise ValidationError({field: _("Năm phải từ 2000 trở đi.")})
    return day


def _check_keeper(unit: Unit, by: User | None, day: datetime.date | None = None) -> None:
    """The user keeps the unit's book, and the unit was working on ``day``: a unit that has ended (dissolved,
    merged) still gets the entries dated before its last day — its book is history being completed."""
    if by is not None and not has_perm(by, SUBMIT, unit.path):
        raise PermissionDenied
    if unit.is_active:
        return
    if (
        unit.archived_at is None
        and unit.dissolved_on is not None
        and day is not None
        and day <= unit.dissolved_on
    ):
        return
    raise ValidationError(_("Đơn vị đã ngừng hoạt động: không ghi sổ quỹ được."))


def effective_amount(entry: FundEntry) -> int:
    """The entry's amount once its corrections are applied (0 for a voided entry)."""
    corrected = entry.corrections.aggregate(total=Sum("amount"))["total"] or 0
    return entry.amount + corrected


# --- contributions ---------------------------------------------------------------------------------------------


@transaction.atomic
def record_contribution(unit: Unit, *, by: User | None, amount: int, entry_date: datetime.date,
                        contributor_unit: Unit | None = None, contributor_name: str = "",
                        receipt_number: str = "", note: str = "") -> FundEntry:  # fmt: skip
    """A contribution to ``unit``'s fund: from a unit of the tree (``contributor_unit``) or from a person or an
    outside body (``contributor_name``), with its receipt number."""
    amount = _check_amount(amount)
    entry_date = _check_day(entry_date, "entry_date", _("ngày ủng hộ"))
    _check_keeper(unit, by, entry_date)
    name = _clean(contributor_name)
    if contributor_unit is not None:
        if by is not None and not Unit.objects.visible_to(by).filter(pk=contributor_unit.pk).exists():
            raise ValidationError(
                {"contributor_unit": _("Không tìm thấy đơn vị ủng hộ trong phạm vi quản lý.")}
            )
        name = name or contributor_unit.name
    if not name:
        raise ValidationError({"contributor_name": _("Cần ghi người hoặc đơn vị ủng hộ.")})
    receipt = _clean(receipt_number)
    if not receipt:
        raise ValidationError({"receipt_number": _("Cần ghi số biên lai, phiếu thu.")})
    entry = FundEntry.objects.create(
        unit=unit, kind=EntryKind.CONTRIBUTION, entry_date=entry_date, year=entry_date.year, amount=amount,
        contributor_unit=contributor_unit, contributor_name=name[:300], receipt_number=receipt[:60],
        note=_clean(note)[:500], created_by=_actor(by),
    )  # fmt: skip
    audit.record(entry, by=by, action="contribute", after=audit.snapshot(entry, ENTRY_AUDIT_FIELDS))
    return entry


# --- grants ----------------------------------------------------------------------------------------------------


def _grant_details(values: dict[str, Any], by: User | None) -> dict[str, Any]:
    kind = values.get("kind")
    if kind not in GrantKind.values:
        raise ValidationError({"kind": _("Hình thức hỗ trợ không hợp lệ.")})
    beneficiary_id = values.get("beneficiary_id") or None
    name = _clean(values.get("beneficiary_name"))
    beneficiary_unit_id = values.get("beneficiary_unit_id") or None
    if beneficiary_id:
        people = Person.objects.all() if by is None else Person.objects.visible_to(by)
        person = people.filter(pk=beneficiary_id).first()
        if person is None:
            raise ValidationError({"beneficiary_id": _("Không tìm thấy đoàn viên trong phạm vi quản lý.")})
        name = person.full_name
        beneficiary_unit_id = beneficiary_unit_id or person.unit_id
    if not name:
        raise ValidationError({"beneficiary_name": _("Cần ghi họ và tên người được hỗ trợ.")})
    province, ward = _clean(values.get("province_code")), _clean(values.get("ward_code"))
    if province and not localities.province_name(province):
        raise ValidationError(
            {"province_code": _("Mã tỉnh, thành phố không có trong danh mục đơn vị hành chính.")}
        )
    if ward and not (province and localities.ward_name(province, ward)):
        raise ValidationError({"ward_code": _("Xã, phường không thuộc tỉnh, thành phố đã chọn.")})
    if kind != GrantKind.HARDSHIP and not ward:
        raise ValidationError(
            {"ward_code": _("Nhà “Mái ấm Công đoàn” cần ghi xã, phường nơi xây dựng, sửa chữa.")}
        )
    number = _clean(values.get("approval_number"))
    if not number:
        raise ValidationError({"approval_number": _("Cần ghi số quyết định hỗ trợ.")})
    approved_on = _check_day(values.get("approved_on"), "approved_on", _("ngày quyết định"))
    return {
        "kind": kind, "beneficiary_name": name[:200], "beneficiary_id": beneficiary_id,
        "beneficiary_unit_id": beneficiary_unit_id, "province_code": province, "ward_code": ward,
        "address": _clean(values.get("address"))[:300],
        "circumstances": "\n".join(line.rstrip() for line in nfc(values.get("circumstances") or "").strip().splitlines()),
        "approval_number": number[:60], "approved_on": approved_on,
    }  # fmt: skip


@transaction.atomic
def record_grant(unit: Unit, *, by: User | None, amount: int, paid_on: datetime.date | None = None,
                 handed_over_on: datetime.date | None = None, note: str = "", **details: Any) -> Grant:  # fmt: skip
    """A grant from ``unit``'s fund: the case (beneficiary, place, approval) and its ledger entry, paid on
    ``paid_on`` (the approval's date by default). A house already handed over may carry its handover date."""
    if by is not None and not has_perm(by, SUBMIT, unit.path):
        raise PermissionDenied
    amount = _check_amount(amount)
    content = _grant_details(details, by)
    paid_on = _check_day(paid_on or content["approved_on"], "paid_on", _("ngày chi"))
    _check_keeper(unit, by, paid_on)
    if paid_on < content["approved_on"]:
        raise ValidationError({"paid_on": _("Ngày chi không thể trước ngày quyết định hỗ trợ.")})
    if handed_over_on is not None:
        _check_handover(content["approved_on"], handed_over_on)
    grant = Grant.objects.create(unit=unit, created_by=_actor(by), handed_over_on=handed_over_on, **content)
    entry = FundEntry.objects.create(
        unit=unit, kind=EntryKind.GRANT, entry_date=paid_on, year=paid_on.year, amount=amount, grant=grant,
        note=(_clean(note) or str(grant))[:500], created_by=_actor(by),
    )  # fmt: skip
    audit.record(grant, by=by, action="create", after=audit.snapshot(grant, GRANT_AUDIT_FIELDS))
    audit.record(entry, by=by, action="grant", after=audit.snapshot(entry, ENTRY_AUDIT_FIELDS))
    return grant


def _check_handover(approved_on: datetime.date, day: datetime.date) -> None:
    _check_day(day, "handed_over_on", _("ngày bàn giao"))
    if day < approved_on:
        raise ValidationError({"handed_over_on": _("Ngày bàn giao không thể trước ngày quyết định hỗ trợ (%(d)s).")
                               % {"d": format_date(approved_on)}})  # fmt: skip


def _grant_for_update(grant: Grant, by: User | None) -> Grant:
    grant = Grant.objects.select_for_update().select_related("unit").get(pk=grant.pk)
    if by is not None and not can_edit_grant(by, grant):
        if grant.archived_at is not None:
            raise ValidationError(_("Khoản hỗ trợ đã được lưu trữ."))
        raise PermissionDenied
    if grant.archived_at is not None:
        raise ValidationError(_("Khoản hỗ trợ đã được lưu trữ."))
    return grant


@transaction.atomic
def update_grant(grant: Grant, *, by: User | None, **details: Any) -> Grant:
    """Change a grant's case (beneficiary, place, approval); its money changes only through a correction."""
    grant = _grant_for_update(grant, by)
    before = audit.snapshot(grant, GRANT_AUDIT_FIELDS)
    content = _grant_details({**{f: getattr(grant, f) for f in GRANT_DETAILS}, **details}, by)
    if grant.handed_over_on is not None:
        _check_handover(content["approved_on"], grant.handed_over_on)
    for name, value in content.items():
        setattr(grant, name, value)
    grant.save()
    audit.record(
        grant, by=by, action="update", before=before, after=audit.snapshot(grant, GRANT_AUDIT_FIELDS)
    )
    return grant


@transaction.atomic
def record_handover(grant: Grant, *, by: User | None, handed_over_on: datetime.date) -> Grant:
    """The day the house (or the support) was handed over to the beneficiary."""
    grant = _grant_for_update(grant, by)
    _check_handover(grant.approved_on, handed_over_on)
    before = audit.snapshot(grant, GRANT_AUDIT_FIELDS)
    grant.handed_over_on = handed_over_on
    grant.save(update_fields=["handed_over_on", "updated_at"])
    audit.record(
        grant, by=by, action="hand_over", before=before, after=audit.snapshot(grant, GRANT_AUDIT_FIELDS)
    )
    return grant


# --- corrections -----------------------------------------------------------------------------------------------


@transaction.atomic
def correct_entry(entry: FundEntry, *, by: User | None, amount: int, reason: str,
                  entry_date: datetime.date | None = None) -> FundEntry:  # fmt: skip
    """Put an entry right: a new entry naming it, for the difference between ``amount`` (what it should have been;
    0 voids it) and what it counts for now. The correction belongs to the same book year and unit."""
    entry = FundEntry.objects.select_for_update().select_related("unit").get(pk=entry.pk)
    if entry.corrects_id is not None:
        raise ValidationError(_("Đây là bút toán điều chỉnh: hãy điều chỉnh bút toán gốc."))
    if by is not None and not can_correct_entry(by, entry):
        raise PermissionDenied
    if not isinstance(amount, int) or isinstance(amount, bool) or not 0 <= amount <= MAX_AMOUNT:
        raise ValidationError({"amount": _("Số tiền đúng phải là số đồng không âm (0 để hủy bút toán).")})
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do điều chỉnh.")})
    difference = amount - effective_amount(entry)
    if difference == 0:
        raise ValidationError(
            {"amount": _("Số tiền đúng bằng số đang ghi trong sổ: không có gì để điều chỉnh.")}
        )
    day = _check_day(entry_date or timezone.localdate(), "entry_date", _("ngày điều chỉnh"))
    correction = FundEntry.objects.create(
        unit=entry.unit, kind=entry.kind, entry_date=day, year=entry.year, amount=difference,
        contributor_unit=entry.contributor_unit, contributor_name=entry.contributor_name,
        receipt_number=entry.receipt_number, grant=entry.grant, corrects=entry, note=reason[:500],
        created_by=_actor(by),
    )  # fmt: skip
    audit.record(correction, by=by, action="correct", after=audit.snapshot(correction, ENTRY_AUDIT_FIELDS),
                 note=reason)  # fmt: skip
    return correction


@transaction.atomic
def archive_grant(grant: Grant, *, by: User | None, reason: str) -> Grant:
    """Archive a grant entered by mistake: its ledger entries are voided by a correction (never deleted)."""
    grant = _grant_for_update(grant, by)
    reason = _clean(reason)
    if not reason:
        raise ValidationError({"reason": _("Cần nêu lý do.")})
    for original in grant.entries.filter(corrects__isnull=True):
        if effective_amount(original) != 0:
            correct_entry(original, by=by, amount=0, reason=reason)
    grant.archived_at = timezone.now()
    grant.save(update_fields=["archived_at", "updated_at"])
    audit.record(grant, by=by, action="archive", before={"archived_at": None},
                 after={"archived_at": grant.archived_at.isoformat()}, note=reason)  # fmt: skip
    return grant


__all__ = ["archive_grant", "correct_entry", "effective_amount", "record_contribution",
           "record_grant", "record_handover", "update_grant"]  # fmt: skip

"""The only writes of eligibility: overriding a verdict (with its reason) and withdrawing the override, recording
and archiving exclusions, recording task ratings. Each checks the acting user's permission and is audited."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.text import nfc
from thidua.orgs.models import Person, Unit
from thidua.registrations.models import Award

from .models import (
    DisciplineLevel,
    Exclusion,
    ExclusionKind,
    FactSource,
    Outcome,
    Override,
    Rating,
    TaskRating,
)
from .permissions import can_override, can_record_facts, can_withdraw_override

if TYPE_CHECKING:
    from django.contrib.auth.models import User

OVERRIDE_FIELDS = ["person_id", "subject_unit_id", "unit_id", "award_id", "year", "outcome", "computed", "reason",
                   "archived_at", "archived_by_id"]  # fmt: skip
EXCLUSION_FIELDS = ["person_id", "subject_unit_id", "unit_id", "kind", "level", "starts_on", "ends_on", "days",
                    "source", "origin", "note", "archived_at"]  # fmt: skip
RATING_FIELDS = [
    "person_id",
    "subject_unit_id",
    "unit_id",
    "year",
    "rating",
    "source",
    "origin",
    "archived_at",
]


def _clean(value: str | None) -> str:
    return " ".join(nfc(value or "").split())


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


def _subject(nominee: Person | Unit) -> dict[str, Any]:
    return {"subject_unit": nominee} if isinstance(nominee, Unit) else {"person": nominee}


def _owner(nominee: Person | Unit) -> Unit:
    unit = nominee if isinstance(nominee, Unit) else nominee.unit
    if unit is None:
        raise ValidationError(_("Người này chưa thuộc công đoàn cơ sở nào."))
    return unit


def _in_subtree(nominee: Person | Unit, unit: Unit) -> bool:
    own = _owner(nominee)
    return own.path.startswith(unit.path)


# --- overrides ---------------------------------------------------------------------------------------------------


@transaction.atomic
def override_verdict(nominee: Person | Unit, award: Award, year: int, *, by: User | None, unit: Unit,
                     outcome: str, reason: str) -> Override:  # fmt: skip
    """Force the verdict of ``nominee`` for ``award`` and ``year`` as proposed by ``unit``; the reason is kept with
    the verdict the engine gave at that moment, and the override replaces any earlier one (archived)."""
    from .engine import judge

    if by is not None and not can_override(by, unit):
        raise PermissionDenied
    if not _in_subtree(nominee, unit):
        raise ValidationError(_("Người, tập thể được đề nghị không thuộc đơn vị đề nghị."))
    if outcome not in (Outcome.ELIGIBLE, Outcome.NOT_ELIGIBLE):
        raise ValidationError({"outcome": _("Chọn “Đủ điều kiện” hoặc “Không đủ điều kiện”.")})
    reason = nfc(reason or "").strip()
    if len(reason) < 10:
        raise ValidationError({"reason": _("Cần ghi rõ lý do (ít nhất 10 ký tự).")})
    computed = judge(nominee, award.code, year, unit).computed
    earlier = Override.objects.current().filter(award=award, year=year, **_subject(nominee))
    for old in earlier.select_for_update():
        before = audit.snapshot(old, OVERRIDE_FIELDS)
        old.archived_at, old.archived_by = timezone.now(), _actor(by)
        old.save(update_fields=["archived_at", "archived_by"])
        audit.record(old, by=by, action="withdraw_override", before=before,
                     after=audit.snapshot(old, OVERRIDE_FIELDS), note=_("Thay bằng kết luận mới"))  # fmt: skip
    override = Override.objects.create(
        unit=unit, award=award, year=year, outcome=outcome, computed=computed, reason=reason[:4000],
        by=_actor(by), **_subject(nominee),
    )  # fmt: skip
    audit.record(override, by=by, action="override_verdict", after=audit.snapshot(override, OVERRIDE_FIELDS))
    return override


@transaction.atomic
def withdraw_override(override: Override, *, by: User | None, note: str = "") -> Override:
    if by is not None and not can_withdraw_override(by, override):
        raise PermissionDenied
    if override.archived_at is not None:
        raise ValidationError(_("Kết luận này đã được rút lại."))
    before = audit.snapshot(override, OVERRIDE_FIELDS)
    override.archived_at, override.archived_by = timezone.now(), _actor(by)
    override.save(update_fields=["archived_at", "archived_by"])
    audit.record(override, by=by, action="withdraw_override", before=before,
                 after=audit.snapshot(override, OVERRIDE_FIELDS), note=_clean(note)[:500])  # fmt: skip
    return override


# --- exclusions and ratings --------------------------------------------------------------------------------------


def _check_exclusion(kind: str, level: str, starts_on: datetime.date | None, ends_on: datetime.date | None,
                     days: int | None, source: str) -> None:  # fmt: skip
    errors: dict[str, str] = {}
    if kind not in ExclusionKind.values:
        errors["kind"] = _("Loại sự việc không hợp lệ.")
    if kind == ExclusionKind.DISCIPLINE and level not in DisciplineLevel.values:
        errors["level"] = _("Cần chọn hình thức kỷ luật.")
    if kind != ExclusionKind.DISCIPLINE and level:
        errors["level"] = _("Chỉ ghi hình thức kỷ luật cho sự việc kỷ luật.")
    if starts_on is None:
        errors["starts_on"] = _("Cần ghi ngày bắt đầu.")
    elif ends_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("Ngày kết thúc không thể trước ngày bắt đầu.")
    if kind == ExclusionKind.ABSENCE and (
        not isinstance(days, int) or isinstance(days, bool) or not 0 < days < 367
    ):
        errors["days"] = _("Cần ghi số ngày làm việc đã nghỉ (1–366).")
    if kind != ExclusionKind.ABSENCE and days is not None:
        errors["days"] = _("Chỉ ghi số ngày cho sự việc nghỉ việc.")
    if not source:
        errors["source"] = _("Cần ghi căn cứ (số quyết định, văn bản, bảng chấm công...).")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_exclusion(nominee: Person | Unit, *, by: User | None, kind: str, starts_on: datetime.date | None,
                     source: str, level: str = "", ends_on: datetime.date | None = None, days: int | None = None,
                     note: str = "", origin: str = FactSource.ENTERED, audit_it: bool = True) -> Exclusion:  # fmt: skip
    unit = _owner(nominee)
    if by is not None and not can_record_facts(by, unit):
        raise PermissionDenied
    source, level = _clean(source), level or ""
    _check_exclusion(kind, level, starts_on, ends_on, days, source)
    assert starts_on is not None
    exclusion = Exclusion.objects.create(
        unit=unit, kind=kind, level=level, starts_on=starts_on, ends_on=ends_on, days=days, source=source[:300],
        note=_clean(note)[:500], origin=origin, recorded_by=_actor(by), **_subject(nominee),
    )  # fmt: skip
    if audit_it:
        audit.record(exclusion, by=by, action="create", after=audit.snapshot(exclusion, EXCLUSION_FIELDS))
    return exclusion


@transaction.atomic
def archive_exclusion(exclusion: Exclusion, *, by: User | None) -> Exclusion:
    if by is not None and not can_record_facts(by, exclusion.unit):
        raise PermissionDenied
    before = audit.snapshot(exclusion, EXCLUSION_FIELDS)
    exclusion.archived_at = timezone.now()
    exclusion.save(update_fields=["archived_at"])
    audit.record(
        exclusion, by=by, action="archive", before=before, after=audit.snapshot(exclusion, EXCLUSION_FIELDS)
    )
    return exclusion


@transaction.atomic
def record_rating(nominee: Person | Unit, *, by: User | None, year: int, rating: str, source: str = "",
                  origin: str = FactSource.ENTERED) -> TaskRating:  # fmt: skip
    """The year's task rating; a new rating of the same year replaces the earlier one (archived)."""
    unit = _owner(nominee)
    if by is not None and not can_record_facts(by, unit):
        raise PermissionDenied
    if rating not in Rating.values:
        raise ValidationError({"rating": _("Mức xếp loại không hợp lệ.")})
    if not isinstance(year, int) or not 1945 <= year <= 2200:
        raise ValidationError({"year": _("Năm không hợp lệ.")})
    for old in TaskRating.objects.current().filter(year=year, **_subject(nominee)).select_for_update():
        before = audit.snapshot(old, RATING_FIELDS)
        old.archived_at = timezone.now()
        old.save(update_fields=["archived_at"])
        audit.record(old, by=by, action="archive", before=before, after=audit.snapshot(old, RATING_FIELDS))
    rated = TaskRating.objects.create(unit=unit, year=year, rating=rating, source=_clean(source)[:300],
                                      origin=origin, recorded_by=_actor(by), **_subject(nominee))  # fmt: skip
    audit.record(rated, by=by, action="create", after=audit.snapshot(rated, RATING_FIELDS))
    return rated

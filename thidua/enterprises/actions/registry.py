"""The registry: register, update, archive and restore an enterprise; the import's bulk upsert (matched by tax code)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.text import collation_key, nfc
from thidua.orgs.models import Level, Unit

from .. import taxcode
from ..models import Enterprise, EnterpriseEvent, Stage
from ..permissions import can_edit_enterprise, can_manage_enterprises

if TYPE_CHECKING:
    from django.contrib.auth.models import User

FIELDS = [
    "tax_code", "name", "ownership", "province_code", "ward_code", "address", "industry", "workforce",
    "upper_unit_id", "union_unit_id", "stage", "note", "archived_at",
]  # fmt: skip
EDITABLE = ["name", "ownership", "province_code", "ward_code", "address", "industry", "workforce", "note"]


def _today() -> datetime.date:
    return timezone.localdate()


def check_union_unit(union_unit: Unit | None, upper_unit: Unit) -> None:
    """The union named for an enterprise: a grassroots union below its upper-level union."""
    if union_unit is None:
        return
    if union_unit.level != Level.GRASSROOTS or not union_unit.path.startswith(upper_unit.path):
        raise ValidationError(
            {
                "union_unit": _("Công đoàn cơ sở của doanh nghiệp phải trực thuộc “%(upper)s”.")
                % {"upper": upper_unit}
            }
        )


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    return {k: nfc(v) if isinstance(v, str) else v for k, v in values.items()}


@transaction.atomic
def register_enterprise(
    *, by: User | None, upper_unit: Unit, tax_code: str, name: str, ownership: str, union_unit: Unit | None = None,
    today: datetime.date | None = None, **fields: Any,
) -> Enterprise:  # fmt: skip
    """A new enterprise in the registry of ``upper_unit``; with ``union_unit``, one whose union already exists."""
    if by is not None and not can_manage_enterprises(by, upper_unit):
        raise PermissionDenied
    try:
        code = taxcode.validate(tax_code)
    except ValidationError as error:
        raise ValidationError({"tax_code": error.messages}) from error
    if Enterprise.objects.filter(tax_code=code).exists():
        raise ValidationError({"tax_code": _("Mã số thuế “%(code)s” đã có trong danh sách doanh nghiệp.")
                               % {"code": code}})  # fmt: skip
    check_union_unit(union_unit, upper_unit)
    day = today or _today()
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not enterprise fields: {sorted(unknown)}")
    enterprise = Enterprise(
        tax_code=code, name=nfc(name), sort_key=collation_key(name), ownership=ownership, upper_unit=upper_unit,
        union_unit=union_unit, stage=Stage.FOUNDED if union_unit else Stage.NOT_SURVEYED, stage_since=day,
        last_step_on=day, created_by=by if getattr(by, "pk", None) else None, **_clean(fields),
    )  # fmt: skip
    enterprise.full_clean()
    enterprise.save()
    EnterpriseEvent.objects.create(**_registered(enterprise, by))
    audit.record(enterprise, by=by, action="create", after=audit.snapshot(enterprise, FIELDS))
    return enterprise


def _registered(enterprise: Enterprise, by) -> dict[str, Any]:
    """The path's first step: the enterprise enters the registry (its stage starts that day)."""
    return {"enterprise": enterprise, "action": "register", "from_status": enterprise.stage,
            "to_status": enterprise.stage, "on": enterprise.stage_since,
            "by": by if getattr(by, "pk", None) else None}  # fmt: skip


@transaction.atomic
def update_enterprise(enterprise: Enterprise, *, by: User | None, upper_unit: Unit | None = None,
                      **fields: Any) -> Enterprise:  # fmt: skip
    """The enterprise's facts; a new ``upper_unit`` hands it over to another upper-level union the user manages
    (its union, if any, must lie below that one)."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if by is not None and not can_edit_enterprise(by, enterprise):
        raise PermissionDenied
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise ValueError(f"not enterprise fields: {sorted(unknown)}")
    before = audit.snapshot(enterprise, FIELDS)
    if upper_unit is not None and upper_unit.pk != enterprise.upper_unit_id:
        if by is not None and not can_manage_enterprises(by, upper_unit):
            raise PermissionDenied
        check_union_unit(enterprise.union_unit, upper_unit)
        enterprise.upper_unit = upper_unit
    for key, value in _clean(fields).items():
        setattr(enterprise, key, value)
    enterprise.sort_key = collation_key(enterprise.name)
    enterprise.full_clean()
    enterprise.save()
    audit.record(enterprise, by=by, action="update", before=before, after=audit.snapshot(enterprise, FIELDS))
    return enterprise


@transaction.atomic
def archive_enterprise(enterprise: Enterprise, *, by: User | None, note: str = "") -> Enterprise:
    """Out of the lists (closed down, merged, recorded twice): kept with its history, restorable."""
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if by is not None and not can_edit_enterprise(by, enterprise):
        raise PermissionDenied
    before = audit.snapshot(enterprise, FIELDS)
    enterprise.archived_at = timezone.now()
    enterprise.save(update_fields=["archived_at", "updated_at"])
    audit.record(enterprise, by=by, action="archive", before=before, after=audit.snapshot(enterprise, FIELDS),
                 note=note)  # fmt: skip
    return enterprise


@transaction.atomic
def restore_enterprise(enterprise: Enterprise, *, by: User | None) -> Enterprise:
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if by is not None and not can_manage_enterprises(by, enterprise.upper_unit):
        raise PermissionDenied
    before = audit.snapshot(enterprise, FIELDS)
    enterprise.archived_at = None
    enterprise.save(update_fields=["archived_at", "updated_at"])
    audit.record(enterprise, by=by, action="restore", before=before, after=audit.snapshot(enterprise, FIELDS))
    return enterprise


# --- the import's bulk form ----------------------------------------------------------------------------------


@dataclass
class EnterpriseUpsert:
    """One row of an import: a new enterprise (``existing`` None) or the changes to one found by its tax code."""

    tax_code: str
    values: dict[str, Any]  # name, ownership, locality, industry, workforce, (new) upper_unit
    existing: Enterprise | None = None
    union_unit: Unit | None = None
    changes: dict[str, Any] = field(default_factory=dict)


@transaction.atomic
def upsert_enterprises(rows: Iterable[EnterpriseUpsert], *, by: User | None, today: datetime.date | None = None,
                       note: str = "") -> tuple[int, int]:  # fmt: skip
    """Create the new enterprises and update the others (the import has checked every row and the user's rights;
    they are checked again here). Returns (created, updated)."""
    day = today or _today()
    created: list[Enterprise] = []
    updated: list[tuple[Enterprise, dict[str, list[Any]]]] = []
    actor = by if getattr(by, "pk", None) else None
    for row in rows:
        if row.existing is None:
            upper = row.values["upper_unit"]
            if by is not None and not can_manage_enterprises(by, upper):
                raise PermissionDenied
            check_union_unit(row.union_unit, upper)
            values = _clean({k: v for k, v in row.values.items() if k != "upper_unit"})
            created.append(Enterprise(
                tax_code=row.tax_code, sort_key=collation_key(values["name"]), upper_unit=upper,
                union_unit=row.union_unit, stage=Stage.FOUNDED if row.union_unit else Stage.NOT_SURVEYED,
                stage_since=day, last_step_on=day, created_by=actor, **values,
            ))  # fmt: skip
        elif row.changes:
            enterprise = row.existing
            if by is not None and not can_edit_enterprise(by, enterprise):
                raise PermissionDenied
            before = audit.snapshot(enterprise, FIELDS)
            for key, value in _clean(row.changes).items():
                if key == "upper_unit":
                    if by is not None and not can_manage_enterprises(by, value):
                        raise PermissionDenied
                    check_union_unit(enterprise.union_unit, value)
                setattr(enterprise, key, value)
            enterprise.sort_key = collation_key(enterprise.name)
            enterprise.save()
            updated.append((enterprise, audit.diff(before, audit.snapshot(enterprise, FIELDS))))
    Enterprise.objects.bulk_create(created, batch_size=500)
    if created and created[0].pk is None:  # a backend that does not return ids from a bulk insert
        ids = dict(
            Enterprise.objects.filter(tax_code__in=[e.tax_code for e in created]).values_list(
                "tax_code", "pk"
            )
        )
        for enterprise in created:
            enterprise.pk = ids[enterprise.tax_code]
    EnterpriseEvent.objects.bulk_create(
        [EnterpriseEvent(**_registered(e, by)) for e in created], batch_size=500
    )
    audit.record_many(created, by=by, action="import", note=note,
                      changes=[audit.diff({}, audit.snapshot(e, FIELDS)) for e in created])  # fmt: skip
    audit.record_many([e for e, _c in updated], by=by, action="import", note=note,
                      changes=[c for _e, c in updated])  # fmt: skip
    return len(created), len(updated)

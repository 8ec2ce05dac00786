"""The catalog of commemorations: reference data the system administrators keep up to date (in Django's admin)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db import transaction

from thidua.core import audit

from ..models import Commemoration

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CATALOG_FIELDS = ["name", "short_name", "base_date", "kind", "citation", "is_active"]


@transaction.atomic
def save_commemoration(commemoration: Commemoration, *, by: User | None) -> Commemoration:
    """Add a commemoration to the catalog or change one, with its audit record. It is never deleted: set
    ``is_active`` off instead (plans keep pointing at it)."""
    stored = Commemoration.objects.filter(pk=commemoration.pk).first() if commemoration.pk else None
    before = audit.snapshot(stored, CATALOG_FIELDS) if stored else {}
    commemoration.full_clean()
    commemoration.save()
    action = "update" if stored else "create"
    audit.record(commemoration, by=by, action=action, before=before,
                 after=audit.snapshot(commemoration, CATALOG_FIELDS))  # fmt: skip
    return commemoration

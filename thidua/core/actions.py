"""The write path of what core itself holds: attachments (the rest of core only records what the apps' actions do)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import attachments as kit
from . import audit
from .models import Attachment

AUDIT_FIELDS = ["original_name", "size", "kind", "mime", "description", "part", "archived_at"]


def _check(by: Any, owner: models.Model) -> None:
    if kit.attachable(owner) is None:
        raise ValidationError(_("Không thể đính kèm tệp vào loại hồ sơ này."))
    if by is not None and not kit.can_attach(by, owner):
        raise PermissionDenied


def attach_file(owner: models.Model, upload: Any, *, by: Any, description: str = "",
                part: str = Attachment.Part.OTHER) -> Attachment:  # fmt: skip
    """Attach an uploaded file to ``owner``: checked (size, type by content), stored, recorded, audited on the
    attachment and noted on the owner's trail. Nothing is kept when a check fails. ``part``: which part of a
    dossier the file is (``Attachment.Part``), for owners registered with ``parts=True``; "other" elsewhere."""
    _check(by, owner)
    if part not in Attachment.Part.values:
        raise ValidationError({"part": _("Thành phần hồ sơ không hợp lệ.")})
    checked = kit.check_file(upload)
    entry = kit.attachable(owner)
    assert entry is not None  # noqa: S101 - _check refused unregistered owners
    stored_name, sha256 = kit.store(owner, upload, checked)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                owner_type=kit.ContentType.objects.get_for_model(owner), owner_id=str(owner.pk),
                scope_path=entry.unit_path(owner), stored_name=stored_name,
                original_name=kit.clean_name(getattr(upload, "name", "")), size=checked.size, kind=checked.kind,
                mime=checked.mime, sha256=sha256, description=" ".join(description.split())[:300], part=part,
                uploaded_by=by if getattr(by, "pk", None) else None,
            )  # fmt: skip
            audit.record(attachment, by=by, action="create", after=audit.snapshot(attachment, AUDIT_FIELDS))
            audit.record(owner, by=by, action="attach", note=attachment.original_name)
    except BaseException:
        kit.storage().delete(stored_name)  # the row was not written: leave no orphan file
        raise
    return attachment


@transaction.atomic
def archive_attachment(attachment: Attachment, *, by: Any, reason: str = "") -> Attachment:
    """Take a file off its record's list. The file and its row stay (nothing is deleted); the trail says who."""
    locked = Attachment.objects.select_for_update().select_related("owner_type").get(pk=attachment.pk)
    owner = kit.attachable_for_type(locked.owner_type).model._default_manager.get(pk=locked.owner_id)
    _check(by, owner)
    if locked.is_archived:
        raise ValidationError(_("Tệp “%(name)s” đã được lưu trữ.") % {"name": locked.original_name})
    before = audit.snapshot(locked, AUDIT_FIELDS)
    locked.archived_at = timezone.now()
    locked.archived_by = by if getattr(by, "pk", None) else None
    locked.save(update_fields=["archived_at", "archived_by"])
    note = " ".join(reason.split())
    audit.record(locked, by=by, action="archive", before=before, after=audit.snapshot(locked, AUDIT_FIELDS),
                 note=note)  # fmt: skip
    audit.record(owner, by=by, action="detach", note=locked.original_name)
    return locked

"""The attachments kit: files (PDF, DOCX, XLSX, images) attached to domain records, kept in Django's storage API.

An app says which of its models may carry attachments, and how to check who may see and add them, from its
``AppConfig.ready``::

    register_attachable(
        ResearchTopic,
        readable=lambda user: ResearchTopic.objects.visible_to(user),    # the owners the user may read (else 404)
        can_attach=permissions.can_edit_topic,                           # (user, obj) -> bool: add and archive
        unit_path=lambda topic: topic.unit.path,                         # recorded with the file
    )

and its page shows ``{% load attachments %}{% attachments_block topic %}``: the list, a download link for each file,
the upload form and the archive button for those who may attach. Writes go through ``thidua.core.actions``
(``attach_file``, ``archive_attachment``: audited); reads of a file go through the scoped view, which reads the owner
through ``readable(user)`` and answers 404 to anyone outside — the file itself is never under a public URL.

Checked before anything is stored: the size (``ATTACHMENT_MAX_BYTES``, 20 MB by default) and the type, from the
content (``filetype``), not from the name; a name whose extension contradicts the content is refused as well.
"""

from __future__ import annotations

import hashlib
import os
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import filetype
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage, storages
from django.db import models
from django.http import Http404
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Attachment

STORAGE_KEY = "attachments"
DEFAULT_MAX_BYTES = 20 * 1024 * 1024
SNIFF_BYTES = 8192

# What may be attached: the MIME type detected from the content -> (kind, the extensions a name may carry).
ACCEPTED: dict[str, tuple[str, frozenset[str]]] = {
    "application/pdf": (Attachment.Kind.PDF, frozenset({".pdf"})),
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": (
        Attachment.Kind.DOCX, frozenset({".docx"})),
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": (Attachment.Kind.XLSX, frozenset({".xlsx"})),
    "image/jpeg": (Attachment.Kind.IMAGE, frozenset({".jpg", ".jpeg"})),
    "image/png": (Attachment.Kind.IMAGE, frozenset({".png"})),
    "image/webp": (Attachment.Kind.IMAGE, frozenset({".webp"})),
    "image/gif": (Attachment.Kind.IMAGE, frozenset({".gif"})),
}  # fmt: skip
ACCEPT_ATTRIBUTE = ",".join(sorted({ext for _kind, exts in ACCEPTED.values() for ext in exts}))


@dataclass(frozen=True)
class Attachable:
    model: type[models.Model]
    readable: Callable[[Any], models.QuerySet]
    can_attach: Callable[[Any, Any], bool]
    unit_path: Callable[[Any], str]
    parts: bool = False  # its files are parts of a dossier: the upload form asks which (``Attachment.Part``)


_registry: dict[type[models.Model], Attachable] = {}


def register_attachable(
    model: type[models.Model],
    *,
    readable: Callable[[Any], models.QuerySet],
    can_attach: Callable[[Any, Any], bool],
    unit_path: Callable[[Any], str],
    parts: bool = False,
) -> None:
    """Let ``model`` carry attachments (see the module's docstring); ``parts``: the upload form asks which part of
    a dossier each file is."""
    _registry[model] = Attachable(model, readable, can_attach, unit_path, parts)


def attachable(model_or_obj: type[models.Model] | models.Model) -> Attachable | None:
    model = model_or_obj if isinstance(model_or_obj, type) else type(model_or_obj)
    return _registry.get(model._meta.concrete_model or model)


def attachable_for_type(owner_type: ContentType) -> Attachable:
    model = owner_type.model_class()
    entry = attachable(model) if model is not None else None
    if entry is None:
        raise Http404
    return entry


def storage() -> Storage:
    return storages[STORAGE_KEY]


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


# --- reading, through the owner's scoping -------------------------------------------------------------------------


def owner_for_user(user: Any, owner_type: ContentType, owner_id: str) -> models.Model:
    """The owner if the user may read it, else 404 (the same answer whether it exists or not)."""
    entry = attachable_for_type(owner_type)
    owner = entry.readable(user).filter(pk=owner_id).first()
    if owner is None:
        raise Http404
    return owner


def attachment_for_user(user: Any, pk: int) -> tuple[Attachment, models.Model]:
    """An attachment and its owner, for a user who may read the owner; 404 for anyone else."""
    attachment = Attachment.objects.select_related("owner_type").filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment, owner_for_user(user, attachment.owner_type, attachment.owner_id)


def can_attach(user: Any, obj: models.Model) -> bool:
    entry = attachable(obj)
    return entry is not None and bool(entry.can_attach(user, obj))


def attachments_of(obj: models.Model, *, archived: bool = False) -> models.QuerySet[Attachment]:
    """The object's attachments (the active ones, or the archived ones), oldest first, with the uploader."""
    qs = Attachment.objects.of(obj).select_related("uploaded_by")
    return qs.filter(archived_at__isnull=not archived)


def parts_by_owner(model: type[models.Model], owner_ids: Any) -> dict[str, set[str]]:
    """The parts (``Attachment.Part``) of the active attachments of each owner of ``model`` among ``owner_ids``,
    by the owner's id as text: one query, for a completeness check over many records."""
    found: dict[str, set[str]] = {}
    rows = Attachment.objects.active().filter(
        owner_type=ContentType.objects.get_for_model(model), owner_id__in=[str(pk) for pk in owner_ids]
    )
    for owner_id, part in rows.values_list("owner_id", "part"):
        found.setdefault(owner_id, set()).add(part)
    return found


# --- checking a file before it is stored ------------------------------------------------------------------------


@dataclass(frozen=True)
class Checked:
    kind: str
    mime: str
    extension: str
    size: int


def check_file(upload: Any) -> Checked:
    """The file's kind, detected from its content; ``ValidationError`` in Vietnamese for a file too large, empty,
    of a type not accepted, or whose name says another type than its content."""
    name = os.path.basename(getattr(upload, "name", "") or "")
    size = int(getattr(upload, "size", 0) or 0)
    if size <= 0:
        raise ValidationError(_("Tệp “%(name)s” rỗng.") % {"name": name}, code="empty")
    if size > max_bytes():
        raise ValidationError(
            _("Tệp “%(name)s” có dung lượng %(size)s, vượt mức tối đa %(max)s cho một tệp đính kèm.")
            % {"name": name, "size": filesizeformat(size), "max": filesizeformat(max_bytes())},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(SNIFF_BYTES)
    upload.seek(0)
    guess = filetype.guess(head)
    accepted = ACCEPTED.get(guess.mime) if guess is not None else None
    if accepted is None:
        raise ValidationError(
            _("Tệp “%(name)s” không phải tệp PDF, Word (DOCX), Excel (XLSX) hay ảnh (JPG, PNG) hợp lệ: nội dung của "
              "tệp không đúng định dạng. Chỉ được đính kèm các loại tệp này.") % {"name": name},
            code="type",
        )  # fmt: skip
    kind, extensions = accepted
    extension = os.path.splitext(name)[1].lower()
    if extension not in extensions:
        raise ValidationError(
            _("Tên tệp “%(name)s” không khớp với nội dung (nội dung là %(kind)s, đuôi tệp phải là %(ext)s).")
            % {"name": name, "kind": Attachment.Kind(kind).label, "ext": ", ".join(sorted(extensions))},
            code="mismatch",
        )
    return Checked(kind=str(kind), mime=guess.mime, extension=extension, size=size)


def store(owner: models.Model, upload: Any, checked: Checked) -> tuple[str, str]:
    """Write the file into the attachments storage under a fresh name; returns (stored name, sha256)."""
    digest = hashlib.sha256()
    for chunk in upload.chunks():
        digest.update(chunk)
    upload.seek(0)
    meta = owner._meta
    today = timezone.localdate()
    name = f"{meta.app_label}/{meta.model_name}/{today:%Y/%m}/{uuid.uuid4().hex}{checked.extension}"
    stored = storage().save(name, upload)
    return stored, digest.hexdigest()


def clean_name(name: str) -> str:
    """The uploader's file name as shown and offered on download: its last part, without control characters."""
    base = os.path.basename((name or "").replace("\\", "/"))
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:255] or "tep-dinh-kem"

"""The only writes of certificates: serials of a decision's awards, the batch that renders them (a task), the
issuer's emblem, the layouts of pre-printed blanks. Every write checks the acting user (``by=None`` is the system
itself: the demo, a task already checked) and is audited."""

from __future__ import annotations

import hashlib
import secrets
import uuid
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.attachments import check_file, storage
from thidua.core.models import Attachment
from thidua.core.tasks import start_task
from thidua.core.text import nfc
from thidua.rewards.models import AwardRecord, Decision

from . import documents
from .models import SERIAL_ALPHABET, SERIAL_LENGTH, Batch, BlankLayout, Certificate, Emblem, Paper
from .permissions import can_edit_layout, can_manage_layouts, can_print_certificates

if TYPE_CHECKING:
    from django.contrib.auth.models import User

    from thidua.orgs.models import Unit

LAYOUT_FIELDS = ["issuer_id", "name", "paper", "fields", "archived_at"]
EMBLEM_MAX_BYTES = 2 * 1024 * 1024
TASK_KIND = "certificates.batch"


def _actor(by: User | None) -> User | None:
    return by if getattr(by, "pk", None) else None


def new_serial() -> str:
    """12 characters of a 31-letter alphabet: about 59 bits, drawn by ``secrets`` (never guessable)."""
    return "".join(secrets.choice(SERIAL_ALPHABET) for _ in range(SERIAL_LENGTH))


# --- serials ---------------------------------------------------------------------------------------------------


@transaction.atomic
def issue_certificates(decision: Decision, *, by: User | None) -> list[Certificate]:
    """A certificate with its serial for each award of the issued ``decision`` still standing that has none yet
    (an award revoked before it was printed gets none). Returns those created; a second call creates nothing."""
    decision = Decision.objects.select_related("issuer").get(pk=decision.pk)
    if not decision.is_issued:
        raise ValidationError(_("Quyết định chưa ban hành: chưa in được bằng khen, giấy khen."))
    if by is not None and not can_print_certificates(by, decision):
        raise PermissionDenied
    records = list(
        AwardRecord.objects.standing()
        .filter(decision_line__decision=decision, certificate__isnull=True)
        .order_by("decision_line__sort", "decision_line_id")
        .values_list("pk", flat=True)
    )
    if not records:
        return []
    serials: set[str] = set()
    while len(serials) < len(records):
        wanted = {new_serial() for _ in range(len(records) - len(serials))}
        taken = set(Certificate.objects.filter(serial__in=wanted).values_list("serial", flat=True))
        serials |= wanted - taken
    actor = _actor(by)
    certificates = [
        Certificate(serial=serial, decision=decision, record_id=record, created_by=actor)
        for serial, record in zip(sorted(serials), records, strict=True)
    ]
    try:
        with transaction.atomic():
            created = Certificate.objects.bulk_create(certificates)
    except IntegrityError as exc:  # another officer issued them at the same moment
        raise ValidationError(_("Số hiệu vừa được cấp bởi người khác: hãy tải lại trang.")) from exc
    if not created or created[0].pk is None:  # backends that do not return ids
        created = list(Certificate.objects.filter(serial__in=serials))
    audit.record_many(created, by=by, action="issue_certificate",
                      changes=[{"serial": [None, c.serial], "record_id": [None, c.record_id]} for c in created],
                      note=decision.reference)  # fmt: skip
    return created


# --- batches (a task) ------------------------------------------------------------------------------------------


def start_batch(decision: Decision, *, by: User | None, layout: BlankLayout | None = None,
                base_url: str = "") -> Batch:  # fmt: skip
    """Queue the generation of the decision's certificates into one file ready to print (full certificates, or
    the variable fields on the blank ``layout`` of the same issuer)."""
    if not decision.is_issued:
        raise ValidationError(_("Quyết định chưa ban hành: chưa in được bằng khen, giấy khen."))
    if by is not None and not can_print_certificates(by, decision):
        raise PermissionDenied
    if layout is not None and (layout.archived_at is not None or layout.issuer_id != decision.issuer_id):
        raise ValidationError({"layout": _("Mẫu phôi này không dùng được cho quyết định của đơn vị này.")})
    with transaction.atomic():
        batch = Batch.objects.create(decision=decision, layout=layout, created_by=_actor(by))
        audit.record(batch, by=by, action="generate_certificates",
                     after={"decision_id": decision.pk, "layout_id": layout.pk if layout else None},
                     note=decision.reference)  # fmt: skip
    title = _("In bằng khen, giấy khen theo Quyết định số %(ref)s") % {"ref": decision.reference}
    task = start_task(TASK_KIND, title, run_batch, by=by, idempotent=True, batch=batch.pk, base_url=base_url)
    Batch.objects.filter(pk=batch.pk).update(task=task)
    batch.task = task
    return batch


def run_batch(*, batch: int, base_url: str = "", progress) -> dict[str, Any]:
    """The task: serials for the awards that have none, then every standing certificate of the decision into one
    PDF kept in storage. Idempotent (serials are issued once; the file is written again)."""
    from . import queries

    job = Batch.objects.select_related("decision__issuer", "layout").get(pk=batch)
    issue_certificates(job.decision, by=None)
    certificates = list(queries.certificates_for_print(job.decision))
    total = len(certificates)
    progress(0, total, _("Đang dựng %(n)s bằng…") % {"n": total})
    body = queries.render_pdf(certificates, decision=job.decision, layout=job.layout, base_url=base_url,
                              progress=lambda done: progress(done, total))  # fmt: skip
    name = storage().save(
        f"certificates/{timezone.localdate():%Y/%m}/{uuid.uuid4().hex}.pdf", ContentFile(body)
    )
    Batch.objects.filter(pk=job.pk).update(file=name, count=total)
    progress(total, total, "")
    return {"summary": [_("Đã dựng %(n)s bằng khen, giấy khen trong một tệp PDF sẵn sàng để in.") % {"n": total}],
            "batch": job.pk}  # fmt: skip


run_batch.idempotent = True  # type: ignore[attr-defined]


# --- the emblem ------------------------------------------------------------------------------------------------


@transaction.atomic
def upload_emblem(unit: Unit, upload: Any, *, by: User | None) -> Emblem:
    """The image drawn above the title of the unit's certificates (PNG, JPG, at most 2 MB); the previous one is
    archived."""
    if by is not None and not can_manage_layouts(by, unit):
        raise PermissionDenied
    name = getattr(upload, "name", "") or ""
    if int(getattr(upload, "size", 0) or 0) > EMBLEM_MAX_BYTES:
        raise ValidationError(
            {"file": _("Ảnh “%(name)s” lớn hơn 2 MB: hãy dùng ảnh nhỏ hơn.") % {"name": name}}
        )
    try:
        checked = check_file(upload)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    if checked.kind != Attachment.Kind.IMAGE or checked.mime not in ("image/png", "image/jpeg"):
        raise ValidationError({"file": _("Tệp “%(name)s” không phải ảnh PNG hay JPG.") % {"name": name}})
    upload.seek(0)
    content = upload.read()
    try:
        documents.load_emblem(content).getSize()  # type: ignore[union-attr]
    except Exception as exc:  # noqa: BLE001 - a broken image, whatever the decoder says
        raise ValidationError({"file": _("Không đọc được ảnh “%(name)s”.") % {"name": name}}) from exc
    now = timezone.now()
    for old in Emblem.objects.select_for_update().filter(issuer=unit, archived_at__isnull=True):
        old.archived_at = now
        old.save(update_fields=["archived_at"])
        audit.record(old, by=by, action="archive", before={"archived_at": None},
                     after={"archived_at": now.isoformat()})  # fmt: skip
    stored = storage().save(
        f"certificates/emblems/{uuid.uuid4().hex}{checked.extension}", ContentFile(content)
    )
    emblem = Emblem.objects.create(issuer=unit, file=stored, name=name[:255], size=len(content),
                                   sha256=hashlib.sha256(content).hexdigest(), uploaded_by=_actor(by))  # fmt: skip
    audit.record(emblem, by=by, action="upload_emblem")
    return emblem


# --- blank layouts ---------------------------------------------------------------------------------------------


def _clean_layout(name: str, paper: str, fields: Mapping[str, Any] | None) -> tuple[str, str, dict[str, Any]]:
    errors: dict[str, Any] = {}
    name = " ".join(nfc(name or "").split())[:150]
    if not name:
        errors["name"] = _("Cần đặt tên cho phôi.")
    if paper not in Paper.values:
        errors["paper"] = _("Khổ giấy không hợp lệ.")
        paper = Paper.A4_LANDSCAPE
    from .models import PAPER_SIZES_MM

    clean, field_errors = documents.check_fields(fields or {}, PAPER_SIZES_MM[Paper(paper)])
    errors.update(field_errors)
    if errors:
        raise ValidationError(errors)
    return name, paper, clean


@transaction.atomic
def create_layout(unit: Unit, *, by: User | None, name: str, paper: str = Paper.A4_LANDSCAPE,
                  fields: Mapping[str, Any] | None = None) -> BlankLayout:  # fmt: skip
    """A blank of ``unit``; fields start where the full certificate prints them."""
    if by is not None and not can_manage_layouts(by, unit):
        raise PermissionDenied
    name, paper, clean = _clean_layout(name, paper, fields)
    if BlankLayout.objects.filter(issuer=unit, name=name, archived_at__isnull=True).exists():
        raise ValidationError({"name": _("Đơn vị đã có phôi tên “%(name)s”.") % {"name": name}})
    layout = BlankLayout.objects.create(
        issuer=unit, name=name, paper=paper, fields=clean, created_by=_actor(by)
    )
    audit.record(layout, by=by, action="create_layout", after=audit.snapshot(layout, LAYOUT_FIELDS))
    return layout


@transaction.atomic
def update_layout(layout: BlankLayout, *, by: User | None, name: str, paper: str,
                  fields: Mapping[str, Any]) -> BlankLayout:  # fmt: skip
    """Save a calibration: the positions, fonts and sizes of the fields (all-or-nothing)."""
    locked = BlankLayout.objects.select_for_update().select_related("issuer").get(pk=layout.pk)
    if by is not None and not can_edit_layout(by, locked):
        raise PermissionDenied
    name, paper, clean = _clean_layout(name, paper, fields)
    others = BlankLayout.objects.filter(issuer=locked.issuer, name=name, archived_at__isnull=True)
    if others.exclude(pk=locked.pk).exists():
        raise ValidationError({"name": _("Đơn vị đã có phôi tên “%(name)s”.") % {"name": name}})
    before = audit.snapshot(locked, LAYOUT_FIELDS)
    locked.name, locked.paper, locked.fields = name, paper, clean
    locked.save(update_fields=["name", "paper", "fields", "updated_at"])
    audit.record(
        locked, by=by, action="update_layout", before=before, after=audit.snapshot(locked, LAYOUT_FIELDS)
    )
    return locked


@transaction.atomic
def archive_layout(layout: BlankLayout, *, by: User | None) -> BlankLayout:
    locked = BlankLayout.objects.select_for_update().select_related("issuer").get(pk=layout.pk)
    if by is not None and not can_edit_layout(by, locked):
        raise PermissionDenied
    before = audit.snapshot(locked, LAYOUT_FIELDS)
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at", "updated_at"])
    audit.record(locked, by=by, action="archive", before=before, after=audit.snapshot(locked, LAYOUT_FIELDS))
    return locked

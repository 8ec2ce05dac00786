"""The only writes of the exemplars. Each checks the acting user (``by``; ``None`` only for the system: the demo
and commands), checks the values (a ``ValidationError`` naming the field, nothing written), writes, and audits.
Nothing is deleted: an exemplary model, a replication or a board is archived."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import actions as core_actions
from thidua.core import attachments as kit
from thidua.core import audit
from thidua.core.dates import format_date
from thidua.core.models import Attachment
from thidua.core.text import nfc
from thidua.orgs.models import Person, Unit

from . import permissions
from .models import Exemplar, ExemplarKind, HonourBoard, Replication

if TYPE_CHECKING:
    from django.contrib.auth.models import User

EXEMPLAR_FIELDS = ["unit_id", "kind", "person_id", "collective_id", "name", "workplace", "movement_id", "title",
                   "story", "year", "recognised_on", "recognition", "decision_id", "published", "archived_at"]  # fmt: skip
EXEMPLAR_EDITABLE = {"kind", "person", "collective", "name", "workplace", "movement", "title", "story", "year",
                     "recognised_on", "recognition", "decision", "published"}  # fmt: skip
REPLICATION_FIELDS = ["exemplar_id", "unit_id", "since", "result", "participants", "benefit", "archived_at"]
REPLICATION_EDITABLE = {"since", "result", "participants", "benefit"}
BOARD_FIELDS = ["unit_id", "year", "title", "introduction", "published", "published_at", "archived_at"]
BOARD_EDITABLE = {"title", "introduction", "published"}
PHOTO_MAX_BYTES = 5 * 1024 * 1024
PHOTOS_PER_EXEMPLAR = 12
LONG_TEXT = {"story", "result", "introduction"}


def _clean(key: str, value: Any) -> Any:
    if not isinstance(value, str):
        return value
    if key in LONG_TEXT:
        return "\n".join(line.rstrip() for line in nfc(value).strip().splitlines())
    return " ".join(nfc(value).split())


def _in_subtree(unit: Unit, root: Unit) -> bool:
    return unit.path.startswith(root.path)


def _check_exemplar(unit: Unit, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    person: Person | None = values.get("person")
    collective: Unit | None = values.get("collective")
    if person is not None and collective is not None:
        errors["collective"] = _("Chọn một cá nhân hoặc một tập thể, không chọn cả hai.")
    current = unit.dissolved_on is None  # an ended unit's past recognitions are kept as the tree was then
    if current and person is not None and (person.unit is None or not _in_subtree(person.unit, unit)):
        errors["person"] = _("Người được công nhận phải thuộc đơn vị công nhận hoặc đơn vị trực thuộc.")
    if current and collective is not None and not _in_subtree(collective, unit):
        errors["collective"] = _("Tập thể được công nhận phải là đơn vị công nhận hoặc đơn vị trực thuộc.")
    if not values.get("name"):
        errors["name"] = _("Cần ghi tên cá nhân, tập thể được công nhận.")
    if values.get("kind") not in ExemplarKind.values:
        errors["kind"] = _("Loại điển hình không hợp lệ.")
    if not values.get("story"):
        errors["story"] = _("Cần ghi câu chuyện, thành tích của điển hình.")
    year, day = values.get("year"), values.get("recognised_on")
    if not isinstance(year, int) or not 1945 <= year <= 2100:
        errors["year"] = _("Năm phải từ 1945 đến 2100.")
    if not isinstance(day, datetime.date):
        errors["recognised_on"] = _("Cần ghi ngày công nhận.")
    elif day > timezone.localdate():
        errors["recognised_on"] = _("Ngày công nhận không thể sau hôm nay.")
    elif isinstance(year, int) and day.year < year:
        errors["recognised_on"] = _("Ngày công nhận không thể trước năm của thành tích.")
    movement = values.get("movement")
    if movement is not None:
        issuer = movement.plan.issuer
        if not (_in_subtree(unit, issuer) or _in_subtree(issuer, unit)):
            errors["movement"] = _("Phong trào phải thuộc kế hoạch của đơn vị công nhận, cấp trên hoặc cấp dưới "
                                   "của đơn vị.")  # fmt: skip
    decision = values.get("decision")
    if decision is not None:
        if not decision.is_issued:
            errors["decision"] = _("Quyết định khen thưởng chưa ban hành.")
        elif not (_in_subtree(unit, decision.issuer) or _in_subtree(decision.issuer, unit)):
            errors["decision"] = _(
                "Quyết định phải do đơn vị công nhận, cấp trên hoặc cấp dưới của đơn vị ban hành."
            )
    if errors:
        raise ValidationError(errors)


def _fill_names(values: dict[str, Any]) -> None:
    person, collective = values.get("person"), values.get("collective")
    if not values.get("name"):
        values["name"] = person.full_name if person is not None else (collective.name if collective else "")
    if not values.get("workplace"):
        if person is not None and person.unit is not None:
            values["workplace"] = person.unit.name
        elif collective is not None and collective.depth > 1:
            parent = Unit.objects.filter(path=collective.path[: -Unit.steplen]).first()
            values["workplace"] = parent.name if parent is not None else ""


@transaction.atomic
def create_exemplar(unit: Unit, *, by: User | None, **fields: Any) -> Exemplar:
    """Recognise a person or a collective as exemplary in the name of ``unit``. ``fields``: kind, person or
    collective, name (default: the person's or unit's name), workplace (default: their unit), movement, title,
    story, year, recognised_on, recognition, decision, published."""
    if by is not None and not permissions.can_recognise(by, unit):
        raise PermissionDenied
    unknown = set(fields) - EXEMPLAR_EDITABLE
    if unknown:
        raise TypeError(f"unknown exemplar fields: {sorted(unknown)}")
    values = {k: _clean(k, v) for k, v in fields.items()}
    values.setdefault("kind", ExemplarKind.ADVANCED)
    _fill_names(values)
    _check_exemplar(unit, values)
    exemplar = Exemplar.objects.create(
        unit=unit, created_by=by if getattr(by, "pk", None) else None, **values
    )
    audit.record(exemplar, by=by, action="create", after=audit.snapshot(exemplar, EXEMPLAR_FIELDS))
    return exemplar


@transaction.atomic
def update_exemplar(exemplar: Exemplar, *, by: User | None, **fields: Any) -> Exemplar:
    locked = Exemplar.objects.select_for_update().select_related("unit").get(pk=exemplar.pk)
    if locked.archived_at is not None:
        raise ValidationError(_("Điển hình đã được lưu trữ, không sửa được."))
    if by is not None and not permissions.can_edit_exemplar(by, locked):
        raise PermissionDenied
    unknown = set(fields) - EXEMPLAR_EDITABLE
    if unknown:
        raise TypeError(f"unknown exemplar fields: {sorted(unknown)}")
    before = audit.snapshot(locked, EXEMPLAR_FIELDS)
    values = {k: getattr(locked, k) for k in EXEMPLAR_EDITABLE}
    values.update({k: _clean(k, v) for k, v in fields.items()})
    _fill_names(values)
    _check_exemplar(locked.unit, values)
    for key, value in values.items():
        setattr(locked, key, value)
    locked.save()
    audit.record(locked, by=by, action="update", before=before, after=audit.snapshot(locked, EXEMPLAR_FIELDS))
    return locked


@transaction.atomic
def archive_exemplar(exemplar: Exemplar, *, by: User | None, reason: str = "") -> Exemplar:
    locked = Exemplar.objects.select_for_update().select_related("unit").get(pk=exemplar.pk)
    if by is not None and not permissions.can_edit_exemplar(by, locked):
        raise PermissionDenied
    if locked.archived_at is not None:
        raise ValidationError(_("Điển hình đã được lưu trữ."))
    before = audit.snapshot(locked, EXEMPLAR_FIELDS)
    locked.archived_at = timezone.now()
    locked.published = False
    locked.save(update_fields=["archived_at", "published", "updated_at"])
    audit.record(locked, by=by, action="archive", before=before, after=audit.snapshot(locked, EXEMPLAR_FIELDS),
                 note=_clean("reason", reason))  # fmt: skip
    return locked


def add_photo(exemplar: Exemplar, upload: Any, *, by: User | None, description: str = "") -> Attachment:
    """A photo of the model: an image (JPG, PNG, WEBP, GIF by its content) of at most 5 MB, twelve per model;
    stored and audited by the attachments kit."""
    if by is not None and not permissions.can_edit_exemplar(by, exemplar):
        raise PermissionDenied
    name = kit.clean_name(getattr(upload, "name", ""))
    checked = kit.check_file(upload)
    if checked.kind != Attachment.Kind.IMAGE:
        raise ValidationError(
            {"file": _("Tệp “%(name)s” không phải ảnh (JPG, PNG, WEBP, GIF).") % {"name": name}}
        )
    if checked.size > PHOTO_MAX_BYTES:
        raise ValidationError({"file": _("Ảnh “%(name)s” lớn hơn 5 MB.") % {"name": name}})
    if kit.attachments_of(exemplar).filter(kind=Attachment.Kind.IMAGE).count() >= PHOTOS_PER_EXEMPLAR:
        raise ValidationError({"file": _("Mỗi điển hình có tối đa %(n)d ảnh.") % {"n": PHOTOS_PER_EXEMPLAR}})
    return core_actions.attach_file(exemplar, upload, by=by, description=description)


# --- replication ------------------------------------------------------------------------------------------------


def _check_replication(exemplar: Exemplar, values: dict[str, Any]) -> None:
    errors: dict[str, str] = {}
    since = values.get("since")
    if not isinstance(since, datetime.date):
        errors["since"] = _("Cần ghi ngày bắt đầu áp dụng.")
    elif since < exemplar.recognised_on:
        errors["since"] = _("Ngày áp dụng không thể trước ngày công nhận điển hình (%(day)s).") % {
            "day": format_date(exemplar.recognised_on)}  # fmt: skip
    elif since > timezone.localdate():
        errors["since"] = _("Ngày áp dụng không thể sau hôm nay.")
    for key in ("participants", "benefit"):
        value = values.get(key)
        if value is not None and (not isinstance(value, int) or value < 0):
            errors[key] = _("Phải là số nguyên không âm.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_replication(exemplar: Exemplar, unit: Unit, *, by: User | None, **fields: Any) -> Replication:
    """``unit`` adopted the model. ``fields``: since, result, participants, benefit."""
    if by is not None and not permissions.can_record_replication(by, exemplar, unit):
        raise PermissionDenied
    if exemplar.archived_at is not None:
        raise ValidationError(_("Điển hình đã được lưu trữ."))
    unknown = set(fields) - REPLICATION_EDITABLE
    if unknown:
        raise TypeError(f"unknown replication fields: {sorted(unknown)}")
    values = {k: _clean(k, v) for k, v in fields.items()}
    _check_replication(exemplar, values)
    if Replication.objects.active().filter(exemplar=exemplar, unit=unit).exists():
        raise ValidationError(
            {"unit": _("%(unit)s đã được ghi nhận nhân rộng điển hình này.") % {"unit": unit.name}}
        )
    replication = Replication.objects.create(exemplar=exemplar, unit=unit,
                                             created_by=by if getattr(by, "pk", None) else None, **values)  # fmt: skip
    audit.record(replication, by=by, action="create", after=audit.snapshot(replication, REPLICATION_FIELDS))
    return replication


@transaction.atomic
def update_replication(replication: Replication, *, by: User | None, **fields: Any) -> Replication:
    locked = (
        Replication.objects.select_for_update()
        .select_related("unit", "exemplar__unit")
        .get(pk=replication.pk)
    )
    if by is not None and not permissions.can_edit_replication(by, locked):
        raise PermissionDenied
    if locked.archived_at is not None:
        raise ValidationError(_("Việc nhân rộng này đã được lưu trữ."))
    unknown = set(fields) - REPLICATION_EDITABLE
    if unknown:
        raise TypeError(f"unknown replication fields: {sorted(unknown)}")
    before = audit.snapshot(locked, REPLICATION_FIELDS)
    values = {k: getattr(locked, k) for k in REPLICATION_EDITABLE}
    values.update({k: _clean(k, v) for k, v in fields.items()})
    _check_replication(locked.exemplar, values)
    for key, value in values.items():
        setattr(locked, key, value)
    locked.save()
    audit.record(
        locked, by=by, action="update", before=before, after=audit.snapshot(locked, REPLICATION_FIELDS)
    )
    return locked


@transaction.atomic
def archive_replication(replication: Replication, *, by: User | None, reason: str = "") -> Replication:
    locked = (
        Replication.objects.select_for_update()
        .select_related("unit", "exemplar__unit")
        .get(pk=replication.pk)
    )
    if by is not None and not permissions.can_edit_replication(by, locked):
        raise PermissionDenied
    if locked.archived_at is not None:
        raise ValidationError(_("Việc nhân rộng này đã được lưu trữ."))
    before = audit.snapshot(locked, REPLICATION_FIELDS)
    locked.archived_at = timezone.now()
    locked.save(update_fields=["archived_at", "updated_at"])
    audit.record(locked, by=by, action="archive", before=before,
                 after=audit.snapshot(locked, REPLICATION_FIELDS), note=_clean("reason", reason))  # fmt: skip
    return locked


# --- honour boards ----------------------------------------------------------------------------------------------


def _check_board(values: dict[str, Any]) -> None:
    if not values.get("title"):
        raise ValidationError({"title": _("Cần ghi tiêu đề bảng vàng.")})


@transaction.atomic
def create_board(unit: Unit, *, by: User | None, year: int, **fields: Any) -> HonourBoard:
    """The honour board of ``unit`` for ``year``; ``fields``: title (default "Bảng vàng … năm …"), introduction,
    published."""
    if by is not None and not permissions.can_recognise(by, unit):
        raise PermissionDenied
    unknown = set(fields) - BOARD_EDITABLE
    if unknown:
        raise TypeError(f"unknown board fields: {sorted(unknown)}")
    if not isinstance(year, int) or not 1945 <= year <= 2100:
        raise ValidationError({"year": _("Năm phải từ 1945 đến 2100.")})
    values = {k: _clean(k, v) for k, v in fields.items()}
    if not values.get("title"):
        values["title"] = _("Bảng vàng tôn vinh điển hình tiên tiến %(unit)s năm %(year)d") % {
            "unit": unit.name, "year": year}  # fmt: skip
    _check_board(values)
    if HonourBoard.objects.filter(unit=unit, year=year, archived_at__isnull=True).exists():
        raise ValidationError({"year": _("%(unit)s đã có bảng vàng năm %(year)d.") % {"unit": unit.name,
                                                                                      "year": year}})  # fmt: skip
    if values.get("published"):
        values["published_at"] = timezone.now()
    board = HonourBoard.objects.create(unit=unit, year=year, created_by=by if getattr(by, "pk", None) else None,
                                       **values)  # fmt: skip
    audit.record(board, by=by, action="create", after=audit.snapshot(board, BOARD_FIELDS))
    return board


@transaction.atomic
def update_board(board: HonourBoard, *, by: User | None, **fields: Any) -> HonourBoard:
    """Change the title or introduction, publish (the public page opens) or withdraw it."""
    locked = HonourBoard.objects.select_for_update().select_related("unit").get(pk=board.pk)
    if by is not None and not permissions.can_manage_board(by, locked):
        raise PermissionDenied
    if locked.archived_at is not None:
        raise ValidationError(_("Bảng vàng đã được lưu trữ."))
    unknown = set(fields) - BOARD_EDITABLE
    if unknown:
        raise TypeError(f"unknown board fields: {sorted(unknown)}")
    before = audit.snapshot(locked, BOARD_FIELDS)
    for key, value in fields.items():
        setattr(locked, key, _clean(key, value))
    _check_board({"title": locked.title})
    if locked.published and not before["published"]:
        locked.published_at = timezone.now()
    elif not locked.published:
        locked.published_at = None
    locked.save()
    audit.record(locked, by=by, action="update", before=before, after=audit.snapshot(locked, BOARD_FIELDS))
    return locked


@transaction.atomic
def archive_board(board: HonourBoard, *, by: User | None, reason: str = "") -> HonourBoard:
    locked = HonourBoard.objects.select_for_update().select_related("unit").get(pk=board.pk)
    if by is not None and not permissions.can_manage_board(by, locked):
        raise PermissionDenied
    if locked.archived_at is not None:
        raise ValidationError(_("Bảng vàng đã được lưu trữ."))
    before = audit.snapshot(locked, BOARD_FIELDS)
    locked.archived_at = timezone.now()
    locked.published = False
    locked.published_at = None
    locked.save()
    audit.record(locked, by=by, action="archive", before=before, after=audit.snapshot(locked, BOARD_FIELDS),
                 note=_clean("reason", reason))  # fmt: skip
    return locked

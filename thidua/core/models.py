"""What every app shares: the audit trail and long-running tasks."""

import datetime

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One change to one domain record: who, when, what (a verb), before and after."""

    at = models.DateTimeField(_("thời điểm"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    # The verb is free text owned by the app that writes it ("create", "issue", "merge", …); apps name their verbs
    # for display with ``thidua.core.audit.name_verbs``, so a new verb never needs a migration of core.
    action = models.CharField(_("thao tác"), max_length=40)
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT)
    object_id = models.CharField(max_length=64)
    object_repr = models.CharField(_("đối tượng"), max_length=300)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)  # {field: [before, after]}
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-at"], name="audit_object_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.object_repr}"

    def get_action_display(self) -> str:
        """The verb's label as its app named it (the verb itself if no app did)."""
        from .audit import verb_label

        return verb_label(self.action)


class Task(models.Model):
    """A long piece of work (an import, a batch of documents) whose progress the user can watch."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Đang chờ")
        RUNNING = "running", _("Đang chạy")
        DONE = "done", _("Hoàn thành")
        FAILED = "failed", _("Lỗi")

    kind = models.CharField(_("loại việc"), max_length=50)
    title = models.CharField(_("tên việc"), max_length=300)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices, default=Status.PENDING)
    done = models.PositiveIntegerField(default=0)
    total = models.PositiveIntegerField(default=0)
    message = models.CharField(max_length=500, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # What to run (thidua.core.tasks runs it in a worker process through django-tasks).
    func_path = models.CharField(max_length=200, blank=True)
    args = models.JSONField(default=list, blank=True)
    kwargs = models.JSONField(default=dict, blank=True)
    files = models.JSONField(default=list, blank=True)  # files the task owns, removed when it ends
    idempotent = models.BooleanField(default=False)  # safe to run again after a worker died
    attempts = models.PositiveSmallIntegerField(default=0)
    max_attempts = models.PositiveSmallIntegerField(default=1)
    queue_id = models.CharField(max_length=64, blank=True)  # the django-tasks result of the last enqueue
    # The lease: the worker running the task renews lease_until every few seconds; a lease long expired means the
    # worker died (see thidua.core.tasks.reap).
    worker = models.CharField(max_length=120, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("tác vụ")
        verbose_name_plural = _("tác vụ")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["created_by", "-created_at"], name="task_owner_idx"),
            models.Index(fields=["status", "lease_until"], name="task_lease_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return int(self.done * 100 / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def waiting_long(self) -> bool:
        """Queued for more than two minutes: no worker is taking work (none running, or all busy)."""
        cutoff = timezone.now() - datetime.timedelta(minutes=2)
        return self.status == self.Status.PENDING and self.created_at < cutoff


class AttachmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(archived_at__isnull=True)

    def of(self, obj: models.Model):
        """The attachments of one object (archived ones included)."""
        return self.filter(owner_type=ContentType.objects.get_for_model(obj), owner_id=str(obj.pk))


class AttachmentPart(models.TextChoices):
    """Which part of a reward dossier the file is (the completeness check reads it; other records keep
    "other")."""

    ACHIEVEMENT_REPORT = "achievement_report", _("Báo cáo thành tích")
    COUNCIL_MINUTES = "council_minutes", _("Biên bản họp hội đồng")
    SUBMISSION = "submission", _("Tờ trình")
    CONFIRMATION = "confirmation", _("Xác nhận của cơ quan")
    OTHER = "other", _("Tài liệu khác")


class Attachment(models.Model):
    """A file attached to a domain record (an initiative, a research topic, …) of a model registered with
    ``thidua.core.attachments.register_attachable``. The bytes live in ``STORAGES["attachments"]`` under
    ``stored_name`` (never the uploader's name) and are served only by the scoped view. Archived, never deleted."""

    class Kind(models.TextChoices):
        PDF = "pdf", _("PDF")
        DOCX = "docx", _("Word (DOCX)")
        XLSX = "xlsx", _("Excel (XLSX)")
        IMAGE = "image", _("Ảnh")

    Part = AttachmentPart

    owner_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    owner_id = models.CharField(max_length=64)
    # The path of the owner's unit when the file was attached: for reading across owners (what a unit holds); the
    # download itself is always checked against the owner through its app's scoping.
    scope_path = models.CharField(_("đơn vị"), max_length=255, db_index=True)
    stored_name = models.CharField(max_length=255, unique=True)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    kind = models.CharField(_("loại tệp"), max_length=10, choices=Kind.choices)
    mime = models.CharField(_("kiểu nội dung"), max_length=120)  # detected from the content, not the name
    sha256 = models.CharField(max_length=64)
    description = models.CharField(_("mô tả"), max_length=300, blank=True)
    part = models.CharField(_("thành phần hồ sơ"), max_length=20, choices=Part.choices, default=Part.OTHER)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người tải lên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    uploaded_at = models.DateTimeField(_("thời điểm tải lên"), default=timezone.now)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    objects = AttachmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["uploaded_at", "id"]
        indexes = [
            models.Index(fields=["owner_type", "owner_id", "uploaded_at"], name="attachment_owner_idx")
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(size__gt=0), name="attachment_not_empty"),
            models.CheckConstraint(
                condition=models.Q(part__in=AttachmentPart.values), name="attachment_part_known"
            ),
        ]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None

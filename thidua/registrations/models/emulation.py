"""Emulation registration (đăng ký thi đua): at the start of a plan year, or of a phase that opens registration, a
unit registers the titles it aims for as a collective (with its targets per movement of the plan) and the title each
of its people aims for. The level above acknowledges it (or returns it with a reason); an acknowledged registration
is read-only and changes only through a recorded amendment. Registration is the basis of the year-end review: only
those who registered may be proposed.

- ``Registration``: one unit's registration for a year (``phase`` empty) or for one phase; its ``status`` moves
  through ``EMULATION_WORKFLOW`` (``thidua.registrations.permissions``). ``deadline`` is the deadline in force when it
  was opened; ``late`` says it was sent after the deadline, which needs a ``LateConsent`` of the level above.
- ``CollectiveTarget``: a title (``Award``, recipient collective) the unit aims for, optionally for one movement of
  the plan, with its targets in words.
- ``IndividualEntry``: a person of the unit and the title (recipient individual) they aim for, with the position
  they held when registering (kept as text: it is what the registration said).
- ``RegistrationEvent``: each workflow step and amendment, with who, when and the reason.
- ``RegistrationDeadline``: a federation's default deadline (day and month of the plan year, or of the school year
  for a sector that registers by school year); without one, 25/01.
- ``LateConsent``: the level above's consent for a unit to register after the deadline, until a date.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet
from thidua.orgs.history import HistoryScopedQuerySet

from .catalog import Award

DEFAULT_DEADLINE = (25, 1)  # day, month: 25/01 of the plan year
# The fields of a registration whose changes a workflow step's audit record keeps.
REGISTRATION_AUDIT_FIELDS = ["status", "late", "late_consent_id", "note", "submitted_at", "submitted_by_id",
                             "acknowledged_at", "acknowledged_by_id", "returned_reason", "archived_at"]  # fmt: skip


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã gửi cấp trên")
    ACKNOWLEDGED = "acknowledged", _("Cấp trên đã ghi nhận")
    RETURNED = "returned", _("Cấp trên trả lại")


class RegistrationNotice(models.TextChoices):
    """The kinds of notice registration sends (``thidua.notices``)."""

    SUBMITTED = "registration_submitted", _("Đơn vị cấp dưới gửi đăng ký thi đua")
    ACKNOWLEDGED = "registration_acknowledged", _("Cấp trên ghi nhận đăng ký thi đua")
    RETURNED = "registration_returned", _("Cấp trên trả lại đăng ký thi đua")
    AMENDED = "registration_amended", _("Cấp trên điều chỉnh đăng ký thi đua")
    LATE_CONSENT = "registration_late_consent", _("Cấp trên đồng ý cho đăng ký muộn")


class RegistrationQuerySet(HistoryScopedQuerySet):
    """Seen by the unit's subtree and, read-only, by its successors (``orgs.history.HistoryScopedQuerySet``): those
    sent up, not drafts."""

    def history_condition(self) -> Q:
        return ~Q(status=RegistrationStatus.DRAFT)

    def current(self):
        return self.filter(archived_at__isnull=True)

    def of_year(self, year: int):
        return self.filter(year=year)


class Registration(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT,
                             related_name="emulation_registrations")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    plan = models.ForeignKey("plans.Plan", verbose_name=_("theo kế hoạch"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="registrations")  # fmt: skip
    phase = models.ForeignKey("plans.Phase", verbose_name=_("đợt thi đua"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="registrations")  # fmt: skip
    status = models.CharField(_("trạng thái"), max_length=12, choices=RegistrationStatus.choices,
                              default=RegistrationStatus.DRAFT)  # fmt: skip
    deadline = models.DateField(_("hạn đăng ký"))
    late = models.BooleanField(_("đăng ký muộn"), default=False)
    late_consent = models.ForeignKey("LateConsent", verbose_name=_("cấp trên đồng ý cho đăng ký muộn"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="registrations")  # fmt: skip
    note = models.TextField(_("ghi chú"), blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    acknowledged_at = models.DateTimeField(_("ghi nhận lúc"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")  # fmt: skip
    returned_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        verbose_name = _("đăng ký thi đua")
        verbose_name_plural = _("đăng ký thi đua")
        ordering = ["-year", "unit__path", "id"]
        indexes = [
            models.Index(fields=["year", "status"], name="reg_year_status_idx"),
            models.Index(fields=["unit", "year"], name="reg_unit_year_idx"),
            models.Index(fields=["phase"], name="reg_phase_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                name="reg_one_per_unit_year",
                condition=Q(archived_at__isnull=True, phase__isnull=True),
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["unit", "phase"],
                name="reg_one_per_unit_phase",
                condition=Q(archived_at__isnull=True, phase__isnull=False),
            ),  # fmt: skip
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2200), name="reg_year_sane"),
        ]

    def __str__(self) -> str:
        what = self.phase.name if self.phase_id and self.phase else str(self.year)
        return f"Đăng ký thi đua {what} – {self.unit}"

    @property
    def is_editable(self) -> bool:
        return self.archived_at is None and self.status in (
            RegistrationStatus.DRAFT,
            RegistrationStatus.RETURNED,
        )


class CollectiveTarget(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="targets")
    award = models.ForeignKey(Award, verbose_name=_("danh hiệu, hình thức đăng ký"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    movement = models.ForeignKey("plans.Movement", verbose_name=_("phong trào"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")  # fmt: skip
    targets = models.TextField(_("chỉ tiêu, nội dung đăng ký"), blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        verbose_name = _("đăng ký của tập thể")
        verbose_name_plural = _("đăng ký của tập thể")
        ordering = ["registration", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "award", "movement"], name="reg_target_unique", nulls_distinct=False
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return str(self.award)


class IndividualEntry(models.Model):
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="people")
    person = models.ForeignKey("orgs.Person", verbose_name=_("người đăng ký"), on_delete=models.PROTECT,
                               related_name="emulation_entries")  # fmt: skip
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    award = models.ForeignKey(Award, verbose_name=_("danh hiệu đăng ký"), on_delete=models.PROTECT,
                              related_name="+")  # fmt: skip
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=1)

    class Meta:
        verbose_name = _("đăng ký của cá nhân")
        verbose_name_plural = _("đăng ký của cá nhân")
        ordering = ["registration", "order", "id"]
        indexes = [models.Index(fields=["person", "award"], name="reg_entry_person_idx")]
        constraints = [
            models.UniqueConstraint(fields=["registration", "person", "award"], name="reg_entry_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.award}"


EVENT_LABELS = {
    "open": _("Mở đăng ký"),
    "submit": _("Gửi cấp trên"),
    "acknowledge": _("Cấp trên ghi nhận"),
    "return": _("Cấp trên trả lại"),
    "amend": _("Cấp trên ghi nhận điều chỉnh"),
}


class RegistrationEvent(models.Model):
    """One workflow step (submit, acknowledge, return, amend...) of a registration, with who and when."""

    registration = models.ForeignKey(Registration, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, choices=RegistrationStatus.choices,
                                   blank=True)  # fmt: skip
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=RegistrationStatus.choices,
                                 blank=True)  # fmt: skip
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    changes = models.JSONField(_("nội dung điều chỉnh"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử đăng ký thi đua")
        verbose_name_plural = _("lịch sử đăng ký thi đua")
        ordering = ["registration", "at", "id"]
        indexes = [models.Index(fields=["registration", "at"], name="regevent_reg_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.registration_id}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


class RegistrationDeadlineQuerySet(ScopedQuerySet):
    scope_lookup = "federation__path"


class RegistrationDeadline(models.Model):
    """A federation's default deadline for its units' registration: ``day``/``month`` of the plan year; for a sector
    that registers by school year (``by_school_year``), of the school year's first calendar year (20/10 for
    education). ``sector`` empty: every sector without a deadline of its own."""

    federation = models.ForeignKey("orgs.Unit", verbose_name=_("LĐLĐ, công đoàn ngành"), on_delete=models.PROTECT,
                                   related_name="registration_deadlines")  # fmt: skip
    sector = models.CharField(_("khu vực, loại hình"), max_length=20, blank=True)
    day = models.PositiveSmallIntegerField(_("ngày"))
    month = models.PositiveSmallIntegerField(_("tháng"))
    by_school_year = models.BooleanField(_("đăng ký theo năm học"), default=False)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = RegistrationDeadlineQuerySet.as_manager()

    class Meta:
        verbose_name = _("hạn đăng ký thi đua")
        verbose_name_plural = _("hạn đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(
                fields=["federation", "sector"],
                name="reg_deadline_unique",
                condition=Q(archived_at__isnull=True),
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(month__gte=1, month__lte=12, day__gte=1, day__lte=31),
                name="reg_deadline_day_month",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.day:02d}/{self.month:02d}"

    @property
    def sector_label(self) -> str:
        from thidua.orgs.models import Sector

        return str(dict(Sector.choices).get(self.sector, self.sector))


class LateConsentQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"


class LateConsent(models.Model):
    """The level above lets ``unit`` register for ``year`` (or ``phase``) until ``until``."""

    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="late_registration_consents")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    phase = models.ForeignKey("plans.Phase", verbose_name=_("đợt thi đua"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    until = models.DateField(_("được đăng ký đến hết ngày"))
    reason = models.CharField(_("lý do"), max_length=500)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("đồng ý lúc"), auto_now_add=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = LateConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("đồng ý đăng ký muộn")
        verbose_name_plural = _("đồng ý đăng ký muộn")
        indexes = [models.Index(fields=["unit", "year"], name="reg_consent_unit_year_idx")]

    def __str__(self) -> str:
        return f"{self.unit} – {self.year}"

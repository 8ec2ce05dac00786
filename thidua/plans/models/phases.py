"""The phases (đợt thi đua) of a plan."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.scoping import VIEW, ScopedQuerySet

from .plans import Plan


class PhaseStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Sắp diễn ra")
    OPEN = "open", _("Đang diễn ra")
    CLOSED = "closed", _("Đã kết thúc")


class PhaseQuerySet(ScopedQuerySet):
    scope_lookup = "plan__issuer__path"

    def visible_to(self, user, perm: str = VIEW):
        return self.filter(plan__in=Plan.objects.visible_to(user, perm))

    def open_on(self, day: datetime.date):
        return self.filter(start__lte=day, end__gte=day)


class Phase(models.Model):
    """A phase (đợt thi đua) of a plan: from ``start`` to ``end`` (both included). ``start_is_open`` records an
    open start written "Từ đầu năm" (``start`` is then the plan year's first day). What the phase celebrates is
    ``celebrates`` (free text) and its ``commemorations``; its report is due on ``report_due``. While it runs it
    opens registration, reporting and/or proposals. Its status (upcoming, open, closed) follows the dates."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên đợt"), max_length=100)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    start_is_open = models.BooleanField(_("từ đầu năm"), default=False)
    celebrates = models.TextField(_("nội dung thi đua"), blank=True)
    report_due = models.DateField(_("hạn báo cáo"), null=True, blank=True)
    opens_registration = models.BooleanField(_("mở đăng ký thi đua"), default=False)
    opens_reporting = models.BooleanField(_("mở báo cáo kết quả"), default=True)
    opens_proposals = models.BooleanField(_("mở đề nghị khen thưởng"), default=False)
    upper_phase = models.ForeignKey("self", verbose_name=_("đợt tương ứng của kế hoạch cấp trên"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("đợt thi đua")
        ordering = ["plan", "order", "start", "id"]
        indexes = [
            models.Index(fields=["start", "end"], name="phase_dates_idx"),
            models.Index(fields=["report_due"], name="phase_report_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="phase_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period_display})"

    @property
    def period_display(self) -> str:
        start = _("Từ đầu năm") if self.start_is_open else format_date(self.start)
        return f"{start} – {format_date(self.end)}"

    def status_on(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if day < self.start:
            return PhaseStatus.UPCOMING
        if day > self.end:
            return PhaseStatus.CLOSED
        return PhaseStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return PhaseStatus(self.status).label

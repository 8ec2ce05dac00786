"""Congresses (Đại hội công đoàn) of the units, term by term (nhiệm kỳ, e.g. 2017–2022).

A ``Congress`` is one unit's congress for one term: the date the level above planned in its schedule
(``planned_on``, set by ``scheduled_by``), the date it was held, the official delegates, the size of the new
executive committee (Ban Chấp hành), and its status (preparing, held, not held). How it stands against the schedule —
held on schedule, held late, overdue, upcoming, not scheduled — is read from the dates (``Progress``), never
stored: ``queries.progress_expression`` says it once for the pages, the roll-up and the API.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet


class CongressStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang chuẩn bị")
    HELD = "held", _("Đã tổ chức")
    CANCELLED = "cancelled", _("Không tổ chức")


class Progress(models.TextChoices):
    ON_TIME = "on_time", _("Đã tổ chức, kịp tiến độ")
    LATE = "late", _("Đã tổ chức, chậm so với kế hoạch")
    OVERDUE = "overdue", _("Quá ngày dự kiến, chưa tổ chức")
    UPCOMING = "upcoming", _("Đã xếp lịch, chưa đến ngày")
    NOT_SCHEDULED = "not_scheduled", _("Chưa xếp lịch")
    CANCELLED = "cancelled", _("Không tổ chức")


class CongressQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)


def term_label(start: int, end: int) -> str:
    return f"{start}–{end}"


class Congress(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="congresses")  # fmt: skip
    term_start = models.PositiveSmallIntegerField(_("nhiệm kỳ từ năm"))
    term_end = models.PositiveSmallIntegerField(_("nhiệm kỳ đến năm"))
    number = models.PositiveSmallIntegerField(_("Đại hội lần thứ"), null=True, blank=True)
    planned_on = models.DateField(_("ngày dự kiến theo kế hoạch"), null=True, blank=True)
    scheduled_by = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị xếp lịch"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    held_on = models.DateField(_("ngày tổ chức"), null=True, blank=True)
    delegates = models.PositiveIntegerField(_("số đại biểu chính thức"), null=True, blank=True)
    committee_size = models.PositiveSmallIntegerField(
        _("số ủy viên Ban Chấp hành khóa mới"), null=True, blank=True
    )
    status = models.CharField(_("trạng thái"), max_length=12, choices=CongressStatus.choices,
                              default=CongressStatus.PREPARING)  # fmt: skip
    note = models.CharField(_("ghi chú, lý do"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = CongressQuerySet.as_manager()

    class Meta:
        verbose_name = _("Đại hội công đoàn")
        verbose_name_plural = _("Đại hội công đoàn")
        ordering = ["-term_start", "planned_on", "id"]
        indexes = [
            models.Index(fields=["term_start", "status"], name="congress_term_status_idx"),
            models.Index(fields=["planned_on"], name="congress_planned_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "term_start"],
                condition=Q(archived_at__isnull=True),
                name="congress_one_per_unit_and_term",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(term_end__gt=models.F("term_start")), name="congress_term_order"
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | Q(held_on__isnull=False), name="congress_held_has_date"
            ),
        ]

    def __str__(self) -> str:
        return gettext("Đại hội %(unit)s, nhiệm kỳ %(term)s") % {"unit": self.unit.name, "term": self.term}

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("congresses:congress-detail", args=[self.pk])

    @property
    def term(self) -> str:
        return term_label(self.term_start, self.term_end)

    def progress_on(self, today) -> str:
        """Where the congress stands against the schedule on ``today`` (the same rule as the queries)."""
        if self.status == CongressStatus.CANCELLED:
            return Progress.CANCELLED
        if self.held_on is not None:
            if self.planned_on is None or self.held_on <= self.planned_on:
                return Progress.ON_TIME
            return Progress.LATE
        if self.planned_on is None:
            return Progress.NOT_SCHEDULED
        return Progress.OVERDUE if self.planned_on < today else Progress.UPCOMING

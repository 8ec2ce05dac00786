"""Activities of the units during a phase of emulation: short emulation campaigns, skills contests (hội thi tay
nghề, thi thợ giỏi), cultural and sports events, training, the Tháng Công nhân activities. Each belongs to the unit
that runs it and, when it answers a plan, to the plan's movement and phase; participants are counted, women among
them; photos are attachments."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet


class ActivityKind(models.TextChoices):
    CAMPAIGN = "campaign", _("Phong trào thi đua ngắn ngày")
    SKILLS_CONTEST = "skills_contest", _("Hội thi tay nghề, thi thợ giỏi")
    CULTURE_SPORTS = "culture_sports", _("Văn hóa, văn nghệ, thể dục thể thao")
    TRAINING = "training", _("Học tập, bồi dưỡng, tập huấn")
    WORKERS_MONTH = "workers_month", _("Hoạt động Tháng Công nhân")
    OTHER = "other", _("Hoạt động khác")


class ActivityQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)


class Activity(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị tổ chức"), on_delete=models.PROTECT,
                             related_name="activities")  # fmt: skip
    kind = models.CharField(_("loại hoạt động"), max_length=16, choices=ActivityKind.choices)
    title = models.CharField(_("tên hoạt động"), max_length=300)
    start_on = models.DateField(_("từ ngày"))
    end_on = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    participants = models.PositiveIntegerField(_("số người tham gia"), default=0)
    women = models.PositiveIntegerField(_("trong đó nữ"), default=0)
    plan = models.ForeignKey("plans.Plan", verbose_name=_("kế hoạch"), null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    movement = models.ForeignKey("plans.Movement", verbose_name=_("phong trào thi đua"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")  # fmt: skip
    phase = models.ForeignKey("plans.Phase", verbose_name=_("đợt thi đua"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    description = models.TextField(_("nội dung, kết quả"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("hoạt động")
        verbose_name_plural = _("hoạt động")
        ordering = ["-start_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "start_on"], name="activity_unit_start_idx"),
            models.Index(fields=["kind", "start_on"], name="activity_kind_start_idx"),
            models.Index(fields=["phase"], name="activity_phase_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")), name="activity_period_order"
            ),
            models.CheckConstraint(
                condition=Q(women__lte=models.F("participants")), name="activity_women_in_total"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("activities:activity-detail", args=[self.pk])

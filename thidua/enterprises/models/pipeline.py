"""The records of the path from survey to union (each belongs to an enterprise and is seen with it).

- ``SurveyVisit`` (khảo sát, nắm tình hình): the day, the officers who went, the workforce found, the employer's
  attitude towards a union, what was found.
- ``RecruitmentPlan`` (kế hoạch vận động kết nạp đoàn viên): the target number of members and by when.
- ``RecruitmentProgress``: members recruited since the last entry, on a day; the plan's progress is their sum.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet


class Attitude(models.TextChoices):
    SUPPORTIVE = "supportive", _("Ủng hộ thành lập công đoàn")
    UNDECIDED = "undecided", _("Chưa rõ thái độ")
    RELUCTANT = "reluctant", _("Còn e ngại")
    OPPOSED = "opposed", _("Không đồng ý")


class OfEnterpriseQuerySet(ScopedQuerySet):
    scope_lookup = "enterprise__upper_unit__path"


class SurveyVisit(models.Model):
    enterprise = models.ForeignKey("Enterprise", on_delete=models.PROTECT, related_name="surveys")
    visited_on = models.DateField(_("ngày khảo sát"))
    officers = models.CharField(_("cán bộ khảo sát"), max_length=300)
    workforce = models.PositiveIntegerField(_("số lao động"), null=True, blank=True)
    attitude = models.CharField(
        _("thái độ của người sử dụng lao động"), max_length=16, choices=Attitude.choices
    )
    findings = models.TextField(_("tình hình nắm được"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfEnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("lần khảo sát")
        verbose_name_plural = _("lần khảo sát")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["enterprise", "-visited_on"], name="survey_enterprise_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise} – {self.visited_on}"


class RecruitmentPlan(models.Model):
    enterprise = models.ForeignKey("Enterprise", on_delete=models.PROTECT, related_name="recruitment_plans")
    adopted_on = models.DateField(_("ngày lập kế hoạch"))
    target_members = models.PositiveIntegerField(_("chỉ tiêu kết nạp (đoàn viên)"))
    target_on = models.DateField(_("thời hạn"))
    measures = models.TextField(_("nội dung, biện pháp vận động"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = OfEnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch vận động")
        verbose_name_plural = _("kế hoạch vận động")
        ordering = ["-adopted_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_members__gte=1), name="recruitmentplan_target_positive"
            ),
            models.CheckConstraint(
                condition=Q(target_on__gte=models.F("adopted_on")),
                name="recruitmentplan_target_after_adopted",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} – {self.target_members}"


class RecruitmentProgress(models.Model):
    plan = models.ForeignKey(RecruitmentPlan, on_delete=models.PROTECT, related_name="progress")
    recorded_on = models.DateField(_("ngày"))
    recruited = models.PositiveIntegerField(_("số đoàn viên kết nạp thêm"))
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("tiến độ kết nạp")
        verbose_name_plural = _("tiến độ kết nạp")
        ordering = ["recorded_on", "id"]

    def __str__(self) -> str:
        return f"{self.plan} +{self.recruited}"

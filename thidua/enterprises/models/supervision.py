"""Inspection and supervision (kiểm tra, giám sát) of how labour law, the Trade Union Law and workers' policies are
applied in a unit or an enterprise, often with State bodies.

- ``Inspection``: by an upper-level union (``upper_unit``, whose roles write it), of a grassroots union
  (``subject_unit``) or an enterprise (``subject_enterprise``); the date, the team, the State bodies, the findings.
  Seen in the inspecting union's subtree, and read (never written) by the inspected union's subtree.
- ``Recommendation`` (kiến nghị): what must be fixed, by whom (``responsible``), by when (``deadline``); open until
  closed through ``RECOMMENDATION_WORKFLOW`` (each step a ``RecommendationEvent``). Past its deadline and still open,
  it is overdue: listed, and notified (``notify_overdue_recommendations``).
- ``FollowUp``: what was done about it, entry by entry, until it is closed.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet, scope_q


class InspectionKind(models.TextChoices):
    INSPECTION = "inspection", _("Kiểm tra")
    SUPERVISION = "supervision", _("Giám sát")
    JOINT = "joint", _("Kiểm tra liên ngành")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Đang theo dõi")
    CLOSED = "closed", _("Đã thực hiện xong")


class InspectionQuerySet(ScopedQuerySet):
    scope_lookup = "upper_unit__path"

    def visible_to(self, user, perm: str = "view"):
        """The inspecting union's subtree; the inspected union's subtree reads them too (``view`` only)."""
        seen = scope_q(user, "upper_unit__path", perm)
        if perm == "view":
            seen |= scope_q(user, "subject_unit__path", perm)
        return self.filter(seen)

    def current(self):
        return self.filter(archived_at__isnull=True)


class Inspection(models.Model):
    upper_unit = models.ForeignKey("orgs.Unit", verbose_name=_("công đoàn chủ trì"), on_delete=models.PROTECT,
                                   related_name="inspections")  # fmt: skip
    subject_unit = models.ForeignKey("orgs.Unit", verbose_name=_("công đoàn cơ sở được kiểm tra"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="inspected")  # fmt: skip
    subject_enterprise = models.ForeignKey("Enterprise", verbose_name=_("doanh nghiệp được kiểm tra"), null=True,
                                           blank=True, on_delete=models.PROTECT, related_name="inspections")  # fmt: skip
    kind = models.CharField(_("hình thức"), max_length=16, choices=InspectionKind.choices)
    held_on = models.DateField(_("ngày kiểm tra, giám sát"))
    topics = models.CharField(_("nội dung"), max_length=500)
    team = models.TextField(_("đoàn kiểm tra, giám sát"))
    state_bodies = models.CharField(_("cơ quan nhà nước phối hợp"), max_length=300, blank=True)
    findings = models.TextField(_("kết quả, phát hiện"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("cuộc kiểm tra, giám sát")
        verbose_name_plural = _("cuộc kiểm tra, giám sát")
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["upper_unit", "-held_on"], name="inspection_upper_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(subject_unit__isnull=False, subject_enterprise__isnull=True)
                | Q(subject_unit__isnull=True, subject_enterprise__isnull=False),
                name="inspection_one_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.subject}"

    @property
    def subject(self):
        return self.subject_unit if self.subject_unit_id else self.subject_enterprise


class RecommendationQuerySet(ScopedQuerySet):
    scope_lookup = "inspection__upper_unit__path"

    def visible_to(self, user, perm: str = "view"):
        seen = scope_q(user, "inspection__upper_unit__path", perm)
        if perm == "view":
            seen |= scope_q(user, "inspection__subject_unit__path", perm)
        return self.filter(seen)

    def open(self):
        return self.filter(status=RecommendationStatus.OPEN, inspection__archived_at__isnull=True)

    def overdue(self, today):
        return self.open().filter(deadline__lt=today)


class Recommendation(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.PROTECT, related_name="recommendations")
    content = models.TextField(_("nội dung kiến nghị"))
    responsible = models.CharField(_("đơn vị, người chịu trách nhiệm"), max_length=300)
    deadline = models.DateField(_("thời hạn"))
    status = models.CharField(_("trạng thái"), max_length=10, choices=RecommendationStatus.choices,
                              default=RecommendationStatus.OPEN)  # fmt: skip
    closed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = RecommendationQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"], name="recommendation_due_idx")]

    def __str__(self) -> str:
        return self.content[:80]

    def is_overdue(self, today) -> bool:
        return self.status == RecommendationStatus.OPEN and self.deadline < today


class RecommendationEvent(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=10, choices=RecommendationStatus.choices)
    to_status = models.CharField(max_length=10, choices=RecommendationStatus.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.recommendation_id} {self.from_status} → {self.to_status}"


class FollowUp(models.Model):
    recommendation = models.ForeignKey(Recommendation, on_delete=models.PROTECT, related_name="follow_ups")
    recorded_on = models.DateField(_("ngày"))
    content = models.TextField(_("kết quả thực hiện"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("theo dõi thực hiện")
        verbose_name_plural = _("theo dõi thực hiện")
        ordering = ["recorded_on", "id"]

    def __str__(self) -> str:
        return self.content[:80]

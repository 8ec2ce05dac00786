"""Officers per area (phân công cán bộ phụ trách địa bàn): an officer of an upper-level union follows grassroots
unions and enterprises. An assignment is never edited: reassigning ends the open one (``ended_on``) and opens a
new one, so who followed what, when, stays answerable."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet


class AssignmentQuerySet(ScopedQuerySet):
    scope_lookup = "upper_unit__path"

    def open(self):
        return self.filter(ended_on__isnull=True)


class AreaAssignment(models.Model):
    upper_unit = models.ForeignKey("orgs.Unit", verbose_name=_("công đoàn cấp trên"), on_delete=models.PROTECT,
                                   related_name="area_assignments")  # fmt: skip
    officer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ phụ trách"),
                                on_delete=models.PROTECT, related_name="area_assignments")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("công đoàn cơ sở"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="area_officers")  # fmt: skip
    enterprise = models.ForeignKey("Enterprise", verbose_name=_("doanh nghiệp"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="area_officers")  # fmt: skip
    started_on = models.DateField(_("từ ngày"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    assigned_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    ended_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AssignmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân công cán bộ phụ trách")
        verbose_name_plural = _("phân công cán bộ phụ trách")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["officer", "ended_on"], name="assignment_officer_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, enterprise__isnull=True)
                | Q(unit__isnull=True, enterprise__isnull=False),
                name="assignment_one_subject",
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="assignment_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["unit"],
                condition=Q(ended_on__isnull=True, unit__isnull=False),
                name="assignment_one_open_per_unit",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["enterprise"],
                condition=Q(ended_on__isnull=True, enterprise__isnull=False),
                name="assignment_one_open_per_enterprise",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.officer} – {self.subject}"

    @property
    def subject(self):
        return self.unit if self.unit_id else self.enterprise

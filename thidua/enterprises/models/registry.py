"""The registry of enterprises an upper-level union follows, and where each stands on the path to a union.

An enterprise is followed by one upper-level union (``upper_unit``: the district or city federation, the industrial
zone union): its roles see and act on it, and so do the levels above (the scope is ``upper_unit``'s path). Whether a
union exists is ``union_unit`` (the grassroots union in the tree, once founded or when it already existed).

``stage`` moves through ``PIPELINE`` (``thidua.enterprises.permissions``): not surveyed → surveyed → mobilising (a
recruitment plan adopted) → union founded; paused (the enterprise closed, or refused for now) and resumed.
``stage_since`` is the day the current stage began and ``last_step_on`` the day of the last step of any kind
(a visit, a progress entry): a case with no step for N days is stalled.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet
from thidua.orgs.models import Sector

# The ownership of an enterprise: the enterprise kinds of the orgs app's sector of a grassroots union.
OWNERSHIPS = [
    (s.value, s.label) for s in (Sector.STATE_ENTERPRISE, Sector.FDI, Sector.PRIVATE, Sector.COOPERATIVE)
]


class Stage(models.TextChoices):
    NOT_SURVEYED = "not_surveyed", _("Chưa khảo sát")
    SURVEYED = "surveyed", _("Đã khảo sát")
    MOBILISING = "mobilising", _("Đang vận động thành lập")
    FOUNDED = "founded", _("Đã có công đoàn cơ sở")
    PAUSED = "paused", _("Tạm dừng vận động")


OPEN_STAGES = (Stage.NOT_SURVEYED, Stage.SURVEYED, Stage.MOBILISING)


class EnterpriseQuerySet(ScopedQuerySet):
    scope_lookup = "upper_unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)

    def without_union(self):
        return self.filter(union_unit__isnull=True)


class Enterprise(models.Model):
    tax_code = models.CharField(_("mã số thuế"), max_length=14, unique=True)
    name = models.CharField(_("tên doanh nghiệp"), max_length=300)
    sort_key = models.CharField(max_length=1000, editable=False, default="", db_index=True)
    ownership = models.CharField(_("loại hình sở hữu"), max_length=20, choices=OWNERSHIPS)
    province_code = models.CharField(_("mã tỉnh, thành phố"), max_length=10, blank=True)
    ward_code = models.CharField(_("mã xã, phường"), max_length=10, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    industry = models.CharField(_("ngành nghề kinh doanh"), max_length=200, blank=True)
    workforce = models.PositiveIntegerField(_("số lao động"), null=True, blank=True)
    upper_unit = models.ForeignKey("orgs.Unit", verbose_name=_("công đoàn cấp trên theo dõi"), on_delete=models.PROTECT,
                                   related_name="followed_enterprises")  # fmt: skip
    union_unit = models.ForeignKey("orgs.Unit", verbose_name=_("công đoàn cơ sở"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="enterprises")  # fmt: skip
    stage = models.CharField(_("giai đoạn"), max_length=16, choices=Stage.choices, default=Stage.NOT_SURVEYED)
    stage_since = models.DateField(_("từ ngày"))
    last_step_on = models.DateField(_("bước gần nhất"))
    founding_decision = models.CharField(_("quyết định thành lập công đoàn"), max_length=100, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EnterpriseQuerySet.as_manager()

    class Meta:
        verbose_name = _("doanh nghiệp")
        verbose_name_plural = _("doanh nghiệp")
        ordering = ["sort_key", "id"]
        indexes = [
            models.Index(fields=["upper_unit", "stage"], name="enterprise_upper_stage_idx"),
            models.Index(fields=["stage", "last_step_on"], name="enterprise_stalled_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(stage="founded") | Q(union_unit__isnull=True),
                name="enterprise_union_only_founded",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~Q(stage="founded") | Q(union_unit__isnull=False),
                name="enterprise_founded_has_union",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_union(self) -> bool:
        return self.union_unit_id is not None

    @property
    def is_open_case(self) -> bool:
        return self.archived_at is None and self.stage in OPEN_STAGES


class EnterpriseEvent(models.Model):
    """One step of an enterprise on the path: the stage it left and entered, on which day, by whom, why."""

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=32)
    from_status = models.CharField(max_length=16, choices=Stage.choices)
    to_status = models.CharField(max_length=16, choices=Stage.choices)
    on = models.DateField(_("ngày"))  # the day it happened (a survey of 2017 entered today happened in 2017)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["enterprise", "on"], name="enterpriseevent_on_idx")]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.from_status} → {self.to_status}"

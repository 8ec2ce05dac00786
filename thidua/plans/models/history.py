"""What happens to a plan once it leaves the drafting desk: its deliveries to the receiving units' inboxes, the
amendments made after issuing, and the events of its workflow."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet

from .parts import Recipient
from .plans import Plan, PlanStatus


class NoticeKind(models.TextChoices):
    """The kinds of notice plans send (``thidua.notices.actions.notify``); named for display in ``PlansConfig``."""

    PLAN_RECEIVED = "plan_received", _("Nhận kế hoạch")
    PLAN_AMENDED = "plan_amended", _("Kế hoạch được sửa đổi, bổ sung")
    REMINDER = "reminder", _("Nhắc nhở")
    PHASE_OPENS = "phase_opens", _("Bắt đầu đợt thi đua")
    PHASE_CLOSES = "phase_closes", _("Kết thúc đợt thi đua")
    REPORT_DUE = "report_due", _("Sắp đến hạn báo cáo")


class PlanDeliveryQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"


class PlanDelivery(models.Model):
    """An issued plan in a receiving unit's inbox of plans to deploy."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="deliveries")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="received_plans")
    recipient = models.ForeignKey(
        Recipient, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The day the unit received the plan: the plan's issue date (a plan of 2017 entered in 2026 was received in
    # 2017), while ``delivered_at`` is when the system put it in the inbox.
    received_on = models.DateField(_("ngày nhận"))
    delivered_at = models.DateTimeField(_("đưa vào hộp thư lúc"), auto_now_add=True)
    last_reminded_at = models.DateTimeField(_("nhắc lần cuối"), null=True, blank=True)

    objects = PlanDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch nhận được")
        verbose_name_plural = _("kế hoạch nhận được")
        ordering = ["-received_on", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="plandelivery_once_per_unit")]
        indexes = [models.Index(fields=["unit", "-received_on"], name="plandelivery_inbox_idx")]

    def __str__(self) -> str:
        return f"{self.plan.number_display} → {self.unit}"


class PlanAmendment(models.Model):
    """A change made to an issued plan: why, and each field's value before and after (``changes``:
    {"phases[3].end": ["2017-08-31", "2017-09-15"], ...})."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="amendments")
    order = models.PositiveSmallIntegerField(_("lần sửa đổi"))
    reason = models.TextField(_("lý do sửa đổi, bổ sung"))
    changes = models.JSONField(_("nội dung thay đổi"), default=dict)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")  # fmt: skip
    made_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("sửa đổi, bổ sung kế hoạch")
        verbose_name_plural = _("sửa đổi, bổ sung kế hoạch")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="planamendment_order_unique")]

    def __str__(self) -> str:
        return f"{self.plan.number_display} – sửa đổi lần {self.order}"


class PlanEvent(models.Model):
    """One transition of a plan's workflow (and the other steps of its life), with who and when."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo dự thảo")
        IMPORT = "import", _("Nhập từ văn bản")
        BUILD = "build", _("Xây dựng từ kế hoạch cấp trên")
        COPY = "copy", _("Sao chép từ kế hoạch năm khác")
        UPDATE = "update", _("Sửa dự thảo")
        ISSUE = "issue", _("Ban hành")
        AMEND = "amend", _("Sửa đổi, bổ sung")
        CLOSE = "close", _("Kết thúc")
        ARCHIVE = "archive", _("Lưu trữ")
        REMIND = "remind", _("Nhắc triển khai")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=10, choices=PlanStatus.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=10, choices=PlanStatus.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử kế hoạch")
        verbose_name_plural = _("lịch sử kế hoạch")
        ordering = ["plan", "at", "id"]
        indexes = [models.Index(fields=["plan", "at"], name="planevent_plan_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.plan.number_display}"

"""Phase reports: the form a plan's issuer publishes for a phase, and the report each unit of its subtree owes.

- ``ReportForm``: for one phase of a plan, which indicators (``ReportFormIndicator``), which unit levels submit
  (``levels``), the period the figures cover, the due date (by default the phase's ``report_due``), and the headings
  of the narrative part (those of a real sơ kết report). Drafted, then published (which creates the expected
  reports), then closed.
- ``ExpectedReport``: the report one unit owes for one form, created when the form is published from the tree of that
  day. ``parent`` is the unit that approves it (the unit's parent on that day; empty for the issuer's own report,
  finalised by its leader). Its ``status`` moves through ``REPORT_WORKFLOW`` (``thidua.reports.permissions``):
  not started → draft → submitted → approved (locked) → accepted (once the level above is itself approved);
  returned with a reason (unlocked); waived with a recorded reason. ``late_entry_until`` is an exception granted by
  the level above to enter after ``due_on``. ``version`` counts the snapshots kept (``ReportVersion``);
  ``changes_since_approval`` counts the values changed since the last approval.
- ``ReportValue``: one indicator's figure in one report: ``value`` (a whole number: people, units, times, things,
  or đồng — money is integer VND), ``text`` for text indicators, ``target`` for percent-of-target indicators,
  ``approximate`` for "hơn, gần, khoảng". Ratios are never stored: they are recomputed from their terms.
- ``ReportVersion``: the snapshot of values and narrative kept at every submission and approval.
- ``ExpectedReportEvent``: each workflow step, with who, when and the reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet
from thidua.orgs.history import HistoryScopedQuerySet

from .indicators import Indicator

# The headings of a real sơ kết report's narrative part, in its order.
DEFAULT_NARRATIVE_HEADINGS = [
    "Kết quả đạt được",
    "Ưu điểm",
    "Hạn chế, tồn tại",
    "Nguyên nhân",
    "Bài học kinh nghiệm",
    "Kiến nghị, đề xuất",
]


def default_narrative_headings() -> list[str]:
    return list(DEFAULT_NARRATIVE_HEADINGS)


class FormStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    PUBLISHED = "published", _("Đã ban hành")
    CLOSED = "closed", _("Đã kết thúc")


class ExpectedReportStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa nhập")
    DRAFT = "draft", _("Đang nhập")
    SUBMITTED = "submitted", _("Đã gửi cấp trên")
    APPROVED = "approved", _("Cấp trên đã duyệt")
    ACCEPTED = "accepted", _("Đã tổng hợp lên cấp trên")
    RETURNED = "returned", _("Cấp trên trả lại")
    WAIVED = "waived", _("Miễn báo cáo")


class ReportNotice(models.TextChoices):
    """The kinds of notice phase reports send (``thidua.notices``)."""

    PUBLISHED = "report_published", _("Cấp trên yêu cầu báo cáo kết quả đợt thi đua")
    SUBMITTED = "report_submitted", _("Đơn vị cấp dưới gửi báo cáo kết quả đợt thi đua")
    APPROVED = "report_approved", _("Cấp trên duyệt báo cáo kết quả đợt thi đua")
    RETURNED = "report_returned", _("Cấp trên trả lại báo cáo kết quả đợt thi đua")
    WAIVED = "report_waived", _("Cấp trên miễn báo cáo kết quả đợt thi đua")
    LATE_ENTRY = "report_late_entry", _("Cấp trên cho phép nhập báo cáo sau hạn")
    CLOSED = "report_closed", _("Cấp trên kết thúc nhận báo cáo kết quả đợt thi đua")


class ReportFormQuerySet(ScopedQuerySet):
    scope_lookup = "phase__plan__issuer__path"

    def current(self):
        return self.filter(archived_at__isnull=True)

    def published(self):
        return self.filter(status__in=[FormStatus.PUBLISHED, FormStatus.CLOSED])


class ReportForm(models.Model):
    phase = models.ForeignKey("plans.Phase", verbose_name=_("đợt thi đua"), on_delete=models.PROTECT,
                              related_name="report_forms")  # fmt: skip
    title = models.CharField(_("tên mẫu báo cáo"), max_length=300)
    levels = models.JSONField(_("các cấp báo cáo"), default=list)
    period_start = models.DateField(_("số liệu từ ngày"))
    period_end = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn gửi báo cáo"))
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=FormStatus.choices, default=FormStatus.DRAFT
    )
    narrative_headings = models.JSONField(_("các mục phần đánh giá"), default=default_narrative_headings)
    indicators = models.ManyToManyField(Indicator, through="ReportFormIndicator", related_name="forms")
    published_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    closed_at = models.DateTimeField(_("kết thúc nhận báo cáo lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = ReportFormQuerySet.as_manager()

    class Meta:
        verbose_name = _("mẫu báo cáo đợt thi đua")
        verbose_name_plural = _("mẫu báo cáo đợt thi đua")
        ordering = ["phase", "id"]
        indexes = [models.Index(fields=["phase", "status"], name="reportform_phase_status_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="reportform_period_ordered"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def issuer(self):
        return self.phase.plan.issuer

    @property
    def is_editable(self) -> bool:
        return self.status == FormStatus.DRAFT and self.archived_at is None


FORM_EVENT_LABELS = {
    "close_form": _("Kết thúc nhận báo cáo"),
    "reopen_form": _("Mở lại nhận báo cáo"),
}


class ReportFormEvent(models.Model):
    """One step of a published form's path (closed, reopened with a reason), with who and when."""

    form = models.ForeignKey(ReportForm, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, choices=FormStatus.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=FormStatus.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú, lý do"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử mẫu báo cáo")
        verbose_name_plural = _("lịch sử mẫu báo cáo")
        ordering = ["form", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.form_id}"

    @property
    def label(self) -> str:
        return str(FORM_EVENT_LABELS.get(self.action, self.action))


class ReportFormIndicator(models.Model):
    form = models.ForeignKey(ReportForm, on_delete=models.CASCADE, related_name="form_indicators")
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT,
                                  related_name="form_rows")  # fmt: skip
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=False)

    class Meta:
        verbose_name = _("chỉ tiêu của mẫu báo cáo")
        verbose_name_plural = _("chỉ tiêu của mẫu báo cáo")
        ordering = ["form", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["form", "indicator"], name="reportform_indicator_unique")
        ]

    def __str__(self) -> str:
        return str(self.indicator)


class ExpectedReportQuerySet(HistoryScopedQuerySet):
    """Seen by the unit's subtree and, read-only, by its successors once sent up (``orgs.history``)."""

    def history_condition(self) -> Q:
        return Q(status__in=[ExpectedReportStatus.SUBMITTED, ExpectedReportStatus.APPROVED,
                             ExpectedReportStatus.ACCEPTED])  # fmt: skip

    def current(self):
        return self.filter(archived_at__isnull=True)

    def of_form(self, form):
        return self.filter(form=form)


# The fields of an expected report whose changes a workflow step's audit record keeps.
REPORT_AUDIT_FIELDS = ["status", "due_on", "late_entry_until", "submitted_at", "submitted_by_id", "approved_at",
                       "approved_by_id", "returned_reason", "waived_reason", "version", "changes_since_approval",
                       "archived_at"]  # fmt: skip


class ExpectedReport(models.Model):
    form = models.ForeignKey(ReportForm, verbose_name=_("mẫu báo cáo"), on_delete=models.PROTECT,
                             related_name="expected_reports")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị báo cáo"), on_delete=models.PROTECT,
                             related_name="expected_reports")  # fmt: skip
    parent = models.ForeignKey("orgs.Unit", verbose_name=_("cấp trên duyệt"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    status = models.CharField(_("trạng thái"), max_length=12, choices=ExpectedReportStatus.choices,
                              default=ExpectedReportStatus.NOT_STARTED)  # fmt: skip
    due_on = models.DateField(_("hạn gửi"))
    late_entry_until = models.DateField(_("được nhập sau hạn đến hết ngày"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")  # fmt: skip
    approved_at = models.DateTimeField(_("duyệt lúc"), null=True, blank=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    returned_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)
    waived_reason = models.CharField(_("lý do miễn báo cáo"), max_length=500, blank=True)
    version = models.PositiveIntegerField(_("phiên bản"), default=0)
    changes_since_approval = models.PositiveIntegerField(_("số thay đổi sau lần duyệt gần nhất"), default=0)
    narrative = models.JSONField(_("phần đánh giá"), default=dict, blank=True)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = ExpectedReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo kết quả đợt thi đua")
        verbose_name_plural = _("báo cáo kết quả đợt thi đua")
        ordering = ["form", "unit__path", "id"]
        indexes = [
            models.Index(fields=["form", "status"], name="expreport_form_status_idx"),
            models.Index(fields=["unit"], name="expreport_unit_idx"),
            models.Index(fields=["parent", "form"], name="expreport_parent_form_idx"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["form", "unit"], name="expreport_one_per_form_unit"),
        ]

    def __str__(self) -> str:
        return f"{self.form} – {self.unit}"

    @property
    def is_locked(self) -> bool:
        """Approved, accepted or waived: the figures no longer change without the level above sending it back."""
        return self.status in (
            ExpectedReportStatus.APPROVED,
            ExpectedReportStatus.ACCEPTED,
            ExpectedReportStatus.WAIVED,
        )


EVENT_LABELS = {
    "publish_form": _("Ban hành mẫu báo cáo"),
    "begin_entry": _("Bắt đầu nhập"),
    "submit": _("Gửi cấp trên"),
    "approve_report": _("Cấp trên duyệt"),
    "finalise": _("Lãnh đạo duyệt báo cáo tổng hợp"),
    "accept_report": _("Cấp trên của cấp duyệt đã duyệt"),
    "unaccept_report": _("Báo cáo của cấp duyệt bị trả lại"),
    "return": _("Cấp trên trả lại"),
    "reopen_report": _("Lãnh đạo mở lại báo cáo tổng hợp"),
    "waive": _("Miễn báo cáo"),
    "late_entry": _("Cho phép nhập sau hạn"),
    "restructure": _("Theo sắp xếp tổ chức (thành lập, chuyển, sáp nhập, giải thể)"),
}


class ExpectedReportEvent(models.Model):
    """One workflow step (submit, approve, return, waive...) of an expected report, with who and when."""

    report = models.ForeignKey(ExpectedReport, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ trạng thái"), max_length=12, choices=ExpectedReportStatus.choices,
                                   blank=True)  # fmt: skip
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=ExpectedReportStatus.choices,
                                 blank=True)  # fmt: skip
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    changes = models.JSONField(_("nội dung thay đổi"), default=dict, blank=True)

    class Meta:
        verbose_name = _("lịch sử báo cáo kết quả")
        verbose_name_plural = _("lịch sử báo cáo kết quả")
        ordering = ["report", "at", "id"]
        indexes = [models.Index(fields=["report", "at"], name="expreportevent_report_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.report_id}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))


class ReportValue(models.Model):
    report = models.ForeignKey(ExpectedReport, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(Indicator, verbose_name=_("chỉ tiêu"), on_delete=models.PROTECT,
                                  related_name="values")  # fmt: skip
    # Whole numbers only (people, units, times, things, đồng): money is integer VND; ratios are never stored.
    value = models.DecimalField(_("số liệu"), max_digits=18, decimal_places=0, null=True, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    target = models.DecimalField(_("chỉ tiêu giao"), max_digits=18, decimal_places=0, null=True, blank=True)
    approximate = models.BooleanField(_("số ước (hơn, gần, khoảng)"), default=False)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        ordering = ["report", "indicator__order", "id"]
        indexes = [models.Index(fields=["indicator", "report"], name="reportvalue_indicator_idx")]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="reportvalue_one_per_indicator"),
            models.CheckConstraint(
                condition=Q(value__isnull=True) | Q(value__gte=0), name="reportvalue_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0), name="reportvalue_target_not_negative"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code}: {self.value if self.value is not None else self.text}"


class ReportVersion(models.Model):
    """A snapshot of a report kept at a submission or an approval: ``values`` maps indicator codes to
    ``{"value", "target", "text", "approximate"}`` (numbers as strings)."""

    report = models.ForeignKey(ExpectedReport, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("phiên bản số"))
    action = models.CharField(_("khi"), max_length=20, blank=True)
    values = models.JSONField(_("số liệu"), default=dict)
    narrative = models.JSONField(_("phần đánh giá"), default=dict, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("phiên bản báo cáo")
        verbose_name_plural = _("phiên bản báo cáo")
        ordering = ["report", "number"]
        constraints = [models.UniqueConstraint(fields=["report", "number"], name="reportversion_unique")]

    def __str__(self) -> str:
        return f"{self.report_id} v{self.number}"

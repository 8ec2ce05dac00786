"""Research topics and works for the congresses.

- ``ResearchTopic`` (đề tài nghiên cứu khoa học): registered by a unit with its lead and team, level, period and
  budget; carried out; then accepted (nghiệm thu) with a rating and the accepting decision — or not accepted, or
  stopped. An accepted topic is what the criteria of some titles ask for (Chiến sĩ thi đua). Its ``status`` moves
  through ``RESEARCH_WORKFLOW`` (``thidua.registrations.permissions.works``).
- ``ResearchMember``: the team, in order; a person of the system or a named outsider.
- ``CongressWork`` (công trình, sản phẩm chất lượng cao chào mừng Đại hội Công đoàn các cấp): name, kind, unit, value
  in VND, planned and actual completion, the congress it is dedicated to (its name and term, until congresses are
  records of their own), status through ``CONGRESS_WORK_WORKFLOW``.
- ``ResearchTopicEvent``, ``CongressWorkEvent``: each step, with who, when and the note or reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from thidua.orgs.history import HistoryScopedQuerySet


class ResearchLevel(models.TextChoices):
    GRASSROOTS = "grassroots", _("Cấp cơ sở")
    PROVINCE = "province", _("Cấp tỉnh, bộ, ngành")
    CONFEDERATION = "confederation", _("Cấp Tổng Liên đoàn")
    STATE = "state", _("Cấp nhà nước")


class ResearchStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    ACCEPTED = "accepted", _("Đã nghiệm thu")
    NOT_ACCEPTED = "not_accepted", _("Không đạt khi nghiệm thu")
    STOPPED = "stopped", _("Dừng thực hiện")


class ResearchRating(models.TextChoices):
    EXCELLENT = "excellent", _("Xuất sắc")
    GOOD = "good", _("Khá")
    PASS = "pass", _("Đạt")


class WorkKind(models.TextChoices):
    CONSTRUCTION = "construction", _("Công trình xây dựng")
    PRODUCT = "product", _("Sản phẩm")
    TECHNICAL = "technical", _("Công trình cải tiến kỹ thuật")
    WELFARE = "welfare", _("Công trình phúc lợi, xã hội")


class WorkStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    COMPLETED = "completed", _("Đã hoàn thành")
    CANCELLED = "cancelled", _("Không thực hiện")


class WorksQuerySet(HistoryScopedQuerySet):
    """Seen by the unit's subtree and, read-only, by its successors (``orgs.history.HistoryScopedQuerySet``)."""

    def current(self):
        return self.filter(archived_at__isnull=True)


class ResearchTopic(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="research_topics")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    title = models.CharField(_("tên đề tài"), max_length=500)
    field = models.CharField(_("lĩnh vực"), max_length=200, blank=True)
    level = models.CharField(_("cấp đề tài"), max_length=16, choices=ResearchLevel.choices,
                             default=ResearchLevel.GRASSROOTS)  # fmt: skip
    lead = models.ForeignKey("orgs.Person", verbose_name=_("chủ nhiệm đề tài"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="led_research_topics")  # fmt: skip
    lead_name = models.CharField(_("chủ nhiệm đề tài"), max_length=200)  # the person's name, or an outsider's
    start_on = models.DateField(_("bắt đầu"))
    end_on = models.DateField(_("kết thúc (dự kiến)"))
    budget_vnd = models.BigIntegerField(_("kinh phí (đồng)"), default=0)
    funding_source = models.CharField(_("nguồn kinh phí"), max_length=200, blank=True)
    summary = models.TextField(_("mục tiêu, nội dung chính"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=ResearchStatus.choices,
                              default=ResearchStatus.REGISTERED)  # fmt: skip
    accepted_on = models.DateField(_("ngày nghiệm thu"), null=True, blank=True)
    rating = models.CharField(
        _("xếp loại nghiệm thu"), max_length=10, choices=ResearchRating.choices, blank=True
    )
    decision_number = models.CharField(_("số quyết định công nhận kết quả"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    accepting_body = models.CharField(_("cơ quan nghiệm thu"), max_length=300, blank=True)
    outcome_reason = models.CharField(_("lý do (không đạt, dừng)"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = WorksQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề tài nghiên cứu khoa học")
        verbose_name_plural = _("đề tài nghiên cứu khoa học")
        ordering = ["-year", "title", "id"]
        indexes = [
            models.Index(fields=["unit", "year"], name="research_unit_year_idx"),
            models.Index(fields=["year", "status"], name="research_year_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")), name="research_period_order"
            ),
            models.CheckConstraint(condition=Q(budget_vnd__gte=0), name="research_budget_not_negative"),
            models.CheckConstraint(
                condition=~Q(status="accepted") | (~Q(rating="") & Q(accepted_on__isnull=False)),
                name="research_accepted_has_rating",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("works:topic-detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Its details change until it is accepted, not accepted or stopped."""
        return self.archived_at is None and self.status in {
            ResearchStatus.REGISTERED,
            ResearchStatus.IN_PROGRESS,
        }


class ResearchMember(models.Model):
    topic = models.ForeignKey(ResearchTopic, on_delete=models.CASCADE, related_name="members")
    person = models.ForeignKey("orgs.Person", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="research_memberships")  # fmt: skip
    full_name = models.CharField(_("họ và tên"), max_length=200)
    role = models.CharField(_("nhiệm vụ"), max_length=100, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("thành viên đề tài")
        verbose_name_plural = _("thành viên đề tài")
        ordering = ["topic", "position", "id"]
        indexes = [models.Index(fields=["person"], name="research_member_person_idx")]

    def __str__(self) -> str:
        return self.full_name


class ResearchTopicEvent(models.Model):
    topic = models.ForeignKey(ResearchTopic, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.topic_id}: {self.from_status} → {self.to_status}"

    def get_action_display(self) -> str:
        from thidua.core.audit import verb_label

        return verb_label(self.action)


class CongressWork(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="congress_works")  # fmt: skip
    name = models.CharField(_("tên công trình, sản phẩm"), max_length=500)
    kind = models.CharField(_("loại"), max_length=16, choices=WorkKind.choices)
    value_vnd = models.BigIntegerField(_("giá trị (đồng)"), default=0)
    location = models.CharField(_("địa điểm"), max_length=300, blank=True)
    description = models.TextField(_("mô tả"), blank=True)
    congress_name = models.CharField(_("chào mừng Đại hội"), max_length=300)
    congress_term = models.CharField(_("nhiệm kỳ"), max_length=40)  # "2018 – 2023"
    # The congress record it is dedicated to (thidua.congresses), when there is one: its unit or a unit above.
    congress_record = models.ForeignKey("congresses.Congress", verbose_name=_("Đại hội"), null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="works")  # fmt: skip
    planned_on = models.DateField(_("dự kiến hoàn thành"))
    completed_on = models.DateField(_("hoàn thành ngày"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=WorkStatus.choices,
                              default=WorkStatus.REGISTERED)  # fmt: skip
    outcome_reason = models.CharField(_("lý do không thực hiện"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = WorksQuerySet.as_manager()

    class Meta:
        verbose_name = _("công trình, sản phẩm chào mừng Đại hội")
        verbose_name_plural = _("công trình, sản phẩm chào mừng Đại hội")
        ordering = ["congress_name", "planned_on", "name", "id"]
        indexes = [
            models.Index(fields=["congress_name", "congress_term"], name="congress_work_congress_idx"),
            models.Index(fields=["unit", "planned_on"], name="congress_work_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(value_vnd__gte=0), name="congress_work_value_not_negative"),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_on__isnull=False),
                name="congress_work_completed_has_date",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("works:work-detail", args=[self.pk])

    @property
    def congress(self) -> str:
        if not self.congress_term:
            return self.congress_name
        return gettext("%(name)s, nhiệm kỳ %(term)s") % {
            "name": self.congress_name,
            "term": self.congress_term,
        }

    @property
    def is_editable(self) -> bool:
        return self.archived_at is None and self.status in {WorkStatus.REGISTERED, WorkStatus.IN_PROGRESS}


class CongressWorkEvent(models.Model):
    work = models.ForeignKey(CongressWork, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    from_status = models.CharField(max_length=12, blank=True)
    to_status = models.CharField(max_length=12)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.work_id}: {self.from_status} → {self.to_status}"

    def get_action_display(self) -> str:
        from thidua.core.audit import verb_label

        return verb_label(self.action)

"""The parts of a plan's text, in the order it reads: legal bases, focus movements, measures, reporting duties,
and the recipients ("Nơi nhận")."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.text import fold

from .phases import Phase
from .plans import DocumentKind, Plan


class LegalBasis(models.Model):
    """A document the plan cites ("Căn cứ ..."): kind, number/symbol, date, issuer and its quoted title.
    ``cited_plan`` links it when the cited document is a plan of the system (the upper plan of a cascade)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="legal_bases")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    kind = models.CharField(
        _("loại văn bản"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.PLAN
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 02/KH-TLĐ"))
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=300, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500, blank=True)
    cited_plan = models.ForeignKey(Plan, verbose_name=_("kế hoạch trong hệ thống"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="cited_by")  # fmt: skip

    class Meta:
        verbose_name = _("căn cứ")
        verbose_name_plural = _("căn cứ")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        parts = [self.get_kind_display(), f"số {self.number}" if self.number else ""]
        if self.date:
            parts.append(f"ngày {format_date(self.date)}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(p for p in parts if p)


class Movement(models.Model):
    """A focus movement (phong trào thi đua trọng tâm), numbered; one item may name several movements in quotes
    (``names``) and goes on with ``text``."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="movements")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    names = models.JSONField(_("tên phong trào"), default=list, blank=True)
    text = models.TextField(_("nội dung"), blank=True)
    # The upper plan's movement this one carries out: set by the cascade, or by the officer confirming a match
    # (``queries.movement_matches``) for a movement typed by hand.
    upper_movement = models.ForeignKey("self", verbose_name=_("phong trào tương ứng của kế hoạch cấp trên"),
                                       null=True, blank=True, on_delete=models.SET_NULL,
                                       related_name="lower_movements")  # fmt: skip

    class Meta:
        verbose_name = _("phong trào thi đua")
        verbose_name_plural = _("phong trào thi đua")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return "; ".join(f"“{n}”" for n in self.names) or self.text[:80]


class MeasureTarget(models.TextChoices):
    GRASSROOTS_BUSINESS = "grassroots_business", _("Công đoàn trong các đơn vị sản xuất kinh doanh")
    GRASSROOTS_ADMIN = "grassroots_admin", _("Công đoàn trong các cơ quan hành chính, sự nghiệp")
    UPPER = "upper", _("Công đoàn cấp trên cơ sở")
    GENERAL = "general", _("Biện pháp chung")


class Measure(models.Model):
    """One measure (a paragraph of section III) for one kind of unit."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="measures")
    target = models.CharField(_("đối tượng"), max_length=24, choices=MeasureTarget.choices)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    text = models.TextField(_("nội dung"))

    class Meta:
        verbose_name = _("biện pháp")
        verbose_name_plural = _("biện pháp")
        ordering = ["plan", "target", "order", "id"]
        indexes = [models.Index(fields=["plan", "target", "order"], name="measure_plan_target_idx")]

    def __str__(self) -> str:
        return self.text[:80]


class ReportingDuty(models.Model):
    """Who the plan's units report to, and by when ("báo cáo kết quả về LĐLĐ tỉnh (qua ban CS-PL)")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="reporting_duties")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    phase = models.ForeignKey(Phase, verbose_name=_("đợt"), null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="reporting_duties")  # fmt: skip
    to_whom = models.CharField(_("báo cáo về"), max_length=300)
    due = models.DateField(_("hạn báo cáo"), null=True, blank=True)
    text = models.CharField(_("nội dung báo cáo"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["plan", "order", "id"]
        indexes = [models.Index(fields=["due"], name="reportingduty_due_idx")]

    def __str__(self) -> str:
        return f"{self.to_whom} ({format_date(self.due)})" if self.due else self.to_whom


class RecipientPurpose(models.TextChoices):
    REPORT = "bao_cao", _("để báo cáo")
    IMPLEMENT = "thuc_hien", _("để thực hiện")
    ARCHIVE = "luu", _("lưu")
    INFORM = "biet", _("để biết")
    OTHER = "other", _("khác")


class Recipient(models.Model):
    """A line of "Nơi nhận": a name as written, its purpose, and the unit of the system it designates (``unit``), or
    every unit directly below the issuer (``to_subordinates``, "CĐ các cấp trực thuộc")."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="recipients")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("nơi nhận"), max_length=300)
    purpose = models.CharField(_("mục đích"), max_length=10, choices=RecipientPurpose.choices, blank=True)
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị trong hệ thống"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")  # fmt: skip
    to_subordinates = models.BooleanField(_("gửi mọi đơn vị trực thuộc"), default=False)

    class Meta:
        verbose_name = _("nơi nhận")
        verbose_name_plural = _("nơi nhận")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        """The line as "Nơi nhận" prints it: "Ban CSKT-XH&TKT TLĐ (để báo cáo)", "Lưu: VT, Ban CSPL"."""
        if self.purpose == RecipientPurpose.ARCHIVE:
            return self.name if fold(self.name).startswith("luu") else f"Lưu: {self.name}"
        if self.purpose and self.purpose != RecipientPurpose.OTHER:
            return f"{self.name} ({self.get_purpose_display()})"
        return self.name


class FreeSection(models.Model):
    """Paragraphs of the plan's text that belong to no part the system structures ("IV. KHEN THƯỞNG", a report's
    "I. KẾT QUẢ", a sentence an import could not place): kept in their order, with their heading if any, and printed
    where they stood in the text, after the part ``after`` names (issue 9: nothing of an imported text is lost)."""

    class After(models.TextChoices):
        """The part of the plan a free section follows, in the order the text reads."""

        OPENING = "opening", _("Sau phần mở đầu (căn cứ)")
        PURPOSES = "purposes", _("Sau phần mục đích, yêu cầu")
        CONTENTS = "contents", _("Sau phần nội dung thi đua")
        MEASURES = "measures", _("Sau phần biện pháp tổ chức thực hiện")
        PHASES = "phases", _("Sau các đợt thi đua")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="free_sections")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    after = models.CharField(
        _("vị trí"), max_length=12, choices=After.choices, default=After.MEASURES,
        help_text=_("Phần của kế hoạch mà mục này đứng sau, như trong văn bản gốc."),
    )  # fmt: skip
    heading = models.CharField(_("tiêu đề mục"), max_length=300, blank=True)
    text = models.TextField(_("nội dung"), help_text=_("Mỗi đoạn cách nhau một dòng trống."))

    class Meta:
        verbose_name = _("mục khác")
        verbose_name_plural = _("mục khác")
        ordering = ["plan", "order", "id"]

    def __str__(self) -> str:
        return self.heading or self.text[:80]

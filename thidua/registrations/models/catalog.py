"""The catalog of emulation titles and award forms, and their rules by period, as dated data.

Three layers of regulations: the State's (decrees), the confederation's (Tổng Liên đoàn's reward regulation) and a
provincial federation's own regulation on top. A ``Rule`` is what one regulation version says of one title or form
for a period ``[valid_from, valid_to]`` (``valid_to`` inclusive, open when empty). What applies on a date is the rule
in force that day in each layer, the higher layer's values overriding the lower's (``queries.rule_for``).

Every rule keeps its citation and its verification mark (VERIFIED / SECONDARY / UNVERIFIED); a fact whose source or
mark differs from the rule's own is kept in ``facts`` (field name -> {"mark", "source"}), so a value read from a
secondary summary is never shown as verified. Money multipliers are integers in hundredths (0.3 -> 30).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core import dates


class Layer(models.TextChoices):
    STATE = "state", _("Nhà nước")
    CONFEDERATION = "confederation", _("Tổng Liên đoàn Lao động Việt Nam")
    FEDERATION = "federation", _("LĐLĐ tỉnh, thành phố, công đoàn ngành trung ương")


LAYER_ORDER: dict[str, int] = {Layer.STATE: 0, Layer.CONFEDERATION: 1, Layer.FEDERATION: 2}


class Mark(models.TextChoices):
    VERIFIED = "VERIFIED", _("Đã đối chiếu văn bản gốc")
    SECONDARY = "SECONDARY", _("Theo nguồn thứ cấp")
    UNVERIFIED = "UNVERIFIED", _("Chưa xác minh")


# Weakest first: the mark of several facts together is the weakest of them.
MARK_STRENGTH = {Mark.UNVERIFIED: 0, Mark.SECONDARY: 1, Mark.VERIFIED: 2}


def weakest(marks) -> str:
    marks = [m for m in marks if m]
    return min(marks, key=lambda m: MARK_STRENGTH.get(m, 0)) if marks else Mark.UNVERIFIED


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Recipient(models.TextChoices):
    INDIVIDUAL = "individual", _("Cá nhân")
    COLLECTIVE = "collective", _("Tập thể")
    BOTH = "both", _("Cá nhân và tập thể")


class ConferringLevel(models.TextChoices):
    """Who confers (quyết định tặng), highest first."""

    STATE = "state", _("Chủ tịch nước")
    GOVERNMENT = "government", _("Chính phủ, Thủ tướng Chính phủ")
    MINISTRY_PROVINCE = "ministry_province", _("Bộ, ban, ngành, tỉnh, đoàn thể trung ương")
    CONFEDERATION = "confederation", _("Tổng Liên đoàn Lao động Việt Nam")
    FEDERATION = "federation", _("LĐLĐ tỉnh, thành phố, công đoàn ngành trung ương")
    UPPER = "upper", _("Công đoàn cấp trên trực tiếp cơ sở")
    GRASSROOTS = "grassroots", _("Công đoàn cơ sở")
    EMPLOYER = "employer", _("Thủ trưởng cơ quan, đơn vị, người sử dụng lao động")


LEVEL_ORDER = {level: i for i, level in enumerate(ConferringLevel.values)}


class VoteBase(models.TextChoices):
    TOTAL = "total", _("tổng số thành viên Hội đồng")
    PRESENT = "present", _("số thành viên dự họp")


class Regulation(models.Model):
    """One regulation version: a decree, the confederation's reward regulation, or a federation's own."""

    key = models.SlugField(_("mã văn bản"), max_length=60, unique=True)
    layer = models.CharField(_("tầng quy định"), max_length=20, choices=Layer.choices)
    federation = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("LĐLĐ tỉnh, công đoàn ngành"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="regulations",
    )
    number = models.CharField(_("số, ký hiệu"), max_length=60)
    name = models.CharField(_("tên, trích yếu"), max_length=500)
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    valid_from = models.DateField(_("hiệu lực từ ngày"))
    valid_to = models.DateField(_("hiệu lực đến hết ngày"), null=True, blank=True)
    citation = models.CharField(_("cách trích dẫn"), max_length=300, blank=True)
    mark = models.CharField(_("mức xác minh"), max_length=12, choices=Mark.choices, default=Mark.UNVERIFIED)
    source = models.TextField(_("nguồn"), blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("văn bản quy định")
        verbose_name_plural = _("văn bản quy định")
        ordering = ["valid_from", "key"]
        constraints = [
            models.CheckConstraint(
                condition=Q(layer="federation", federation__isnull=False)
                | (~Q(layer="federation") & Q(federation__isnull=True)),
                name="regulation_federation_only_for_its_layer",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="regulation_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number} – {self.name}"

    @property
    def document(self) -> str:
        return self.citation or self.number


class Award(models.Model):
    """An emulation title or an award form (the same thing across versions; its rules change by period)."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=300)
    kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    recipient = models.CharField(_("đối tượng"), max_length=12, choices=Recipient.choices)
    level = models.CharField(_("cấp quyết định"), max_length=20, choices=ConferringLevel.choices)
    chain = models.SlugField(_("chuỗi danh hiệu"), max_length=40, blank=True)
    rank = models.PositiveSmallIntegerField(_("bậc trong chuỗi"), default=0)
    federation = models.ForeignKey(
        "orgs.Unit",
        verbose_name=_("giải thưởng riêng của"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="own_awards",
    )
    sort = models.PositiveIntegerField(_("thứ tự"), default=0)
    note = models.TextField(_("ghi chú"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def for_individuals(self) -> bool:
        return self.recipient in (Recipient.INDIVIDUAL, Recipient.BOTH)

    @property
    def for_collectives(self) -> bool:
        return self.recipient in (Recipient.COLLECTIVE, Recipient.BOTH)


# The values a rule holds and a higher layer may override (empty = inherit from the layer below).
RULE_VALUE_FIELDS = (
    "name",
    "who_for",
    "conferred_by",
    "proposed_by",
    "criteria",
    "prerequisites",
    "quotas",
    "vote_threshold_percent",
    "vote_base",
    "multiplier_individual",
    "multiplier_collective",
)


class Rule(models.Model):
    """What one regulation version says of one title or form, for a period."""

    key = models.SlugField(_("mã quy định"), max_length=120, unique=True)
    award = models.ForeignKey(Award, verbose_name=_("danh hiệu, hình thức"), on_delete=models.PROTECT,
                              related_name="rules")  # fmt: skip
    regulation = models.ForeignKey(Regulation, verbose_name=_("văn bản"), on_delete=models.PROTECT,
                                   related_name="rules")  # fmt: skip
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True)
    name = models.CharField(_("tên gọi trong văn bản này"), max_length=300, blank=True)
    who_for = models.TextField(_("đối tượng"), blank=True)
    conferred_by = models.CharField(_("cấp quyết định tặng"), max_length=300, blank=True)
    proposed_by = models.CharField(_("cấp đề nghị"), max_length=300, blank=True)
    criteria = models.TextField(_("tiêu chuẩn"), blank=True)
    prerequisites = models.JSONField(_("điều kiện kiểm tra được"), default=list, blank=True)
    quotas = models.JSONField(_("tỷ lệ, số lượng khống chế"), default=list, blank=True)
    vote_threshold_percent = models.PositiveSmallIntegerField(_("tỷ lệ phiếu đồng ý tối thiểu (%)"), null=True,
                                                              blank=True)  # fmt: skip
    vote_base = models.CharField(_("tính trên"), max_length=10, choices=VoteBase.choices, blank=True)
    multiplier_individual = models.PositiveIntegerField(_("hệ số tiền thưởng cá nhân (phần trăm)"), null=True,
                                                        blank=True)  # fmt: skip
    multiplier_collective = models.PositiveIntegerField(_("hệ số tiền thưởng tập thể (phần trăm)"), null=True,
                                                        blank=True)  # fmt: skip
    article = models.CharField(_("điều"), max_length=40, blank=True)
    clause = models.CharField(_("khoản, điểm"), max_length=60, blank=True)
    mark = models.CharField(_("mức xác minh"), max_length=12, choices=Mark.choices, default=Mark.UNVERIFIED)
    source = models.TextField(_("nguồn"), blank=True)
    facts = models.JSONField(_("nguồn, mức xác minh của từng giá trị"), default=dict, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("quy định về danh hiệu, hình thức")
        verbose_name_plural = _("quy định về danh hiệu, hình thức")
        ordering = ["award__sort", "valid_from"]
        indexes = [models.Index(fields=["valid_from", "valid_to"], name="rule_period_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="rule_valid_to_after_from",
            ),
            models.CheckConstraint(
                condition=Q(vote_threshold_percent__isnull=True)
                | Q(vote_threshold_percent__gte=1, vote_threshold_percent__lte=100),
                name="rule_vote_threshold_is_a_percentage",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name or self.award.name} – {self.regulation.number}"

    @property
    def citation(self) -> str:
        """Document, article, clause: "Nghị định 91/2017/NĐ-CP, Điều 9, khoản 3"."""
        return ", ".join(p for p in (self.regulation.document, self.article, self.clause) if p)

    def fact(self, field: str) -> tuple[str, str]:
        """The mark and source of one value of this rule."""
        own = self.facts.get(field) or {}
        return own.get("mark") or self.mark, own.get("source") or self.source


class BaseSalary(models.Model):
    """The base salary (mức lương cơ sở) from a date: the multiplicand of every reward amount."""

    valid_from = models.DateField(_("áp dụng từ ngày"), unique=True)
    amount = models.PositiveIntegerField(_("mức lương cơ sở (đồng/tháng)"))
    instrument = models.CharField(_("văn bản"), max_length=200)
    mark = models.CharField(_("mức xác minh"), max_length=12, choices=Mark.choices, default=Mark.UNVERIFIED)
    source = models.TextField(_("nguồn"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mức lương cơ sở")
        verbose_name_plural = _("mức lương cơ sở")
        ordering = ["valid_from"]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="base_salary_positive")]

    def __str__(self) -> str:
        return f"{self.amount:,} đ từ {dates.format_date(self.valid_from)}".replace(",", ".")


class CatalogLoad(models.Model):
    """One load of the shipped data file: its version, digest and what changed."""

    version = models.CharField(_("phiên bản"), max_length=40)
    digest = models.CharField(_("mã băm"), max_length=64)
    loaded_at = models.DateTimeField(_("nạp lúc"), auto_now_add=True)
    loaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")  # fmt: skip
    summary = models.JSONField(_("thay đổi"), default=dict)

    class Meta:
        verbose_name = _("lần nạp danh mục")
        verbose_name_plural = _("lần nạp danh mục")
        ordering = ["-loaded_at", "-id"]

    def __str__(self) -> str:
        return f"{self.version} ({dates.format_datetime(self.loaded_at)})"

"""The indicator catalog (chỉ tiêu): what a phase report counts, in what unit, and how it rolls up the tree.

- ``Indicator``: one figure a report asks for. ``unit_of_measure`` says what is counted (people, union units, times,
  other things, money in đồng, a percentage, text); ``aggregation`` says how the figures of several units and several
  phases combine (``Aggregation``); ``numerator``/``denominator`` define a ratio, recomputed from their roll-ups and
  never typed; ``part_of`` names the whole a part must not exceed (women members ⊂ members); ``min_value`` and
  ``max_value`` bound what may be entered. ``owner`` empty: the default catalog shipped with the system
  (``catalog/indicators.json``, loaded by ``thidua.reports.loading``); a federation's own indicators carry its unit
  and are offered to its subtree. ``source`` and ``mark`` keep where the indicator was seen and how surely
  (``IndicatorMark``, the tags of ``shared/reference/indicators.md``).
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet


class UnitOfMeasure(models.TextChoices):
    PEOPLE = "nguoi", _("người")
    UNITS = "don_vi", _("đơn vị")
    TIMES = "luot", _("lượt")
    COUNT = (
        "so_luong",
        _("số lượng"),
    )  # other things counted: houses, meetings, initiatives (``count_word`` names them)
    MONEY = "dong", _("đồng")
    PERCENT = "percent", _("%")
    TEXT = "text", _("văn bản")


class Aggregation(models.TextChoices):
    SUM = "sum", _("Cộng dồn (số phát sinh trong kỳ)")
    END_OF_PERIOD = "end_of_period", _("Số cuối kỳ (cộng các đơn vị, không cộng các đợt)")
    RATIO = "ratio", _("Tỷ lệ, tính lại từ tử số và mẫu số")
    PERCENT_OF_TARGET = "percent_of_target", _("Tỷ lệ đạt so với chỉ tiêu giao")
    DECIDED_LEVEL = "decided_level", _("Tính ở cấp quyết định, không cộng từ báo cáo cấp dưới")
    NONE = "none", _("Không tổng hợp (nội dung văn bản)")


class CheckRule(models.TextChoices):
    """How the sum of a combined check's terms compares with its whole."""

    AT_MOST = "lte", _("không vượt")
    EQUAL = "eq", _("bằng")


class IndicatorMark(models.TextChoices):
    """How surely the indicator was seen in real reports (the tags of the reference catalog)."""

    SEEN = "SEEN", _("Đã thấy trong báo cáo, biểu mẫu thực tế")
    INFERRED = "INFERRED", _("Suy ra từ thực tiễn, chưa thấy số liệu")
    UNCERTAIN = "UNCERTAIN", _("Chưa chắc chắn")


# Units whose values are whole numbers (people, units, times, things, đồng).
WHOLE_UNITS = frozenset(
    {UnitOfMeasure.PEOPLE, UnitOfMeasure.UNITS, UnitOfMeasure.TIMES, UnitOfMeasure.COUNT, UnitOfMeasure.MONEY}
)


class IndicatorQuerySet(ScopedQuerySet):
    scope_lookup = "owner__path"

    def current(self):
        return self.filter(archived_at__isnull=True)

    def default_catalog(self):
        return self.filter(owner__isnull=True)

    def for_unit(self, unit):
        """The indicators a unit may use: the default catalog and those of the federations above it (or its own)."""
        from thidua.orgs.models import Unit

        step = Unit.steplen
        ancestors = [unit.path[:end] for end in range(step, len(unit.path) + 1, step)]
        return self.filter(Q(owner__isnull=True) | Q(owner__path__in=ancestors))


class Indicator(models.Model):
    code = models.CharField(_("mã chỉ tiêu"), max_length=20, unique=True)
    name = models.CharField(_("tên chỉ tiêu"), max_length=300)
    unit_of_measure = models.CharField(_("đơn vị tính"), max_length=10, choices=UnitOfMeasure.choices)
    count_word = models.CharField(_("đơn vị đếm"), max_length=40, blank=True,
                                  help_text=_("Với chỉ tiêu đếm số lượng: căn, cuộc, sáng kiến, hồ sơ…"))  # fmt: skip
    aggregation = models.CharField(_("cách tổng hợp"), max_length=20, choices=Aggregation.choices)
    numerator = models.ForeignKey("self", verbose_name=_("tử số"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")  # fmt: skip
    denominator = models.ForeignKey("self", verbose_name=_("mẫu số"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    part_of = models.ForeignKey("self", verbose_name=_("là một phần của"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="parts")  # fmt: skip
    min_value = models.DecimalField(_("giá trị nhỏ nhất"), max_digits=18, decimal_places=0, null=True,
                                    blank=True)  # fmt: skip
    max_value = models.DecimalField(_("giá trị lớn nhất"), max_digits=18, decimal_places=0, null=True,
                                    blank=True)  # fmt: skip
    group = models.CharField(_("nhóm (phong trào, chủ đề)"), max_length=200, blank=True)
    dimensions = models.JSONField(_("phân tổ"), default=list, blank=True)
    allows_approximate = models.BooleanField(_("cho phép số ước (hơn, gần, khoảng)"), default=False)
    # Cross-indicator checks on this indicator as the whole: ``[{"terms": ["TD06", "TD07"], "rule": "lte",
    # "source": "…"}]`` — the sum of the terms is at most (``lte``) or exactly (``eq``) this indicator's figure.
    checks = models.JSONField(_("kiểm tra kết hợp"), default=list, blank=True,
                              help_text=_("Tổng các chỉ tiêu thành phần so với chỉ tiêu này (≤ hoặc =)."))  # fmt: skip
    source = models.TextField(_("nguồn"), blank=True)
    mark = models.CharField(_("mức xác minh"), max_length=10, choices=IndicatorMark.choices,
                            default=IndicatorMark.SEEN)  # fmt: skip
    note = models.TextField(_("ghi chú"), blank=True)
    owner = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị ban hành chỉ tiêu"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="indicators")  # fmt: skip
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = IndicatorQuerySet.as_manager()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["order", "code"]
        indexes = [models.Index(fields=["owner", "order"], name="indicator_owner_order_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=models.F("min_value")),
                name="indicator_bounds_ordered",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(aggregation="ratio") | Q(numerator__isnull=True, denominator__isnull=True),
                name="indicator_terms_only_for_ratio",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.code} – {self.name}"

    @property
    def unit_label(self) -> str:
        """The unit as a report prints it ("người", "căn", "đồng", "%")."""
        if self.unit_of_measure == UnitOfMeasure.COUNT and self.count_word:
            return self.count_word
        return str(self.get_unit_of_measure_display())

    @property
    def is_entered(self) -> bool:
        """Is the figure typed by the reporting unit? Ratios are recomputed, never typed."""
        return self.aggregation != Aggregation.RATIO

    @property
    def is_text(self) -> bool:
        return self.unit_of_measure == UnitOfMeasure.TEXT

    @property
    def is_whole(self) -> bool:
        return self.unit_of_measure in WHOLE_UNITS

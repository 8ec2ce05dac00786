"""Xét điều kiện khen thưởng: the facts the engine reads besides the catalog, and the officers' overrides.

- ``Exclusion``: a fact that keeps a person (or a collective) from a reward or changes how its time counts — a
  disciplinary penalty with its level and period, an investigation (or inspection, audit, disciplinary consideration)
  or a complaint under verification, days of absence, maternity leave (counted as time worked), the date work began
  (tenure start) — with its source (the decision, the record it was read from) and dates. Entered or imported.
- ``TaskRating``: the yearly task rating (xếp loại mức độ hoàn thành nhiệm vụ) of a person or a collective, which
  the titles' criteria ask for (hoàn thành tốt, hoàn thành xuất sắc nhiệm vụ).
- ``Condition``: a general condition of eligibility that is not one title's (the catalog holds those), as dated
  data with its citation and mark: registration required, no reward under investigation, discipline and its
  period, maternity leave counted, not both a comprehensive and a thematic reward at one level, the value threshold
  of the Bằng Lao động sáng tạo... (loaded by migration 0002; ``engine`` reads them).
- ``Override``: an officer's forced verdict for a nominee, an award and a year, with the recorded reason, who and
  when; listed for the council. Withdrawn (archived), never deleted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.scoping import ScopedQuerySet
from thidua.registrations.models import Mark


class ExclusionKind(models.TextChoices):
    DISCIPLINE = "discipline", _("Kỷ luật")
    INVESTIGATION = "investigation", _("Đang xem xét kỷ luật, điều tra, thanh tra, kiểm toán")
    COMPLAINT = "complaint", _("Đang xác minh khiếu nại, tố cáo")
    ABSENCE = "absence", _("Nghỉ việc (ngày làm việc)")
    MATERNITY = "maternity", _("Nghỉ thai sản")
    TENURE_START = "tenure_start", _("Ngày bắt đầu công tác (tuyển dụng)")


class DisciplineLevel(models.TextChoices):
    """Lightest first (the order counts: a rule "từ khiển trách trở lên" covers every level from it)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    DEMOTION = "demotion", _("Hạ bậc lương, giáng chức, cách chức")
    DISMISSAL = "dismissal", _("Buộc thôi việc, khai trừ")


DISCIPLINE_ORDER = {level: i for i, level in enumerate(DisciplineLevel.values)}


class FactSource(models.TextChoices):
    ENTERED = "entered", _("Nhập trên hệ thống")
    IMPORTED = "imported", _("Nhập từ tệp Excel")


class UnitOwnedQuerySet(ScopedQuerySet):
    """Rows kept by a unit (``unit``): seen by its subtree."""

    scope_lookup = "unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)


def _one_subject(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(person__isnull=False, subject_unit__isnull=True)
        | Q(person__isnull=True, subject_unit__isnull=False),
        name=f"{prefix}_one_subject",
    )


class Exclusion(models.Model):
    person = models.ForeignKey("orgs.Person", verbose_name=_("người lao động"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="eligibility_exclusions")  # fmt: skip
    subject_unit = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="eligibility_exclusions")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị ghi nhận"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    kind = models.CharField(_("loại"), max_length=16, choices=ExclusionKind.choices)
    level = models.CharField(
        _("hình thức kỷ luật"), max_length=12, choices=DisciplineLevel.choices, blank=True
    )
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến hết ngày"), null=True, blank=True)
    days = models.PositiveSmallIntegerField(_("số ngày làm việc"), null=True, blank=True)
    source = models.CharField(_("căn cứ (quyết định, văn bản)"), max_length=300)
    origin = models.CharField(_("nguồn nhập"), max_length=10, choices=FactSource.choices,
                              default=FactSource.ENTERED)  # fmt: skip
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sự việc ảnh hưởng xét khen thưởng")
        verbose_name_plural = _("sự việc ảnh hưởng xét khen thưởng")
        ordering = ["-starts_on", "-id"]
        indexes = [
            models.Index(fields=["person", "starts_on"], name="elig_excl_person_idx"),
            models.Index(fields=["subject_unit", "starts_on"], name="elig_excl_unit_idx"),
        ]
        constraints = [
            _one_subject("elig_excl"),
            models.CheckConstraint(
                condition=(Q(kind="discipline") & ~Q(level="")) | (~Q(kind="discipline") & Q(level="")),
                name="elig_excl_level_only_discipline",
            ),
            models.CheckConstraint(
                condition=(Q(kind="absence") & Q(days__gt=0)) | (~Q(kind="absence") & Q(days__isnull=True)),
                name="elig_excl_days_only_absence",
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="elig_excl_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        what = self.get_level_display() if self.level else self.get_kind_display()
        return f"{what} – {self.subject_name} ({format_date(self.starts_on)})"

    @property
    def subject_name(self) -> str:
        return str(self.person or self.subject_unit)


class Rating(models.TextChoices):
    """Lowest first."""

    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")


RATING_ORDER = {rating: i for i, rating in enumerate(Rating.values)}


class TaskRating(models.Model):
    person = models.ForeignKey("orgs.Person", verbose_name=_("người lao động"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="task_ratings")  # fmt: skip
    subject_unit = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="task_ratings")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị đánh giá"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    rating = models.CharField(_("xếp loại"), max_length=16, choices=Rating.choices)
    source = models.CharField(_("căn cứ"), max_length=300, blank=True)
    origin = models.CharField(_("nguồn nhập"), max_length=10, choices=FactSource.choices,
                              default=FactSource.ENTERED)  # fmt: skip
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    recorded_at = models.DateTimeField(_("ghi nhận lúc"), auto_now_add=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = UnitOwnedQuerySet.as_manager()

    class Meta:
        verbose_name = _("xếp loại mức độ hoàn thành nhiệm vụ")
        verbose_name_plural = _("xếp loại mức độ hoàn thành nhiệm vụ")
        ordering = ["-year", "id"]
        indexes = [models.Index(fields=["person", "year"], name="elig_rating_person_idx")]
        constraints = [
            _one_subject("elig_rating"),
            models.UniqueConstraint(
                fields=["person", "year"],
                condition=Q(archived_at__isnull=True, person__isnull=False),
                name="elig_rating_person_year",
            ),
            models.UniqueConstraint(
                fields=["subject_unit", "year"],
                condition=Q(archived_at__isnull=True, subject_unit__isnull=False),
                name="elig_rating_unit_year",
            ),
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200), name="elig_rating_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.subject_unit} – {self.year}: {self.get_rating_display()}"


class Condition(models.Model):
    """A general condition of eligibility in force for a period, with its citation and mark (see the module)."""

    key = models.SlugField(_("mã điều kiện"), max_length=60)
    name = models.CharField(_("tên điều kiện"), max_length=300)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến hết ngày"), null=True, blank=True)
    # Award codes it applies to (empty: every title and form); the values it uses (thresholds, lists of codes).
    applies_to = models.JSONField(_("áp dụng cho danh hiệu, hình thức"), default=list, blank=True)
    value = models.JSONField(_("giá trị"), default=dict, blank=True)
    citation = models.CharField(_("trích dẫn"), max_length=300)
    mark = models.CharField(_("mức xác minh"), max_length=12, choices=Mark.choices, default=Mark.UNVERIFIED)
    source = models.TextField(_("nguồn"), blank=True)
    active = models.BooleanField(_("đang dùng"), default=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("điều kiện chung khi xét khen thưởng")
        verbose_name_plural = _("điều kiện chung khi xét khen thưởng")
        ordering = ["key", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["key", "valid_from"], name="elig_condition_key_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="elig_condition_valid_to_after_from",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.citation})"


class Outcome(models.TextChoices):
    ELIGIBLE = "eligible", _("Đủ điều kiện")
    NOT_ELIGIBLE = "not_eligible", _("Không đủ điều kiện")
    NEEDS_JUDGEMENT = "needs_judgement", _("Cần xem xét, quyết định")


class OverrideQuerySet(UnitOwnedQuerySet):
    pass


class Override(models.Model):
    person = models.ForeignKey("orgs.Person", verbose_name=_("người được đề nghị"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="eligibility_overrides")  # fmt: skip
    subject_unit = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể được đề nghị"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="eligibility_overrides")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    award = models.ForeignKey("registrations.Award", verbose_name=_("danh hiệu, hình thức"),
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm xét"))
    outcome = models.CharField(_("kết luận của cán bộ"), max_length=16,
                               choices=[(Outcome.ELIGIBLE, Outcome.ELIGIBLE.label),
                                        (Outcome.NOT_ELIGIBLE, Outcome.NOT_ELIGIBLE.label)])  # fmt: skip
    computed = models.CharField(_("kết quả hệ thống xét"), max_length=16, choices=Outcome.choices)
    reason = models.TextField(_("lý do"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người quyết định"), null=True,
                           on_delete=models.PROTECT, related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    archived_at = models.DateTimeField(_("rút lại lúc"), null=True, blank=True)
    archived_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip

    objects = OverrideQuerySet.as_manager()

    class Meta:
        verbose_name = _("kết luận thay kết quả xét điều kiện")
        verbose_name_plural = _("kết luận thay kết quả xét điều kiện")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["unit", "year"], name="elig_override_unit_year_idx")]
        constraints = [
            _one_subject("elig_override"),
            models.UniqueConstraint(
                fields=["person", "award", "year"],
                condition=Q(archived_at__isnull=True, person__isnull=False),
                name="elig_override_one_person",
            ),
            models.UniqueConstraint(
                fields=["subject_unit", "award", "year"],
                condition=Q(archived_at__isnull=True, subject_unit__isnull=False),
                name="elig_override_one_unit",
            ),
            models.CheckConstraint(condition=~Q(reason=""), name="elig_override_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.subject_unit} – {self.award} {self.year}: {self.get_outcome_display()}"

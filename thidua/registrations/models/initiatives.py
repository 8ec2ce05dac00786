"""Initiatives (sáng kiến): registered by a unit for its people (and named outsiders), applied, reviewed by the
initiative council of the recognising body, then recognised (with the decision, the body and the scope of effect
that title criteria ask for) or not recognised with the reason.

- ``Initiative``: the initiative and where it stands (``status`` moves through ``INITIATIVE_WORKFLOW`` in
  ``thidua.registrations.permissions.initiatives``); the recognition's decision and scope are its fields, filled by
  the step that recognises it. ``folded_title`` and ``folded_text`` hold the title and the content without
  diacritics (``core.text.fold``): the search and the duplicate check read them.
- ``InitiativeAuthor``: a person of the system or a named outsider, with a share of the contribution (the shares of
  an initiative add up to 100 %).
- ``InitiativeReview`` and ``ReviewMember``: the council's sitting (who sat, each member's score or vote, the
  minutes).
- ``InitiativeEvent``: each step of the path, with who, when and the reason.
- ``DuplicateCheck``: an initiative that looks like one registered elsewhere. When the match is in the registering
  user's scope the officer saw both and decided; when it is in another branch it goes to the lowest unit above both
  (``reviewer_unit``), whose users see both and decide — the registering side sees only that a check was sent up.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.scoping import ScopedQuerySet
from thidua.orgs.history import HistoryScopedQuerySet


class InitiativeStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    APPLIED = "applied", _("Đã áp dụng")
    REVIEWED = "reviewed", _("Hội đồng đã xét")
    RECOGNISED = "recognised", _("Được công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không được công nhận")


class InitiativeField(models.TextChoices):
    TECHNICAL = "technical", _("Kỹ thuật, công nghệ sản xuất")
    MANAGEMENT = "management", _("Quản lý, tổ chức sản xuất")
    EDUCATION = "education", _("Giáo dục, đào tạo")
    HEALTH = "health", _("Y tế, chăm sóc sức khỏe")
    AGRICULTURE = "agriculture", _("Nông nghiệp, thủy sản")
    ADMINISTRATION = "administration", _("Hành chính, cải cách thủ tục")
    UNION = "union", _("Công tác công đoàn")
    OTHER = "other", _("Lĩnh vực khác")


class EffectScope(models.TextChoices):
    """How far a recognised initiative's effect reaches: what title criteria ask for (a Chiến sĩ thi đua cơ sở needs
    one of grassroots effect, a Chiến sĩ thi đua cấp tỉnh one of provincial effect...)."""

    GRASSROOTS = "grassroots", _("Phạm vi cơ sở")
    PROVINCE = "province", _("Phạm vi ngành, tỉnh")
    NATIONAL = "national", _("Phạm vi toàn quốc")


class InitiativeQuerySet(HistoryScopedQuerySet):
    """Seen by the unit's subtree and, read-only, by its successors (``orgs.history.HistoryScopedQuerySet``)."""

    def current(self):
        return self.filter(archived_at__isnull=True)

    def recognised(self):
        return self.filter(status=InitiativeStatus.RECOGNISED)


class Initiative(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT,
                             related_name="initiatives")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm đăng ký"))
    title = models.CharField(_("tên sáng kiến"), max_length=300)
    field = models.CharField(_("lĩnh vực"), max_length=20, choices=InitiativeField.choices)
    problem = models.TextField(_("thực trạng, vấn đề cần giải quyết"))
    solution = models.TextField(_("nội dung giải pháp"))
    applied_where = models.CharField(_("nơi áp dụng"), max_length=300, blank=True)
    applied_since = models.DateField(_("áp dụng từ ngày"), null=True, blank=True)
    benefit_vnd = models.PositiveBigIntegerField(_("số tiền làm lợi mỗi năm (đồng)"), null=True, blank=True)
    benefit_text = models.TextField(_("hiệu quả không tính được bằng tiền"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=16, choices=InitiativeStatus.choices,
                              default=InitiativeStatus.REGISTERED)  # fmt: skip
    registered_on = models.DateField(_("ngày đăng ký"))
    # Recognition (or not): what the recognising step records.
    decision_number = models.CharField(_("số quyết định công nhận"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    recognising_body = models.CharField(_("cơ quan, đơn vị công nhận"), max_length=300, blank=True)
    effect_scope = models.CharField(_("phạm vi ảnh hưởng"), max_length=12, choices=EffectScope.choices,
                                    blank=True)  # fmt: skip
    not_recognised_reason = models.CharField(_("lý do không công nhận"), max_length=500, blank=True)
    # Without diacritics, for the search and the duplicate check (core.text.fold); kept by the actions.
    folded_title = models.CharField(max_length=300, editable=False, default="", db_index=True)
    folded_text = models.TextField(editable=False, default="")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = InitiativeQuerySet.as_manager()

    class Meta:
        verbose_name = _("sáng kiến")
        verbose_name_plural = _("sáng kiến")
        ordering = ["-year", "-registered_on", "-id"]
        indexes = [
            models.Index(fields=["year", "status"], name="init_year_status_idx"),
            models.Index(fields=["unit", "year"], name="init_unit_year_idx"),
            models.Index(fields=["status", "effect_scope"], name="init_status_scope_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2200), name="init_year_sane"),
            models.CheckConstraint(
                condition=~Q(status="recognised")
                | (
                    ~Q(decision_number="")
                    & Q(decision_date__isnull=False)
                    & ~Q(recognising_body="")
                    & ~Q(effect_scope="")
                ),
                name="init_recognised_has_decision",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=~Q(status="not_recognised") | ~Q(not_recognised_reason=""),
                name="init_not_recognised_has_reason",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        """Its content may still be changed (before the council sits)."""
        return self.archived_at is None and self.status in (
            InitiativeStatus.REGISTERED,
            InitiativeStatus.APPLIED,
        )


class InitiativeAuthor(models.Model):
    """An author: a person of the system (``person``) or a named outsider (``person`` empty), with a share."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="authors")
    person = models.ForeignKey("orgs.Person", verbose_name=_("người trong hệ thống"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="initiative_authorships")  # fmt: skip
    name = models.CharField(_("họ và tên"), max_length=150)
    workplace = models.CharField(_("nơi công tác"), max_length=300, blank=True)
    share = models.DecimalField(_("tỷ lệ đóng góp (%)"), max_digits=5, decimal_places=2)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        verbose_name = _("tác giả sáng kiến")
        verbose_name_plural = _("tác giả sáng kiến")
        ordering = ["initiative", "order", "id"]
        indexes = [models.Index(fields=["person"], name="init_author_person_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(share__gt=0) & Q(share__lte=100), name="init_author_share_range"
            ),
            models.UniqueConstraint(
                fields=["initiative", "person"],
                name="init_author_person_once",
                condition=Q(person__isnull=False),
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.share} %)"

    @property
    def is_outsider(self) -> bool:
        return self.person_id is None


SHARES_TOTAL = Decimal("100.00")


class ReviewMode(models.TextChoices):
    SCORES = "scores", _("Chấm điểm")
    VOTES = "votes", _("Biểu quyết")


class Vote(models.TextChoices):
    FOR = "for", _("Tán thành")
    AGAINST = "against", _("Không tán thành")
    ABSTAIN = "abstain", _("Không biểu quyết")


class InitiativeReview(models.Model):
    """The sitting of the initiative council (Hội đồng sáng kiến) of the recognising body."""

    initiative = models.OneToOneField(Initiative, on_delete=models.PROTECT, related_name="review")
    council = models.CharField(_("hội đồng xét"), max_length=300)
    held_on = models.DateField(_("ngày họp"))
    mode = models.CharField(_("hình thức đánh giá"), max_length=8, choices=ReviewMode.choices)
    minutes = models.TextField(_("biên bản, kết luận của hội đồng"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+")  # fmt: skip
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kết quả xét của hội đồng sáng kiến")
        verbose_name_plural = _("kết quả xét của hội đồng sáng kiến")

    def __str__(self) -> str:
        return f"{self.council} – {format_date(self.held_on)}"


class ReviewMember(models.Model):
    review = models.ForeignKey(InitiativeReview, on_delete=models.CASCADE, related_name="members")
    name = models.CharField(_("thành viên hội đồng"), max_length=150)
    role = models.CharField(_("chức danh trong hội đồng"), max_length=100, blank=True)
    score = models.PositiveSmallIntegerField(_("điểm"), null=True, blank=True)
    vote = models.CharField(_("biểu quyết"), max_length=8, choices=Vote.choices, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)

    class Meta:
        verbose_name = _("thành viên hội đồng sáng kiến")
        verbose_name_plural = _("thành viên hội đồng sáng kiến")
        ordering = ["review", "order", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__isnull=True) | Q(score__lte=100), name="init_member_score"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class InitiativeEvent(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(_("từ trạng thái"), max_length=16, choices=InitiativeStatus.choices,
                                   blank=True)  # fmt: skip
    to_status = models.CharField(_("sang trạng thái"), max_length=16, choices=InitiativeStatus.choices,
                                 blank=True)  # fmt: skip
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử sáng kiến")
        verbose_name_plural = _("lịch sử sáng kiến")
        ordering = ["initiative", "at", "id"]
        indexes = [models.Index(fields=["initiative", "at"], name="initevent_init_idx")]

    def __str__(self) -> str:
        return f"{self.action} {self.initiative_id}"


class CheckStatus(models.TextChoices):
    PENDING = "pending", _("Chờ cấp trên kiểm tra")
    DUPLICATE = "duplicate", _("Trùng")
    DISTINCT = "distinct", _("Không trùng")


class DuplicateCheckQuerySet(ScopedQuerySet):
    """Read by the unit that decides (``reviewer_unit``) and the levels above it: they see both initiatives."""

    scope_lookup = "reviewer_unit__path"

    def pending(self):
        return self.filter(status=CheckStatus.PENDING)


class DuplicateCheck(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="duplicate_checks")
    match = models.ForeignKey(Initiative, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(_("mức giống nhau (%)"))
    reviewer_unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị kiểm tra"), on_delete=models.PROTECT,
                                      related_name="+")  # fmt: skip
    sent_up = models.BooleanField(_("gửi cấp trên kiểm tra"), default=False)
    status = models.CharField(_("kết luận"), max_length=10, choices=CheckStatus.choices,
                              default=CheckStatus.PENDING)  # fmt: skip
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = DuplicateCheckQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiểm tra trùng sáng kiến")
        verbose_name_plural = _("kiểm tra trùng sáng kiến")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "reviewer_unit"], name="init_check_status_idx")]
        constraints = [
            models.UniqueConstraint(fields=["initiative", "match"], name="init_check_once"),
            models.CheckConstraint(condition=~Q(initiative=models.F("match")), name="init_check_not_itself"),
            models.CheckConstraint(condition=Q(score__lte=100), name="init_check_score"),
        ]

    def __str__(self) -> str:
        return f"{self.initiative_id} ~ {self.match_id} ({self.score} %)"

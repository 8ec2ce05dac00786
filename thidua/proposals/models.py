"""Đề nghị khen thưởng: the kinds of reward, a unit's proposal with its nominees, and its history.

- ``RewardKind``: a kind of reward as data (year-end achievement, thematic, sudden, length of service, onward to
  higher levels), with the dossier items its rule asks for (``dossier``: codes of ``DOSSIER_ITEMS``), the cap per
  federation and theme where there is one, its citation. Loaded by the data migration 0002; a federation may add
  its own through the admin.
- ``Proposal``: the proposing ``unit`` asks ``to_unit`` (its level above; the unit itself when it commends at its own
  level) for rewards of one ``kind`` and ``year``, optionally for a ``movement`` of a plan (thematic), with the
  ``deadline`` of the plan's phase that opens proposals. Its ``status`` moves through ``PROPOSAL_WORKFLOW``
  (``thidua.proposals.permissions``): draft → sent → received → done; returned with a reason; withdrawn.
  ``forwarded_as`` is the level above's own proposal that carries some of its nominees further up (the chain).
- ``Nominee``: a person or a collective (unit) proposed for an ``award`` of the catalog, with the achievement report
  (báo cáo thành tích, editable text), the facts the rules give priority to (direct production worker, worker of a
  non-State enterprise, woman) as they were when proposed, its ``result`` once the level above has handled it, the
  nominee it came from (``origin``, in the lower proposal) and the first one of its chain (``root``).
- ``ProposalEvent``: each workflow step, with who, when and the reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet, scope_q

# The items a dossier may need, by code: what the completeness check names when one is missing.
DOSSIER_ITEMS: dict[str, str] = {
    "cover_letter": _("Tờ trình đề nghị khen thưởng"),
    "achievement_report": _("Báo cáo thành tích của cá nhân, tập thể"),
    "brief_report": _("Báo cáo tóm tắt thành tích"),
    "council_minutes": _("Biên bản họp Hội đồng thi đua – khen thưởng của đơn vị đề nghị"),
    "service_years": _("Số năm công tác công đoàn"),
    "evidence": _("Tài liệu chứng minh thành tích (tệp đính kèm)"),
    "confirmation": _("Xác nhận của cơ quan, đơn vị (tệp đính kèm)"),
}
# Nominee-level items (the others are the proposal's).
NOMINEE_ITEMS = frozenset({"achievement_report", "brief_report", "service_years", "evidence", "confirmation"})


class Category(models.TextChoices):
    YEAR_END = "year_end", _("Khen thưởng công trạng, tổng kết năm")
    THEMATIC = "thematic", _("Khen thưởng theo chuyên đề")
    SUDDEN = "sudden", _("Khen thưởng đột xuất")
    SERVICE = "service", _("Khen thưởng quá trình cống hiến")
    ONWARD = "onward", _("Đề nghị cấp trên khen thưởng")


class RewardKind(models.Model):
    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    category = models.CharField(_("loại"), max_length=20, choices=Category.choices)
    description = models.TextField(_("mô tả"), blank=True)
    dossier = models.JSONField(_("thành phần hồ sơ"), default=list, blank=True)
    award_codes = models.JSONField(_("danh hiệu, hình thức thường đề nghị"), default=list, blank=True)
    needs_movement = models.BooleanField(_("theo phong trào, chuyên đề"), default=False)
    simplified = models.BooleanField(_("thủ tục đơn giản"), default=False)
    cap_per_theme = models.PositiveIntegerField(_("số lượng tối đa mỗi LĐLĐ, mỗi chuyên đề"), null=True,
                                                blank=True)  # fmt: skip
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)
    mark = models.CharField(_("mức xác minh"), max_length=12, default="UNVERIFIED")
    sort = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("loại khen thưởng")
        verbose_name_plural = _("loại khen thưởng")
        ordering = ["sort", "code"]

    def __str__(self) -> str:
        return self.name

    @property
    def dossier_labels(self) -> list[str]:
        return [str(DOSSIER_ITEMS.get(code, code)) for code in self.dossier]


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SENT = "sent", _("Đã gửi, chờ cấp trên tiếp nhận")
    RECEIVED = "received", _("Cấp trên đang xem xét")
    RETURNED = "returned", _("Cấp trên trả lại")
    DONE = "done", _("Đã xử lý xong")
    WITHDRAWN = "withdrawn", _("Đã rút")


class ProposalNotice(models.TextChoices):
    SENT = "proposal_sent", _("Đơn vị cấp dưới gửi đề nghị khen thưởng")
    RETURNED = "proposal_returned", _("Cấp trên trả lại đề nghị khen thưởng")
    DONE = "proposal_done", _("Cấp trên đã xử lý đề nghị khen thưởng")


class ProposalQuerySet(ScopedQuerySet):
    """Seen by the proposing unit's subtree, and (once sent) by the subtree of the unit it is addressed to."""

    scope_lookup = "unit__path"

    def visible_to(self, user, perm: str = "view"):
        mine = scope_q(user, "unit__path", perm)
        received = scope_q(user, "to_unit__path", perm) & ~Q(status=ProposalStatus.DRAFT)
        return self.filter(mine | received)

    def sent_by(self, user, perm: str = "view"):
        return self.filter(scope_q(user, "unit__path", perm))

    def received_by(self, user, perm: str = "view"):
        """Sent to a unit of the user's subtrees (not the own-level ones, which no level above receives)."""
        return (
            self.filter(scope_q(user, "to_unit__path", perm))
            .exclude(status=ProposalStatus.DRAFT)
            .exclude(unit=models.F("to_unit"))
        )

    def current(self):
        return self.filter(archived_at__isnull=True)


class Proposal(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT,
                             related_name="reward_proposals")  # fmt: skip
    to_unit = models.ForeignKey("orgs.Unit", verbose_name=_("gửi cấp xét"), on_delete=models.PROTECT,
                                related_name="received_reward_proposals")  # fmt: skip
    kind = models.ForeignKey(RewardKind, verbose_name=_("loại khen thưởng"), on_delete=models.PROTECT,
                             related_name="proposals")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    plan = models.ForeignKey("plans.Plan", verbose_name=_("theo kế hoạch"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="+")  # fmt: skip
    movement = models.ForeignKey("plans.Movement", verbose_name=_("phong trào, chuyên đề"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")  # fmt: skip
    phase = models.ForeignKey("plans.Phase", verbose_name=_("đợt thi đua"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    deadline = models.DateField(_("hạn gửi đề nghị"), null=True, blank=True)
    number = models.CharField(_("số tờ trình"), max_length=60, blank=True)
    title = models.CharField(_("trích yếu"), max_length=300)
    body = models.TextField(_("nội dung tờ trình"), blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT)  # fmt: skip
    sent_at = models.DateTimeField(_("gửi lúc"), null=True, blank=True)
    late = models.BooleanField(_("gửi sau hạn"), default=False)
    return_reason = models.CharField(_("lý do trả lại"), max_length=500, blank=True)
    forwarded_as = models.ForeignKey("self", verbose_name=_("cấp trên trình tiếp bằng đề nghị"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="carries")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("đề nghị khen thưởng")
        verbose_name_plural = _("đề nghị khen thưởng")
        ordering = ["-year", "-created_at", "-id"]
        indexes = [
            models.Index(fields=["unit", "year"], name="proposal_unit_year_idx"),
            models.Index(fields=["to_unit", "status"], name="proposal_to_unit_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(year__gte=1945) & Q(year__lte=2200), name="proposal_year_sane"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def own_level(self) -> bool:
        """The unit commends at its own level (no level above involved)."""
        return self.unit_id == self.to_unit_id

    @property
    def is_editable(self) -> bool:
        return self.archived_at is None and self.status in (ProposalStatus.DRAFT, ProposalStatus.RETURNED)


class NomineeResult(models.TextChoices):
    PENDING = "pending", _("Chưa xét")
    APPROVED = "approved", _("Được khen thưởng")
    NOT_APPROVED = "not_approved", _("Không được khen thưởng")
    FORWARDED = "forwarded", _("Đã trình cấp trên")


class NomineeQuerySet(ScopedQuerySet):
    scope_lookup = "proposal__unit__path"

    def visible_to(self, user, perm: str = "view"):
        return self.filter(proposal__in=Proposal.objects.visible_to(user, perm))

    def current(self):
        return self.filter(archived_at__isnull=True)


class Nominee(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="nominees")
    person = models.ForeignKey("orgs.Person", verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reward_nominations")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="reward_nominations")  # fmt: skip
    award = models.ForeignKey("registrations.Award", verbose_name=_("danh hiệu, hình thức đề nghị"),
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    position = models.CharField(_("chức vụ, đơn vị công tác"), max_length=300, blank=True)
    summary = models.CharField(_("tóm tắt thành tích"), max_length=1000, blank=True)
    achievement = models.TextField(_("báo cáo thành tích"), blank=True)
    service_years = models.PositiveSmallIntegerField(_("số năm công tác công đoàn"), null=True, blank=True)
    direct_production_worker = models.BooleanField(_("công nhân trực tiếp sản xuất"), default=False)
    non_state_worker = models.BooleanField(_("người lao động doanh nghiệp ngoài nhà nước"), default=False)
    woman = models.BooleanField(_("nữ"), default=False)
    result = models.CharField(_("kết quả"), max_length=14, choices=NomineeResult.choices,
                              default=NomineeResult.PENDING)  # fmt: skip
    result_note = models.CharField(_("ghi chú kết quả"), max_length=500, blank=True)
    origin = models.ForeignKey("self", verbose_name=_("đề nghị của cấp dưới"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="forwards")  # fmt: skip
    root = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    agenda_item = models.ForeignKey("councils.AgendaItem", verbose_name=_("nội dung phiên họp Hội đồng"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    order = models.PositiveIntegerField(_("thứ tự"), default=1)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = NomineeQuerySet.as_manager()

    class Meta:
        verbose_name = _("người, tập thể được đề nghị")
        verbose_name_plural = _("người, tập thể được đề nghị")
        ordering = ["proposal", "order", "id"]
        indexes = [
            models.Index(fields=["person", "award"], name="nominee_person_award_idx"),
            models.Index(fields=["unit", "award"], name="nominee_unit_award_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(unit__isnull=True))
                | (Q(person__isnull=True) & Q(unit__isnull=False)),
                name="nominee_person_or_unit",
            ),
            models.UniqueConstraint(
                fields=["proposal", "person", "award"],
                condition=Q(archived_at__isnull=True, person__isnull=False),
                name="nominee_person_once",
            ),
            models.UniqueConstraint(
                fields=["proposal", "unit", "award"],
                condition=Q(archived_at__isnull=True, unit__isnull=False),
                name="nominee_unit_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.award}"

    @property
    def name(self) -> str:
        return (
            self.person.full_name if self.person_id and self.person else (self.unit.name if self.unit else "")
        )

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def chain_root_id(self) -> int:
        return self.root_id or self.pk


EVENT_LABELS = {
    "send": _("Gửi cấp trên"),
    "receive": _("Cấp trên tiếp nhận"),
    "return": _("Cấp trên trả lại"),
    "complete": _("Đã xử lý xong"),
    "commend": _("Khen thưởng tại cấp mình"),
    "withdraw": _("Rút đề nghị"),
}


class ProposalEvent(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=20)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=12, choices=ProposalStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("sang trạng thái"), max_length=12, choices=ProposalStatus.choices, blank=True
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử đề nghị khen thưởng")
        verbose_name_plural = _("lịch sử đề nghị khen thưởng")
        ordering = ["proposal", "at", "id"]

    def __str__(self) -> str:
        return f"{self.action} {self.proposal_id}"

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

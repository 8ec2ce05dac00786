"""The emulation–reward council (Hội đồng thi đua – khen thưởng): its terms and members, its sessions with their
agenda, attendance, recusals, the secret ballot and the results.

- ``Council``: one council of a unit for a term (from the decision establishing it), with the share of members that
  must be present (quorum) and the council's own default threshold for titles and forms the catalog sets none for.
- ``CouncilMember``: a person on the council (role, secretary flag, the unit they come from, the account they vote
  with, from/to dates).
- ``Session``: a meeting (date, place, voting mode), ``Attendance`` of each member (present / absent with a written
  opinion / absent), its ``AgendaItem``s (a nominee — person or collective —, the nominee's unit, the title or form,
  an optional ``source`` key other apps use to tie their records to the item, and the result once voting closes).
- ``Recusal``: a member who does not take part in one item (conflict of interest worked out from the tree, or
  declared).
- The secret ballot, in two tables that share nothing but the item: ``VoteCast`` says *who* voted on an item (no
  choice, no time), ``Ballot`` says *what* was voted (item, choice, a random id, the hash of the voter's receipt code;
  no user, no time). Ballots are re-inserted in a random order when voting closes (decision 0024).
- ``PaperTally``: the counts of paper ballots entered by the secretary (the other voting mode); ``WrittenOpinion``:
  the signed written opinion of an absent member (not secret: it is a signed document).
- ``VotingBasis``: what a regulation says of the base of its threshold beyond the catalog's ``vote_base``: whether a
  member who does not take part (recused) leaves the base, whether absent members' written opinions count — with the
  wording cited.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from thidua.core import dates
from thidua.core.scoping import ScopedQuerySet
from thidua.registrations.models import Mark, VoteBase


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    STANDING = "standing", _("Ủy viên thường trực")
    MEMBER = "member", _("Ủy viên")


ROLE_ORDER = {role: i for i, role in enumerate(MemberRole.values)}


class CouncilQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)


class Council(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="councils")  # fmt: skip
    name = models.CharField(_("tên Hội đồng"), max_length=300)
    term_from = models.DateField(_("nhiệm kỳ từ ngày"))
    term_to = models.DateField(_("nhiệm kỳ đến hết ngày"), null=True, blank=True)
    decision_number = models.CharField(_("quyết định thành lập số"), max_length=60, blank=True)
    decision_date = models.DateField(_("ngày quyết định thành lập"), null=True, blank=True)
    quorum_numerator = models.PositiveSmallIntegerField(_("số thành viên dự họp tối thiểu: tử số"), default=2)
    quorum_denominator = models.PositiveSmallIntegerField(
        _("số thành viên dự họp tối thiểu: mẫu số"), default=3
    )
    default_vote_percent = models.PositiveSmallIntegerField(
        _("tỷ lệ phiếu đồng ý phải vượt quá (%) khi quy định không nêu"), default=50
    )
    default_vote_base = models.CharField(_("tính trên (khi quy định không nêu)"), max_length=10,
                                         choices=VoteBase.choices, default=VoteBase.TOTAL)  # fmt: skip
    default_recused_leave_base = models.BooleanField(
        _("thành viên không tham gia biểu quyết không tính vào mẫu số (khi quy định không nêu)"), default=True
    )
    rules_citation = models.CharField(_("quy chế hoạt động của Hội đồng"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CouncilQuerySet.as_manager()

    class Meta:
        verbose_name = _("Hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("Hội đồng thi đua – khen thưởng")
        ordering = ["-term_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(term_to__isnull=True) | Q(term_to__gte=F("term_from")),
                name="council_term_to_after_from",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(quorum_numerator__gte=1, quorum_denominator__gte=1)
                & Q(quorum_numerator__lte=F("quorum_denominator")),
                name="council_quorum_is_a_fraction",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(default_vote_percent__gte=1, default_vote_percent__lte=100),
                name="council_default_vote_is_a_percentage",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class MemberQuerySet(ScopedQuerySet):
    scope_lookup = "council__unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)

    def on(self, day):
        """Members of the council on ``day`` (their from/to dates include it)."""
        return self.current().filter(Q(to_date__isnull=True) | Q(to_date__gte=day), from_date__lte=day)


class CouncilMember(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("Hội đồng"), on_delete=models.PROTECT,
                                related_name="members")  # fmt: skip
    person = models.ForeignKey("orgs.Person", verbose_name=_("thành viên"), on_delete=models.PROTECT,
                               related_name="council_seats")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị công tác"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản bỏ phiếu"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="council_seats")  # fmt: skip
    role = models.CharField(_("chức danh trong Hội đồng"), max_length=12, choices=MemberRole.choices,
                            default=MemberRole.MEMBER)  # fmt: skip
    is_secretary = models.BooleanField(_("thư ký Hội đồng"), default=False)
    position = models.CharField(_("chức vụ"), max_length=200, blank=True)
    from_date = models.DateField(_("từ ngày"))
    to_date = models.DateField(_("đến hết ngày"), null=True, blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = MemberQuerySet.as_manager()

    class Meta:
        verbose_name = _("thành viên Hội đồng")
        verbose_name_plural = _("thành viên Hội đồng")
        ordering = ["council", "from_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(to_date__isnull=True) | Q(to_date__gte=F("from_date")),
                name="council_member_to_after_from",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["council", "person"],
                condition=Q(archived_at__isnull=True),
                name="council_member_once",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["council", "user"],
                condition=Q(archived_at__isnull=True),
                name="council_member_account_once",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_role_display()}"

    def serves_on(self, day) -> bool:
        return (
            self.archived_at is None
            and self.from_date <= day
            and (self.to_date is None or self.to_date >= day)
        )

    @property
    def runs_sessions(self) -> bool:
        """The chair and the secretary run the sessions."""
        return self.role == MemberRole.CHAIR or self.is_secretary


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Chuẩn bị họp")
    VOTING = "voting", _("Đang bỏ phiếu")
    CLOSED = "closed", _("Đã kết thúc bỏ phiếu")


class VotingMode(models.TextChoices):
    ELECTRONIC = "electronic", _("Bỏ phiếu kín trên hệ thống")
    PAPER = "paper", _("Bỏ phiếu kín bằng phiếu giấy (thư ký nhập kết quả kiểm phiếu)")


class SessionQuerySet(ScopedQuerySet):
    scope_lookup = "council__unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)


class Session(models.Model):
    council = models.ForeignKey(Council, verbose_name=_("Hội đồng"), on_delete=models.PROTECT,
                                related_name="sessions")  # fmt: skip
    number = models.PositiveSmallIntegerField(_("phiên họp số"))
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=300, blank=True)
    voting_mode = models.CharField(_("hình thức bỏ phiếu"), max_length=12, choices=VotingMode.choices,
                                   default=VotingMode.ELECTRONIC)  # fmt: skip
    status = models.CharField(_("trạng thái"), max_length=10, choices=SessionStatus.choices,
                              default=SessionStatus.PLANNED)  # fmt: skip
    opened_at = models.DateTimeField(_("mở bỏ phiếu lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc bỏ phiếu lúc"), null=True, blank=True)
    note = models.TextField(_("ghi chú, ý kiến thảo luận"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("phiên họp Hội đồng")
        verbose_name_plural = _("phiên họp Hội đồng")
        ordering = ["-held_on", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["council", "number"], name="council_session_number_once"),
        ]

    def __str__(self) -> str:
        return _("Phiên họp số %(n)s ngày %(d)s") % {"n": self.number, "d": dates.format_date(self.held_on)}

    @property
    def is_planned(self) -> bool:
        return self.status == SessionStatus.PLANNED

    @property
    def is_voting(self) -> bool:
        return self.status == SessionStatus.VOTING

    @property
    def is_closed(self) -> bool:
        return self.status == SessionStatus.CLOSED


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Có mặt")
    WRITTEN = "written", _("Vắng mặt, có phiếu ý kiến bằng văn bản")
    ABSENT = "absent", _("Vắng mặt")


class AttendanceQuerySet(ScopedQuerySet):
    scope_lookup = "session__council__unit__path"


class Attendance(models.Model):
    session = models.ForeignKey(Session, on_delete=models.PROTECT, related_name="attendance")
    member = models.ForeignKey(CouncilMember, verbose_name=_("thành viên"), on_delete=models.PROTECT,
                               related_name="attendance")  # fmt: skip
    status = models.CharField(_("có mặt"), max_length=10, choices=AttendanceStatus.choices)

    objects = AttendanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("điểm danh thành viên")
        verbose_name_plural = _("điểm danh thành viên")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="council_attendance_once")]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_status_display()}"


class ItemResult(models.TextChoices):
    PENDING = "pending", _("Chưa có kết quả")
    PASSED = "passed", _("Đạt")
    NOT_PASSED = "not_passed", _("Không đạt")


class ItemQuerySet(ScopedQuerySet):
    scope_lookup = "session__council__unit__path"

    def current(self):
        return self.filter(archived_at__isnull=True)


class AgendaItem(models.Model):
    """One nominee and the title or form proposed, put to the vote. Generic: another app (proposals) links its
    record to the item through ``source`` and reads ``result``."""

    session = models.ForeignKey(Session, verbose_name=_("phiên họp"), on_delete=models.PROTECT,
                                related_name="items")  # fmt: skip
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    label = models.CharField(_("nội dung"), max_length=500)
    person = models.ForeignKey("orgs.Person", verbose_name=_("cá nhân được đề nghị"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="council_items")  # fmt: skip
    collective = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể được đề nghị"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="council_items")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị của người, tập thể được đề nghị"),
                             on_delete=models.PROTECT, related_name="+")  # fmt: skip
    award = models.ForeignKey("registrations.Award", verbose_name=_("danh hiệu, hình thức"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    source = models.CharField(_("mã hồ sơ nguồn"), max_length=100, blank=True)
    result = models.CharField(
        _("kết quả"), max_length=12, choices=ItemResult.choices, default=ItemResult.PENDING
    )
    yes_count = models.PositiveSmallIntegerField(_("phiếu đồng ý"), default=0)
    no_count = models.PositiveSmallIntegerField(_("phiếu không đồng ý"), default=0)
    invalid_count = models.PositiveSmallIntegerField(_("phiếu không hợp lệ"), default=0)
    written_yes = models.PositiveSmallIntegerField(_("ý kiến bằng văn bản đồng ý"), default=0)
    written_no = models.PositiveSmallIntegerField(_("ý kiến bằng văn bản không đồng ý"), default=0)
    base_count = models.PositiveSmallIntegerField(_("số thành viên làm căn cứ tính tỷ lệ"), default=0)
    recused_count = models.PositiveSmallIntegerField(_("thành viên không tham gia biểu quyết"), default=0)
    threshold_percent = models.PositiveSmallIntegerField(_("tỷ lệ yêu cầu (%)"), null=True, blank=True)
    threshold_strict = models.BooleanField(_("phải vượt quá tỷ lệ"), default=False)
    vote_base = models.CharField(_("tính trên"), max_length=10, choices=VoteBase.choices, blank=True)
    recused_leave_base = models.BooleanField(_("thành viên không tham gia biểu quyết ra khỏi mẫu số"),
                                             default=False)  # fmt: skip
    threshold_citation = models.CharField(_("căn cứ"), max_length=300, blank=True)
    result_note = models.TextField(_("giải trình kết quả"), blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ItemQuerySet.as_manager()

    class Meta:
        verbose_name = _("nội dung biểu quyết")
        verbose_name_plural = _("nội dung biểu quyết")
        ordering = ["session", "position", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(collective__isnull=True),
                name="council_item_person_or_collective",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["session", "source"], condition=~Q(source=""), name="council_item_source_once"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def nominee(self):
        return self.person or self.collective

    @property
    def passed(self) -> bool:
        return self.result == ItemResult.PASSED


class RecusalReason(models.TextChoices):
    NOMINEE = "nominee", _("Thành viên là người được đề nghị")
    OWN_UNIT = "own_unit", _("Thành viên công tác tại đơn vị được đề nghị hoặc đơn vị trực thuộc")
    DECLARED = "declared", _("Thành viên xin không tham gia biểu quyết")


class Recusal(models.Model):
    item = models.ForeignKey(AgendaItem, verbose_name=_("nội dung"), on_delete=models.PROTECT,
                             related_name="recusals")  # fmt: skip
    member = models.ForeignKey(CouncilMember, verbose_name=_("thành viên"), on_delete=models.PROTECT,
                               related_name="recusals")  # fmt: skip
    reason = models.CharField(_("lý do"), max_length=10, choices=RecusalReason.choices)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("thành viên không tham gia biểu quyết")
        verbose_name_plural = _("thành viên không tham gia biểu quyết")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="council_recusal_once")]

    def __str__(self) -> str:
        return f"{self.member.person} – {self.item}"


class VoteCast(models.Model):
    """Who voted on which item — never how, never when (the audit trail has the when, the ballot the how)."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="casts")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="casts")

    class Meta:
        verbose_name = _("thành viên đã bỏ phiếu")
        verbose_name_plural = _("thành viên đã bỏ phiếu")
        constraints = [models.UniqueConstraint(fields=["item", "member"], name="council_vote_cast_once")]

    def __str__(self) -> str:
        return f"{self.member.person} – {self.item}"


class Choice(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")


class Ballot(models.Model):
    """One secret ballot: the item, the choice and the hash of the voter's receipt code. No voter, no time; the id
    is random and the rows are re-inserted in a random order when voting closes."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="ballots")
    choice = models.CharField(_("lựa chọn"), max_length=10, choices=Choice.choices)
    receipt_hash = models.CharField(_("mã băm của mã biên nhận"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("phiếu bầu")
        verbose_name_plural = _("phiếu bầu")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(_("Phiếu bầu"))


class PaperTally(models.Model):
    """The count of the paper ballots of one item, entered by the secretary from the vote-counting minutes."""

    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="paper_tally")
    agree = models.PositiveSmallIntegerField(_("phiếu đồng ý"))
    disagree = models.PositiveSmallIntegerField(_("phiếu không đồng ý"))
    invalid = models.PositiveSmallIntegerField(_("phiếu không hợp lệ"), default=0)

    class Meta:
        verbose_name = _("kết quả kiểm phiếu giấy")
        verbose_name_plural = _("kết quả kiểm phiếu giấy")

    def __str__(self) -> str:
        return f"{self.item}: {self.agree}/{self.disagree}/{self.invalid}"


class WrittenOpinion(models.Model):
    """An absent member's signed written opinion on one item (phiếu ý kiến bằng văn bản): not secret."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="written_opinions")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="written_opinions")
    choice = models.CharField(_("ý kiến"), max_length=10, choices=Choice.choices)

    class Meta:
        verbose_name = _("ý kiến bằng văn bản")
        verbose_name_plural = _("ý kiến bằng văn bản")
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="council_written_opinion_once")
        ]

    def __str__(self) -> str:
        return f"{self.member.person} – {self.item}: {self.get_choice_display()}"


class VotingBasis(models.Model):
    """What a regulation (or one of its rules, with ``award``) says of its vote's base beyond the catalog's
    ``vote_base``: does a member who takes no part (recused) leave the base; do absent members' written opinions
    count. ``wording`` cites the regulation; ``mark`` says how sure the reading is."""

    regulation = models.ForeignKey("registrations.Regulation", verbose_name=_("văn bản"), on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    award = models.ForeignKey("registrations.Award", verbose_name=_("danh hiệu, hình thức (trống: mọi)"),
                              null=True, blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    recused_leave_base = models.BooleanField(_("thành viên không tham gia biểu quyết không tính vào mẫu số"))
    written_opinions_count = models.BooleanField(_("tính ý kiến bằng văn bản của thành viên vắng mặt"),
                                                 default=True)  # fmt: skip
    wording = models.TextField(_("nội dung quy định"))
    citation = models.CharField(_("trích dẫn"), max_length=300)
    mark = models.CharField(_("mức xác minh"), max_length=12, choices=Mark.choices, default=Mark.UNVERIFIED)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        verbose_name = _("căn cứ tính tỷ lệ phiếu")
        verbose_name_plural = _("căn cứ tính tỷ lệ phiếu")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "award"], name="voting_basis_once"),
            models.UniqueConstraint(
                fields=["regulation"], condition=Q(award__isnull=True), name="voting_basis_regulation_once"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.citation

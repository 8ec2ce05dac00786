"""Quyết định khen thưởng: registers, decisions, their lines and money, the permanent record, revocations.

- ``DecisionRegister``: the book an issuer numbers its reward decisions in, per year and symbol ("QĐ-LĐLĐ"). Either
  the system keeps the numbers (``mode="system"``: ``next_number`` is the next free one, taken when a decision is
  issued, never repeated nor skipped) or the body's clerk gives them from a yearly series kept outside
  (``mode="external"``: the clerk's number, checked unique in the register).
- ``Decision``: a draft with its lines until it is issued; once issued (number, ``issued_at``) it never changes.
- ``DecisionLine``: one awardee (a person, or a unit for a collective) with the title or form, the counting period
  (``year``), the achievement, and the money with its basis (multiplier in hundredths, base salary, citation).
  ``source`` lets the caller that built the line find it again ("proposals.nominee:12").
- ``AwardRecord``: the permanent record, one row per title or form a person or unit received — from an issued
  decision (``source="decision"``, with its line) or imported history from before the system
  (``source="imported"``, with the decision's number and issuer as text). ``revoked`` names the revocation.
- ``Revocation``: a later decision (in the system, or named by its reference) that takes an award back, why, and
  the money to recover.

Reads are scoped on the issuer's subtree (registers, decisions, revocations); a record is seen from the issuer, the
person's current unit, the awarded unit, the unit the person was in, and their predecessors (restructuring).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date
from thidua.core.permissions import VIEW
from thidua.core.scoping import ScopedQuerySet, scope_roots, subtree_q


class RegisterMode(models.TextChoices):
    SYSTEM = "system", _("Số do hệ thống cấp")
    EXTERNAL = "external", _("Số do văn thư cấp (sổ văn bản ngoài hệ thống)")


class IssuerScopedQuerySet(ScopedQuerySet):
    scope_lookup = "issuer__path"


class DecisionRegister(models.Model):
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="decision_registers")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    symbol = models.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ: QĐ-LĐLĐ"))
    mode = models.CharField(_("cách cấp số"), max_length=10, choices=RegisterMode.choices,
                            default=RegisterMode.SYSTEM)  # fmt: skip
    next_number = models.PositiveIntegerField(_("số tiếp theo"), default=1)
    place = models.CharField(_("địa danh ghi trên văn bản"), max_length=100, blank=True,
                             help_text=_("Ví dụ: Bến Tre"))  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = IssuerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("sổ quyết định khen thưởng")
        verbose_name_plural = _("sổ quyết định khen thưởng")
        ordering = ["-year", "symbol", "id"]
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year", "symbol"], name="rewards_register_unique"),
            models.CheckConstraint(
                condition=Q(mode__in=["system", "external"]), name="rewards_register_mode"
            ),
            models.CheckConstraint(condition=Q(next_number__gte=1), name="rewards_register_next_number"),
        ]

    def __str__(self) -> str:
        return f"{self.symbol} – {self.year}"


class SignMode(models.TextChoices):
    DIRECT = "direct", _("Người đứng đầu ký")
    TM = "tm", _("TM. (thay mặt tập thể)")
    KT = "kt", _("KT. (ký thay người đứng đầu)")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class DecisionKind(models.TextChoices):
    ACHIEVEMENT = "achievement", _("Tổng kết năm (công trạng, thành tích)")
    THEMATIC = "thematic", _("Chuyên đề")
    SUDDEN = "sudden", _("Đột xuất")
    SERVICE = "service", _("Quá trình cống hiến")
    OTHER = "other", _("Khác")
    REVOCATION = (
        "revocation",
        _("Thu hồi khen thưởng"),
    )  # issued by ``issue_revocation`` only, without awardees


class DecisionQuerySet(IssuerScopedQuerySet):
    def issued(self):
        return self.filter(status=DecisionStatus.ISSUED)

    def drafts(self):
        return self.filter(status=DecisionStatus.DRAFT, archived_at__isnull=True)


class Decision(models.Model):
    register = models.ForeignKey(DecisionRegister, verbose_name=_("sổ quyết định"), on_delete=models.PROTECT,
                                 related_name="decisions")  # fmt: skip
    number = models.PositiveIntegerField(_("số"), null=True, blank=True)
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="reward_decisions")  # fmt: skip
    kind = models.CharField(_("loại khen thưởng"), max_length=12, choices=DecisionKind.choices,
                            default=DecisionKind.ACHIEVEMENT)  # fmt: skip
    decided_on = models.DateField(_("ngày quyết định"))
    title = models.CharField(_("trích yếu"), max_length=500)
    legal_bases = models.TextField(_("căn cứ"), blank=True, help_text=_("Mỗi căn cứ một dòng."))
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True,
                                       help_text=_("Ví dụ: Phó Chủ tịch"))  # fmt: skip
    sign_mode = models.CharField(_("thể thức ký"), max_length=8, choices=SignMode.choices,
                                 default=SignMode.DIRECT)  # fmt: skip
    sign_for = models.CharField(_("ký thay mặt / ký thay"), max_length=150, blank=True,
                                help_text=_("TM.: tập thể lãnh đạo (Ban Thường vụ); KT.: chức danh người đứng "
                                            "đầu (Chủ tịch)"))  # fmt: skip
    status = models.CharField(_("tình trạng"), max_length=10, choices=DecisionStatus.choices,
                              default=DecisionStatus.DRAFT)  # fmt: skip
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="+")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = DecisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("quyết định khen thưởng")
        verbose_name_plural = _("quyết định khen thưởng")
        ordering = ["-decided_on", "-number", "-id"]
        indexes = [
            models.Index(fields=["issuer", "decided_on"], name="rewards_decision_issuer_idx"),
            models.Index(fields=["register", "status"], name="rewards_decision_register_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["register", "number"],
                condition=Q(number__isnull=False),
                name="rewards_decision_number_unique",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(status="draft", number__isnull=True, issued_at__isnull=True)
                | Q(status="issued", number__isnull=False, issued_at__isnull=False),
                name="rewards_decision_number_when_issued",
            ),
            models.CheckConstraint(
                condition=Q(number__isnull=True) | Q(number__gte=1), name="rewards_decision_number_positive"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{_('Quyết định')} {self.reference} – {self.title}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("rewards:decision-detail", args=[self.pk])

    @property
    def is_issued(self) -> bool:
        return self.status == DecisionStatus.ISSUED

    @property
    def symbol(self) -> str:
        return self.register.symbol

    @property
    def reference(self) -> str:
        """ "45/QĐ-LĐLĐ" once issued; "…/QĐ-LĐLĐ (dự thảo)" before."""
        if self.number is None:
            return f"…/{self.register.symbol} ({_('dự thảo')})"
        return f"{self.number}/{self.register.symbol}"

    @property
    def legal_bases_list(self) -> list[str]:
        return [line.strip() for line in self.legal_bases.splitlines() if line.strip()]


class LineQuerySet(ScopedQuerySet):
    scope_lookup = "decision__issuer__path"


class DecisionLine(models.Model):
    decision = models.ForeignKey(Decision, verbose_name=_("quyết định"), on_delete=models.PROTECT,
                                 related_name="lines")  # fmt: skip
    person = models.ForeignKey("orgs.Person", verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="reward_lines")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="reward_lines")  # fmt: skip
    award = models.ForeignKey("registrations.Award", verbose_name=_("danh hiệu, hình thức"),
                              on_delete=models.PROTECT, related_name="decision_lines")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    unit_at_time = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị (lúc khen)"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    name_at_time = models.CharField(_("tên ghi trên quyết định"), max_length=300, blank=True)
    position_at_time = models.CharField(_("chức vụ, nơi công tác"), max_length=300, blank=True)
    reason = models.TextField(_("thành tích"), blank=True)
    multiplier = models.PositiveIntegerField(_("hệ số (phần trăm)"), null=True, blank=True)
    base_salary = models.PositiveIntegerField(_("mức lương cơ sở"), null=True, blank=True)
    amount = models.BigIntegerField(_("tiền thưởng (đồng)"), default=0)
    citation = models.CharField(_("căn cứ tính tiền"), max_length=500, blank=True)
    source = models.CharField(_("nguồn"), max_length=120, blank=True, db_index=True)
    sort = models.PositiveIntegerField(_("thứ tự"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = LineQuerySet.as_manager()

    class Meta:
        verbose_name = _("dòng quyết định khen thưởng")
        verbose_name_plural = _("danh sách khen thưởng")
        ordering = ["decision", "sort", "id"]
        indexes = [models.Index(fields=["award", "year"], name="rewards_line_award_year_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="rewards_line_person_xor_unit",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="rewards_line_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.name_at_time or self.person or self.unit}: {self.award}"

    @property
    def is_collective(self) -> bool:
        return self.unit_id is not None

    @property
    def awardee_name(self) -> str:
        return self.name_at_time or str(self.person or self.unit)

    @property
    def basis(self) -> str:
        """ "0,3 × 1.300.000" (multiplier × base salary), empty without a multiplier."""
        if self.multiplier is None or self.base_salary is None:
            return ""
        whole, cents = divmod(self.multiplier, 100)
        multiplier = f"{whole},{cents:02d}".rstrip("0") if cents else str(whole)
        salary = f"{self.base_salary:,}".replace(",", ".")
        return f"{multiplier} × {salary}"


class RevocationReason(models.TextChoices):
    FRAUD = "fraud", _("Gian dối, khai man thành tích")
    ERROR = "error", _("Nhầm lẫn, sai sót")
    OTHER = "other", _("Lý do khác")


class Revocation(models.Model):
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("cơ quan thu hồi"), on_delete=models.PROTECT,
                               related_name="reward_revocations")  # fmt: skip
    decision = models.ForeignKey(Decision, verbose_name=_("quyết định thu hồi (trong hệ thống)"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="revocations_made")  # fmt: skip
    reference = models.CharField(_("quyết định thu hồi (số, ngày)"), max_length=200, blank=True)
    revoked_on = models.DateField(_("ngày thu hồi"))
    reason = models.CharField(_("lý do"), max_length=10, choices=RevocationReason.choices)
    reason_text = models.TextField(_("nội dung"), blank=True)
    amount_to_recover = models.BigIntegerField(_("số tiền phải thu hồi (đồng)"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = IssuerScopedQuerySet.as_manager()

    class Meta:
        verbose_name = _("thu hồi khen thưởng")
        verbose_name_plural = _("thu hồi khen thưởng")
        ordering = ["-revoked_on", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(amount_to_recover__gte=0), name="rewards_revocation_amount"),
            models.CheckConstraint(
                condition=Q(decision__isnull=False) | ~Q(reference=""), name="rewards_revocation_has_decision"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{_('Thu hồi')} {self.reference} ({format_date(self.revoked_on)})"


class RecordSource(models.TextChoices):
    DECISION = "decision", _("Quyết định trong hệ thống")
    IMPORTED = "imported", _("Nhập từ hồ sơ trước khi có hệ thống")


class AwardRecordQuerySet(models.QuerySet):
    """A record is seen from the subtree of its issuer, of the awarded unit, of the person's current unit, of the
    unit the person was in when awarded; and (reading only) by the successors of those units."""

    LOOKUPS = ("issuer", "unit", "person__unit", "unit_at_time")

    def scope_q(self, user, perm: str = VIEW) -> Q:
        roots = scope_roots(user, perm)
        if roots is None:
            return Q()
        q = Q(pk__in=[])
        for lookup in self.LOOKUPS:
            q |= subtree_q(f"{lookup}__path", roots)
        if perm == VIEW and roots:
            from thidua.orgs.queries import predecessors_q

            for lookup in ("unit", "person__unit", "unit_at_time"):
                q |= predecessors_q(user, lookup)
        return q

    def visible_to(self, user, perm: str = VIEW):
        roots = scope_roots(user, perm)
        if roots is None:
            return self
        if not roots:
            return self.none()
        return self.filter(self.scope_q(user, perm))

    def standing(self):
        """Not revoked."""
        return self.filter(revoked__isnull=True)

    def of_person(self, person):
        return self.filter(person=person)

    def of_unit(self, unit):
        return self.filter(unit=unit)


class AwardRecord(models.Model):
    person = models.ForeignKey("orgs.Person", verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="award_records")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="award_records")  # fmt: skip
    award = models.ForeignKey("registrations.Award", verbose_name=_("danh hiệu, hình thức"),
                              on_delete=models.PROTECT, related_name="records")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm thành tích"))
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("cơ quan quyết định"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    issuer_name = models.CharField(_("cơ quan quyết định (ghi theo hồ sơ)"), max_length=300, blank=True)
    decision_number = models.CharField(_("số quyết định"), max_length=60, blank=True)
    decision_line = models.OneToOneField(DecisionLine, verbose_name=_("dòng quyết định"), null=True, blank=True,
                                         on_delete=models.PROTECT, related_name="record")  # fmt: skip
    unit_at_time = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị (lúc khen)"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")  # fmt: skip
    source = models.CharField(_("nguồn"), max_length=10, choices=RecordSource.choices)
    amount = models.BigIntegerField(_("tiền thưởng (đồng)"), default=0)
    revoked = models.ForeignKey(Revocation, verbose_name=_("thu hồi"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="records")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AwardRecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("khen thưởng đã nhận")
        verbose_name_plural = _("quá trình khen thưởng")
        ordering = ["-year", "-decided_on", "id"]
        indexes = [
            models.Index(fields=["person", "year"], name="rewards_record_person_idx"),
            models.Index(fields=["unit", "year"], name="rewards_record_unit_idx"),
            models.Index(fields=["award", "year"], name="rewards_record_award_year_idx"),
            models.Index(fields=["unit_at_time", "year"], name="rewards_record_unit_at_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=False, unit__isnull=True)
                | Q(person__isnull=True, unit__isnull=False),
                name="rewards_record_person_xor_unit",
            ),
            models.CheckConstraint(
                condition=Q(source="decision", decision_line__isnull=False)
                | Q(source="imported", decision_line__isnull=True),
                name="rewards_record_source",
            ),
            models.CheckConstraint(condition=Q(amount__gte=0), name="rewards_record_amount"),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.unit}: {self.award} {self.year}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_id is not None

    @property
    def reference(self) -> str:
        """The decision's "45/QĐ-LĐLĐ" (from the line, or as imported)."""
        if self.decision_line_id is not None:
            return self.decision_line.decision.reference  # type: ignore[union-attr]
        return self.decision_number

    @property
    def issuer_label(self) -> str:
        return self.issuer.name if self.issuer_id is not None else self.issuer_name  # type: ignore[union-attr]

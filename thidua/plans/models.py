"""Plans: the official document that launches an emulation movement, and its cascade down the union tree.

A ``Plan`` is one document of an issuing unit (``Kế hoạch số 13/KH-LĐLĐ``) laid out as the official text reads:

    issuer, kind, number/symbol, place and date          -> Plan.issuer, kind, number, symbol, year, place, date
    title (the summary under the kind)                    -> Plan.title
    "Căn cứ ..." (legal bases)                            -> LegalBasis rows (order), linked to a plan of the system
    introduction ("... xây dựng Kế hoạch ... sau:")       -> Plan.introduction
    I. Mục đích, yêu cầu                                  -> Plan.purposes, Plan.requirements
    II. Nội dung thi đua: focus movements                 -> Movement rows (order, quoted names, text)
    III. Biện pháp tổ chức thực hiện                      -> Measure rows (target kind of unit, order, text)
    the phases ("Đợt 1: Từ đầu năm đến 31/8/2017 ...")   -> Phase rows, each with PhaseCommemoration rows
    after the phases ("Sau mỗi đợt thi đua ...")          -> Plan.phase_review
    reporting ("báo cáo kết quả về LĐLĐ tỉnh ...")        -> ReportingDuty rows; Plan.closing holds the last paragraph
    "Nơi nhận"                                            -> Recipient rows (purpose: để báo cáo, để thực hiện, lưu)
    signature block                                       -> Plan.signer_on_behalf / signer_title / signer_name

Workflow: draft -> issued -> closed (``plans.actions``; the allowed transitions and the permission each needs are
the table ``TRANSITIONS`` there). Every transition writes a ``PlanEvent``; an issued plan is read-only and changes to
it are ``PlanAmendment`` rows. Issuing delivers the plan to the recipients that are units of the system
(``PlanDelivery``: each unit's inbox of plans to deploy). A plan built from an upper plan names it in ``based_on``
and carries the chain of its ancestors in ``lineage`` ("12/40/"), so the whole cascade below a plan is one query.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import VIEW, ScopedQuerySet, scope_of, subtree_q
from thidua.core.text import fold


class DocumentKind(models.TextChoices):
    """Kinds of administrative documents: those a federation issues, and those its plans cite."""

    PLAN = "plan", _("Kế hoạch")
    GUIDANCE = "guidance", _("Hướng dẫn")
    OFFICIAL_LETTER = "official_letter", _("Công văn")
    DECISION = "decision", _("Quyết định")
    REPORT = "report", _("Báo cáo")
    NOTICE = "notice", _("Thông báo")
    DIRECTIVE = "directive", _("Chỉ thị")
    RESOLUTION = "resolution", _("Nghị quyết")
    PROGRAM = "program", _("Chương trình")
    LAW = "law", _("Luật")
    DECREE = "decree", _("Nghị định")
    CIRCULAR = "circular", _("Thông tư")
    OTHER = "other", _("Văn bản khác")


# The abbreviation a kind takes in a document's symbol (Decree 30/2020, appendix III).
KIND_ABBREVIATIONS: dict[str, str] = {
    DocumentKind.PLAN: "KH",
    DocumentKind.GUIDANCE: "HD",
    DocumentKind.DECISION: "QĐ",
    DocumentKind.REPORT: "BC",
    DocumentKind.NOTICE: "TB",
    DocumentKind.DIRECTIVE: "CT",
    DocumentKind.RESOLUTION: "NQ",
    DocumentKind.PROGRAM: "CTr",
}
# Kinds a unit of the union issues as a plan-like document.
ISSUED_KINDS = [
    DocumentKind.PLAN,
    DocumentKind.GUIDANCE,
    DocumentKind.OFFICIAL_LETTER,
    DocumentKind.DECISION,
    DocumentKind.REPORT,
    DocumentKind.NOTICE,
    DocumentKind.PROGRAM,
]


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CLOSED = "closed", _("Đã kết thúc")


class PlanQuerySet(ScopedQuerySet):
    """A plan is seen by its issuer's subtree, and (once issued) by the units it was delivered to."""

    scope_lookup = "issuer__path"

    def visible_to(self, user, perm: str = VIEW):
        own = super().visible_to(user, perm)
        if perm != VIEW:
            return own
        scope = scope_of(user)
        if scope.everything:
            return self
        if not scope.paths:
            return self.none()
        received = PlanDelivery.objects.filter(plan=OuterRef("pk")).filter(
            subtree_q("unit__path", scope.paths)
        )
        return self.filter(subtree_q(self.scope_lookup, scope.paths) | Exists(received))

    def active(self):
        return self.filter(archived_at__isnull=True)

    def issued(self):
        return self.filter(status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])

    def of_year(self, year: int):
        return self.filter(year=year)

    def built_from(self, plan: Plan):
        """Every plan of the cascade below ``plan`` (built from it, or from a plan built from it, ...)."""
        return self.filter(lineage__startswith=plan.child_lineage)


class Plan(models.Model):
    """An emulation plan (or guidance, decision...) of one issuing unit. See the module docstring for how the
    official text maps onto the fields.

    Fields for documents: ``issuer`` (Unit: ``issuer.name`` is the issuing body, ``issuer`` 's parent the governing
    body in the header), ``kind`` (label via ``get_kind_display``), ``number_display`` ("13/KH-LĐLĐ"), ``place``,
    ``date``, ``title``, ``introduction``, ``purposes``, ``requirements``, ``phase_review``, ``closing``, the signer.
    Children in order: ``legal_bases``, ``movements``, ``measures`` (by ``target``), ``phases`` (each with
    ``commemorations``), ``commemorations`` outside any phase (``phase`` null), ``reporting_duties``, ``recipients``.
    """

    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị ban hành"), on_delete=models.PROTECT,
                               related_name="plans")  # fmt: skip
    kind = models.CharField(
        _("loại văn bản"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.PLAN
    )
    number = models.PositiveIntegerField(_("số"))
    symbol = models.CharField(_("ký hiệu"), max_length=40, help_text=_("Ví dụ: KH-LĐLĐ"))
    year = models.PositiveSmallIntegerField(_("năm"))
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    title = models.CharField(_("trích yếu"), max_length=500)
    introduction = models.TextField(_("mở đầu"), blank=True)
    purposes = models.TextField(_("mục đích"), blank=True)
    requirements = models.TextField(_("yêu cầu"), blank=True)
    phase_review = models.TextField(_("sơ kết sau mỗi đợt"), blank=True)
    closing = models.TextField(_("kết thúc văn bản"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT
    )
    based_on = models.ForeignKey("self", verbose_name=_("xây dựng từ kế hoạch"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="built_plans")  # fmt: skip
    lineage = models.CharField(
        max_length=200, blank=True, editable=False
    )  # ids of based_on's chain: "12/40/"
    copied_from = models.ForeignKey("self", verbose_name=_("sao chép từ kế hoạch"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    signer_on_behalf = models.CharField(_("thẩm quyền ký"), max_length=100, blank=True,
                                        help_text=_("Ví dụ: TM. BAN THƯỜNG VỤ"))  # fmt: skip
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("họ tên người ký"), max_length=100, blank=True)
    source_text = models.TextField(_("văn bản gốc đã nhập"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = PlanQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-year", "-number", "-id"]
        indexes = [
            models.Index(fields=["issuer", "year", "status"], name="plan_issuer_year_idx"),
            models.Index(fields=["based_on", "issuer"], name="plan_based_on_idx"),
            models.Index(fields=["lineage"], name="plan_lineage_idx", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["year", "status"], name="plan_year_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "symbol", "year", "number"],
                condition=Q(archived_at__isnull=True),
                name="plan_number_unique_per_issuer_symbol_year",
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="plan_number_positive"),
            models.CheckConstraint(condition=Q(year__gte=1945) & Q(year__lte=2200), name="plan_year_sane"),
            models.CheckConstraint(
                condition=~Q(status__in=["issued", "closed"])
                | Q(date__isnull=False, issued_at__isnull=False),
                name="plan_issued_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} số {self.number_display}: {self.title}"

    @property
    def number_display(self) -> str:
        return f"{self.number}/{self.symbol}"

    @property
    def child_lineage(self) -> str:
        """The ``lineage`` of a plan built from this one."""
        return f"{self.lineage}{self.pk}/"

    @property
    def is_draft(self) -> bool:
        return self.status == PlanStatus.DRAFT

    @property
    def is_read_only(self) -> bool:
        return self.status != PlanStatus.DRAFT or self.archived_at is not None

    @property
    def year_start(self) -> datetime.date:
        return datetime.date(self.year, 1, 1)


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
            parts.append(f"ngày {self.date:%d/%m/%Y}")
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


class PhaseStatus(models.TextChoices):
    UPCOMING = "upcoming", _("Sắp diễn ra")
    OPEN = "open", _("Đang diễn ra")
    CLOSED = "closed", _("Đã kết thúc")


class PhaseQuerySet(ScopedQuerySet):
    scope_lookup = "plan__issuer__path"

    def visible_to(self, user, perm: str = VIEW):
        return self.filter(plan__in=Plan.objects.visible_to(user, perm))

    def open_on(self, day: datetime.date):
        return self.filter(start__lte=day, end__gte=day)


class Phase(models.Model):
    """A phase (đợt thi đua) of a plan: from ``start`` to ``end`` (both included). ``start_is_open`` records an
    open start written "Từ đầu năm" (``start`` is then the plan year's first day). What the phase celebrates is
    ``celebrates`` (free text) and its ``commemorations``; its report is due on ``report_due``. While it runs it
    opens registration, reporting and/or proposals. Its status (upcoming, open, closed) follows the dates."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="phases")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên đợt"), max_length=100)
    start = models.DateField(_("từ ngày"))
    end = models.DateField(_("đến ngày"))
    start_is_open = models.BooleanField(_("từ đầu năm"), default=False)
    celebrates = models.TextField(_("nội dung thi đua"), blank=True)
    report_due = models.DateField(_("hạn báo cáo"), null=True, blank=True)
    opens_registration = models.BooleanField(_("mở đăng ký thi đua"), default=False)
    opens_reporting = models.BooleanField(_("mở báo cáo kết quả"), default=True)
    opens_proposals = models.BooleanField(_("mở đề nghị khen thưởng"), default=False)
    upper_phase = models.ForeignKey("self", verbose_name=_("đợt tương ứng của kế hoạch cấp trên"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    objects = PhaseQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt thi đua")
        verbose_name_plural = _("đợt thi đua")
        ordering = ["plan", "order", "start", "id"]
        indexes = [
            models.Index(fields=["start", "end"], name="phase_dates_idx"),
            models.Index(fields=["report_due"], name="phase_report_due_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="phase_end_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.period_display})"

    @property
    def period_display(self) -> str:
        start = _("Từ đầu năm") if self.start_is_open else f"{self.start:%d/%m/%Y}"
        return f"{start} – {self.end:%d/%m/%Y}"

    def status_on(self, day: datetime.date | None = None) -> str:
        day = day or timezone.localdate()
        if day < self.start:
            return PhaseStatus.UPCOMING
        if day > self.end:
            return PhaseStatus.CLOSED
        return PhaseStatus.OPEN

    @property
    def status(self) -> str:
        return self.status_on()

    def get_status_display(self) -> str:
        return PhaseStatus(self.status).label


class CommemorationKind(models.TextChoices):
    NATIONAL = "national", _("Ngày lễ lớn của đất nước")
    UNION = "union", _("Ngày truyền thống của tổ chức Công đoàn")
    INTERNATIONAL = "international", _("Ngày quốc tế")
    SOCIAL = "social", _("Ngày truyền thống của các ngành, đoàn thể")
    LOCAL = "local", _("Ngày truyền thống của địa phương")


class Commemoration(models.Model):
    """An anniversary the federation marks: ``name`` (as plans write it after "kỷ niệm N năm"), the day of the
    founding event (``base_date``); its ordinal in year Y is Y - base year."""

    name = models.CharField(_("tên ngày kỷ niệm"), max_length=300, unique=True)
    short_name = models.CharField(_("tên ngắn"), max_length=100, blank=True)
    base_date = models.DateField(_("ngày sự kiện"))
    kind = models.CharField(_("loại"), max_length=20, choices=CommemorationKind.choices)
    citation = models.CharField(_("căn cứ"), max_length=300, blank=True)
    is_active = models.BooleanField(_("đang sử dụng"), default=True)

    class Meta:
        verbose_name = _("ngày kỷ niệm")
        verbose_name_plural = _("ngày kỷ niệm")
        ordering = ["base_date__month", "base_date__day", "name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.base_date:%d/%m/%Y})"

    def ordinal_in(self, year: int) -> int:
        return year - self.base_date.year

    def date_in(self, year: int) -> datetime.date:
        try:
            return self.base_date.replace(year=year)
        except ValueError:  # 29/02 in a common year
            return datetime.date(year, 2, 28)


def is_round(ordinal: int | None) -> bool:
    """A "round" anniversary (năm chẵn): a multiple of 5."""
    return bool(ordinal) and ordinal % 5 == 0


def is_major(ordinal: int | None) -> bool:
    """A major round anniversary: a multiple of 10."""
    return bool(ordinal) and ordinal % 10 == 0


class PhaseCommemoration(models.Model):
    """An anniversary a plan celebrates, as the plan writes it (``text``, the written ``ordinal``, the
    ``base_date`` in brackets and the ``date`` celebrated); ``commemoration`` links the catalog. It belongs to a
    phase, or to the plan alone (``phase`` null) when it stands outside any phase."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="commemorations")
    phase = models.ForeignKey(
        Phase, null=True, blank=True, on_delete=models.CASCADE, related_name="commemorations"
    )
    commemoration = models.ForeignKey(Commemoration, verbose_name=_("ngày kỷ niệm"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")  # fmt: skip
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    text = models.CharField(_("nội dung"), max_length=500)
    ordinal = models.PositiveSmallIntegerField(_("lần thứ (năm) ghi trong văn bản"), null=True, blank=True)
    base_date = models.DateField(_("ngày sự kiện"), null=True, blank=True)
    date = models.DateField(_("ngày kỷ niệm"), null=True, blank=True)

    class Meta:
        verbose_name = _("ngày kỷ niệm của kế hoạch")
        verbose_name_plural = _("ngày kỷ niệm của kế hoạch")
        ordering = ["plan", "phase__order", "order", "id"]
        indexes = [models.Index(fields=["date"], name="phasecomm_date_idx")]

    def __str__(self) -> str:
        return self.text

    @property
    def label(self) -> str:
        """The wording to show: the plan's text, led by the ordinal when the text does not already write it."""
        if self.ordinal and not self.text.lstrip().startswith(str(self.ordinal)):
            return f"{self.ordinal} năm {self.text}"
        return self.text

    @property
    def shows_its_date(self) -> bool:
        """Whether the text already writes the dates in brackets (so they are not repeated)."""
        return "/" in self.text

    @property
    def event_date(self) -> datetime.date | None:
        if self.base_date:
            return self.base_date
        return self.commemoration.base_date if self.commemoration_id else None

    @property
    def expected_ordinal(self) -> int | None:
        """The ordinal the dates give: year celebrated minus the event's year."""
        event = self.event_date
        year = self.date.year if self.date else self.plan.year
        return year - event.year if event else None

    @property
    def is_consistent(self) -> bool | None:
        """False when the written ordinal disagrees with the dates; None when there is nothing to compare."""
        expected = self.expected_ordinal
        if self.ordinal is None or expected is None:
            return None
        return self.ordinal == expected

    @property
    def is_round(self) -> bool:
        return is_round(self.expected_ordinal or self.ordinal)

    @property
    def is_major(self) -> bool:
        return is_major(self.expected_ordinal or self.ordinal)


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
        return f"{self.to_whom} ({self.due:%d/%m/%Y})" if self.due else self.to_whom


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


class PlanDeliveryQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"


class PlanDelivery(models.Model):
    """An issued plan in a receiving unit's inbox of plans to deploy."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="deliveries")
    unit = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="received_plans")
    recipient = models.ForeignKey(
        Recipient, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    delivered_at = models.DateTimeField(_("nhận lúc"), auto_now_add=True)
    last_reminded_at = models.DateTimeField(_("nhắc lần cuối"), null=True, blank=True)

    objects = PlanDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("kế hoạch nhận được")
        verbose_name_plural = _("kế hoạch nhận được")
        ordering = ["-delivered_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["plan", "unit"], name="plandelivery_once_per_unit")]
        indexes = [models.Index(fields=["unit", "-delivered_at"], name="plandelivery_inbox_idx")]

    def __str__(self) -> str:
        return f"{self.plan.number_display} → {self.unit}"


class PlanAmendment(models.Model):
    """A change made to an issued plan: why, and each field's value before and after (``changes``:
    {"phases[3].end": ["2017-08-31", "2017-09-15"], ...})."""

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="amendments")
    order = models.PositiveSmallIntegerField(_("lần sửa đổi"))
    reason = models.TextField(_("lý do sửa đổi, bổ sung"))
    changes = models.JSONField(_("nội dung thay đổi"), default=dict)
    made_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")  # fmt: skip
    made_at = models.DateTimeField(_("thời điểm"), auto_now_add=True)

    class Meta:
        verbose_name = _("sửa đổi, bổ sung kế hoạch")
        verbose_name_plural = _("sửa đổi, bổ sung kế hoạch")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "order"], name="planamendment_order_unique")]

    def __str__(self) -> str:
        return f"{self.plan.number_display} – sửa đổi lần {self.order}"


class PlanEvent(models.Model):
    """One transition of a plan's workflow (and the other steps of its life), with who and when."""

    class Action(models.TextChoices):
        CREATE = "create", _("Tạo dự thảo")
        IMPORT = "import", _("Nhập từ văn bản")
        BUILD = "build", _("Xây dựng từ kế hoạch cấp trên")
        COPY = "copy", _("Sao chép từ kế hoạch năm khác")
        UPDATE = "update", _("Sửa dự thảo")
        ISSUE = "issue", _("Ban hành")
        AMEND = "amend", _("Sửa đổi, bổ sung")
        CLOSE = "close", _("Kết thúc")
        ARCHIVE = "archive", _("Lưu trữ")
        REMIND = "remind", _("Nhắc triển khai")

    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("thao tác"), max_length=10, choices=Action.choices)
    from_status = models.CharField(_("từ trạng thái"), max_length=10, choices=PlanStatus.choices, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=10, choices=PlanStatus.choices, blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                           related_name="+")  # fmt: skip
    at = models.DateTimeField(_("thời điểm"), auto_now_add=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("lịch sử kế hoạch")
        verbose_name_plural = _("lịch sử kế hoạch")
        ordering = ["plan", "at", "id"]
        indexes = [models.Index(fields=["plan", "at"], name="planevent_plan_idx")]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.plan.number_display}"

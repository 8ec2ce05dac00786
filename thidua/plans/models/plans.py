"""The plan itself: the kinds of documents, the workflow statuses, and ``Plan`` with its queryset."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import VIEW, ScopedQuerySet, scope_q, scope_roots, sees_everything


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


# The fields of a plan its audit records follow (the long source text and the timestamps are left out).
PLAN_AUDIT_FIELDS = [
    "issuer_id", "kind", "number", "symbol", "year", "place", "date", "title", "introduction", "purposes",
    "requirements", "phase_review", "closing", "status", "based_on_id", "signer_on_behalf", "signer_title",
    "signer_name", "archived_at",
]  # fmt: skip


class PlanQuerySet(ScopedQuerySet):
    """A plan is seen by its issuer's subtree, by the units it was delivered to (once issued), and, read-only, as
    history (decision 0011): by the successors of its issuer or of a unit it was delivered to, and by the units
    that stood under a unit it was delivered to on its date and have left it since."""

    scope_lookup = "issuer__path"

    def issued_within(self, user, perm: str = VIEW):
        """The plans issued by units of the user's subtrees (where they hold ``perm``), not those only delivered
        to them."""
        return super().visible_to(user, perm)

    def visible_to(self, user, perm: str = VIEW):
        if perm != VIEW:
            return super().visible_to(user, perm)
        if sees_everything(user):
            return self
        if not scope_roots(user):
            return self.none()
        return self.filter(scope_q(user, self.scope_lookup) | self.history_q(user))

    def history_q(self, user) -> Q:
        """What the user reads beyond their subtrees, as a condition nested in the one query: the issued plans
        delivered to their units, and history (decision 0011) — the issued plans of their units' predecessors and
        those delivered to these predecessors, and the plans delivered to a unit that one of their units stood under
        on the plan's date and has left since."""
        from thidua.orgs.models import Unit
        from thidua.orgs.queries import former_parent_versions, predecessors_of

        from .history import PlanDelivery

        mine = Unit.objects.visible_to(user)
        before_mine = predecessors_of(mine)
        stood_under = former_parent_versions(mine).filter(
            parent=OuterRef("unit"),
            valid_from__lte=OuterRef(OuterRef("date")),
            valid_to__gt=OuterRef(OuterRef("date")),
        )
        received = PlanDelivery.objects.filter(plan=OuterRef("pk")).filter(
            scope_q(user, "unit__path") | Q(unit__in=before_mine) | Exists(stood_under)
        )
        left_by_predecessors = Q(issuer__in=before_mine, status__in=[PlanStatus.ISSUED, PlanStatus.CLOSED])
        return Exists(received) | left_by_predecessors

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
    """An emulation plan (or guidance, decision...) of one issuing unit. See the package docstring
    (``thidua.plans.models``) for how the official text maps onto the fields.

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
        """ "13/KH-LĐLĐ"; a number below 10 with its leading zero, "05/KH-LĐLĐ" (Decree 30/2020, Appendix I), as
        the printed document writes it."""
        return f"{self.number:02d}/{self.symbol}"

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

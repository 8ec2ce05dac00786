"""Cụm, khối thi đua: peer units grouped by a decision of the level above, their year, covenant, scores and meeting.

- ``Cluster``: set by a decision (number, date) of the ``issuer`` (the level above); ``kind`` says whether it groups
  by area (cụm) or by sector (khối). Never deleted: archived.
- ``ClusterMember``: one unit's membership from ``since_year`` to ``until_year`` (open: still a member) — the history
  of who was in the cluster which year, kept when members change (a leaving member gets an ``until_year``).
- ``ClusterYear``: the leader (cụm trưởng) and the deputy (cụm phó) units of one year.
- ``Covenant``: the year's giao ước thi đua, in versions: a draft is edited; signing (date, place, the signing
  members) locks it; an amendment is a new version that supersedes the signed one once it is signed in turn.
- ``Criterion``: a covenant's criterion with its maximum points and how it is scored: from a phase-report indicator
  (the members' approved values: proportional to the best, or by thresholds) or by the members' scores
  (``PEER``: each member scores each member; the average, without the member's own score when the covenant says so).
- ``Score``: the points a member (``by_unit``) gives a member (``unit``) on a peer criterion.
- ``Meeting``: the year-end meeting (date, place, minutes, the members present) that votes (one vote per member unit
  and award: ``MeetingVote``) whom to propose; ``Selection`` holds the result; ``proposal`` the proposal it became.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _

from thidua.core.scoping import ScopedQuerySet, scope_q

POINTS = {"max_digits": 7, "decimal_places": 2}


class ClusterKind(models.TextChoices):
    AREA = "area", _("Cụm thi đua (theo địa bàn)")
    SECTOR = "sector", _("Khối thi đua (theo ngành, lĩnh vực)")


class ClusterQuerySet(ScopedQuerySet):
    """Seen by the issuer's subtree (the level above and those above it) and by each member unit (and whoever
    stands above a member) — never by a member's own subordinate units, nor by a sibling outside the cluster."""

    scope_lookup = "issuer__path"

    def visible_to(self, user, perm: str = "view"):
        members = ClusterMember.objects.filter(scope_q(user, "unit__path", perm), cluster=OuterRef("pk"))
        return self.filter(scope_q(user, "issuer__path", perm) | Q(Exists(members)))

    def current(self):
        return self.filter(archived_at__isnull=True)


class Cluster(models.Model):
    issuer = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị ra quyết định (cấp trên)"),
                               on_delete=models.PROTECT, related_name="clusters_issued")  # fmt: skip
    kind = models.CharField(_("loại"), max_length=10, choices=ClusterKind.choices, default=ClusterKind.AREA)
    name = models.CharField(_("tên cụm, khối"), max_length=200)
    decision_number = models.CharField(_("số quyết định"), max_length=60)
    decision_date = models.DateField(_("ngày quyết định"))
    note = models.TextField(_("ghi chú"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = ClusterQuerySet.as_manager()

    class Meta:
        verbose_name = _("cụm, khối thi đua")
        verbose_name_plural = _("cụm, khối thi đua")
        ordering = ["issuer__path", "kind", "name", "id"]
        indexes = [models.Index(fields=["issuer", "archived_at"], name="cluster_issuer_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "name"], condition=Q(archived_at__isnull=True), name="cluster_name_once"
            )  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.name


class ClusterMember(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="memberships")
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị thành viên"), on_delete=models.PROTECT,
                             related_name="cluster_memberships")  # fmt: skip
    since_year = models.PositiveSmallIntegerField(_("từ năm"))
    until_year = models.PositiveSmallIntegerField(_("đến năm"), null=True, blank=True)
    decision_number = models.CharField(_("theo quyết định số"), max_length=60, blank=True)
    order = models.PositiveSmallIntegerField(_("thứ tự luân phiên"), default=1)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("thành viên cụm, khối")
        verbose_name_plural = _("thành viên cụm, khối")
        ordering = ["cluster", "order", "id"]
        indexes = [models.Index(fields=["unit", "since_year"], name="clustermember_unit_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(until_year__isnull=True) | Q(until_year__gte=models.F("since_year") - 1),
                name="clustermember_years_ordered",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["cluster", "unit"],
                condition=Q(until_year__isnull=True),
                name="clustermember_open_once",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.unit} ({self.since_year}–{self.until_year or ''})"

    def in_year(self, year: int) -> bool:
        return self.since_year <= year and (self.until_year is None or self.until_year >= year)


def member_in_year_q(year: int, prefix: str = "") -> Q:
    return Q(**{f"{prefix}since_year__lte": year}) & (
        Q(**{f"{prefix}until_year__isnull": True}) | Q(**{f"{prefix}until_year__gte": year})
    )


class ClusterYear(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("năm"))
    leader = models.ForeignKey("orgs.Unit", verbose_name=_("cụm trưởng"), on_delete=models.PROTECT,
                               related_name="+")  # fmt: skip
    deputy = models.ForeignKey("orgs.Unit", verbose_name=_("cụm phó"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")  # fmt: skip
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cụm trưởng, cụm phó trong năm")
        verbose_name_plural = _("cụm trưởng, cụm phó trong năm")
        ordering = ["cluster", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="clusteryear_once"),
            models.CheckConstraint(
                condition=~Q(leader=models.F("deputy")), name="clusteryear_leader_not_deputy"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cluster} {self.year}"


class CovenantStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    SIGNED = "signed", _("Đã ký kết")
    SUPERSEDED = "superseded", _("Đã được sửa đổi bằng bản sau")


class Covenant(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="covenants")
    year = models.PositiveSmallIntegerField(_("năm"))
    version = models.PositiveSmallIntegerField(_("lần"), default=1)
    status = models.CharField(_("trạng thái"), max_length=12, choices=CovenantStatus.choices,
                              default=CovenantStatus.DRAFT)  # fmt: skip
    title = models.CharField(_("tên giao ước"), max_length=300)
    exclude_own_score = models.BooleanField(_("không tính điểm đơn vị tự chấm"), default=True)
    signed_on = models.DateField(_("ngày ký kết"), null=True, blank=True)
    signed_place = models.CharField(_("nơi ký kết"), max_length=200, blank=True)
    signers = models.ManyToManyField("orgs.Unit", verbose_name=_("các đơn vị ký kết"), blank=True,
                                     related_name="+")  # fmt: skip
    amends = models.ForeignKey("self", verbose_name=_("sửa đổi bản"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="amendments")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("giao ước thi đua")
        verbose_name_plural = _("giao ước thi đua")
        ordering = ["cluster", "-year", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year", "version"], name="covenant_version_once"),
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(status="signed"), name="covenant_one_signed"
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["cluster", "year"], condition=Q(status="draft"), name="covenant_one_draft"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_locked(self) -> bool:
        return self.status != CovenantStatus.DRAFT


class Method(models.TextChoices):
    PROPORTIONAL = "proportional", _("Theo chỉ tiêu báo cáo: tỷ lệ so với đơn vị cao nhất")
    THRESHOLDS = "thresholds", _("Theo chỉ tiêu báo cáo: theo các mức")
    PEER = "peer", _("Các đơn vị thành viên chấm điểm")


class Criterion(models.Model):
    covenant = models.ForeignKey(Covenant, on_delete=models.PROTECT, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("nội dung tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), **POINTS)
    method = models.CharField(_("cách chấm"), max_length=14, choices=Method.choices, default=Method.PEER)
    indicator = models.ForeignKey("reports.Indicator", verbose_name=_("chỉ tiêu báo cáo"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")  # fmt: skip
    report_form = models.ForeignKey("reports.ReportForm", verbose_name=_("mẫu báo cáo"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")  # fmt: skip
    # [[from value, points], ...]: the points of the highest level reached.
    thresholds = models.JSONField(_("các mức"), default=list, blank=True)
    description = models.CharField(_("hướng dẫn chấm"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("tiêu chí thi đua")
        verbose_name_plural = _("tiêu chí thi đua")
        ordering = ["covenant", "order", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(max_points__gt=0), name="criterion_max_positive"),
            models.CheckConstraint(
                condition=Q(method="peer") | (Q(indicator__isnull=False) & Q(report_form__isnull=False)),
                name="criterion_indicator_named",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def from_report(self) -> bool:
        return self.method != Method.PEER


class Score(models.Model):
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="scores")
    by_unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị chấm"), on_delete=models.PROTECT,
                                related_name="+")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị được chấm"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    points = models.DecimalField(_("điểm"), **POINTS)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip

    class Meta:
        verbose_name = _("điểm chấm")
        verbose_name_plural = _("điểm chấm")
        ordering = ["criterion", "by_unit", "unit"]
        indexes = [models.Index(fields=["criterion", "unit"], name="score_criterion_unit_idx")]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "by_unit", "unit"], name="score_once"),
            models.CheckConstraint(condition=Q(points__gte=0), name="score_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.by_unit_id} → {self.unit_id} = {self.points}"


class Meeting(models.Model):
    cluster = models.ForeignKey(Cluster, on_delete=models.PROTECT, related_name="meetings")
    year = models.PositiveSmallIntegerField(_("năm"))
    held_on = models.DateField(_("ngày họp"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    minutes = models.TextField(_("biên bản"), blank=True)
    attendees = models.ManyToManyField("orgs.Unit", verbose_name=_("các đơn vị dự họp"), related_name="+")
    proposal = models.ForeignKey("proposals.Proposal", verbose_name=_("đề nghị khen thưởng"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="+")  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("hội nghị bình xét của cụm")
        verbose_name_plural = _("hội nghị bình xét của cụm")
        ordering = ["cluster", "-year"]
        constraints = [models.UniqueConstraint(fields=["cluster", "year"], name="meeting_once_a_year")]

    def __str__(self) -> str:
        return f"{self.cluster} – {self.year}"


class MeetingVote(models.Model):
    """One vote of a member unit for one award in one round: whom it proposes (suy tôn). A tie means a new round."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="votes")
    award = models.ForeignKey("registrations.Award", on_delete=models.PROTECT, related_name="+")
    round = models.PositiveSmallIntegerField(_("lần bỏ phiếu"), default=1)
    voter = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey("orgs.Unit", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("phiếu bình xét")
        verbose_name_plural = _("phiếu bình xét")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "award", "round", "voter"], name="meetingvote_once")
        ]

    def __str__(self) -> str:
        return f"{self.voter_id} → {self.candidate_id}"


class Selection(models.Model):
    """The meeting's result for one award: the units chosen, with their votes."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="selections")
    award = models.ForeignKey("registrations.Award", verbose_name=_("danh hiệu, hình thức"),
                              on_delete=models.PROTECT, related_name="+")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị được suy tôn"), on_delete=models.PROTECT,
                             related_name="+")  # fmt: skip
    votes = models.PositiveSmallIntegerField(_("số phiếu"))
    voters = models.PositiveSmallIntegerField(_("số đơn vị bỏ phiếu"))

    class Meta:
        verbose_name = _("kết quả bình xét")
        verbose_name_plural = _("kết quả bình xét")
        ordering = ["meeting", "award", "-votes", "id"]
        constraints = [models.UniqueConstraint(fields=["meeting", "award", "unit"], name="selection_once")]

    def __str__(self) -> str:
        return f"{self.unit_id} – {self.award_id}"

"""Exemplary models (điển hình tiên tiến, gương người tốt việc tốt).

- ``Exemplar``: a person or a collective recognised as exemplary by a unit (``unit``: who recognised them, and whose
  officers keep the record), for a movement of a plan, with the story, photos (attachments), by what decision or
  event (``recognition``, optionally the rewards ``Decision``) and when (``recognised_on``, ``year``).
  ``published``: the entry may appear on the public honour board (the board must be published as well).
- ``Replication``: a unit that adopted (nhân rộng) a model, since when, and with what result (text, and optionally
  the number of people who took part and the value created in VND).
- ``HonourBoard``: the honour board (bảng vàng, bảng tôn vinh) of a federation for a year: its entries are the
  exemplars recognised in its subtree that year; once ``published`` a read-only public page shows the published
  entries (names, unit, movement, story, photos) without login.

Reads are scoped on the recognising unit's subtree; a model recognised by a unit above the user's own units is
addressed to them (read only: it is there to be learnt from and replicated). A replication is seen from the
adopting unit's subtree and from the recognising unit's.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.permissions import VIEW
from thidua.core.scoping import ScopedQuerySet, own_paths, scope_roots, subtree_q


class ExemplarKind(models.TextChoices):
    ADVANCED = "advanced", _("Điển hình tiên tiến")
    GOOD_DEED = "good_deed", _("Gương người tốt, việc tốt")


def ancestors_of_own_units(user) -> list[str]:
    """The paths of the units above the user's own units (what those units receive from above)."""
    from thidua.orgs.models import Unit

    step = Unit.steplen
    return sorted({p[:i] for p in own_paths(user) for i in range(step, len(p), step)})


class ExemplarQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"

    def visible_to(self, user, perm: str = VIEW):
        roots = scope_roots(user, perm)
        if roots is None:
            return self
        q = subtree_q(self.scope_lookup, roots)
        if perm == VIEW:
            above = ancestors_of_own_units(user)
            if above:
                q |= Q(unit__path__in=above)
        return self.filter(q)

    def active(self):
        return self.filter(archived_at__isnull=True)


class Exemplar(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị công nhận"), on_delete=models.PROTECT,
                             related_name="exemplars_recognised")  # fmt: skip
    kind = models.CharField(
        _("loại"), max_length=12, choices=ExemplarKind.choices, default=ExemplarKind.ADVANCED
    )
    person = models.ForeignKey("orgs.Person", verbose_name=_("cá nhân"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="exemplars")  # fmt: skip
    collective = models.ForeignKey("orgs.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="exemplars")  # fmt: skip
    name = models.CharField(_("tên cá nhân, tập thể"), max_length=300)
    workplace = models.CharField(_("đơn vị công tác"), max_length=300, blank=True)
    movement = models.ForeignKey("plans.Movement", verbose_name=_("phong trào thi đua"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="exemplars")  # fmt: skip
    title = models.CharField(_("tiêu đề"), max_length=300, blank=True)
    story = models.TextField(_("câu chuyện, thành tích"))
    year = models.PositiveSmallIntegerField(_("năm"))
    recognised_on = models.DateField(_("ngày công nhận"))
    recognition = models.CharField(_("hình thức công nhận (quyết định, sự kiện)"), max_length=500, blank=True)
    decision = models.ForeignKey("rewards.Decision", verbose_name=_("quyết định khen thưởng"), null=True,
                                 blank=True, on_delete=models.PROTECT, related_name="exemplars")  # fmt: skip
    published = models.BooleanField(_("công khai trên bảng vàng"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = ExemplarQuerySet.as_manager()

    class Meta:
        verbose_name = _("điển hình tiên tiến")
        verbose_name_plural = _("điển hình tiên tiến")
        ordering = ["-year", "-recognised_on", "id"]
        indexes = [
            models.Index(fields=["unit", "year"], name="exemplar_unit_year_idx"),
            models.Index(fields=["year", "kind"], name="exemplar_year_kind_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(person__isnull=True) | Q(collective__isnull=True),
                name="exemplar_person_or_collective",
            ),
            models.CheckConstraint(condition=Q(kind__in=["advanced", "good_deed"]), name="exemplar_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year})"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("exemplars:exemplar-detail", args=[self.pk])

    @property
    def is_collective(self) -> bool:
        return self.collective_id is not None


class ReplicationQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"

    def visible_to(self, user, perm: str = VIEW):
        roots = scope_roots(user, perm)
        if roots is None:
            return self
        return self.filter(subtree_q("unit__path", roots) | subtree_q("exemplar__unit__path", roots))

    def active(self):
        return self.filter(archived_at__isnull=True)


class Replication(models.Model):
    exemplar = models.ForeignKey(Exemplar, verbose_name=_("điển hình"), on_delete=models.PROTECT,
                                 related_name="replications")  # fmt: skip
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("đơn vị nhân rộng"), on_delete=models.PROTECT,
                             related_name="replications")  # fmt: skip
    since = models.DateField(_("áp dụng từ ngày"))
    result = models.TextField(_("kết quả"), blank=True)
    participants = models.PositiveIntegerField(_("số người tham gia"), null=True, blank=True)
    benefit = models.BigIntegerField(_("giá trị làm lợi (đồng)"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = ReplicationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhân rộng điển hình")
        verbose_name_plural = _("nhân rộng điển hình")
        ordering = ["exemplar", "since", "id"]
        indexes = [models.Index(fields=["unit", "since"], name="replication_unit_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["exemplar", "unit"],
                condition=Q(archived_at__isnull=True),
                name="replication_one_active_per_unit",
            ),  # fmt: skip
            models.CheckConstraint(
                condition=Q(benefit__isnull=True) | Q(benefit__gte=0), name="replication_benefit"
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.exemplar}"


class BoardQuerySet(ScopedQuerySet):
    scope_lookup = "unit__path"


class HonourBoard(models.Model):
    unit = models.ForeignKey("orgs.Unit", verbose_name=_("liên đoàn lao động"), on_delete=models.PROTECT,
                             related_name="honour_boards")  # fmt: skip
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tiêu đề"), max_length=300)
    introduction = models.TextField(_("lời giới thiệu"), blank=True)
    published = models.BooleanField(_("công khai trên trang tôn vinh"), default=False)
    published_at = models.DateTimeField(_("công khai lúc"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True)

    objects = BoardQuerySet.as_manager()

    class Meta:
        verbose_name = _("bảng vàng")
        verbose_name_plural = _("bảng vàng")
        ordering = ["-year", "unit__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "year"],
                condition=Q(archived_at__isnull=True),
                name="honour_board_one_per_year",
            ),  # fmt: skip
        ]

    def __str__(self) -> str:
        return self.title

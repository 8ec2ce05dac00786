"""Anniversaries: the catalog the federation marks (``Commemoration``), and those a plan celebrates
(``PhaseCommemoration``, in a phase or outside any)."""

from __future__ import annotations

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.dates import format_date

from .phases import Phase
from .plans import Plan


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
        return f"{self.name} ({format_date(self.base_date)})"

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

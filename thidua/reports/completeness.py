"""Who has reported: for a form and any unit, the reports expected below it (on the tree of the period's end),
how many were submitted, on time, approved, missing and late — counts and rates by the unit's children (the
upper-level unions below a province) and by sector — and the list of the late.

- *expected*: every expected report of the subtree below the unit (the unit's own is shown apart), waived ones
  counted as waived and left out of the rates;
- *submitted*: sent to the level above and not sent back (submitted, approved, accepted); *on time*: submitted on or
  before its due date (the day of ``submitted_at`` in the time zone of the site);
- *missing*: not started, being drafted, or returned; *late*: missing after its due date, or after the late-entry
  day the level above granted; days late count from that day.

Set-based: one aggregate query by (child prefix, sector, status), one page of the late list (COUNT + rows).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Min, Q, QuerySet
from django.db.models.functions import Coalesce, Substr
from django.utils import timezone

from thidua.orgs.models import Sector, Unit, UnitVersion

from .models import ExpectedReportStatus, ReportForm
from .rollup import sector_label
from .tree import APPROVED, MISSING, SENT, reports_in_tree, tree_day, version_on


@dataclass
class Row:
    key: str
    label: str
    unit: Unit | None = None
    expected: int = 0
    waived: int = 0
    submitted: int = 0
    on_time: int = 0
    approved: int = 0
    returned: int = 0
    missing: int = 0
    late: int = 0  # missing after the due (or late-entry) day
    oldest_due: datetime.date | None = None  # of the late: days late count from it
    today: datetime.date = field(default_factory=timezone.localdate)

    def add(self, other: Row) -> None:
        for name in ("expected", "waived", "submitted", "on_time", "approved", "returned", "missing", "late"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        if other.oldest_due and (self.oldest_due is None or other.oldest_due < self.oldest_due):
            self.oldest_due = other.oldest_due

    @property
    def owed(self) -> int:
        """Expected and not waived: the denominator of the rates."""
        return self.expected - self.waived

    def _rate(self, n: int) -> int | None:
        return None if not self.owed else round(100 * n / self.owed)

    @property
    def submitted_rate(self) -> int | None:
        return self._rate(self.submitted)

    @property
    def on_time_rate(self) -> int | None:
        return self._rate(self.on_time)

    @property
    def approved_rate(self) -> int | None:
        return self._rate(self.approved)

    @property
    def max_days_late(self) -> int:
        return (self.today - self.oldest_due).days if self.oldest_due else 0


@dataclass
class Completeness:
    form: ReportForm
    unit: Unit
    day: datetime.date
    today: datetime.date
    version: UnitVersion | None
    total: Row
    by_child: list[Row]
    by_sector: list[Row]


def due_day():
    """The last day a report may be entered: the late-entry day the level above granted, else its due date."""
    return Coalesce("late_entry_until", "due_on")


def below(form: ReportForm, version: UnitVersion, day: datetime.date) -> QuerySet:
    """The form's expected reports strictly below the unit (on the tree day)."""
    return reports_in_tree(form, version, day).filter(tree__depth__gt=version.depth)


def completeness(form: ReportForm, unit: Unit, *, today: datetime.date | None = None) -> Completeness:
    """Counts by child and by sector (three queries: the unit's version, the counts, the children)."""
    today = today or timezone.localdate()
    day = tree_day(form)
    version = version_on(unit, day)
    total = Row(key="total", label=unit.name, unit=unit, today=today)
    if version is None:
        return Completeness(form, unit, day, today, None, total, [], [])
    width = (version.depth + 1) * Unit.steplen
    late = Q(status__in=MISSING) & Q(effective_due__lt=today)
    rows = (
        below(form, version, day)
        .annotate(prefix=Substr("tree__path", 1, width), effective_due=due_day())
        .values("prefix", "unit__sector", "status")
        .annotate(
            n=Count("pk"),
            on_time=Count("pk", filter=Q(status__in=SENT, submitted_at__date__lte=F("due_on"))),
            late=Count("pk", filter=late),
            oldest_due=Min("effective_due", filter=late),
        )
        .order_by()
    )
    groups: dict[str, Row] = {}
    sectors: dict[str, Row] = {}
    for item in rows:
        part = Row(key="", label="", today=today, expected=item["n"], on_time=item["on_time"],
                   late=item["late"], oldest_due=item["oldest_due"])  # fmt: skip
        status = item["status"]
        if status == ExpectedReportStatus.WAIVED:
            part.waived = item["n"]
        if status in SENT:
            part.submitted = item["n"]
        if status in APPROVED:
            part.approved = item["n"]
        if status in MISSING:
            part.missing = item["n"]
        if status == ExpectedReportStatus.RETURNED:
            part.returned = item["n"]
        sector = item["unit__sector"] or ""
        groups.setdefault(item["prefix"], Row(key=item["prefix"], label="", today=today)).add(part)
        if sector not in sectors:
            sectors[sector] = Row(key=sector, label=sector_label(sector), today=today)
        sectors[sector].add(part)
        total.add(part)
    children = (
        UnitVersion.objects.as_of(day)
        .filter(path__subtree=version.path, depth=version.depth + 1)
        .select_related("unit")
        .order_by("sort_key", "path")
    )
    by_child = []
    for child in children:
        row = groups.get(child.path)
        if row is None:
            continue
        row.unit, row.label = child.unit, child.name
        by_child.append(row)
    order = {code: index for index, code in enumerate(Sector.values)}
    by_sector = sorted(sectors.values(), key=lambda row: order.get(row.key, len(order)))
    return Completeness(form, unit, day, today, version, total, by_child, by_sector)


def late_reports(form: ReportForm, unit: Unit, *, today: datetime.date | None = None) -> QuerySet:
    """The reports below ``unit`` still missing after their due (or late-entry) day, the longest late first, then in
    the tree's order: each with ``effective_due``, ``tree_path``, ``tree_name`` and its unit (one query a page)."""
    today = today or timezone.localdate()
    day = tree_day(form)
    version = version_on(unit, day)
    if version is None:
        from .models import ExpectedReport

        return ExpectedReport.objects.none()
    return (
        below(form, version, day)
        .annotate(effective_due=due_day(), tree_path=F("tree__path"), tree_name=F("tree__name"))
        .filter(status__in=MISSING, effective_due__lt=today)
        .select_related("unit", "parent")
        .order_by("effective_due", "tree_path")
    )


def days_late(report, today: datetime.date | None = None) -> int:
    today = today or timezone.localdate()
    return (today - report.effective_due).days

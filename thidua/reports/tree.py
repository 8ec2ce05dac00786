"""Where each expected report stood in the tree at the end of its period: the join every roll-up query shares.

A form's figures are read on the tree of the day its period ends (``ReportForm.period_end``): a district federation
dissolved in 2025 still holds its 2017 grassroots unions in the 2017 roll-up. Each expected report is joined to its
unit's version of that day (``orgs.UnitVersion``, valid on ``day``) as ``tree``: ``tree__path`` (the path of that
day), ``tree__depth``, ``tree__name``. A report whose unit had no version that day (founded after it) is left out.

Which reports give the figures: a *consolidation* is a report that other reports of the form name as their ``parent``
(an upper-level union's own totals of its units); the others are *leaves*. A subtree's figures are computed from
its approved leaves, and each consolidation is compared with its children (``thidua.reports.rollup``). Testing
"is a consolidation" is an equality on the indexed ``(parent, form)``, never a prefix match between two rows.
"""

from __future__ import annotations

import datetime

from django.db.models import Exists, FilteredRelation, OuterRef, Q, QuerySet

from thidua.orgs.models import Unit, UnitVersion

from .models import ExpectedReport, ExpectedReportStatus, ReportForm

APPROVED = (ExpectedReportStatus.APPROVED, ExpectedReportStatus.ACCEPTED)
SENT = (ExpectedReportStatus.SUBMITTED, *APPROVED)
MISSING = (ExpectedReportStatus.NOT_STARTED, ExpectedReportStatus.DRAFT, ExpectedReportStatus.RETURNED)


def tree_day(form: ReportForm) -> datetime.date:
    """The day whose tree a form's roll-up reads: the end of the period its figures cover."""
    return form.period_end


def version_on(unit: Unit, day: datetime.date) -> UnitVersion | None:
    """``unit``'s name and place on ``day`` (None before it was founded or after it ended)."""
    return UnitVersion.objects.as_of(day).filter(unit=unit).first()


def _on(day: datetime.date, prefix: str = "unit__versions") -> FilteredRelation:
    return FilteredRelation(
        prefix,
        condition=Q(**{f"{prefix}__valid_from__lte": day})
        & (Q(**{f"{prefix}__valid_to__isnull": True}) | Q(**{f"{prefix}__valid_to__gt": day})),
    )


def reports_in_tree(form: ReportForm, version: UnitVersion, day: datetime.date | None = None) -> QuerySet:
    """The form's expected reports (not archived) of the units in ``version``'s subtree on ``day`` (default the
    form's tree day), ``tree`` joined."""
    day = day or tree_day(form)
    return (
        ExpectedReport.objects.filter(form=form, archived_at__isnull=True)
        .annotate(tree=_on(day))
        .filter(tree__path__subtree=version.path)
    )


def is_consolidation() -> Exists:
    """The report is another report's ``parent`` (its unit approves reports of the same form)."""
    return Exists(
        ExpectedReport.objects.filter(
            form=OuterRef("form"), parent=OuterRef("unit"), archived_at__isnull=True
        )
    )


def leaves(reports: QuerySet) -> QuerySet:
    return reports.filter(~is_consolidation())


def values_in_tree(form: ReportForm, version: UnitVersion, day: datetime.date, *, statuses,
                   leaves_only: bool = True) -> QuerySet:  # fmt: skip
    """The values of the form's leaf reports (of all its reports with ``leaves_only=False``) in ``statuses`` whose units lay in ``version``'s subtree on ``day``,
    the report's unit's version of that day joined as ``tree`` (the query the roll-up sums)."""
    from .models import ReportValue

    consolidation = Exists(
        ExpectedReport.objects.filter(
            form=OuterRef("report__form"), parent=OuterRef("report__unit"), archived_at__isnull=True
        )
    )
    values = (
        ReportValue.objects.filter(
            report__form=form, report__archived_at__isnull=True, report__status__in=statuses
        )
        .annotate(tree=_on(day, "report__unit__versions"))
        .filter(tree__path__subtree=version.path)
    )
    return values.filter(~consolidation) if leaves_only else values

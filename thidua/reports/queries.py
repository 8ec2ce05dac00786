"""Reads of phase reports used in more than one place: what a user sees, a report's figures and children, whether
entry is open, the snapshot kept as a version."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from thidua.core.permissions import VIEW
from thidua.core.scoping import scope_q
from thidua.orgs.models import Unit

from .models import (
    Aggregation,
    ExpectedReport,
    FormStatus,
    Indicator,
    ReportForm,
    ReportFormIndicator,
    ReportValue,
    UnitOfMeasure,
)
from .models import ExpectedReportStatus as S

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User


def forms_visible_to(user: User | AnonymousUser | None, perm: str = VIEW) -> QuerySet[ReportForm]:
    """The forms of plans issued in the user's subtree, and the published forms the user's units must report on."""
    owes = ExpectedReport.objects.filter(form=OuterRef("pk")).filter(scope_q(user, "unit__path", perm))
    return ReportForm.objects.current().filter(
        scope_q(user, "phase__plan__issuer__path", perm)
        | Q(Exists(owes), status__in=[FormStatus.PUBLISHED, FormStatus.CLOSED])
    )


def form_indicators(form: ReportForm) -> list[Indicator]:
    """The form's indicators in its order (with the links the checks read)."""
    rows = (
        ReportFormIndicator.objects.filter(form=form)
        .select_related("indicator", "indicator__numerator", "indicator__denominator", "indicator__part_of")
        .order_by("order", "id")
    )
    return [row.indicator for row in rows]


def form_rows(form: ReportForm) -> list[ReportFormIndicator]:
    return list(
        ReportFormIndicator.objects.filter(form=form)
        .select_related("indicator", "indicator__numerator", "indicator__denominator", "indicator__part_of")
        .order_by("order", "id")
    )


def values_of(report: ExpectedReport) -> dict[str, ReportValue]:
    return {
        v.indicator.code: v for v in ReportValue.objects.filter(report=report).select_related("indicator")
    }


def children_of(report: ExpectedReport) -> QuerySet[ExpectedReport]:
    """The reports this report's unit approves (same form)."""
    return ExpectedReport.objects.current().filter(form_id=report.form_id, parent_id=report.unit_id)


def unsettled_children(report: ExpectedReport) -> QuerySet[ExpectedReport]:
    """The child reports neither approved (or accepted) nor waived: the unit may not submit its own until none."""
    return children_of(report).exclude(status__in=[S.APPROVED, S.ACCEPTED, S.WAIVED])


def report_of(form: ReportForm, unit: Unit) -> ExpectedReport | None:
    return ExpectedReport.objects.current().filter(form=form, unit=unit).first()


def parent_report(report: ExpectedReport) -> ExpectedReport | None:
    if report.parent_id is None:
        return None
    return ExpectedReport.objects.current().filter(form_id=report.form_id, unit_id=report.parent_id).first()


def entry_open(report: ExpectedReport, today: datetime.date | None = None) -> bool:
    """Entry is open until the due date, or after it until the late-entry exception granted by the level above."""
    today = today or timezone.localdate()
    if today <= report.due_on:
        return True
    return report.late_entry_until is not None and today <= report.late_entry_until


def is_late(report: ExpectedReport) -> bool:
    """Submitted (or still missing) after the due date."""
    if report.status == S.WAIVED:
        return False
    if report.submitted_at is not None:
        return timezone.localdate(report.submitted_at) > report.due_on
    return timezone.localdate() > report.due_on


def snapshot(report: ExpectedReport) -> dict[str, Any]:
    """The report's figures as plain data: ``{code: {"value", "target", "text", "approximate"}}`` (numbers as
    strings, so the JSON keeps them exact)."""
    return {
        code: {
            "value": None if v.value is None else str(v.value),
            "target": None if v.target is None else str(v.target),
            "text": v.text,
            "approximate": v.approximate,
        }
        for code, v in sorted(values_of(report).items())
    }


def reports_of_unit(unit: Unit) -> QuerySet[ExpectedReport]:
    return (
        ExpectedReport.objects.current()
        .filter(unit=unit)
        .select_related("form", "form__phase", "form__phase__plan")
        .order_by("-form__due_on", "-id")
    )


def approving_units(units: list[tuple[int, str]], issuer: Unit) -> dict[int, int | None]:
    """For each reporting unit ``(id, path)``, the id of its nearest reporting ancestor (the issuer at worst; None
    for the issuer itself)."""
    by_path = {path: pk for pk, path in units}
    step = Unit.steplen
    parents: dict[int, int | None] = {}
    for pk, path in units:
        if path == issuer.path:
            parents[pk] = None
            continue
        above = None
        end = len(path) - step
        while end >= len(issuer.path):
            above = by_path.get(path[:end])
            if above is not None:
                break
            end -= step
        parents[pk] = above if above is not None else issuer.pk
    return parents


def form_summary(form: ReportForm) -> dict[str, int]:
    """The form's expected reports counted by state."""
    rows = ExpectedReport.objects.current().filter(form=form).values("status").annotate(n=Count("id"))
    return {row["status"]: row["n"] for row in rows}


def ratio(numerator: Decimal | None, denominator: Decimal | None, *, percent: bool) -> Decimal | None:
    """A ratio recomputed from its terms (×100 for a percentage), to two places; None without a denominator."""
    if numerator is None or not denominator:
        return None
    value = numerator / denominator * (100 if percent else 1)
    return value.quantize(Decimal("0.01") if percent else Decimal(1), rounding=ROUND_HALF_UP)


@dataclass
class Row:
    """One line of a report as pages show it."""

    indicator: Indicator
    required: bool
    value: Decimal | None = None
    target: Decimal | None = None
    text: str = ""
    approximate: bool = False
    computed: Decimal | None = None  # a ratio's value, or a percent-of-target's percentage

    @property
    def code(self) -> str:
        return self.indicator.code


def report_rows(report: ExpectedReport, rows: list[ReportFormIndicator] | None = None) -> list[Row]:
    """The form's indicators with the report's figures; ratios and percentages of target computed (two queries)."""
    rows = rows if rows is not None else form_rows(report.form)
    values = values_of(report)
    by_id = {row.indicator.pk: values.get(row.indicator.code) for row in rows}
    result = []
    for row in rows:
        indicator = row.indicator
        stored = values.get(indicator.code)
        line = Row(indicator=indicator, required=row.required)
        if stored is not None:
            line.value, line.target, line.text, line.approximate = (stored.value, stored.target, stored.text,
                                                                    stored.approximate)  # fmt: skip
        if indicator.aggregation == Aggregation.RATIO:
            num, den = by_id.get(indicator.numerator_id or 0), by_id.get(indicator.denominator_id or 0)
            line.computed = ratio(num.value if num else None, den.value if den else None,
                                  percent=indicator.unit_of_measure == UnitOfMeasure.PERCENT)  # fmt: skip
        elif indicator.aggregation == Aggregation.PERCENT_OF_TARGET:
            line.computed = ratio(line.value, line.target, percent=True)
        result.append(line)
    return result


def closing_lists(form: ReportForm, *, limit: int = 200) -> dict:
    """What the level closing a form must see: the reports not sent (not started, being entered, sent back) and
    those sent after their due date, each with its unit and approving level, and their counts (four queries)."""
    current = ExpectedReport.objects.current().filter(form=form).select_related("unit", "parent")
    missing = current.filter(status__in=[S.NOT_STARTED, S.DRAFT, S.RETURNED]).order_by("unit__path")
    late = current.filter(
        status__in=[S.SUBMITTED, S.APPROVED, S.ACCEPTED], submitted_at__date__gt=F("due_on")
    ).order_by("unit__path")
    return {
        "missing": list(missing[:limit]),
        "missing_count": missing.count(),
        "late": list(late[:limit]),
        "late_count": late.count(),
    }

"""The dashboard block of phase reports: for the user's top unit that has report forms, its indicators phase by
phase over the last year that has forms, that year's figure by each indicator's rule (flows add up over the phases,
stocks take the last phase's value, ratios recomputed) and the previous year beside it, with a small chart a year.

Set-based: the forms, the unit's versions, the indicators, and one aggregate query of the approved leaves' values
grouped by form and indicator — each form read on the tree of its own period's end (one condition per form, at
most ``MAX_FORMS`` forms) — five queries whatever the size of the subtree.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Exists, F, OuterRef, Q, Sum
from django.http import HttpRequest

from thidua.orgs.models import Unit, UnitVersion

from . import aggregation as agg
from .models import ExpectedReport, Indicator, ReportForm, ReportValue
from .rollup import rules_of
from .rollup_access import ancestor_paths, published_forms
from .rollup_display import figure_text, number_text
from .tree import APPROVED

MAX_FORMS = 8  # two years of up to four phases
MAX_INDICATORS = 6


@dataclass
class Period:
    form: ReportForm
    label: str


@dataclass
class Line:
    indicator: Indicator
    by_period: list[str] = field(default_factory=list)
    year: str = ""
    previous: str = ""
    change: str = ""  # the year against the previous, in percent
    chart: dict = field(default_factory=dict)


def _last_two_years(forms: list[ReportForm]) -> list[ReportForm]:
    if not forms:
        return []
    last = max(f.period_end.year for f in forms)
    chosen = [f for f in forms if f.period_end.year >= last - 1]
    return sorted(chosen, key=lambda f: (f.period_end, f.pk))[-MAX_FORMS:]


def _top_unit(request: HttpRequest) -> tuple[Unit | None, list[ReportForm]]:
    """The user's top unit concerned by the latest published form (issued by it or above it), with the forms of
    its last two years: one query when there is none, two when there is."""
    from thidua.core.scoping import scope_roots

    roots = scope_roots(request.user)
    forms = published_forms().select_related("phase__plan__issuer").order_by("-period_end", "-pk")
    if roots is not None:
        if not roots:
            return None, []
        forms = forms.filter(
            phase__plan__issuer__path__in=sorted({p for r in roots for p in ancestor_paths(r)})
        )
    found = list(forms[: MAX_FORMS * 3])
    if not found:
        return None, []
    latest_issuer = found[0].phase.plan.issuer
    if roots is None:
        return latest_issuer, _last_two_years(
            [f for f in found if f.phase.plan.issuer_id == latest_issuer.pk]
        )
    root = next(r for r in sorted(roots) if r.startswith(latest_issuer.path))
    unit = Unit.objects.get(path=root)
    concerning = [f for f in found if root.startswith(f.phase.plan.issuer.path)]
    return unit, _last_two_years(concerning)


def figures_by_form(unit: Unit, forms: list[ReportForm], indicators: Iterable[Indicator]) -> dict[int, dict]:
    """form id -> indicator id -> the unit's subtree's figure for that form (approved leaves, the tree of the
    form's period end), ratios resolved: one query for the versions, one for the values."""
    versions = list(UnitVersion.objects.filter(unit=unit).order_by("valid_from"))
    on_day = {}
    for form in forms:
        day = form.period_end
        on_day[form.pk] = next(
            (v for v in versions if v.valid_from <= day and (v.valid_to is None or v.valid_to > day)), None
        )
    condition = Q(pk__in=[])
    for form in forms:
        version = on_day[form.pk]
        if version is not None:
            condition |= Q(report__form_id=form.pk, report__unit__versions__path__subtree=version.path)
    rules = rules_of(indicators)
    sums: dict[int, agg.Sums] = {form.pk: agg.Sums() for form in forms}
    consolidation = Exists(ExpectedReport.objects.filter(form=OuterRef("report__form"), parent=OuterRef("report__unit"),
                                                         archived_at__isnull=True))  # fmt: skip
    rows = (
        ReportValue.objects.filter(
            condition,
            Q(report__unit__versions__valid_to__isnull=True)
            | Q(report__unit__versions__valid_to__gt=F("report__form__period_end")),
            report__unit__versions__valid_from__lte=F("report__form__period_end"),
            report__status__in=APPROVED,
            report__archived_at__isnull=True,
            indicator_id__in=list(rules),
        )
        .filter(~consolidation)
        .values("report__form_id", "indicator_id")
        .annotate(
            total=Sum("value"),
            n=Count("value"),
            approx=Count("pk", filter=Q(approximate=True, value__isnull=False)),
            target=Sum("target"),
        )
        .order_by()
    )
    for item in rows:
        sums[item["report__form_id"]].add_row(item["indicator_id"], item["total"], item["n"], item["approx"],
                                              item["target"])  # fmt: skip
    return {form.pk: agg.resolve(rules, sums[form.pk].figures) for form in forms}


def _year_figure(indicator: Indicator, rules, periods: list[dict[int, agg.Figure]]) -> agg.Figure:
    if indicator.aggregation == agg.RATIO:
        num, den = indicator.numerator_id or 0, indicator.denominator_id or 0
        if num not in rules or den not in rules:
            return agg.EMPTY
        numerator = agg.across_periods(rules[num].aggregation, [p.get(num, agg.EMPTY) for p in periods])
        denominator = agg.across_periods(rules[den].aggregation, [p.get(den, agg.EMPTY) for p in periods])
        return agg.ratio(numerator, denominator)
    return agg.across_periods(indicator.aggregation, [p.get(indicator.pk, agg.EMPTY) for p in periods])


def dashboard_block(request: HttpRequest) -> dict | None:
    if not request.user.is_authenticated:
        return None
    unit, forms = _top_unit(request)
    if unit is None:
        return None
    year = forms[-1].period_end.year
    chosen = [
        row.indicator
        for row in forms[-1]
        .form_indicators.select_related("indicator")
        .exclude(indicator__aggregation__in=[agg.NONE, agg.DECIDED_LEVEL])
        .order_by("order", "id")[:MAX_INDICATORS]
    ]
    if not chosen:
        return None
    terms = {pk for i in chosen for pk in (i.numerator_id, i.denominator_id) if pk is not None}
    extra = list(Indicator.objects.filter(pk__in=terms - {i.pk for i in chosen})) if terms else []
    everything = [*chosen, *extra]
    rules = rules_of(everything)
    figures = figures_by_form(unit, forms, everything)
    this_year = [f for f in forms if f.period_end.year == year]
    last_year = [f for f in forms if f.period_end.year == year - 1]
    lines = []
    for indicator in chosen:
        line = Line(indicator)
        line.by_period = [
            figure_text(indicator, figures[f.pk].get(indicator.pk, agg.EMPTY)) for f in this_year
        ]
        now = _year_figure(indicator, rules, [figures[f.pk] for f in this_year])
        before = (
            _year_figure(indicator, rules, [figures[f.pk] for f in last_year]) if last_year else agg.EMPTY
        )
        line.year, line.previous = figure_text(indicator, now), figure_text(indicator, before)
        if now.value is not None and before.value and indicator.aggregation != agg.RATIO:
            change = (now.value - before.value) * 100 / before.value
            line.change = (
                f"{'+' if change > 0 else ''}{number_text(change.quantize(agg.PERCENT_PLACES), 1)} %"
            )
        line.chart = {
            "label": f"{indicator.code} – {indicator.name} ({indicator.unit_label})",
            "periods": [f.phase.name for f in this_year],
            "this_year": [_plain(figures[f.pk].get(indicator.pk)) for f in this_year],
            "last_year": [_plain(figures[f.pk].get(indicator.pk)) for f in last_year[-len(this_year):]]
            if last_year else [],
            "this_label": str(year), "last_label": str(year - 1),
        }  # fmt: skip
        lines.append(line)
    return {
        "unit": unit, "year": year, "periods": [Period(f, f.phase.name) for f in this_year],
        "has_previous": bool(last_year), "lines": lines, "latest": forms[-1],
        "chart": [line.chart for line in lines],
    }  # fmt: skip


def _plain(figure: agg.Figure | None):
    return None if figure is None or figure.value is None else float(figure.value)

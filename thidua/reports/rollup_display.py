"""A roll-up as tables of text, the same for the page, the .xlsx file and the official document: each indicator's
figure written by its rule (a number with its unit, a percentage, actual against target), approximate figures
marked "≈", and the rows by child and by sector as a matrix of indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from . import aggregation as agg
from .models import Indicator
from .rollup import Rollup, Row
from .validation import combined_checks

APPROXIMATE_MARK = "≈"


def number_text(value: Decimal | int | None, places: int = 0) -> str:
    """1.530.000.000 in Vietnamese, 1,530,000,000 in English; ``places`` decimals (a percentage: 2, trailing
    zeros dropped)."""
    if value is None:
        return ""
    text = number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)
    if places:
        sep = number_format(Decimal("0.5"), decimal_pos=1, use_l10n=True)[1]
        text = text.rstrip("0").rstrip(sep)
    return text


def is_shown(indicator: Indicator) -> bool:
    """Text indicators have no figure to roll up."""
    return indicator.aggregation != agg.NONE


@dataclass
class Cell:
    text: str
    value: Decimal | None = None
    approximate: bool = False
    flagged: bool = False  # the unit's own report disagrees with this figure
    note: str = ""

    def __str__(self) -> str:
        return self.text


def figure_text(indicator: Indicator, figure: agg.Figure) -> str:
    if figure.value is None:
        return ""
    mark = f"{APPROXIMATE_MARK} " if figure.approximate else ""
    if indicator.aggregation == agg.RATIO:
        return f"{mark}{number_text(figure.value, 2)} %"
    return f"{mark}{number_text(figure.value)}"


def cell(indicator: Indicator, figure: agg.Figure | None) -> Cell:
    figure = figure or agg.EMPTY
    return Cell(figure_text(indicator, figure), figure.value, figure.approximate)


@dataclass
class IndicatorLine:
    """One indicator of the totals: its figure, and for a percent of target the target and the percent reached."""

    indicator: Indicator
    figure: agg.Figure
    value: Cell
    target: str = ""
    percent: str = ""
    basis: str = ""  # what the figure is computed from (a ratio's terms, the level that decided)
    flags: list[str] = field(default_factory=list)


def totals(rollup: Rollup) -> list[IndicatorLine]:
    lines = []
    parts: dict[int, list] = {}
    for found in rollup.total.parts_exceeding:
        parts.setdefault(found.whole_id, []).append(found)
    by_id = rollup.indicator_by_id
    for indicator in rollup.indicators:
        if not is_shown(indicator):
            continue
        figure = rollup.total.figures.get(indicator.pk, agg.EMPTY)
        line = IndicatorLine(indicator, figure, cell(indicator, figure))
        if indicator.aggregation == agg.PERCENT_OF_TARGET:
            line.target = number_text(figure.target)
            percent = figure.percent_of_target
            line.percent = f"{number_text(percent, 2)} %" if percent is not None else ""
        elif indicator.aggregation == agg.RATIO and figure.denominator:
            line.basis = f"{number_text(figure.numerator)} / {number_text(figure.denominator)}"
        elif indicator.aggregation == agg.DECIDED_LEVEL:
            line.basis = _("theo báo cáo của cấp quyết định")
        for p in parts.get(indicator.pk, []):
            names = ", ".join(by_id[pk].code for pk in p.part_ids)
            line.flags.append(_("Chỉ tiêu thành phần %(parts)s (%(n)s) vượt tổng số") % {
                "parts": names, "n": number_text(p.parts)})  # fmt: skip
        for c in rollup.total.checks_failed:
            if c.check.whole.pk == indicator.pk:
                line.flags.append(_("Kiểm tra %(formula)s không đạt: %(terms)s so với %(whole)s") % {
                    "formula": c.check.formula, "terms": number_text(c.terms_value),
                    "whole": number_text(c.whole_value)})  # fmt: skip
        lines.append(line)
    return lines


def shown_indicators(rollup: Rollup) -> list[Indicator]:
    return [i for i in rollup.indicators if is_shown(i)]


def row_cells(rollup: Rollup, row: Row) -> list[Cell]:
    """The row's figure for each shown indicator; a cell where the unit's own report disagrees is flagged with what
    the report says."""
    disagreements = {d.indicator_id: d for d in row.discrepancies}
    cells = []
    for indicator in shown_indicators(rollup):
        c = cell(indicator, row.figures.get(indicator.pk))
        found = disagreements.get(indicator.pk)
        if found is not None:
            c.flagged = True
            c.note = _("Báo cáo của đơn vị ghi %(reported)s; các đơn vị trực thuộc đã duyệt cộng lại %(computed)s") % {
                "reported": figure_text(indicator, found.reported), "computed": figure_text(indicator, found.computed)}  # fmt: skip
        cells.append(c)
    return cells


@dataclass
class DiscrepancyLine:
    indicator: Indicator
    reported: str
    computed: str
    difference: str


def discrepancy_lines(rollup: Rollup) -> list[tuple]:
    """For each consolidation that disagrees with its children: (consolidation, [DiscrepancyLine])."""
    by_id = rollup.indicator_by_id
    found = []
    for consolidation in rollup.consolidations:
        lines = []
        for d in consolidation.discrepancies:
            indicator = by_id[d.indicator_id]
            difference = d.difference
            sign = "+" if difference > 0 else ""
            lines.append(DiscrepancyLine(indicator, figure_text(indicator, d.reported),
                                         figure_text(indicator, d.computed), f"{sign}{number_text(difference)}"))  # fmt: skip
        found.append((consolidation, lines))
    return found


def page_context(result) -> dict:
    """What the roll-up's body shows (``reports/_rollup_body.html``), from a computed ``Rollup``."""
    for flag in result.parts_flags:
        flag.whole_text = number_text(flag.whole_value)
        flag.parts_text = number_text(flag.parts_value)
        flag.excess_text = number_text(flag.excess)
    return {
        "rollup": result, "indicators": shown_indicators(result), "lines": totals(result),
        "children": [(row, row_cells(result, row)) for row in result.by_child],
        "sectors": [(row, row_cells(result, row)) for row in result.by_sector],
        "total_cells": row_cells(result, result.total),
        "discrepancies": discrepancy_lines(result),
        "checks": combined_checks(result.indicators),
    }  # fmt: skip

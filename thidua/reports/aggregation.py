"""How an indicator's figures add up: the aggregation rules of the indicator catalog, as pure functions.

No database here: ``thidua.reports.rollup`` sums in SQL what can be summed (per indicator and group: the total,
how many values, whether any is approximate, the total target) and hands the sums to ``resolve``, which applies each
indicator's rule. The same functions combine phases into a year (``across_periods``) for the dashboard. A naive sum
or average is wrong for every rule but the first:

- ``sum`` (flows: new members, initiatives, houses built): the values add up, over units and over periods.
- ``end_of_period`` (stocks: members, grassroots unions): units add up at one date, but over periods the figure is
  the value at the end of the last one — the year is not the first half plus the second half.
- ``ratio`` (percentages: members per worker): recomputed from the summed numerator and denominator indicators,
  never averaged from the units' percentages (a unit of 10 people weighs less than one of 1,000).
- ``percent_of_target`` (new members against the target given): target and actual are both summed and the percent
  is actual ÷ target, never the mean of the units' percents.
- ``decided_level`` (awards): counted only at the level that decided them — a unit's figure is what its own report
  says, never the sum of the reports below it (which list the same awards as received: counted twice).
- ``none`` (text): not aggregated.

Money is an integer number of đồng; a value may be marked approximate ("hơn", "gần", "khoảng"). Approximation
propagates: a total of which any part is approximate is approximate, and so is a ratio of an approximate figure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

SUM = "sum"
END_OF_PERIOD = "end_of_period"
RATIO = "ratio"
PERCENT_OF_TARGET = "percent_of_target"
DECIDED_LEVEL = "decided_level"
NONE = "none"
RULES = (SUM, END_OF_PERIOD, RATIO, PERCENT_OF_TARGET, DECIDED_LEVEL, NONE)

# Rules whose figure for a group is the sum of its units' figures (what SQL's SUM computes).
SUMMED_OVER_UNITS = (SUM, END_OF_PERIOD, PERCENT_OF_TARGET)
# Rules whose parts may be compared with their whole (women ≤ members).
COMPARABLE = (SUM, END_OF_PERIOD, PERCENT_OF_TARGET, DECIDED_LEVEL)

PERCENT_PLACES = Decimal("0.01")


@dataclass(frozen=True)
class Figure:
    """One indicator's figure for a unit or a group of units.

    ``value`` is the figure itself (for ``percent_of_target``: the actual; for ``ratio``: the percentage), ``None``
    when nobody reported it. ``count`` is the number of reports that gave a value. ``target`` is the summed target
    (``percent_of_target``). ``numerator`` and ``denominator`` are kept for a ratio so that a reader sees what it
    was computed from."""

    value: Decimal | None = None
    approximate: bool = False
    count: int = 0
    target: Decimal | None = None
    numerator: Decimal | None = None
    denominator: Decimal | None = None

    @property
    def percent_of_target(self) -> Decimal | None:
        """Actual ÷ target, in percent (two decimals); ``None`` without a positive target."""
        if self.value is None or not self.target:
            return None
        return (self.value * 100 / self.target).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)

    @property
    def is_empty(self) -> bool:
        return self.value is None


EMPTY = Figure()


@dataclass(frozen=True)
class Rule:
    """What ``resolve`` needs of an indicator: its aggregation and, for a ratio, the indicators it divides."""

    aggregation: str
    numerator_id: int | None = None
    denominator_id: int | None = None
    part_of_id: int | None = None


def figure(value, *, approximate: bool = False, target=None) -> Figure:
    """One unit's reported figure (``value`` may be an int, a str or a Decimal)."""
    return Figure(
        value=None if value is None else Decimal(value),
        approximate=bool(approximate) and value is not None,
        count=0 if value is None else 1,
        target=None if target is None else Decimal(target),
    )


def add(figures: Iterable[Figure]) -> Figure:
    """The sum of figures: values and targets add, counts add, approximate if any part is approximate. Empty
    figures (nobody reported) add nothing; the sum of nothing is empty."""
    value: Decimal | None = None
    target: Decimal | None = None
    approximate = False
    count = 0
    for f in figures:
        if f.value is not None:
            value = f.value if value is None else value + f.value
            approximate = approximate or f.approximate
            count += f.count
        if f.target is not None:
            target = f.target if target is None else target + f.target
    return Figure(value=value, approximate=approximate, count=count, target=target)


def ratio(numerator: Figure, denominator: Figure) -> Figure:
    """numerator ÷ denominator in percent (two decimals), approximate if either is; empty when the denominator is
    empty or zero."""
    if numerator.value is None or not denominator.value:
        return Figure(numerator=numerator.value, denominator=denominator.value)
    value = (numerator.value * 100 / denominator.value).quantize(PERCENT_PLACES, rounding=ROUND_HALF_UP)
    return Figure(
        value=value,
        approximate=numerator.approximate or denominator.approximate,
        count=min(numerator.count, denominator.count),
        numerator=numerator.value,
        denominator=denominator.value,
    )


def across_units(aggregation: str, figures: Iterable[Figure], *, own: Figure | None = None) -> Figure:
    """The figure of a group of units for one indicator whose rule is not a ratio (see ``resolve`` for ratios):
    summed for flows, stocks and targets; the group's ``own`` figure for an award counted where it is decided;
    nothing for text."""
    if aggregation in SUMMED_OVER_UNITS:
        return add(figures)
    if aggregation == DECIDED_LEVEL:
        return own if own is not None else EMPTY
    if aggregation == NONE:
        return EMPTY
    raise ValueError(f"across_units cannot combine a {aggregation!r} indicator: use resolve")


def across_periods(aggregation: str, figures: Sequence[Figure]) -> Figure:
    """One unit's (or group's) figure over consecutive periods (oldest first), e.g. the phases of a year: flows,
    targets and awards add up; a stock is the value at the end of the last period that has one, never a sum."""
    if aggregation in (SUM, PERCENT_OF_TARGET, DECIDED_LEVEL):
        return add(figures)
    if aggregation == END_OF_PERIOD:
        for f in reversed(figures):
            if f.value is not None:
                return f
        return EMPTY
    if aggregation == NONE:
        return EMPTY
    raise ValueError(f"across_periods cannot combine a {aggregation!r} indicator: use resolve")


def resolve(rules: Mapping[int, Rule], sums: Mapping[int, Figure],
            own: Mapping[int, Figure] | None = None) -> dict[int, Figure]:  # fmt: skip
    """Every indicator's figure for one group from the group's ``sums`` (indicator id → the sum over the group's
    reports, as ``add`` computes it; SQL's SUM gives the same) and its ``own`` report's figures (the unit's own
    report, for awards counted at the level that decided them): ratios recomputed from their numerator's and
    denominator's figures (themselves resolved first), awards from ``own``, text left out."""
    own = own or {}
    result: dict[int, Figure] = {}
    for pk, rule in rules.items():
        if rule.aggregation == RATIO:
            continue
        result[pk] = across_units(rule.aggregation, [sums.get(pk, EMPTY)], own=own.get(pk))
    for pk, rule in rules.items():
        if rule.aggregation != RATIO:
            continue
        if rule.numerator_id is None or rule.denominator_id is None:
            result[pk] = EMPTY
            continue
        result[pk] = ratio(result.get(rule.numerator_id, EMPTY), result.get(rule.denominator_id, EMPTY))
    return result


@dataclass(frozen=True)
class PartsExceedWhole:
    """A part above its whole: women members above members, members above workers."""

    whole_id: int
    part_ids: tuple[int, ...]
    parts: Decimal
    whole: Decimal

    @property
    def excess(self) -> Decimal:
        return self.parts - self.whole


def parts_exceeding(rules: Mapping[int, Rule], figures: Mapping[int, Figure]) -> list[PartsExceedWhole]:
    """The parts that exceed their whole (``part_of``: women members above members, members above workers). A part
    is a subset of its whole, not a share of a partition (members and insured workers are both parts of the
    workers), so each part is compared with the whole on its own. A whole or part nobody reported is not checked;
    nor are ratios and text."""
    found = []
    for pk in sorted(rules):
        rule = rules[pk]
        if rule.part_of_id is None or rule.aggregation not in COMPARABLE:
            continue
        whole, part = figures.get(rule.part_of_id, EMPTY), figures.get(pk, EMPTY)
        if whole.value is None or part.value is None:
            continue
        if part.value > whole.value:
            found.append(PartsExceedWhole(rule.part_of_id, (pk,), part.value, whole.value))
    return found


@dataclass(frozen=True)
class Discrepancy:
    """Where a level's own report disagrees with what its children's approved reports add up to."""

    indicator_id: int
    reported: Figure
    computed: Figure

    @property
    def difference(self) -> Decimal:
        return (self.reported.value or Decimal(0)) - (self.computed.value or Decimal(0))

    @property
    def approximate(self) -> bool:
        """Either side is approximate: the difference may be the approximation's."""
        return self.reported.approximate or self.computed.approximate


def discrepancies(rules: Mapping[int, Rule], reported: Mapping[int, Figure],
                  computed: Mapping[int, Figure]) -> list[Discrepancy]:  # fmt: skip
    """The indicators where a level's own figure (``reported``) differs from the figure computed from the reports
    below it (``computed``). Awards are counted where they are decided (no figure below to compare with), text not
    at all; an indicator the level did not report, or nobody below reported, is not a disagreement."""
    found = []
    for pk, rule in rules.items():
        if rule.aggregation in (DECIDED_LEVEL, NONE):
            continue
        mine, theirs = reported.get(pk, EMPTY), computed.get(pk, EMPTY)
        if mine.value is None or theirs.value is None:
            continue
        if mine.value != theirs.value:
            found.append(Discrepancy(pk, mine, theirs))
    return found


@dataclass
class Sums:
    """Running sums per indicator for one group, fed row by row from an aggregate query."""

    figures: dict[int, Figure] = field(default_factory=dict)

    def add_row(self, indicator_id: int, total, count: int, approximate, target=None) -> None:
        row = Figure(
            value=None if total is None or not count else Decimal(total),
            approximate=bool(approximate) and bool(count),
            count=count or 0,
            target=None if target is None else Decimal(target),
        )
        self.figures[indicator_id] = add([self.figures.get(indicator_id, EMPTY), row])

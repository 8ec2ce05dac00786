"""The roll-up of a phase report form for any unit: its subtree's figures per indicator by each indicator's rule
(``thidua.reports.aggregation``), a row for each unit directly below it and for each sector, where a level's own
totals disagree with its children's approved figures, and where an indicator's parts exceed its whole.

Set-based, on the tree of the period's end (``thidua.reports.tree``): a fixed handful of queries whatever the size
of the subtree, none of them looping over units.

1. the form's indicators (with their rule, numerator, denominator and whole);
2. the unit's place on the tree day;
3. the approved leaf reports' values, summed by the child's path prefix, the sector and the indicator
   (``SUM(value), COUNT(value)``, the approximate values counted, ``SUM(target)``) — the one heavy query;
4. the expected and approved reports counted by child prefix (which children report at all);
5. the children on the tree day;
6. the own figures (reports sent, approved or accepted) of the unit, of its children and of every consolidation of
   the subtree — for the awards counted where they are decided and for the comparison with the children;
7. the children's approved figures summed by their ``parent`` (the unit that approved them);
8. the reports whose parts add up to more than their whole (women above members), from one self-join of values;
9. when the form holds a combined check of the catalog (TD06 + TD07 ≤ TD05, ``Indicator.checks``), the reports that
   fail one, from one grouped query (none without such a check).

In SQL (SQLite spelling; PostgreSQL writes ``tree.path LIKE 'P%'``), query 3 is::

    SELECT substr(tree.path, 1, :width) AS prefix, u.sector, v.indicator_id,
           SUM(v.value), COUNT(v.value), COUNT(CASE WHEN v.approximate AND v.value IS NOT NULL THEN 1 END),
           SUM(v.target)
    FROM reports_reportvalue v
    JOIN reports_expectedreport r ON r.id = v.report_id
    JOIN orgs_unit u ON u.id = r.unit_id
    JOIN orgs_unitversion tree ON tree.unit_id = r.unit_id
         AND tree.valid_from <= :day AND (tree.valid_to IS NULL OR tree.valid_to > :day)
    WHERE r.form_id = :form AND r.archived_at IS NULL AND r.status IN ('approved', 'accepted')
      AND tree.path >= :path AND tree.path < :path || '~'
      AND NOT EXISTS (SELECT 1 FROM reports_expectedreport c
                      WHERE c.form_id = r.form_id AND c.parent_id = r.unit_id AND c.archived_at IS NULL)
    GROUP BY 1, 2, 3

Ratios are never summed: ``aggregation.resolve`` recomputes them for each row from the row's summed numerator and
denominator. Awards (``decided_level``) are the row's own report's figure, never the sum below.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import BigIntegerField, Count, F, Q, Sum
from django.db.models.functions import Substr
from django.utils.translation import gettext_lazy as _

from thidua.orgs.models import Sector, Unit, UnitVersion

from . import aggregation as agg
from .models import ExpectedReport, Indicator, ReportForm, ReportValue
from .tree import APPROVED, SENT, is_consolidation, reports_in_tree, tree_day, values_in_tree, version_on
from .validation import CombinedCheck, combined_checks

NO_SECTOR_LABEL = _("Không phân loại (công đoàn cấp trên, LĐLĐ)")


@dataclass
class Row:
    """The figures of one group: the whole subtree, one child's subtree, or one sector."""

    key: str
    label: str
    unit: Unit | None = None
    version: UnitVersion | None = None
    sums: dict[int, agg.Figure] = field(default_factory=dict)  # indicator id -> summed over approved leaves
    own: dict[int, agg.Figure] = field(default_factory=dict)  # the group's own report (a unit's row)
    figures: dict[int, agg.Figure] = field(default_factory=dict)  # resolved by each indicator's rule
    expected: int = 0  # expected reports in the group
    approved: int = 0  # approved or accepted
    discrepancies: list[agg.Discrepancy] = field(default_factory=list)
    parts_exceeding: list[agg.PartsExceedWhole] = field(default_factory=list)
    checks_failed: list[CheckFlag] = field(
        default_factory=list
    )  # the group's figures failing a combined check

    def add_sums(self, indicator_id: int, figure: agg.Figure) -> None:
        self.sums[indicator_id] = agg.add([self.sums.get(indicator_id, agg.EMPTY), figure])

    def resolve(self, rules: dict[int, agg.Rule]) -> None:
        self.figures = agg.resolve(rules, self.sums, self.own)
        self.parts_exceeding = agg.parts_exceeding(rules, self.figures)

    @property
    def has_discrepancy(self) -> bool:
        return bool(self.discrepancies)


@dataclass
class Consolidation:
    """A level's own report with the indicators where it disagrees with its children's approved figures."""

    report: ExpectedReport
    unit: Unit
    discrepancies: list[agg.Discrepancy]


@dataclass(frozen=True)
class UnitRef:
    """What a flag shows of its report's unit (id, code, name): read as values, not built as a model — a roll-up of a
    province may flag thousands of reports."""

    pk: int
    code: str
    name: str


def _units_of(rows: list[dict]) -> dict[int, UnitRef]:
    """The units of flagged reports, read with them (``report__unit__code`` / ``__name`` in the grouped rows)."""
    return {
        r["report__unit_id"]: UnitRef(r["report__unit_id"], r["report__unit__code"], r["report__unit__name"])
        for r in rows
    }


def _whole_sum(**filters) -> Sum:
    """A sum of whole-number figures read as an integer: SQLite then needs no CAST and Django no Decimal conversion
    per cell (PostgreSQL returns its numeric as a Decimal either way)."""
    return Sum("value", output_field=BigIntegerField(), **filters)


@dataclass
class PartsFlag:
    """One report whose ``part`` is above its ``whole`` (their values as reported)."""

    report_id: int
    unit: UnitRef
    whole: Indicator
    whole_value: Decimal
    parts_value: Decimal
    part: Indicator | None = None

    @property
    def excess(self) -> Decimal:
        return self.parts_value - self.whole_value


@dataclass
class CheckFlag:
    """A combined check failed by one report (``report_id``, ``unit``) or by a group's rolled-up figures: the sum
    of the terms (``terms_value``) against the whole (``whole_value``), with each term's value."""

    check: CombinedCheck
    terms_value: Decimal
    whole_value: Decimal
    values: dict[str, Decimal | None]
    report_id: int | None = None
    unit: UnitRef | None = None

    @property
    def difference(self) -> Decimal:
        return self.terms_value - self.whole_value

    @property
    def message(self) -> str:
        return self.check.message(self.values, self.terms_value, self.whole_value)


def failed_checks(checks: list[CombinedCheck], figures: dict[int, agg.Figure]) -> list[CheckFlag]:
    """The combined checks failed by one row's figures (indicator id → figure)."""
    found = []
    for check in checks:
        values = {i.code: figures.get(i.pk, agg.EMPTY).value for i in (check.whole, *check.terms)}
        failed = check.failure(values)
        if failed is not None:
            found.append(CheckFlag(check=check, terms_value=failed[0], whole_value=failed[1], values=values))
    return found


@dataclass
class Rollup:
    form: ReportForm
    unit: Unit
    day: datetime.date
    version: UnitVersion | None
    indicators: list[Indicator]
    rules: dict[int, agg.Rule]
    total: Row
    by_child: list[Row]
    by_sector: list[Row]
    consolidations: list[Consolidation]  # those that disagree with their children
    parts_flags: list[PartsFlag]
    check_flags: list[CheckFlag] = field(default_factory=list)  # reports failing a combined check

    @property
    def indicator_by_id(self) -> dict[int, Indicator]:
        return {i.pk: i for i in self.indicators}


def form_indicators(form: ReportForm) -> list[Indicator]:
    """The form's indicators in the form's order (one query)."""
    return [row.indicator for row in form.form_indicators.select_related("indicator").order_by("order", "id")]


def rules_of(indicators: Iterable[Indicator]) -> dict[int, agg.Rule]:
    return {i.pk: agg.Rule(i.aggregation, i.numerator_id, i.denominator_id, i.part_of_id) for i in indicators}


def sector_label(code: str) -> str:
    return str(Sector(code).label) if code in Sector.values else str(NO_SECTOR_LABEL)


def _figure(total, count, approximate, target) -> agg.Figure:
    return agg.Figure(
        value=None if total is None or not count else Decimal(total),
        approximate=bool(approximate) and bool(count),
        count=count or 0,
        target=None if target is None else Decimal(target),
    )


def _own_figure(value, approximate, target) -> agg.Figure:
    return agg.figure(value, approximate=approximate, target=target)


STEPS = 6  # the stages ``progress`` is told of (a national roll-up runs as a task: ``rollup_task``)


def rollup(form: ReportForm, unit: Unit, *, progress=None) -> Rollup:
    """The roll-up of ``form`` over ``unit``'s subtree on the tree of the period's end (see the module);
    ``progress(done, total, message)`` is told as each stage ends."""

    def step(done: int, message) -> None:
        if progress is not None:
            progress(done, STEPS, str(message))

    day = tree_day(form)
    indicators = form_indicators(form)
    rules = rules_of(indicators)
    version = version_on(unit, day)
    total = Row(key="total", label=unit.name, unit=unit, version=version)
    empty = Rollup(form=form, unit=unit, day=day, version=version, indicators=indicators, rules=rules,
                   total=total, by_child=[], by_sector=[], consolidations=[], parts_flags=[])  # fmt: skip
    if version is None:
        return empty
    width = (version.depth + 1) * Unit.steplen
    reports = reports_in_tree(form, version, day)

    # 3. the approved leaves' values by child prefix, sector and indicator
    groups: dict[str, Row] = {}
    sectors: dict[str, Row] = {}
    values = (
        values_in_tree(form, version, day, statuses=APPROVED)
        .annotate(prefix=Substr("tree__path", 1, width))
        .values("prefix", "report__unit__sector", "indicator_id")
        .annotate(
            total=_whole_sum(),
            n=Count("value"),
            approx=Count("pk", filter=Q(approximate=True, value__isnull=False)),
            target=Sum("target", output_field=BigIntegerField()),
        )
        .order_by()
    )
    for item in values:
        figure = _figure(item["total"], item["n"], item["approx"], item["target"])
        prefix, sector = item["prefix"], item["report__unit__sector"] or ""
        groups.setdefault(prefix, Row(key=prefix, label="")).add_sums(item["indicator_id"], figure)
        if sector not in sectors:
            sectors[sector] = Row(key=sector, label=sector_label(sector))
        sectors[sector].add_sums(item["indicator_id"], figure)
        total.add_sums(item["indicator_id"], figure)

    step(1, _("Đã cộng số liệu các báo cáo đã duyệt"))

    # 4. expected and approved reports by child prefix
    for item in (
        reports.annotate(prefix=Substr("tree__path", 1, width))
        .values("prefix")
        .annotate(n=Count("pk"), approved=Count("pk", filter=Q(status__in=APPROVED)))
        .order_by()
    ):
        row = groups.setdefault(item["prefix"], Row(key=item["prefix"], label=""))
        row.expected, row.approved = item["n"], item["approved"]
        total.expected += item["n"]
        total.approved += item["approved"]

    # 5. the children on the tree day that have reports in their subtree
    children = [
        child
        for child in UnitVersion.objects.as_of(day)
        .filter(path__subtree=version.path, depth=version.depth + 1)
        .select_related("unit")
        .order_by("sort_key", "path")
        if child.path in groups
    ]

    step(2, _("Đã đếm báo cáo theo đơn vị trực thuộc"))

    # 6. own figures: the unit's, its children's and every consolidation's (sent, approved or accepted)
    own = _own_values(reports, version)
    by_unit_path = {child.path: child for child in children}
    own_by_path = {path: figures for path, (_report, _unit, figures) in own.items()}
    total.own = own_by_path.get(version.path, {})
    by_child = []
    for path, child in by_unit_path.items():
        row = groups[path]
        row.unit, row.version, row.label = child.unit, child, child.name
        row.own = own_by_path.get(path, {})
        row.resolve(rules)
        by_child.append(row)
    total.resolve(rules)
    for row in sectors.values():
        row.resolve(rules)
    sector_order = {code: index for index, code in enumerate(Sector.values)}
    by_sector = sorted(sectors.values(), key=lambda row: sector_order.get(row.key, len(sector_order)))

    step(3, _("Đã tính theo quy tắc tổng hợp của từng chỉ tiêu"))

    # 7. each consolidation against its children's approved figures
    consolidations = _consolidations(form, reports, own, rules)
    flagged = {c.report.unit_id: c for c in consolidations}
    for row in (total, *by_child):
        if row.unit is not None and row.unit.pk in flagged:
            row.discrepancies = flagged[row.unit.pk].discrepancies

    step(4, _("Đã so số liệu tự báo cáo với tổng cấp dưới"))

    # 8. reports whose parts exceed their whole
    parts_flags = _parts_flags(form, version, day, {i.pk: i for i in indicators})

    # 9. the combined checks: on each group's figures, and the reports that fail one
    checks = combined_checks(indicators)
    for row in (total, *by_child, *by_sector):
        row.checks_failed = failed_checks(checks, row.figures)
    check_flags = _check_flags(form, version, day, checks)
    step(STEPS, _("Đã kiểm tra số liệu thành phần và kiểm tra kết hợp"))
    return Rollup(form=form, unit=unit, day=day, version=version, indicators=indicators, rules=rules,
                  total=total, by_child=by_child, by_sector=by_sector, consolidations=consolidations,
                  parts_flags=parts_flags, check_flags=check_flags)  # fmt: skip


def _own_values(reports, version: UnitVersion) -> dict[str, tuple[int, int, dict[int, agg.Figure]]]:
    """Tree path -> (report id, unit id, indicator id -> figure) for the sent reports of the unit, of its children
    on the tree day and of every consolidation of the subtree: one query."""
    chosen = reports.filter(status__in=SENT).filter(
        Q(tree__depth__lte=version.depth + 1) | is_consolidation()
    )
    found: dict[str, tuple[int, int, dict[int, agg.Figure]]] = {}
    rows = (
        chosen.filter(values__isnull=False)
        .values(
            "pk",
            "unit_id",
            "tree__path",
            "values__indicator_id",
            "values__value",
            "values__approximate",
            "values__target",
        )  # fmt: skip
        .order_by()
    )
    for item in rows:
        entry = found.setdefault(item["tree__path"], (item["pk"], item["unit_id"], {}))
        entry[2][item["values__indicator_id"]] = _own_figure(
            item["values__value"], item["values__approximate"], item["values__target"]
        )
    return found


def _consolidations(form, reports, own, rules) -> list[Consolidation]:
    """The consolidations of the subtree whose own figures disagree with the sum of the approved reports that
    name them as parent: one query for the children's sums (the own figures are already read)."""
    by_unit = {unit_id: (report_id, figures) for report_id, unit_id, figures in own.values()}
    if not by_unit:
        return []
    sums: dict[int, agg.Sums] = {}
    for item in (
        ReportValue.objects.filter(
            report__form=form,
            report__archived_at__isnull=True,
            report__status__in=APPROVED,
            report__parent_id__in=list(by_unit),
        )
        .values("report__parent_id", "indicator_id")
        .annotate(
            total=_whole_sum(),
            n=Count("value"),
            approx=Count("pk", filter=Q(approximate=True, value__isnull=False)),
            target=Sum("target", output_field=BigIntegerField()),
        )
        .order_by()
    ):
        sums.setdefault(item["report__parent_id"], agg.Sums()).add_row(
            item["indicator_id"], item["total"], item["n"], item["approx"], item["target"]
        )
    if not sums:
        return []
    reports_by_id = {
        r.pk: r
        for r in reports.filter(pk__in=[by_unit[u][0] for u in sums])
        .annotate(tree_path=F("tree__path"))
        .select_related("unit")
    }
    found = []
    for unit_id, children in sums.items():
        report_id, figures = by_unit[unit_id]
        computed = agg.resolve(rules, children.figures)
        disagreements = agg.discrepancies(rules, figures, computed)
        if disagreements and report_id in reports_by_id:
            report = reports_by_id[report_id]
            found.append(Consolidation(report=report, unit=report.unit, discrepancies=disagreements))
    found.sort(key=lambda c: getattr(c.report, "tree_path", ""))
    return found


def _parts_flags(form, version, day, indicators: dict[int, Indicator]) -> list[PartsFlag]:
    """The reports of the subtree (sent or later) with a part above its whole (each part compared on its own: a
    part is a subset of its whole): one query grouping the values of the wholes and their parts by report, kept
    where some part exceeds its whole. A whole or part a report left empty is not compared."""
    pairs = [
        (i.part_of_id, i.pk)
        for i in sorted(indicators.values(), key=lambda i: i.pk)
        if i.part_of_id in indicators and i.aggregation in agg.COMPARABLE
    ]
    if not pairs:
        return []
    sums: dict[str, Sum] = {}
    exceeds = Q()
    for n, (whole_id, part_id) in enumerate(pairs):
        sums[f"whole{n}"] = _whole_sum(filter=Q(indicator_id=whole_id))
        sums[f"part{n}"] = _whole_sum(filter=Q(indicator_id=part_id))
        condition = Q(**{f"part{n}__gt": F(f"whole{n}")})
        exceeds = exceeds | condition if exceeds else condition
    concerned = sorted({pk for pair in pairs for pk in pair})
    rows = list(
        values_in_tree(form, version, day, statuses=SENT, leaves_only=False)
        .filter(indicator_id__in=concerned)
        .values("report_id", "report__unit_id", "report__unit__code", "report__unit__name", "tree__path")
        .annotate(**sums)
        .filter(exceeds)
        .order_by("tree__path")
    )
    units = _units_of(rows)
    flags = []
    for r in rows:
        for n, (whole_id, part_id) in enumerate(pairs):
            whole, part = r[f"whole{n}"], r[f"part{n}"]
            if whole is not None and part is not None and part > whole:
                flags.append(PartsFlag(report_id=r["report_id"], unit=units[r["report__unit_id"]],
                                       whole=indicators[whole_id], whole_value=Decimal(whole),
                                       parts_value=Decimal(part), part=indicators[part_id]))  # fmt: skip
    return flags


def _check_flags(form, version, day, checks: list[CombinedCheck]) -> list[CheckFlag]:
    """The reports of the subtree (sent or later) failing a combined check: one query grouping the values of each
    check's whole and terms by report, kept where some check fails (``CombinedCheck.failure`` says the last word:
    a whole left empty is not checked, an ``eq`` needs every term)."""
    if not checks:
        return []
    codes = {i.pk: i.code for check in checks for i in (check.whole, *check.terms)}
    # each concerned figure of the report (for the message), and each check's whole and terms (for the HAVING)
    sums: dict[str, Sum | Count] = {f"v{pk}": _whole_sum(filter=Q(indicator_id=pk)) for pk in codes}
    fails = Q()
    for n, check in enumerate(checks):
        term_ids = [t.pk for t in check.terms]
        sums[f"whole{n}"] = _whole_sum(filter=Q(indicator_id=check.whole.pk))
        sums[f"terms{n}"] = _whole_sum(filter=Q(indicator_id__in=term_ids))
        if check.rule == "eq":
            condition = Q(**{f"terms{n}__gt": F(f"whole{n}")}) | Q(**{f"terms{n}__lt": F(f"whole{n}")})
        else:
            condition = Q(**{f"terms{n}__gt": F(f"whole{n}")})
        fails = fails | condition if fails else condition
    concerned = sorted({i.pk for check in checks for i in (check.whole, *check.terms)})
    rows = list(
        values_in_tree(form, version, day, statuses=SENT, leaves_only=False)
        .filter(indicator_id__in=concerned)
        .values("report_id", "report__unit_id", "report__unit__code", "report__unit__name", "tree__path")
        .annotate(**sums)
        .filter(fails)
        .order_by("tree__path")
    )
    if not rows:
        return []
    units = _units_of(rows)
    flags = []
    for r in rows:
        values = {code: None if r[f"v{pk}"] is None else Decimal(r[f"v{pk}"]) for pk, code in codes.items()}
        for check in checks:
            failed = check.failure(values)
            if failed is not None:
                flags.append(CheckFlag(check=check, terms_value=failed[0], whole_value=failed[1], values=values,
                                       report_id=r["report_id"], unit=units[r["report__unit_id"]]))  # fmt: skip
    return flags

"""Reads of the fund shared by the pages, the exports, the API and the panel. Every one starts from
``visible_to(user)`` and costs a fixed number of queries whatever the number of rows; the balances and the report
are sums computed by the database (set-based), never row by row."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Case, Count, F, Q, QuerySet, Sum, When

from thidua.core.search import search_folded
from thidua.orgs.models import Unit

from .models import HOUSE_KINDS, EntryKind, FundEntry, Grant, GrantKind

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

UPPER_DEPTH = 3  # national (1) → provincial federation (2) → upper-level union (3) → grassroots (4)

CONTRIBUTED = Sum(Case(When(kind=EntryKind.CONTRIBUTION, then=F("amount")), default=0))
GRANTED = Sum(Case(When(kind=EntryKind.GRANT, then=F("amount")), default=0))


@dataclass(frozen=True)
class EntryFilters:
    year: int | None = None
    kind: str = ""
    unit: Unit | None = None  # its subtree
    q: str = ""

    @classmethod
    def from_values(cls, values: Any, unit: Unit | None = None) -> EntryFilters:
        year, kind = str(values.get("year") or ""), values.get("kind") or ""
        return cls(
            year=int(year) if year.isdigit() and 1900 < int(year) < 2200 else None,
            kind=kind if kind in EntryKind.values else "",
            unit=unit,
            q=(values.get("q") or "").strip()[:200],
        )


def entries_for_list(user: User | AnonymousUser, filters: EntryFilters) -> QuerySet[FundEntry]:
    qs = FundEntry.objects.visible_to(user)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.unit is not None:
        qs = qs.filter(unit__path__subtree=filters.unit.path)
    if filters.q:
        qs = search_folded(
            qs, filters.q, "contributor_name", "receipt_number", "note", "grant__beneficiary_name"
        )
    return qs.select_related("unit", "contributor_unit", "grant", "corrects").order_by("entry_date", "id")


@dataclass
class Totals:
    contributions: int = 0
    grants: int = 0

    @property
    def balance(self) -> int:
        return self.contributions - self.grants


def totals(entries: QuerySet[FundEntry]) -> Totals:
    """Contributions, grants and the balance of these entries (corrections included): one query."""
    sums = entries.order_by().aggregate(c=CONTRIBUTED, g=GRANTED)
    return Totals(sums["c"] or 0, sums["g"] or 0)


def balances(user: User | AnonymousUser, *, year: int | None = None, unit: Unit | None = None) -> list[dict]:
    """The balance of each unit's book and year: ``{"unit_id", "unit_name", "year", "contributions", "grants",
    "balance"}``, one query, by year then unit."""
    qs = FundEntry.objects.visible_to(user)
    if year:
        qs = qs.filter(year=year)
    if unit is not None:
        qs = qs.filter(unit__path__subtree=unit.path)
    rows = (
        qs.order_by()
        .values("unit_id", "unit__name", "unit__sort_key", "year")
        .annotate(contributions=CONTRIBUTED, grants=GRANTED)
    )
    result = [{"unit_id": r["unit_id"], "unit_name": r["unit__name"], "year": r["year"],
               "contributions": r["contributions"] or 0, "grants": r["grants"] or 0,
               "balance": (r["contributions"] or 0) - (r["grants"] or 0), "sort_key": r["unit__sort_key"]}
              for r in rows]  # fmt: skip
    result.sort(key=lambda r: (r["year"], r["sort_key"], r["unit_id"]))
    return result


@dataclass
class ReportRow:
    unit: Unit
    contributions: int = 0
    grants: int = 0
    houses_new: int = 0
    houses_repaired: int = 0
    hardship: int = 0
    books: int = 0  # units of the group with entries in the year

    @property
    def balance(self) -> int:
        return self.contributions - self.grants

    @property
    def houses(self) -> int:
        return self.houses_new + self.houses_repaired


@dataclass
class Report:
    year: int
    rows: list[ReportRow] = field(default_factory=list)

    @property
    def total(self) -> ReportRow:
        total = ReportRow(unit=None)  # type: ignore[arg-type]
        for row in self.rows:
            total.contributions += row.contributions
            total.grants += row.grants
            total.houses_new += row.houses_new
            total.houses_repaired += row.houses_repaired
            total.hardship += row.hardship
            total.books += row.books
        return total


def _group(path: str) -> str:
    """The path of the upper-level union a unit belongs to (the unit itself at that level or above)."""
    return path[: UPPER_DEPTH * Unit.steplen]


def report_by_upper(user: User | AnonymousUser, year: int, unit: Unit | None = None) -> Report:
    """The year's fund by upper-level union (each with its grassroots unions' books): contributions, grants, the
    balance, houses built and repaired, hardship grants. Three queries whatever the size of the tree."""
    entries = FundEntry.objects.visible_to(user).filter(year=year)
    grants = (
        Grant.objects.visible_to(user).current().filter(entries__year=year, entries__corrects__isnull=True)
    )
    if unit is not None:
        entries = entries.filter(unit__path__subtree=unit.path)
        grants = grants.filter(unit__path__subtree=unit.path)
    sums = entries.order_by().values("unit__path").annotate(c=CONTRIBUTED, g=GRANTED)
    counts = (
        grants.order_by()
        .values("unit__path")
        .annotate(
            new=Count("id", filter=Q(kind=GrantKind.HOUSE_NEW), distinct=True),
            repaired=Count("id", filter=Q(kind=GrantKind.HOUSE_REPAIR), distinct=True),
            hardship=Count("id", filter=Q(kind=GrantKind.HARDSHIP), distinct=True),
        )
    )
    groups: dict[str, dict[str, int]] = {}
    for row in sums:
        group = groups.setdefault(_group(row["unit__path"]), {})
        group["c"] = group.get("c", 0) + (row["c"] or 0)
        group["g"] = group.get("g", 0) + (row["g"] or 0)
        group["books"] = group.get("books", 0) + 1
    for row in counts:
        group = groups.setdefault(_group(row["unit__path"]), {})
        for key in ("new", "repaired", "hardship"):
            group[key] = group.get(key, 0) + row[key]
    units = {u.path: u for u in Unit.objects.filter(path__in=list(groups))}
    report = Report(year=year)
    for path, group in groups.items():
        report.rows.append(ReportRow(
            unit=units[path], contributions=group.get("c", 0), grants=group.get("g", 0),
            houses_new=group.get("new", 0), houses_repaired=group.get("repaired", 0),
            hardship=group.get("hardship", 0), books=group.get("books", 0),
        ))  # fmt: skip
    report.rows.sort(key=lambda r: (r.unit.depth, r.unit.sort_key, r.unit.path))
    return report


def houses_handed_over(user: User | AnonymousUser, year: int, unit: Unit | None = None) -> QuerySet[Grant]:
    """The houses ("Mái ấm Công đoàn") handed over in ``year``, with their places: one query."""
    qs = Grant.objects.visible_to(user).current().houses().filter(handed_over_on__year=year)
    if unit is not None:
        qs = qs.filter(unit__path__subtree=unit.path)
    return (
        qs.select_related("unit", "beneficiary_unit")
        .annotate(paid=Sum("entries__amount"))
        .order_by("handed_over_on", "id")
    )


def grants_for_list(user: User | AnonymousUser, *, year: int | None = None, kind: str = "",
                    unit: Unit | None = None, archived: bool = False) -> QuerySet[Grant]:  # fmt: skip
    qs = Grant.objects.visible_to(user).filter(archived_at__isnull=not archived)
    if year:
        qs = qs.filter(approved_on__year=year)
    if kind in GrantKind.values:
        qs = qs.filter(kind=kind)
    if unit is not None:
        qs = qs.filter(unit__path__subtree=unit.path)
    return qs.select_related("unit").annotate(paid=Sum("entries__amount")).order_by("-approved_on", "-id")


def years_of(user: User | AnonymousUser) -> list[int]:
    """The book years the user can read, latest first."""
    return sorted(set(FundEntry.objects.visible_to(user).order_by().values_list("year", flat=True).distinct()),
                  reverse=True)  # fmt: skip


def unit_summary(user: User | AnonymousUser, unit: Unit) -> dict[str, Any]:
    """The unit's own book (all years) and its subtree's houses: two queries."""
    own = totals(FundEntry.objects.visible_to(user).filter(unit=unit))
    houses = (
        Grant.objects.visible_to(user).current().houses().filter(unit__path__subtree=unit.path)
        .order_by().aggregate(n=Count("id"), handed=Count("id", filter=Q(handed_over_on__isnull=False)))
    )  # fmt: skip
    return {"own": own, "houses": houses["n"], "handed_over": houses["handed"]}


# --- figures for the phase reports (read by ``thidua.reports.prefill``) -----------------------------------------


def fund_figures(unit: Unit, start: datetime.date, end: datetime.date) -> dict[str, int]:
    """The books of ``unit`` and the units below it from ``start`` to ``end``: money contributed (``raised``, with
    the corrections dated in the period), money paid for houses (``house_money``), houses built and repaired that
    were handed over (``houses_new``, ``houses_repaired``). Two queries."""
    entries = FundEntry.objects.filter(unit__path__subtree=unit.path, entry_date__range=(start, end))
    money = entries.aggregate(
        raised=Sum("amount", filter=Q(kind=EntryKind.CONTRIBUTION), default=0),
        house_money=Sum("amount", filter=Q(kind=EntryKind.GRANT, grant__kind__in=HOUSE_KINDS), default=0),
    )
    houses = Grant.objects.filter(
        unit__path__subtree=unit.path, archived_at__isnull=True, handed_over_on__range=(start, end)
    ).aggregate(  # fmt: skip
        houses_new=Count("pk", filter=Q(kind=GrantKind.HOUSE_NEW)),
        houses_repaired=Count("pk", filter=Q(kind=GrantKind.HOUSE_REPAIR)),
    )
    return {**money, **houses}

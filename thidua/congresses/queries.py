"""Reads of congresses shared by the pages, the export, the API and the panel: the grassroots unions of a term, each
with its congress (or none: not scheduled) and its progress against the schedule, and the roll-up by upper-level
union — one LEFT JOIN and one GROUP BY, whatever the size of the tree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import (
    Case,
    CharField,
    Count,
    Exists,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import Substr
from django.utils import timezone

from thidua.core.search import search_folded
from thidua.orgs.models import Level, Unit

from .models import Congress, CongressStatus, Progress

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

UPPER_DEPTH = 3  # national (1) → provincial federation (2) → upper-level union (3) → grassroots (4)
PROGRESS_KEYS = [p.value for p in Progress]


def progress_expression(today: datetime.date) -> Case:
    """The progress of the congress joined as ``c`` (none joined: not scheduled) — the rule of
    ``Congress.progress_on``, in SQL."""
    return Case(
        When(c__status=CongressStatus.CANCELLED, then=Value(Progress.CANCELLED)),
        When(Q(c__held_on__isnull=False) & (Q(c__planned_on__isnull=True) | Q(c__held_on__lte=F("c__planned_on"))),
             then=Value(Progress.ON_TIME)),
        When(c__held_on__isnull=False, then=Value(Progress.LATE)),
        When(c__planned_on__isnull=True, then=Value(Progress.NOT_SCHEDULED)),
        When(c__planned_on__lt=today, then=Value(Progress.OVERDUE)),
        default=Value(Progress.UPCOMING),
        output_field=CharField(),
    )  # fmt: skip


def units_of_term(user: User | AnonymousUser, term_start: int, *, unit: Unit | None = None,
                  today: datetime.date | None = None) -> QuerySet[Unit]:  # fmt: skip
    """The grassroots unions the user reads that existed in the term's first year, each annotated with its
    congress of the term (``c_id``, ``c_planned``, ``c_held``, ``c_delegates``, ``c_committee``) and ``progress``."""
    today = today or timezone.localdate()
    first, last = datetime.date(term_start, 1, 1), datetime.date(term_start, 12, 31)
    qs = (
        Unit.objects.visible_to(user)
        .filter(level=Level.GRASSROOTS, archived_at__isnull=True)
        .filter(Q(founded_on__isnull=True) | Q(founded_on__lte=last))
        .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=first))
    )
    if unit is not None:
        qs = qs.filter(path__subtree=unit.path)
    return qs.annotate(
        c=FilteredRelation("congresses", condition=Q(congresses__term_start=term_start,
                                                      congresses__archived_at__isnull=True)),
    ).annotate(
        c_id=F("c__id"), c_planned=F("c__planned_on"), c_held=F("c__held_on"), c_delegates=F("c__delegates"),
        c_committee=F("c__committee_size"), progress=progress_expression(today),
    )  # fmt: skip


@dataclass
class ProgressRow:
    unit: Unit
    counts: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def held(self) -> int:
        return self.counts[Progress.ON_TIME] + self.counts[Progress.LATE]

    @property
    def on_time_percent(self) -> int:
        """The share of the unions held on schedule ("kịp tiến độ theo kế hoạch"), in whole percent."""
        expected = self.total - self.counts[Progress.CANCELLED]
        return round(100 * self.counts[Progress.ON_TIME] / expected) if expected else 0


def progress_by_upper(user: User | AnonymousUser, term_start: int, *, unit: Unit | None = None,
                      today: datetime.date | None = None) -> tuple[list[ProgressRow], ProgressRow | None]:  # fmt: skip
    """The term's progress by upper-level union: for each, how many of its grassroots unions held their congress on
    schedule, late, are overdue, upcoming, not scheduled or not holding one. Two queries."""
    units = units_of_term(user, term_start, unit=unit, today=today)
    length = UPPER_DEPTH * Unit.steplen
    counts = (
        units.order_by().annotate(group=Substr("path", 1, length)).values("group")
        .annotate(**{key: Count("pk", filter=Q(progress=key)) for key in PROGRESS_KEYS})
    )  # fmt: skip
    grouped = {row["group"]: {key: row[key] for key in PROGRESS_KEYS} for row in counts}
    uppers = {u.path: u for u in Unit.objects.filter(path__in=list(grouped))}
    rows = [ProgressRow(unit=uppers[path], counts=c) for path, c in grouped.items() if path in uppers]
    rows.sort(key=lambda r: (r.unit.sort_key, r.unit.path))
    if not rows:
        return rows, None
    total = ProgressRow(unit=None, counts={k: sum(r.counts[k] for r in rows) for k in PROGRESS_KEYS})  # type: ignore[arg-type]
    return rows, total


@dataclass(frozen=True)
class UnitFilters:
    progress: str = ""
    q: str = ""

    @classmethod
    def from_values(cls, values: Any) -> UnitFilters:
        progress = values.get("progress") or ""
        return cls(
            progress=progress if progress in PROGRESS_KEYS else "", q=(values.get("q") or "").strip()[:200]
        )


def units_for_list(user: User | AnonymousUser, term_start: int, filters: UnitFilters, *, unit: Unit | None = None,
                   today: datetime.date | None = None) -> QuerySet[Unit]:  # fmt: skip
    qs = units_of_term(user, term_start, unit=unit, today=today)
    if filters.progress:
        qs = qs.filter(progress=filters.progress)
    if filters.q:
        qs = search_folded(qs, filters.q, "name", "short_name", "code")
    return qs.order_by("path")


def terms_of(user: User | AnonymousUser) -> list[tuple[int, int]]:
    """The terms with congresses the user reads, latest first."""
    rows = (
        Congress.objects.visible_to(user)
        .current()
        .order_by()
        .values_list("term_start", "term_end")
        .distinct()
    )
    return sorted(set(rows), reverse=True)


def congresses_of_unit(user: User | AnonymousUser, unit: Unit) -> list[Congress]:
    return list(Congress.objects.visible_to(user).current().filter(unit=unit).order_by("-term_start"))


OPEN_PROGRESS = [Progress.NOT_SCHEDULED, Progress.UPCOMING, Progress.OVERDUE]
CLOSED_PROGRESS = [Progress.ON_TIME, Progress.LATE, Progress.CANCELLED]


def units_to_schedule(user: User | AnonymousUser, scheduler: Unit, term_start: int, *, ending: int | None = None,
                      pending: bool = False, closed: bool = False) -> QuerySet[Unit]:  # fmt: skip
    """The grassroots unions below ``scheduler`` whose congress of the term the batch schedule may set or move:
    not yet held nor recorded as not held (``closed``: those, which it may not), only those whose previous term
    ended in ``ending``, only those not scheduled yet (``pending``). One query, annotated as ``units_of_term``."""
    qs = units_of_term(user, term_start, unit=scheduler).exclude(pk=scheduler.pk)
    qs = qs.filter(progress__in=CLOSED_PROGRESS if closed else OPEN_PROGRESS)
    if ending is not None:
        previous = (
            Congress.objects.current()
            .filter(unit=OuterRef("pk"), term_end=ending)
            .exclude(term_start=term_start)
        )
        qs = qs.filter(Exists(previous))
    if pending:
        qs = qs.filter(progress=Progress.NOT_SCHEDULED)
    return qs.order_by("path")


def congresses_held(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Congresses of ``unit`` and the units below it held from ``start`` to ``end`` (for the phase reports)."""
    return (
        Congress.objects.current()
        .filter(unit__path__subtree=unit.path, status=CongressStatus.HELD, held_on__range=(start, end))
        .count()
    )

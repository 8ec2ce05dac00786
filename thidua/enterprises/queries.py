"""Reads shared by the pages, the exports, the API and the panels: every one starts from ``visible_to(user)`` and
costs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import Count, F, Max, OuterRef, Q, QuerySet, Subquery, Sum
from django.db.models.functions import Coalesce

from thidua.core.search import search_folded
from thidua.orgs.models import Unit

from .models import OWNERSHIPS, Enterprise, EnterpriseEvent, Inspection, Stage, SurveyVisit
from .models.registry import OPEN_STAGES

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

OWNERSHIP_VALUES = [value for value, _label in OWNERSHIPS]
STALLED_DAYS = (
    60  # a case without a step for this long is stalled (the pipeline page may ask for another number)
)


@dataclass(frozen=True)
class EnterpriseFilters:
    q: str = ""
    stage: str = ""
    ownership: str = ""
    union: str = ""  # "yes": with a union; "no": without
    upper: Unit | None = None  # enterprises followed by this union or a union below it
    archived: bool = False

    @classmethod
    def from_values(cls, values: Any, upper: Unit | None = None) -> EnterpriseFilters:
        stage, ownership, union = (
            values.get("stage") or "",
            values.get("ownership") or "",
            values.get("union") or "",
        )
        return cls(
            q=(values.get("q") or "").strip()[:200],
            stage=stage if stage in Stage.values else "",
            ownership=ownership if ownership in OWNERSHIP_VALUES else "",
            union=union if union in ("yes", "no") else "",
            upper=upper,
            archived=values.get("archived") in ("1", "true", True),
        )


def enterprises_for_list(user: User | AnonymousUser, filters: EnterpriseFilters) -> QuerySet[Enterprise]:
    """The enterprises the user sees, filtered; the search ignores diacritics and case (name, tax code, industry,
    address)."""
    rows = Enterprise.objects.visible_to(user).select_related("upper_unit", "union_unit")
    rows = rows.filter(archived_at__isnull=not filters.archived)
    if filters.upper is not None:
        rows = rows.filter(upper_unit__path__subtree=filters.upper.path)
    if filters.stage:
        rows = rows.filter(stage=filters.stage)
    if filters.ownership:
        rows = rows.filter(ownership=filters.ownership)
    if filters.union:
        rows = rows.filter(union_unit__isnull=filters.union == "no")
    if filters.q:
        rows = search_folded(rows, filters.q, "name", "tax_code", "industry", "address")
    return rows.order_by("sort_key", "id")


def uppers_visible_to(user: User | AnonymousUser) -> QuerySet[Unit]:
    """The upper-level unions that follow enterprises the user sees (for the filters)."""
    return Unit.objects.filter(
        pk__in=Enterprise.objects.visible_to(user).values("upper_unit")
    ).vietnamese_order()


# --- the pipeline ------------------------------------------------------------------------------------------------


@dataclass
class StageRow:
    stage: str
    label: str
    count: int = 0
    stalled: int = 0
    durations: list[int] = field(default_factory=list)  # days spent in the stage by the cases that left it
    current_ages: list[int] = field(default_factory=list)  # days in the stage so far, for the cases in it

    @property
    def median_days(self) -> int | None:
        return int(statistics.median(self.durations)) if self.durations else None

    @property
    def mean_days(self) -> int | None:
        return round(sum(self.durations) / len(self.durations)) if self.durations else None

    @property
    def median_current(self) -> int | None:
        return int(statistics.median(self.current_ages)) if self.current_ages else None


@dataclass
class Pipeline:
    upper: Unit
    rows: list[StageRow]
    stalled: list[Enterprise]
    stalled_days: int
    founded_by_year: list[tuple[int, int]]
    members_recruited: int

    @property
    def total(self) -> int:
        return sum(r.count for r in self.rows)


def pipeline(upper: Unit, *, today: datetime.date, stalled_days: int = STALLED_DAYS,
             stalled_shown: int = 200) -> Pipeline:  # fmt: skip
    """The path from survey to union in ``upper``'s subtree: how many enterprises stand at each stage, how long the
    cases spent in each stage (from the steps' days), the stalled cases (an open stage, no step for
    ``stalled_days``) and the unions founded by year. Five queries whatever the number of enterprises."""
    cases = Enterprise.objects.current().filter(upper_unit__path__subtree=upper.path)
    rows = {value: StageRow(value, str(label)) for value, label in Stage.choices}
    limit = today - datetime.timedelta(days=stalled_days)
    for row in cases.values("stage").annotate(
        n=Count("id"), stalled=Count("id", filter=Q(stage__in=OPEN_STAGES, last_step_on__lt=limit))
    ):  # fmt: skip
        rows[row["stage"]].count = row["n"]
        rows[row["stage"]].stalled = row["stalled"]
    # Time in each stage: between a step entering it and the next step of the same enterprise.
    previous: dict[int, tuple[str, datetime.date]] = {}
    for enterprise_id, action, to_status, day in (
        EnterpriseEvent.objects.filter(enterprise__in=cases).order_by("enterprise_id", "on", "id")
        .values_list("enterprise_id", "action", "to_status", "on")
    ):  # fmt: skip
        if enterprise_id in previous and action != "register":
            stage, since = previous[enterprise_id]
            rows[stage].durations.append((day - since).days)
        previous[enterprise_id] = (to_status, day)
    for stage, since in cases.values_list("stage", "stage_since"):
        rows[stage].current_ages.append(max((today - since).days, 0))
    stalled = list(
        cases.filter(stage__in=OPEN_STAGES, last_step_on__lt=limit)
        .select_related("upper_unit").order_by("last_step_on", "id")[:stalled_shown]
    )  # fmt: skip
    for case in stalled:
        case.days_idle = (today - case.last_step_on).days  # type: ignore[attr-defined]
    founded = (
        EnterpriseEvent.objects.filter(enterprise__in=cases, action="found")
        .values_list("on__year").annotate(n=Count("id")).order_by("on__year")
    )  # fmt: skip
    recruited = (
        cases.filter(recruitment_plans__progress__isnull=False).aggregate(
            n=Sum("recruitment_plans__progress__recruited")
        )["n"]
        or 0
    )
    return Pipeline(upper=upper, rows=list(rows.values()), stalled=stalled, stalled_days=stalled_days,
                    founded_by_year=[(y, n) for y, n in founded], members_recruited=recruited)  # fmt: skip


def days_since(day: datetime.date, today: datetime.date) -> int:
    return (today - day).days


def last_steps(enterprises: list[Enterprise]) -> dict[int, datetime.date]:
    """The day of each enterprise's last event (one query)."""
    return dict(
        EnterpriseEvent.objects.filter(enterprise__in=enterprises)
        .values_list("enterprise_id").annotate(last=Max("on")).values_list("enterprise_id", "last")
    )  # fmt: skip


# --- figures for the phase reports (read by ``thidua.reports.prefill``) -----------------------------------------

LARGE_WORKFORCE = 30  # "doanh nghiệp từ 30 lao động trở lên" (indicators TC09.A / TC09.B)


def enterprise_counts(unit: Unit, as_of: datetime.date | None = None) -> dict[str, int]:
    """The registry followed by ``unit`` and the unions below it: enterprises of 30 workers or more (``large``) and
    those of them with a union (``large_with_union``), every enterprise without a union (``without_union``). One
    query.

    Without ``as_of``, as the registry stands. With it, as things stood that day (a report's period end): an
    enterprise had a union if its grassroots union was founded by then (or its founding day is unknown) and had not
    ended; its workforce is the one its last survey on or before that day found, else the registry's. The registry
    keeps no other history: an enterprise is counted under the union following it today, and one entered since
    (or archived since) is counted as the registry holds it."""
    rows = Enterprise.objects.filter(upper_unit__path__subtree=unit.path, archived_at__isnull=True)
    if as_of is None:
        has_union = Q(union_unit__isnull=False)
        workforce = "workforce"
    else:
        has_union = (
            Q(union_unit__isnull=False)
            & (Q(union_unit__founded_on__isnull=True) | Q(union_unit__founded_on__lte=as_of))
            & (Q(union_unit__dissolved_on__isnull=True) | Q(union_unit__dissolved_on__gt=as_of))
        )
        surveyed = (
            SurveyVisit.objects.filter(
                enterprise=OuterRef("pk"), visited_on__lte=as_of, workforce__isnull=False
            )
            .order_by("-visited_on", "-pk")
            .values("workforce")[:1]
        )
        rows = rows.annotate(workforce_then=Coalesce(Subquery(surveyed), F("workforce")))
        workforce = "workforce_then"
    large = Q(**{f"{workforce}__gte": LARGE_WORKFORCE})
    return rows.aggregate(
        large=Count("pk", filter=large),
        large_with_union=Count("pk", filter=large & has_union),
        without_union=Count("pk", filter=~has_union),
    )


def inspections_held(unit: Unit, start: datetime.date, end: datetime.date) -> int:
    """Inspections and supervisions led by ``unit`` or a union below it, held from ``start`` to ``end``."""
    rows = Inspection.objects.filter(upper_unit__path__subtree=unit.path, held_on__range=(start, end))
    return rows.filter(archived_at__isnull=True).count()

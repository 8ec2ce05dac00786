"""Reads of research topics and congress works shared by the pages, the exports, the documents, the API and the
panels: every one starts from ``visible_to(user)`` and costs a fixed number of queries whatever the number of rows."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet, Subquery, Sum

from thidua.core.search import search_folded

from .models import (
    CongressWork,
    ResearchLevel,
    ResearchMember,
    ResearchStatus,
    ResearchTopic,
    WorkKind,
    WorkStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    from thidua.orgs.models import Person, Unit


@dataclass(frozen=True)
class TopicFilters:
    q: str = ""
    year: int | None = None
    level: str = ""
    status: str = ""
    unit: Unit | None = None  # its subtree
    archived: bool = False

    @classmethod
    def from_values(cls, values: Any, unit: Unit | None = None) -> TopicFilters:
        """Filters from a query string (a ``QueryDict`` or a dict); values that are not valid are ignored."""
        year = str(values.get("year") or "")
        level, status = values.get("level") or "", values.get("status") or ""
        return cls(
            q=(values.get("q") or "").strip()[:200],
            year=int(year) if year.isdigit() and 1900 < int(year) < 2200 else None,
            level=level if level in ResearchLevel.values else "",
            status=status if status in ResearchStatus.values else "",
            unit=unit,
            archived=values.get("archived") in ("1", "true", True),
        )


@dataclass(frozen=True)
class WorkFilters:
    q: str = ""
    congress: str = ""  # the congress's name, exactly as registered
    term: str = ""
    kind: str = ""
    status: str = ""
    year: int | None = None  # the year of planned completion
    unit: Unit | None = None
    archived: bool = False

    @classmethod
    def from_values(cls, values: Any, unit: Unit | None = None) -> WorkFilters:
        year = str(values.get("year") or "")
        kind, status = values.get("kind") or "", values.get("status") or ""
        return cls(
            q=(values.get("q") or "").strip()[:200],
            congress=(values.get("congress") or "").strip()[:300],
            term=(values.get("term") or "").strip()[:40],
            kind=kind if kind in WorkKind.values else "",
            status=status if status in WorkStatus.values else "",
            year=int(year) if year.isdigit() and 1900 < int(year) < 2200 else None,
            unit=unit,
            archived=values.get("archived") in ("1", "true", True),
        )


def topics_for_list(
    user: User | AnonymousUser, filters: TopicFilters = TopicFilters()
) -> QuerySet[ResearchTopic]:  # noqa: B008
    """The topics the user may read, filtered, newest year first, with their unit and team (two queries)."""
    topics = ResearchTopic.objects.visible_to(user)
    topics = topics.filter(archived_at__isnull=not filters.archived)
    if filters.unit is not None:
        topics = topics.filter(unit__path__startswith=filters.unit.path)
    if filters.year:
        topics = topics.filter(year=filters.year)
    if filters.level:
        topics = topics.filter(level=filters.level)
    if filters.status:
        topics = topics.filter(status=filters.status)
    if filters.q:
        topics = search_folded(topics, filters.q, "title", "lead_name", "field")
    return topics.select_related("unit").prefetch_related(
        Prefetch("members", queryset=ResearchMember.objects.order_by("position", "id"))
    )


def works_for_list(
    user: User | AnonymousUser, filters: WorkFilters = WorkFilters()
) -> QuerySet[CongressWork]:  # noqa: B008
    """The congress works the user may read, filtered, by congress then planned date, with their unit (one query)."""
    works = CongressWork.objects.visible_to(user)
    works = works.filter(archived_at__isnull=not filters.archived)
    if filters.unit is not None:
        works = works.filter(unit__path__startswith=filters.unit.path)
    if filters.congress:
        works = works.filter(congress_name=filters.congress)
    if filters.term:
        works = works.filter(congress_term=filters.term)
    if filters.kind:
        works = works.filter(kind=filters.kind)
    if filters.status:
        works = works.filter(status=filters.status)
    if filters.year:
        works = works.filter(planned_on__year=filters.year)
    if filters.q:
        works = search_folded(works, filters.q, "name", "location")
    return works.select_related("unit")


def congresses_visible_to(user: User | AnonymousUser) -> list[dict[str, Any]]:
    """The congresses the user's works are dedicated to, each with its number of works and their total value."""
    return list(
        CongressWork.objects.visible_to(user)
        .current()
        .values("congress_name", "congress_term")
        .annotate(
            works=Count("id"),
            value=Sum("value_vnd"),
            completed=Count("id", filter=Q(status=WorkStatus.COMPLETED)),
        )  # fmt: skip
        .order_by("congress_name", "congress_term")
    )


def work_totals(works: QuerySet[CongressWork]) -> dict[str, int]:
    """The number of works, how many are completed, and their total value (one query)."""
    totals = works.order_by().aggregate(count=Count("id"), value=Sum("value_vnd"),
                                        completed=Count("id", filter=Q(status=WorkStatus.COMPLETED)))  # fmt: skip
    return {
        "count": totals["count"] or 0,
        "value": totals["value"] or 0,
        "completed": totals["completed"] or 0,
    }


def unit_works(user: User | AnonymousUser, unit: Unit, limit: int = 5) -> dict[str, Any]:
    """The unit's own topics and works (not its subtree's) for its page: both numbers in one query, then the
    latest ``limit`` of each kind that has any (one query each)."""
    topics = ResearchTopic.objects.visible_to(user).current().filter(unit=unit)
    works = CongressWork.objects.visible_to(user).current().filter(unit=unit)

    def count(qs: QuerySet) -> Subquery:
        return Subquery(qs.order_by().values("unit").annotate(n=Count("id")).values("n")[:1])

    counts = (
        type(unit)
        ._default_manager.filter(pk=unit.pk)
        .annotate(topics=count(topics), works=count(works))
        .values("topics", "works")
        .first()
    ) or {}
    topic_count, work_count = counts.get("topics") or 0, counts.get("works") or 0
    return {
        "topics": list(topics.order_by("-year", "title")[:limit]) if topic_count else [],
        "topic_count": topic_count,
        "works": list(works.order_by("-planned_on", "name")[:limit]) if work_count else [],
        "work_count": work_count,
    }


def topics_of_person(user: User | AnonymousUser, person: Person) -> list[ResearchTopic]:
    """The topics the person led or worked on, in any unit the user may read (across years and transfers)."""
    return list(
        ResearchTopic.objects.visible_to(user)
        .current()
        .filter(Q(lead=person) | Q(pk__in=ResearchMember.objects.filter(person=person).values("topic_id")))
        .select_related("unit")
        .order_by("-year", "title")
    )

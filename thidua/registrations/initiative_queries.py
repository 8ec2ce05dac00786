"""Reads of initiatives used in several places: the list and its export, one initiative for a user (404 outside),
the matches to show before registering, the duplicate checks a user may see, and the unit's and person's panels."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Prefetch, Q, QuerySet

from thidua.core.permissions import VIEW
from thidua.core.scoping import get_for_user, has_perm
from thidua.core.text import fold
from thidua.orgs.models import Person, Unit

from . import duplicates
from .models import (
    CheckStatus,
    DuplicateCheck,
    EffectScope,
    Initiative,
    InitiativeAuthor,
    InitiativeField,
    InitiativeStatus,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

    AnyUser = User | AnonymousUser


@dataclass(frozen=True)
class Filters:
    q: str = ""
    year: int | None = None
    status: str = ""
    field: str = ""
    effect_scope: str = ""
    unit: int | None = None  # the subtree of this unit (404 outside the user's scope)

    @classmethod
    def from_query(cls, params: Any) -> Filters:
        year, unit = params.get("year", "").strip(), params.get("unit", "").strip()
        status, field, scope = (
            params.get("status", ""),
            params.get("field", ""),
            params.get("effect_scope", ""),
        )
        return cls(
            q=" ".join(params.get("q", "").split())[:200],
            year=int(year) if year.isdigit() and 1945 <= int(year) <= 2200 else None,
            status=status if status in InitiativeStatus.values else "",
            field=field if field in InitiativeField.values else "",
            effect_scope=scope if scope in EffectScope.values else "",
            unit=int(unit) if unit.isdigit() and len(unit) < 10 else None,
        )


def with_authors(queryset: QuerySet) -> QuerySet:
    return queryset.select_related("unit").prefetch_related(
        Prefetch("authors", queryset=InitiativeAuthor.objects.order_by("order", "id"))
    )


def initiatives_for_list(user: AnyUser, filters: Filters = Filters()) -> QuerySet:  # noqa: B008
    """The current initiatives the user sees, filtered: the search ignores diacritics and case, over the title, the
    content and the unit's name."""
    rows = Initiative.objects.visible_to(user).current()
    if filters.q:
        key = fold(filters.q)
        rows = rows.filter(Q(folded_title__contains=key) | Q(folded_text__contains=key)
                           | Q(unit__name__foldcontains=filters.q))  # fmt: skip
    if filters.unit:
        rows = rows.filter(unit__path__startswith=get_for_user(Unit, user, pk=filters.unit).path)
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.status:
        rows = rows.filter(status=filters.status)
    if filters.field:
        rows = rows.filter(field=filters.field)
    if filters.effect_scope:
        rows = rows.filter(effect_scope=filters.effect_scope)
    return with_authors(rows).order_by("-year", "-registered_on", "-id")


def initiative_for(user: AnyUser, pk: int, perm: str = "view") -> Initiative:
    return get_for_user(Initiative.objects.select_related("unit"), user, perm, pk=pk)


@dataclass(frozen=True)
class Preview:
    """What an officer sees before registering: the matches in their scope in full, how many others exist."""

    visible: list[tuple[Initiative, int]]
    hidden: int


def preview_matches(user: AnyUser, unit: Unit, title: str, problem: str, solution: str,
                    exclude: int | None = None) -> Preview:  # fmt: skip
    matches = duplicates.find_matches(unit, title, problem, solution, exclude=exclude)
    shown = {
        i.pk: i
        for i in with_authors(Initiative.objects.visible_to(user).filter(pk__in=[m.pk for m in matches]))
    }
    return Preview(visible=[(shown[m.pk], m.score) for m in matches if m.pk in shown],
                   hidden=sum(1 for m in matches if m.pk not in shown))  # fmt: skip


def checks_for(user: AnyUser, initiative: Initiative) -> tuple[list[DuplicateCheck], int]:
    """The duplicate checks of an initiative the user may read in full (their scope covers the unit that decides),
    and how many others were sent up (the user learns only that)."""
    checks = list(initiative.duplicate_checks.select_related("match__unit", "reviewer_unit", "decided_by"))
    readable = set(
        DuplicateCheck.objects.visible_to(user).filter(initiative=initiative).values_list("pk", flat=True)
    )
    return [c for c in checks if c.pk in readable], sum(
        1 for c in checks if c.pk not in readable and c.sent_up
    )


def checks_for_list(user: AnyUser, status: str = CheckStatus.PENDING) -> QuerySet:
    """The checks sent up that the user's scope decides (or reads), pending first."""
    rows = DuplicateCheck.objects.visible_to(user).filter(sent_up=True)
    if status:
        rows = rows.filter(status=status)
    return rows.select_related("initiative__unit", "match__unit", "reviewer_unit", "decided_by").order_by(
        "-created_at", "-id"
    )


# --- panels -------------------------------------------------------------------------------------------------


def unit_summary(user: AnyUser, unit: Unit, *, limit: int = 8) -> dict[str, Any]:
    """A unit's initiatives (its subtree, what the user sees): counts by status and year, and the latest."""
    rows = Initiative.objects.visible_to(user).current().filter(unit__path__startswith=unit.path)
    counts = {s: 0 for s in InitiativeStatus.values}
    for row in rows.order_by().values("status").annotate(n=Count("id")):
        counts[row["status"]] = row["n"]
    latest = list(rows.select_related("unit").order_by("-registered_on", "-id")[:limit])
    labels = dict(InitiativeStatus.choices)
    return {"counts": [(labels[s], s, n) for s, n in counts.items()], "total": sum(counts.values()),
            "latest": latest}  # fmt: skip


def person_initiatives(user: AnyUser, person: Person) -> dict[str, Any]:
    """What a person authored, across years and units (one query): in full where the user's scope covers the unit
    that registered it; for the others only a count by status (the record of another branch stays there)."""
    rows = list(InitiativeAuthor.objects.filter(person=person, initiative__archived_at__isnull=True)
                .select_related("initiative__unit").order_by("-initiative__registered_on", "-id"))  # fmt: skip
    labels = dict(InitiativeStatus.choices)
    shown = [a for a in rows if has_perm(user, VIEW, a.initiative.unit.path)]
    others = Counter(
        labels[a.initiative.status] for a in rows if not has_perm(user, VIEW, a.initiative.unit.path)
    )
    return {"shown": shown, "others": sorted(others.items())}

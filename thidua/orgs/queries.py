"""Reads of the tree used in more than one place. Subtree sums are set-based (one query per question)."""

from __future__ import annotations

import datetime

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr

from .models import Level, Unit, UnitVersion


def units_visible_to(user):
    return Unit.objects.visible_to(user)


def people_for_list(user, q: str = "", unit: Unit | None = None):
    """The people list as pages and exports show it: visible to the user, searched, in Vietnamese order."""
    from .models import Person

    people = Person.objects.visible_to(user).active().search(q)
    if unit is not None:
        people = people.filter(unit__path__subtree=unit.path)
    return people.select_related("unit").vietnamese_order()


def root_units_for(user) -> list[Unit]:
    """The top units of the user's scope (a superuser sees the roots of the tree)."""
    from thidua.core.scoping import scope_of

    scope = scope_of(user)
    if scope.everything:
        return list(Unit.objects.filter(depth=1).order_by("path"))
    return list(Unit.objects.filter(path__in=scope.paths).order_by("path"))


def subtree_totals(unit: Unit) -> dict[str, int]:
    """Totals of the active subtree: grassroots unions, members, workers, direct production workers."""
    row = (
        Unit.objects.in_subtree(unit)
        .active()
        .aggregate(
            grassroots=Count("pk", filter=Q(level=Level.GRASSROOTS)),
            members=Sum("member_count"),
            workers=Sum("worker_count"),
            direct_workers=Sum("direct_worker_count"),
        )
    )
    return {key: row[key] or 0 for key in row}


def children_with_totals(unit: Unit, include_inactive: bool = False) -> list[Unit]:
    """The unit's children, each annotated with its subtree's totals — two queries whatever the number of children."""
    children = Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1)
    if not include_inactive:
        children = children.active()
    children = list(children.order_by("level", "name"))
    if not children:
        return children
    width = (unit.depth + 1) * Unit.steplen
    rows = (
        Unit.objects.filter(path__subtree=unit.path, depth__gt=unit.depth)
        .active()
        .annotate(prefix=Substr("path", 1, width))
        .values("prefix")
        .annotate(
            grassroots=Count("pk", filter=Q(level=Level.GRASSROOTS)),
            members=Sum("member_count"),
            workers=Sum("worker_count"),
            direct_workers=Sum("direct_worker_count"),
            units=Count("pk"),
        )
        .order_by()
    )
    totals = {row["prefix"]: row for row in rows}
    for child in children:
        row = totals.get(child.path, {})
        child.total_grassroots = row.get("grassroots") or 0
        child.total_members = row.get("members") or 0
        child.total_workers = row.get("workers") or 0
        child.total_direct_workers = row.get("direct_workers") or 0
        child.total_units = row.get("units") or 0
    return children


def counts_by_level_and_sector(unit: Unit) -> dict[str, list[dict]]:
    qs = Unit.objects.in_subtree(unit).active().order_by()
    return {
        "levels": list(qs.values("level").annotate(n=Count("pk")).order_by("level")),
        "sectors": list(
            qs.filter(level=Level.GRASSROOTS).values("sector").annotate(n=Count("pk")).order_by("sector")
        ),
    }


def tree_as_of(root: Unit, day: datetime.date, max_depth: int | None = None) -> list[UnitVersion]:
    """The root's subtree as it stood on ``day`` (names and places of that day), in tree order."""
    root_version = UnitVersion.objects.as_of(day).filter(unit=root).first()
    if root_version is None:
        return []
    qs = UnitVersion.objects.as_of(day).filter(path__subtree=root_version.path)
    if max_depth is not None:
        qs = qs.filter(depth__lte=root_version.depth + max_depth)
    return list(qs.select_related("unit").order_by("path"))


def unit_as_of(unit: Unit, day: datetime.date) -> UnitVersion | None:
    return UnitVersion.objects.as_of(day).filter(unit=unit).select_related("parent").first()


def ancestors_as_of(unit: Unit, day: datetime.date) -> list[UnitVersion]:
    """Where a unit stood on ``day``: its chain of parents as they were then (root first)."""
    version = unit_as_of(unit, day)
    if version is None:
        return []
    prefixes = [version.path[:i] for i in range(Unit.steplen, len(version.path) + 1, Unit.steplen)]
    return list(UnitVersion.objects.as_of(day).filter(path__in=prefixes).order_by("depth"))

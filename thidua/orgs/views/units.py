"""Pages of the union tree: the tree (today or as of a date) and a unit's page.

The forms that change the tree are in ``restructuring.py``. Someone who cannot see a unit gets 404.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from types import SimpleNamespace
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from thidua.core.audit import AuditTrail, history_of
from thidua.core.dates import format_date, parse_date
from thidua.core.paging import page_of
from thidua.core.permissions import VIEW
from thidua.core.scoping import get_for_user, has_perm

from .. import actions, forms, localities, permissions, queries
from ..models import EndKind, Level, RestructuringRequest, Unit, UnitEvent, UnitVersion

LEVEL_SHORT = {
    Level.NATIONAL: gettext_lazy("Tổng LĐ"),
    Level.PROVINCE: gettext_lazy("Tỉnh, TP"),
    Level.CENTRAL_SECTOR: gettext_lazy("Ngành TW"),
    Level.UPPER: gettext_lazy("Cấp trên cơ sở"),
    Level.GRASSROOTS: gettext_lazy("CĐCS"),
    Level.SUB_GRASSROOTS: gettext_lazy("CĐ bộ phận"),
}


def level_short(level: str) -> str:
    return str(LEVEL_SHORT.get(level, level))


# --- the tree -------------------------------------------------------------------------------------------------


@dataclass
class Node:
    """One line of the tree: a unit with the name it had on the day shown and its subtree's numbers."""

    unit: Unit
    name: str
    level: str
    grassroots: int
    members: int
    has_children: bool
    former_name: str = ""  # the name shown is of an earlier day; this is today's

    @property
    def level_label(self) -> str:
        return Level(self.level).label

    @property
    def level_short(self) -> str:
        return level_short(self.level)


def _nodes_today(units: list[Unit], show_inactive: bool) -> list[Node]:
    return [
        Node(
            u,
            u.name,
            u.level,
            u.total_grassroots,
            u.total_members,
            u.numchild > 0 if show_inactive else u.total_units > 1,
        )  # fmt: skip
        for u in units
    ]


def _nodes_as_of(versions: list[UnitVersion]) -> list[Node]:
    return [
        Node(
            v.unit,
            v.name,
            v.level,
            v.total_grassroots,
            v.total_members,
            v.total_units > 1,
            former_name=v.unit.name if v.unit.name != v.name else "",
        )  # fmt: skip
        for v in versions
    ]


def _tree_options(request) -> tuple[datetime.date | None, bool, str]:
    """The day asked for (None: today's tree), whether dissolved units are shown, and an error about the day."""
    raw = request.GET.get("as_of", "").strip()
    show_inactive = request.GET.get("dissolved") == "1"
    if not raw:
        return None, show_inactive, ""
    try:
        day = parse_date(raw)
    except ValueError:
        day = None
    if day is not None and day.year >= 1900:
        return (None if day == timezone.localdate() else day), show_inactive, ""
    return (
        None,
        show_inactive,
        _("Ngày “%(value)s” không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 01/06/2017.") % {"value": raw},
    )


def _tree_query(day: datetime.date | None, show_inactive: bool) -> str:
    params = {}
    if day:
        params["as_of"] = format_date(day)
    if show_inactive and not day:
        params["dissolved"] = "1"
    return urlencode(params)


@login_required
@require_GET
def unit_tree(request):
    day, show_inactive, error = _tree_options(request)
    roots = queries.root_units_for(request.user)
    if day:
        nodes = _nodes_as_of(queries.roots_as_of(roots, day, request.user))
    else:
        breakdown = queries.subtree_breakdown(roots)
        nodes = [
            Node(
                u,
                u.name,
                u.level,
                breakdown[u.pk]["totals"]["grassroots"],
                breakdown[u.pk]["totals"]["members"],
                u.numchild > 0,
            )  # fmt: skip
            for u in roots
        ]
    context = {
        "nodes": nodes,
        "day": day,
        "as_of_value": format_date(day) if day else request.GET.get("as_of", "") if error else "",
        "as_of_error": error,
        "show_inactive": show_inactive,
        "tree_query": _tree_query(day, show_inactive),
        "has_roots": bool(roots),
        "today": timezone.localdate(),
    }
    return render(request, "orgs/unit_tree.html", context)


@login_required
@require_GET
def unit_children(request, pk: int):
    """The children of one node, loaded when it is opened (htmx)."""
    unit = get_for_user(Unit, request.user, pk=pk)
    day, show_inactive, _error = _tree_options(request)
    if day:
        nodes = _nodes_as_of(queries.children_as_of(unit, day, request.user))
    else:
        nodes = _nodes_today(
            queries.children_with_totals(unit, include_inactive=show_inactive), show_inactive
        )
    return render(
        request,
        "orgs/_unit_children.html",
        {"nodes": nodes, "day": day, "tree_query": _tree_query(day, show_inactive)},
    )


# --- a unit's page --------------------------------------------------------------------------------------------


EVENTS_SHOWN = 1000
HISTORY_PAGE = 50  # groups of changes a page of the unit's history
CHILDREN_PAGE = 50  # an area union has up to ~400 grassroots unions: its page lists them 50 at a time


class _ChildrenPages:
    """The children with totals as the paginator sees them: counted with one query, each page read and summed with
    its own (``queries.child_rows`` over a window: plain rows, the page only shows them), never the whole list."""

    def __init__(self, unit: Unit, include_inactive: bool):
        self.unit, self.include_inactive = unit, include_inactive

    def count(self) -> int:
        return queries.children_of(self.unit, self.include_inactive).count()

    def __getitem__(self, window: slice) -> list[queries.ChildRow]:
        return queries.child_rows(self.unit, include_inactive=self.include_inactive, window=window)


GROUP_FROM = (
    3  # this many same changes of other units on one day (e.g. 74 unions moved away) are shown as one row
)


def group_events(events: list[UnitEvent], unit: Unit) -> list[SimpleNamespace]:
    """Changes of other units that are the same change on the same day (moved from this unit to the same parent,
    merged into it...) become one group, placed where the first of them is; each group has ``first`` (the event to
    describe), ``events`` and ``count``."""

    def key(e: UnitEvent):
        if e.unit_id == unit.pk:
            return ("own", e.pk)
        return (e.effective_on, e.kind, e.from_parent_id, e.to_parent_id, e.merged_into_id, e.decision)

    by_key: dict = {}
    for event in events:
        by_key.setdefault(key(event), []).append(event)
    groups = []
    for items in by_key.values():
        if len(items) >= GROUP_FROM:
            groups.append(SimpleNamespace(first=items[0], events=items, count=len(items)))
        else:
            groups.extend(SimpleNamespace(first=e, events=[e], count=1) for e in items)
    groups.sort(key=lambda g: (-g.first.effective_on.toordinal(), -g.first.pk))
    return groups


class UnitTrail(AuditTrail):
    """A unit's audit records: province by name, workforce grouped by thousands, the tree path left out."""

    fields_from = (Unit,)
    order = actions.UNIT_FIELDS
    hidden = frozenset({"path"})
    omit_empty_on_create = True

    def display(self, name: str, value) -> str | None:
        if name == "ended_as":
            from ..models import EndKind

            return str(EndKind(value).label) if value in EndKind.values else None
        if name == "province_code":
            return localities.province_name(value) or str(value)
        if name == "workforce_size" and isinstance(value, int):
            return formats.number_format(value, force_grouping=True)
        if name == "last_totals" and isinstance(value, dict):
            return _(
                "%(units)s đơn vị, %(grassroots)s công đoàn cơ sở, %(members)s đoàn viên, %(workers)s CNVCLĐ"
            ) % {key: formats.number_format(value.get(key, 0), force_grouping=True)
                 for key in ("units", "grassroots", "members", "workers")}  # fmt: skip
        return None


def _ancestors(unit: Unit, user) -> list:
    """The unit's parents, root first, each with ``visible``: for a dissolved or merged unit, the tree as it stood
    on its last day (its parents then, under their names of that day)."""
    day = queries.last_day(unit)
    if day is not None:
        versions = [v for v in queries.ancestors_as_of(unit, day) if v.unit_id != unit.pk]
        if versions:
            return [
                SimpleNamespace(
                    pk=v.unit_id,
                    name=v.name,
                    short_name=v.short_name,
                    visible=has_perm(user, VIEW, v.unit.path),
                )
                for v in versions
            ]
    prefixes = [unit.path[:i] for i in range(Unit.steplen, len(unit.path), Unit.steplen)]
    if not prefixes:
        return []
    ancestors = list(Unit.objects.filter(path__in=prefixes).order_by("depth"))
    for ancestor in ancestors:
        ancestor.visible = has_perm(user, VIEW, ancestor.path)
    return ancestors


def pending_requests(unit: Unit, user) -> list[RestructuringRequest]:
    """The restructuring requests of this unit (or into it) awaiting approval that the user sees: one query, two
    when there are any."""
    items = list(
        RestructuringRequest.objects.visible_to(user)
        .filter(status=RestructuringRequest.Status.SUBMITTED)
        .filter(Q(units=unit) | Q(target=unit))
        .distinct()
        .select_related("unit", "target")
        .prefetch_related("units")
    )
    for item in items:
        item.description = actions.describe_restructuring(item)
    return items


@login_required
@require_GET
def unit_detail(request, pk: int):
    user = request.user
    unit = get_for_user(Unit.objects.select_related("merged_into"), user, pk=pk)
    show_inactive = request.GET.get("dissolved") == "1"
    children_page = page_of(request, _ChildrenPages(unit, show_inactive), CHILDREN_PAGE, param="children")
    children = list(children_page.object_list)
    children_count = children_page.paginator.count
    for child in children:
        child.level_short = level_short(child.level)
    events = list(
        UnitEvent.objects.filter(Q(unit=unit) | Q(to_parent=unit) | Q(from_parent=unit) | Q(merged_into=unit))
        .select_related("unit", "from_parent", "to_parent", "merged_into", "recorded_by")
        .order_by("-effective_on", "-id")[:EVENTS_SHOWN]
    )
    for event in events:
        for name in ("unit", "from_parent", "to_parent", "merged_into"):
            other = getattr(event, name)
            setattr(event, f"{name}_visible", other is not None and has_perm(user, VIEW, other.path))
    last_day = queries.last_day(unit)
    if last_day is not None and not show_inactive:
        # A dissolved or merged unit lists the units it had on its last day (they have moved on since).
        children = [
            SimpleNamespace(
                pk=v.unit_id,
                name=v.name,
                level=v.level,
                level_short=level_short(v.level),
                is_active=True,
                dissolved_on=None,
                archived_at=None,
                total_grassroots=v.total_grassroots,
                total_members=v.total_members,
                total_workers=None,
            )  # fmt: skip
            for v in queries.children_as_of(unit, last_day, user)
        ]
        children_page, children_count = None, len(children)
    # An area union that received 390 grassroots unions has as many changes: 50 a page (?history=N), not 190 KB.
    history = page_of(request, group_events(events, unit), HISTORY_PAGE, param="history")
    can_restructure = permissions.can_restructure_unit(user, unit)
    can_end = permissions.can_restructure_unit(user, unit, ending=True)
    active = unit.is_active
    context = {
        "unit": unit,
        "level_short": level_short(unit.level),
        "ancestors": _ancestors(unit, user),
        "ancestors_day": last_day,
        "children": children,
        "children_page": children_page,
        "children_count": children_count,
        "show_inactive": show_inactive,
        "inactive_children": max(unit.numchild - children_count, 0) if not (show_inactive or last_day) else 0,
        # A dissolved or merged unit shows what it held on its last day, not the zeros of today.
        "totals": queries.last_totals(unit) if last_day else queries.subtree_totals(unit),
        "totals_day": last_day,
        "event_groups": history.object_list,
        "history_page": history,
        "audit": UnitTrail(history_of(unit)[:50]).entries(),
        "locality": localities.locality(unit.province_code, unit.ward_code),
        "merged_into_visible": unit.merged_into is not None and has_perm(user, VIEW, unit.merged_into.path),
        "can_manage": permissions.can_manage_unit(user, unit),
        "can_restructure": can_restructure,
        "can_end": can_end,
        # Offer only what the user can complete: a move needs a new parent, a merger a partner, that they manage.
        "can_move": can_restructure
        and active
        and unit.depth > 1
        and queries.parent_candidates(unit, user).exists(),
        "can_merge": can_restructure and active and queries.merge_candidates(unit, user).exists(),
        "can_reopen": can_end and unit.ended_as == EndKind.DISSOLVED and not unit.archived_at,
        "pending_requests": pending_requests(unit, user),
        "can_manage_accounts": permissions.can_manage_accounts(user, unit),
        "is_grassroots": unit.level in forms.GRASSROOTS_LEVELS,
    }
    return render(request, "orgs/unit_detail.html", context)

"""Pages of the union tree: the tree (today or as of a date), a unit's page, and the restructuring forms.

Each form validates input and calls one action of ``orgs.actions``; what the action refuses is shown on the form.
Someone who cannot see a unit gets 404; someone who sees it but may not restructure it gets 403.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.audit import AuditTrail, history_of
from thidua.core.scoping import get_for_user, scope_of

from .. import actions, forms, localities, permissions, queries
from ..models import Level, Unit, UnitEvent, UnitVersion

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
    for fmt in forms.VN_DATE_FORMATS:
        try:
            day = datetime.datetime.strptime(raw, fmt).date()
        except ValueError:
            continue
        if day.year < 1900:
            break
        return (None if day == timezone.localdate() else day), show_inactive, ""
    return (
        None,
        show_inactive,
        _("Ngày “%(value)s” không hợp lệ: nhập theo dạng dd/mm/yyyy, ví dụ 01/06/2017.") % {"value": raw},
    )


def _tree_query(day: datetime.date | None, show_inactive: bool) -> str:
    params = {}
    if day:
        params["as_of"] = day.strftime("%d/%m/%Y")
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
        "as_of_value": day.strftime("%d/%m/%Y") if day else request.GET.get("as_of", "") if error else "",
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


class UnitTrail(AuditTrail):
    """A unit's audit records: province by name, workforce grouped by thousands, the tree path left out."""

    fields_from = (Unit,)
    order = actions.UNIT_FIELDS
    hidden = frozenset({"path"})
    omit_empty_on_create = True

    def display(self, name: str, value) -> str | None:
        if name == "province_code":
            return localities.province_name(value) or str(value)
        if name == "workforce_size" and isinstance(value, int):
            return formats.number_format(value, force_grouping=True)
        return None


def _ancestors(unit: Unit, user) -> list[Unit]:
    prefixes = [unit.path[:i] for i in range(Unit.steplen, len(unit.path), Unit.steplen)]
    if not prefixes:
        return []
    scope = scope_of(user)
    ancestors = list(Unit.objects.filter(path__in=prefixes).order_by("depth"))
    for ancestor in ancestors:
        ancestor.visible = scope.covers(ancestor.path)
    return ancestors


@login_required
@require_GET
def unit_detail(request, pk: int):
    user = request.user
    unit = get_for_user(Unit.objects.select_related("merged_into"), user, pk=pk)
    show_inactive = request.GET.get("dissolved") == "1"
    children = queries.children_with_totals(unit, include_inactive=show_inactive)
    scope = scope_of(user)
    for child in children:
        child.level_short = level_short(child.level)
    events = list(
        UnitEvent.objects.filter(Q(unit=unit) | Q(to_parent=unit) | Q(from_parent=unit) | Q(merged_into=unit))
        .select_related("unit", "from_parent", "to_parent", "merged_into", "recorded_by")
        .order_by("-effective_on", "-id")[:100]
    )
    for event in events:
        for name in ("unit", "from_parent", "to_parent", "merged_into"):
            other = getattr(event, name)
            setattr(event, f"{name}_visible", other is not None and scope.covers(other.path))
    context = {
        "unit": unit,
        "level_short": level_short(unit.level),
        "ancestors": _ancestors(unit, user),
        "children": children,
        "show_inactive": show_inactive,
        "inactive_children": max(unit.numchild - len(children), 0) if not show_inactive else 0,
        "totals": queries.subtree_totals(unit),
        "events": events,
        "audit": UnitTrail(history_of(unit)[:50]).entries(),
        "locality": localities.locality(unit.province_code, unit.ward_code),
        "merged_into_visible": unit.merged_into is not None and scope.covers(unit.merged_into.path),
        "can_manage": permissions.can_manage_unit(user, unit),
        "can_manage_accounts": permissions.can_manage_accounts(user, unit),
        "is_grassroots": unit.level in forms.GRASSROOTS_LEVELS,
    }
    return render(request, "orgs/unit_detail.html", context)


# --- restructuring --------------------------------------------------------------------------------------------


def _posted(request):
    """The submitted data on POST (even when empty, so the form is bound and says what is missing), else None."""
    return request.POST if request.method == "POST" else None


def _managed_unit(request, pk: int) -> Unit:
    """The unit, if the user may restructure it: 404 when they cannot see it, 403 when they may only look."""
    unit = get_for_user(Unit, request.user, pk=pk)
    if not permissions.can_manage_unit(request.user, unit):
        raise PermissionDenied
    return unit


def _refuse_inactive(request, unit: Unit):
    messages.error(
        request,
        _("Đơn vị “%(unit)s” đã giải thể hoặc lưu trữ, không thể thực hiện thao tác này.")
        % {"unit": unit.name},
    )
    return redirect("orgs:unit-detail", unit.pk)


def _form_page(request, unit: Unit, form, *, title: str, submit: str, icon: str, template: str, **extra):
    context = {"unit": unit, "form": form, "title": title, "submit": submit, "icon": icon,
               "level_short": level_short(unit.level), **extra}  # fmt: skip
    return render(request, template, context)


@login_required
@require_http_methods(["GET", "POST"])
def unit_create(request, pk: int):
    """Found a unit under this one."""
    parent = _managed_unit(request, pk)
    if not parent.is_active:
        return _refuse_inactive(request, parent)
    form = forms.UnitCreateForm(_posted(request), parent=parent,
                                initial={"founded_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = actions.create_unit(
                parent, by=request.user, code=data["code"], name=data["name"], short_name=data["short_name"],
                level=data["level"], decision=data["decision"], **form.facts(),
            )  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thành lập “%(unit)s”.") % {"unit": unit.name})
            return redirect("orgs:unit-detail", unit.pk)
    return _form_page(request, parent, form, title=_("Thành lập đơn vị trực thuộc"), submit=_("Thành lập"),
                      icon="bi-plus-lg", template="orgs/unit_create.html")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_update(request, pk: int):
    unit = _managed_unit(request, pk)
    if unit.archived_at:
        return _refuse_inactive(request, unit)
    form = forms.UnitUpdateForm(_posted(request), unit=unit)
    if request.method == "POST" and form.is_valid():
        facts = form.facts()
        if not facts:
            messages.info(request, _("Không có thông tin nào thay đổi."))
            return redirect("orgs:unit-detail", unit.pk)
        try:
            actions.update_unit(unit, by=request.user, **facts)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã cập nhật thông tin “%(unit)s”.") % {"unit": unit.name})
            return redirect("orgs:unit-detail", unit.pk)
    return _form_page(request, unit, form, title=_("Sửa thông tin đơn vị"), submit=_("Lưu"), icon="bi-check-lg",
                      template="orgs/unit_update.html")  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk: int):
    unit = _managed_unit(request, pk)
    if not unit.is_active:
        return _refuse_inactive(request, unit)
    form = forms.UnitRenameForm(_posted(request), unit=unit, initial={"effective_on": timezone.localdate(),
                                                                          "name": unit.name,
                                                                          "short_name": unit.short_name})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.rename_unit(unit, by=request.user, name=data["name"], short_name=data["short_name"],
                                **form.decision_fields())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã đổi tên thành “%(name)s” từ ngày %(date)s.")
                             % {"name": data["name"], "date": data["effective_on"].strftime("%d/%m/%Y")})  # fmt: skip
            return redirect("orgs:unit-detail", unit.pk)
    return _form_page(request, unit, form, title=_("Đổi tên đơn vị"), submit=_("Đổi tên"), icon="bi-input-cursor-text",
                      template="orgs/unit_rename.html")  # fmt: skip


def _chosen(form, name: str, candidates) -> list[Unit]:
    """The units ticked in a picker, to show them again when the form comes back with errors."""
    if not form.is_bound:
        return []
    raw = form.data.getlist(name) if hasattr(form.data, "getlist") else [form.data.get(name)]
    ids = [int(v) for v in raw if v and str(v).isdigit()]
    return queries.search_units(candidates.filter(pk__in=ids), "", limit=50) if ids else []


@login_required
@require_http_methods(["GET", "POST"])
def unit_move(request, pk: int):
    unit = _managed_unit(request, pk)
    if not unit.is_active:
        return _refuse_inactive(request, unit)
    if unit.depth == 1:
        messages.error(request, _("Đơn vị cao nhất của cây tổ chức không chuyển được."))
        return redirect("orgs:unit-detail", unit.pk)
    candidates = queries.parent_candidates(unit, request.user)
    form = forms.UnitMoveForm(_posted(request), candidates=candidates,
                              initial={"effective_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        new_parent = form.cleaned_data["new_parent"]
        try:
            actions.move_unit(unit, new_parent, by=request.user, **form.decision_fields())
        except ValidationError as error:
            form.apply_errors(error, aliases={"parent": "new_parent"})
        else:
            messages.success(request, _("Đã chuyển “%(unit)s” về trực thuộc “%(parent)s” từ ngày %(date)s.")
                             % {"unit": unit.name, "parent": new_parent.name,
                                "date": form.cleaned_data["effective_on"].strftime("%d/%m/%Y")})  # fmt: skip
            return redirect("orgs:unit-detail", unit.pk)
    current_parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()
    return _form_page(request, unit, form, title=_("Chuyển về đơn vị cấp trên khác"), submit=_("Chuyển"),
                      icon="bi-arrow-return-right", template="orgs/unit_move.html", current_parent=current_parent,
                      chosen=_chosen(form, "new_parent", candidates))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_merge(request, pk: int):
    unit = _managed_unit(request, pk)
    if not unit.is_active:
        return _refuse_inactive(request, unit)
    candidates = queries.merge_candidates(unit, request.user)
    form = forms.UnitMergeForm(_posted(request), candidates=candidates,
                               initial={"effective_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        into_this = data["direction"] == forms.MERGE_INTO_THIS
        sources, target = (list(data["sources"]), unit) if into_this else ([unit], data["target"])
        try:
            actions.merge_units(sources, target, by=request.user, **form.decision_fields())
        except ValidationError as error:
            form.apply_errors(
                error, aliases={"target": "target" if not into_this else "sources", "parent": None}
            )
        else:
            messages.success(request, _("Đã sáp nhập %(sources)s vào “%(target)s” từ ngày %(date)s.")
                             % {"sources": ", ".join(f"“{s.name}”" for s in sources), "target": target.name,
                                "date": data["effective_on"].strftime("%d/%m/%Y")})  # fmt: skip
            return redirect("orgs:unit-detail", target.pk)
    return _form_page(request, unit, form, title=_("Sáp nhập"), submit=_("Sáp nhập"), icon="bi-union",
                      template="orgs/unit_merge.html", chosen_sources=_chosen(form, "sources", candidates),
                      chosen_target=_chosen(form, "target", candidates))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_dissolve(request, pk: int):
    unit = _managed_unit(request, pk)
    if not unit.is_active:
        return _refuse_inactive(request, unit)
    form = forms.UnitDissolveForm(_posted(request), initial={"effective_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.dissolve_unit(unit, by=request.user, **form.decision_fields())
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi nhận giải thể “%(unit)s” từ ngày %(date)s.")
                             % {"unit": unit.name, "date": form.cleaned_data["effective_on"].strftime("%d/%m/%Y")})  # fmt: skip
            return redirect("orgs:unit-detail", unit.pk)
    return _form_page(request, unit, form, title=_("Giải thể đơn vị"), submit=_("Giải thể"), icon="bi-x-octagon",
                      template="orgs/unit_dissolve.html", active_children=unit.numchild and
                      Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1).active().count())  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_archive(request, pk: int):
    unit = _managed_unit(request, pk)
    if unit.archived_at:
        messages.info(request, _("Đơn vị này đã được lưu trữ."))
        return redirect("orgs:unit-detail", unit.pk)
    form = forms.UnitArchiveForm(_posted(request))
    blockers = {
        "children": Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1).active().count(),
        "people": unit.worker_count,
    }
    if request.method == "POST" and form.is_valid():
        if blockers["children"] or blockers["people"]:
            form.add_error(None, _("Đơn vị còn %(units)d đơn vị trực thuộc và %(people)d người đang sinh hoạt: hãy "
                                   "chuyển đi trước khi lưu trữ.") % {"units": blockers["children"],
                                                                      "people": blockers["people"]})  # fmt: skip
        else:
            actions.archive_unit(unit, by=request.user, note=form.cleaned_data["note"])
            messages.success(
                request, _("Đã lưu trữ “%(unit)s”. Có thể khôi phục khi cần.") % {"unit": unit.name}
            )
            return redirect("orgs:unit-detail", unit.pk)
    return _form_page(request, unit, form, title=_("Lưu trữ đơn vị"), submit=_("Lưu trữ"), icon="bi-archive",
                      template="orgs/unit_archive.html", blockers=blockers)  # fmt: skip


@login_required
@require_POST
def unit_restore(request, pk: int):
    unit = _managed_unit(request, pk)
    if unit.archived_at is None:
        messages.info(request, _("Đơn vị này đang được sử dụng, không cần khôi phục."))
    else:
        actions.restore_unit(unit, by=request.user)
        messages.success(request, _("Đã khôi phục “%(unit)s”.") % {"unit": unit.name})
    return redirect("orgs:unit-detail", unit.pk)


SEARCH_PURPOSES = {"parent", "merge"}


@login_required
@require_GET
def unit_search(request, pk: int):
    """Units to choose in a restructuring form, searched by name or code (htmx): the same candidates the form
    accepts."""
    unit = _managed_unit(request, pk)
    purpose = request.GET.get("purpose", "")
    if purpose not in SEARCH_PURPOSES:
        raise Http404
    candidates = (
        queries.parent_candidates(unit, request.user)
        if purpose == "parent"
        else queries.merge_candidates(unit, request.user)
    )
    field = request.GET.get("field", "new_parent")
    if field not in {"new_parent", "sources", "target"}:
        raise Http404
    units = queries.search_units(candidates, request.GET.get("q", ""))
    for u in units:
        u.level_short = level_short(u.level)
    return render(
        request,
        "orgs/_unit_options.html",
        {"units": units, "field": field, "multiple": field == "sources", "q": request.GET.get("q", "")},
    )


@login_required
@require_GET
def ward_options(request):
    """The communes and wards of a province, for the unit forms (htmx)."""
    province = request.GET.get("province_code", "")
    wards = localities.ward_choices(province) if localities.is_current_province(province) else []
    return render(request, "orgs/_unit_ward_options.html", {"wards": wards})

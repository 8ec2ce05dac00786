"""The forms that change the union tree: found a unit, edit its facts, rename, move, merge, dissolve, archive and
restore it, and the pickers (units, wards) these forms load with htmx.

Each form validates input and calls one action of ``orgs.actions``; what the action refuses is shown on the form.
Someone who cannot see a unit gets 404; someone who sees it but may not change it gets 403. Founding a unit below and
editing a unit's facts need a role on the unit or above it; renaming, moving, merging, dissolving, archiving and
restoring it are acts of the level above (``permissions.can_restructure_unit``), and the units offered as a new
parent or a merger's partner are those the user manages.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.scoping import get_for_user

from .. import actions, forms, impact, localities, permissions, queries
from ..models import Unit
from .units import level_short


def _posted(request):
    """The submitted data on POST (even when empty, so the form is bound and says what is missing), else None."""
    return request.POST if request.method == "POST" else None


def _managed_unit(request, pk: int) -> Unit:
    """The unit, if the user manages it: 404 when they cannot see it, 403 when they may only look."""
    unit = get_for_user(Unit, request.user, pk=pk)
    if not permissions.can_manage_unit(request.user, unit):
        raise PermissionDenied
    return unit


def _restructured_unit(request, pk: int, *, ending: bool = False) -> Unit:
    """The unit, if the user may restructure it (from the level above): 404 when they cannot see it, 403 when they
    see it but may not."""
    unit = get_for_user(Unit, request.user, pk=pk)
    if not permissions.can_restructure_unit(request.user, unit, ending=ending):
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
    form = forms.UnitCreateForm(_posted(request), parent=parent, user=request.user,
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
    form.user = request.user
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


def _prepared(request, prepared):
    messages.success(request, _("Đã trình lãnh đạo duyệt: %(what)s. Việc sắp xếp được thực hiện khi đề nghị được "
                                "duyệt.") % {"what": actions.describe_restructuring(prepared)})  # fmt: skip
    return redirect("orgs:restructuring-detail", prepared.pk)


@login_required
@require_http_methods(["GET", "POST"])
def unit_rename(request, pk: int):
    """Prepare a rename, for a leader of the level above to approve."""
    unit = _restructured_unit(request, pk)
    if not unit.is_active:
        return _refuse_inactive(request, unit)
    form = forms.UnitRenameForm(_posted(request), unit=unit, initial={"effective_on": timezone.localdate(),
                                                                          "name": unit.name,
                                                                          "short_name": unit.short_name})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            prepared = actions.prepare_restructuring(by=request.user, kind="rename", units=[unit],
                                                     new_name=data["name"], new_short_name=data["short_name"],
                                                     **form.decision_fields())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return _prepared(request, prepared)
    return _form_page(request, unit, form, title=_("Đề nghị đổi tên đơn vị"), submit=_("Trình duyệt"),
                      icon="bi-input-cursor-text", template="orgs/unit_rename.html")  # fmt: skip


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
    unit = _restructured_unit(request, pk)
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
            prepared = actions.prepare_restructuring(by=request.user, kind="move", units=[unit], target=new_parent,
                                                     **form.decision_fields())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error, aliases={"parent": "new_parent"})
        else:
            return _prepared(request, prepared)
    current_parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()
    return _form_page(request, unit, form, title=_("Đề nghị chuyển về đơn vị cấp trên khác"), submit=_("Trình duyệt"),
                      icon="bi-arrow-return-right", template="orgs/unit_move.html", current_parent=current_parent,
                      chosen=_chosen(form, "new_parent", candidates))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_merge(request, pk: int):
    """Prepare a merger or a consolidation (this unit into another, or others into this one)."""
    unit = _restructured_unit(request, pk)
    if not unit.is_active:
        return _refuse_inactive(request, unit)
    candidates = queries.merge_candidates(unit, request.user)
    form = forms.UnitMergeForm(_posted(request), candidates=candidates,
                               initial={"effective_on": timezone.localdate()})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        into_this = data["direction"] == forms.MERGE_INTO_THIS
        sources, target = (list(data["sources"]), unit) if into_this else ([unit], data["target"])
        kind = "consolidate" if data["kind"] == "consolidated" else "merge"
        try:
            prepared = actions.prepare_restructuring(by=request.user, kind=kind, units=sources, target=target,
                                                     **form.decision_fields())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(
                error, aliases={"target": "target" if not into_this else "sources", "parent": None}
            )
        else:
            return _prepared(request, prepared)
    return _form_page(request, unit, form, title=_("Đề nghị sáp nhập, hợp nhất"), submit=_("Trình duyệt"),
                      icon="bi-union",
                      template="orgs/unit_merge.html", chosen_sources=_chosen(form, "sources", candidates),
                      chosen_target=_chosen(form, "target", candidates))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_dissolve(request, pk: int):
    """Prepare a dissolution: the leader of the level above approves it after seeing what ends."""
    unit = _restructured_unit(request, pk)
    if not unit.is_active:
        return _refuse_inactive(request, unit)
    form = forms.UnitDissolveForm(_posted(request), initial={"effective_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            prepared = actions.prepare_restructuring(by=request.user, kind="dissolve", units=[unit],
                                                     **form.decision_fields())  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            return _prepared(request, prepared)
    return _form_page(request, unit, form, title=_("Đề nghị giải thể đơn vị"), submit=_("Trình duyệt"),
                      icon="bi-x-octagon", template="orgs/unit_dissolve.html", active_children=unit.numchild and
                      Unit.objects.filter(path__subtree=unit.path, depth=unit.depth + 1).active().count(),
                      impact=impact.impact_of([unit.pk]))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def unit_archive(request, pk: int):
    unit = _restructured_unit(request, pk)
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
    unit = _restructured_unit(request, pk)
    if unit.archived_at is None:
        messages.info(request, _("Đơn vị này chưa bị lưu trữ, không cần khôi phục."))
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
    purpose = request.GET.get("purpose", "")
    unit = _restructured_unit(request, pk)
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

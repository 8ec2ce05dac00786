"""Inspection and supervision (/kiem-tra-giam-sat/): the list, one inspection with its recommendations and their
follow-up, the forms, and the recommendations past their deadline."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user
from thidua.core.search import search_folded
from thidua.core.workflow import transition_view

from .. import actions
from ..forms import CloseForm, FollowUpForm, InspectionForm, RecommendationForm, upper_units_for
from ..models import Inspection, InspectionKind, Recommendation
from ..permissions import RECOMMENDATION_WORKFLOW, SUPERVISE, can_edit_inspection
from .common import inspection_for, query_without, unit_param

PAGE_SIZE = 50


@login_required
@require_GET
def inspection_list(request):
    unit = unit_param(request)
    today = timezone.localdate()
    rows = Inspection.objects.visible_to(request.user).current().select_related(
        "upper_unit", "subject_unit", "subject_enterprise").annotate(
        open=Count("recommendations", filter=Q(recommendations__status="open")),
        overdue=Count("recommendations", filter=Q(recommendations__status="open", recommendations__deadline__lt=today)),
    )  # fmt: skip
    if unit is not None:
        rows = rows.filter(Q(upper_unit__path__subtree=unit.path) | Q(subject_unit__path__subtree=unit.path))
    kind = request.GET.get("kind", "")
    if kind in InspectionKind.values:
        rows = rows.filter(kind=kind)
    q = (request.GET.get("q") or "").strip()[:200]
    if q:
        rows = search_folded(
            rows, q, "subject_unit__name", "subject_enterprise__name", "topics", "state_bodies"
        )
    page = page_of(request, rows.order_by("-held_on", "-id"), PAGE_SIZE)
    return render(request, "enterprises/inspection_list.html", {
        "inspections": page.object_list, "page": page, "unit": unit, "q": q, "kind": kind,
        "kinds": InspectionKind.choices, "query": query_without(request),
        "can_create": upper_units_for(request.user, SUPERVISE).exists(), "today": today,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def inspection_create(request):
    initial = {"held_on": timezone.localdate()}
    for key in ("subject_unit", "subject_enterprise", "upper_unit"):
        if request.GET.get(key, "").isdigit():
            initial[key] = int(request.GET[key])
    form = InspectionForm(request.POST or None, user=request.user, initial=initial)
    if not form.fields["upper_unit"].queryset.exists():
        raise PermissionDenied
    if request.method == "POST" and form.is_valid():
        try:
            inspection = actions.record_inspection(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi cuộc kiểm tra, giám sát. Hãy thêm các kiến nghị."))
            return redirect("supervision:inspection-detail", pk=inspection.pk)
    return render(request, "enterprises/form.html", {"form": form, "back_url": reverse(
        "supervision:inspection-list")}, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_GET
def inspection_detail(request, pk: int):
    inspection = inspection_for(request.user, pk)
    recs = list(inspection.recommendations.prefetch_related("follow_ups__recorded_by", "events__by"))
    can_edit = can_edit_inspection(request.user, inspection)
    return render(request, "enterprises/inspection_detail.html", {
        "inspection": inspection, "recommendations": recs, "can_edit": can_edit, "today": timezone.localdate(),
        "form": RecommendationForm() if can_edit else None,
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_create(request, pk: int):
    inspection = inspection_for(request.user, pk)
    if not can_edit_inspection(request.user, inspection):
        raise PermissionDenied
    form = RecommendationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.add_recommendation(inspection, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã thêm kiến nghị."))
            return redirect("supervision:inspection-detail", pk=inspection.pk)
    return render(request, "enterprises/form.html", {
        "form": form, "heading": _("Thêm kiến nghị"), "inspection": inspection,
        "back_url": reverse("supervision:inspection-detail", args=[inspection.pk]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


def _recommendation_for(user, pk: int) -> Recommendation:
    return get_for_user(Recommendation.objects.select_related("inspection__upper_unit", "inspection__subject_unit",
                                                              "inspection__subject_enterprise"), user, pk=pk)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def follow_up_create(request, pk: int):
    rec = _recommendation_for(request.user, pk)
    if not can_edit_inspection(request.user, rec.inspection):
        raise PermissionDenied
    form = FollowUpForm(request.POST or None, initial={"recorded_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.record_follow_up(rec, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã ghi kết quả thực hiện kiến nghị."))
            return redirect("supervision:inspection-detail", pk=rec.inspection_id)
    return render(request, "enterprises/form.html", {
        "form": form, "heading": _("Ghi kết quả thực hiện kiến nghị"), "inspection": rec.inspection,
        "recommendation": rec, "back_url": reverse("supervision:inspection-detail", args=[rec.inspection_id]),
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def recommendation_step(request, pk: int, name: str):
    rec = _recommendation_for(request.user, pk)
    if name not in RECOMMENDATION_WORKFLOW.transitions:
        from django.http import Http404

        raise Http404
    if name == "close":
        return transition_view(request, rec, "close", perform=actions.close_recommendation, form_class=CloseForm,
                               form_kwargs={"initial": {"closed_on": timezone.localdate()}},
                               back_url=reverse("supervision:inspection-detail", args=[rec.inspection_id]),
                               success_message=_("Đã ghi nhận kiến nghị được thực hiện xong."))  # fmt: skip
    return transition_view(request, rec, "reopen", perform=actions.reopen_recommendation,
                           back_url=reverse("supervision:inspection-detail", args=[rec.inspection_id]),
                           success_message=_("Đã mở lại kiến nghị."))  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def inspection_archive(request, pk: int):
    inspection = inspection_for(request.user, pk)
    if not can_edit_inspection(request.user, inspection):
        raise PermissionDenied
    if request.method == "POST":
        actions.archive_inspection(inspection, by=request.user, note=request.POST.get("note", "")[:500])
        messages.success(request, _("Đã lưu trữ cuộc kiểm tra, giám sát."))
        return redirect("supervision:inspection-list")
    return render(request, "enterprises/inspection_archive.html", {"inspection": inspection})


@login_required
@require_GET
def overdue_list(request):
    today = timezone.localdate()
    rows = (
        Recommendation.objects.visible_to(request.user).overdue(today)
        .select_related("inspection__upper_unit", "inspection__subject_unit", "inspection__subject_enterprise")
        .order_by("deadline", "id")
    )  # fmt: skip
    unit = unit_param(request)
    if unit is not None:
        rows = rows.filter(Q(inspection__upper_unit__path__subtree=unit.path)
                           | Q(inspection__subject_unit__path__subtree=unit.path))  # fmt: skip
    page = page_of(request, rows, PAGE_SIZE)
    return render(request, "enterprises/overdue_list.html", {"recommendations": page.object_list, "page": page,
                                                             "today": today, "unit": unit})  # fmt: skip

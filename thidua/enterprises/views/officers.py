"""Officers per area (/phu-trach-dia-ban/): the assignments of an upper-level union with their history, assigning and
ending, and each officer's page: the unions and enterprises they follow, with what is due or overdue there."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.scoping import get_for_user
from thidua.orgs.models import RoleAssignment, Unit

from .. import actions
from ..forms import AssignForm, EndAssignmentForm
from ..models import AreaAssignment
from ..officer_dues import dues_for
from ..permissions import UPPER_LEVELS, can_assign_officers
from ..queries import uppers_visible_to
from .common import unit_param
from .pipeline import _default_upper


@login_required
@require_GET
def assignment_list(request):
    unit = unit_param(request) or _default_upper(request.user, list(uppers_visible_to(request.user)))
    if unit is not None and unit.level not in UPPER_LEVELS:
        raise Http404
    rows = []
    if unit is not None:
        rows = list(
            AreaAssignment.objects.visible_to(request.user).filter(upper_unit__path__subtree=unit.path)
            .select_related("officer", "unit", "enterprise").order_by("ended_on", "officer__last_name", "-started_on")
        )  # fmt: skip
    current = [a for a in rows if a.ended_on is None]
    by_officer: dict[int, dict] = {}
    for a in current:
        entry = by_officer.setdefault(a.officer_id, {"officer": a.officer, "units": 0, "enterprises": 0})
        entry["units" if a.unit_id else "enterprises"] += 1
    uppers = list(
        Unit.objects.visible_to(request.user).active().filter(level__in=UPPER_LEVELS).vietnamese_order()
    )
    return render(request, "enterprises/assignment_list.html", {
        "unit": unit, "current": current, "past": [a for a in rows if a.ended_on is not None],
        "officers": sorted(by_officer.values(), key=lambda e: str(e["officer"].get_full_name())),
        "uppers": uppers, "can_assign": unit is not None and can_assign_officers(request.user, unit),
    })  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def assign(request, pk: int):
    unit = get_for_user(Unit, request.user, pk=pk)
    if not can_assign_officers(request.user, unit):
        raise PermissionDenied
    initial = {"started_on": timezone.localdate()}
    for key in ("unit_id", "enterprise_id"):
        if request.GET.get(key, "").isdigit():
            initial[key.removesuffix("_id")] = int(request.GET[key])
    form = AssignForm(request.POST or None, upper_unit=unit, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.assign_officer(by=request.user, upper_unit=unit, officer=data["officer"], unit=data["unit"],
                                   enterprise=data["enterprise"], started_on=data["started_on"], note=data["note"])  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã phân công cán bộ phụ trách."))
            return redirect(f"{reverse('areas:assignment-list')}?unit={unit.pk}")
    return render(request, "enterprises/form.html", {
        "form": form, "unit": unit, "back_url": f"{reverse('areas:assignment-list')}?unit={unit.pk}",
    }, status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_http_methods(["GET", "POST"])
def assignment_end(request, pk: int):
    assignment = get_for_user(AreaAssignment.objects.select_related("upper_unit", "officer", "unit", "enterprise"),
                              request.user, pk=pk)  # fmt: skip
    if not can_assign_officers(request.user, assignment.upper_unit) or assignment.ended_on is not None:
        raise PermissionDenied
    form = EndAssignmentForm(request.POST or None, initial={"ended_on": timezone.localdate()})
    back = f"{reverse('areas:assignment-list')}?unit={assignment.upper_unit_id}"
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_assignment(assignment, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã kết thúc phân công."))
            return redirect(back)
    return render(request, "enterprises/form.html", {"form": form, "assignment": assignment,
                                                                "back_url": back},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_GET
def officer_detail(request, pk: int):
    """An officer's page: visible when the officer holds a role on a unit the viewer sees (404 otherwise)."""
    officer = get_user_model().objects.filter(pk=pk, is_active=True).first()
    if officer is None or not RoleAssignment.objects.visible_to(request.user).filter(user=officer).exists():
        raise Http404
    today = timezone.localdate()
    assignments = list(
        AreaAssignment.objects.visible_to(request.user).filter(officer=officer)
        .select_related("upper_unit", "unit", "enterprise__upper_unit").order_by("ended_on", "-started_on")
    )  # fmt: skip
    current = [a for a in assignments if a.ended_on is None]
    dues = dues_for(current, today=today)
    return render(request, "enterprises/officer_detail.html", {
        "officer": officer, "current": current, "past": [a for a in assignments if a.ended_on is not None],
        "dues": dues, "today": today, "units": [a.unit for a in current if a.unit_id],
    })  # fmt: skip

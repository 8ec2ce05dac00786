"""A new draft, and the draft form with one formset per part of the plan."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.scoping import get_for_user
from thidua.orgs.models import Unit

from .. import actions, forms, permissions, queries
from ..models import Movement, Plan
from ..movement_matches import upper_movements
from .base import plan_for, units_for_drafting, year_param

# --- drafts ---------------------------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plan_create(request):
    units = units_for_drafting(request.user)
    if not units.exists():
        raise PermissionDenied
    form = forms.PlanCreateForm(request.POST or None, units=units,
                                initial={"issuer": request.GET.get("unit")})  # fmt: skip
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            plan = actions.create_plan(data["issuer"], by=request.user, title=data["title"], year=data["year"],
                                       kind=data["kind"], symbol=data["symbol"], number=data["number"])  # fmt: skip
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã tạo dự thảo %(number)s.") % {"number": plan.number_display})
            return redirect("plans:plan-update", pk=plan.pk)
    return render(request, "plans/plan_create.html", {"form": form})


@login_required
@require_GET
def plan_next_number(request):
    """The number a new document would get (htmx: shown next to the number field)."""
    unit = get_for_user(Unit, request.user, permissions.SUBMIT, pk=request.GET.get("issuer") or 0)
    kind = request.GET.get("kind") or "plan"
    symbol = request.GET.get("symbol", "").strip() or queries.default_symbol(unit, kind)
    year = year_param(request)
    number = queries.next_number(unit, symbol, year)
    return render(request, "plans/_next_number.html", {"number": number, "symbol": symbol, "year": year})


def _recipient_units(plan: Plan):
    """Units a recipient line may designate: the issuer's parent and the units directly below it."""
    parent_path = plan.issuer.path[: -Unit.steplen]
    return (
        Unit.objects.active()
        .filter(Q(path=parent_path) | Q(path__subtree=plan.issuer.path, depth=plan.issuer.depth + 1))
        .order_by("depth", "sort_key", "path")
    )


def _part_formsets(plan: Plan, data=None):
    initial = forms.initial_rows(plan) if data is None else {}
    phases = list(plan.phases.order_by("order"))
    phase_choices = [(p.order, p.name) for p in phases]
    if data is not None:
        # The phases as posted: commemorations and duties choose among them by position.
        count = int(data.get("phases-TOTAL_FORMS") or 0)
        phase_choices = [(i + 1, data.get(f"phases-{i}-name") or _("Đợt %(n)s") % {"n": i + 1}) for i in range(count)
                         if not data.get(f"phases-{i}-DELETE")]  # fmt: skip
        phase_choices = [(n, name) for n, (_i, name) in enumerate(phase_choices, start=1)]
    kwargs = {
        "commemorations": {"phase_choices": phase_choices},
        "reporting_duties": {"phase_choices": phase_choices},
        "recipients": {"units": _recipient_units(plan)},
    }
    return {
        name: forms.part_formset(name, data=data, initial=initial.get(name), form_kwargs=kwargs.get(name))
        for name in forms.PART_FORMS
    }


@login_required
@require_http_methods(["GET", "POST"])
def plan_update(request, pk: int):
    plan = plan_for(request.user, pk)
    if not permissions.can_edit_plan(request.user, plan):
        if permissions.can_edit_plan_if_draft(request.user, plan):
            # Not a question of role: an issued (or archived) plan is not edited directly.
            messages.error(request, permissions.why_not_editable(plan))
            return redirect("plans:plan-detail", pk=plan.pk)
        raise PermissionDenied
    if request.method == "POST":
        form = forms.PlanForm(request.POST)
        formsets = _part_formsets(plan, request.POST)
        if form.is_valid() and all(fs.is_valid() for fs in formsets.values()):
            parts = {name: forms.part_rows(fs) for name, fs in formsets.items()}
            try:
                actions.update_plan(plan, by=request.user, parts=parts, **form.cleaned_data)
            except ValidationError as error:
                if hasattr(error, "error_dict") and "phases" in error.error_dict:
                    for message in error.message_dict.pop("phases"):
                        form.add_error(None, message)
                    rest = {k: v for k, v in error.message_dict.items() if k != "phases"}
                    if rest:
                        form.apply_errors(ValidationError(rest))
                else:
                    form.apply_errors(error)
            else:
                messages.success(request, _("Đã lưu dự thảo."))
                return redirect("plans:plan-detail", pk=plan.pk)
    else:
        form = forms.PlanForm(initial=forms.PlanForm.initial_for(plan))
        formsets = _part_formsets(plan)
    sections = [(name, forms.PART_FORMS[name][1], formsets[name]) for name in forms.PART_FORMS]
    return render(request, "plans/plan_form.html", {"plan": plan, "form": form, "sections": sections})


@login_required
@require_POST
def movement_link(request, pk: int, movement: int):
    """The officer confirms that a movement of the draft is the upper plan's movement proposed beside it."""
    plan = plan_for(request.user, pk)
    if not permissions.can_edit_plan(request.user, plan):
        raise PermissionDenied
    mine = Movement.objects.filter(plan=plan, pk=movement).first()
    upper_id = request.POST.get("upper", "")
    upper = next((m for m in upper_movements(plan) if str(m.pk) == upper_id), None)
    if mine is None:
        raise Http404
    if upper is None:
        messages.error(request, _("Phong trào được chọn không thuộc kế hoạch cấp trên mà dự thảo căn cứ."))
        return redirect("plans:plan-detail", pk=plan.pk)
    try:
        actions.link_movement(mine, upper, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã xác nhận phong trào “%(mine)s” là phong trào “%(upper)s” của kế hoạch %(plan)s.")
                         % {"mine": mine, "upper": upper, "plan": upper.plan.number_display})  # fmt: skip
    return redirect("plans:plan-detail", pk=plan.pk)

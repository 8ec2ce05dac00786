"""The roll-up pages of a published report form (namespace ``report_rollup``):

- ``/bao-cao/tong-hop/``: the forms the user may roll up;
- ``/bao-cao/mau/<form>/tong-hop/?unit=``: the subtree's figures per indicator, a row for each unit directly below
  (a link drills down), by sector, where a level's own totals disagree with its children, parts above their whole;
- ``/bao-cao/mau/<form>/tinh-hinh-nop/?unit=``: who has reported, by child and by sector;
- ``/bao-cao/mau/<form>/cham-nop/?unit=``: the late, with the button that reminds them (POST ``nhac-nop/``).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.paging import page_of
from thidua.core.scoping import has_perm
from thidua.orgs.models import Unit, UnitVersion

from . import rollup_display as display
from . import rollup_task
from .actions.rollup_reminders import remind_missing
from .completeness import completeness, days_late, late_reports
from .models import ExpectedReport
from .rollup import rollup
from .rollup_access import can_remind, form_and_unit, forms_for_user
from .tree import tree_day, version_on

PAGE_SIZE = 50


def crumbs(user, form, unit: Unit, version: UnitVersion | None) -> list[UnitVersion]:
    """The units above ``unit`` on the tree day, from the form's issuer (or the user's top) down — those the user
    may see (one query)."""
    if version is None:
        return []
    issuer_path = form.phase.plan.issuer.path
    prefixes = [version.path[:end] for end in range(Unit.steplen, len(version.path), Unit.steplen)]
    found = (
        UnitVersion.objects.as_of(tree_day(form))
        .filter(path__in=prefixes)
        .select_related("unit")
        .order_by("depth")
    )
    return [v for v in found if len(v.path) >= len(issuer_path) - 0 and has_perm(user, "view", v.unit.path)]


def _common(request, form, unit, version, active: str) -> dict:
    return {
        "form": form, "unit": unit, "version": version, "day": tree_day(form), "active": active,
        "crumbs": crumbs(request.user, form, unit, version),
        "own": ExpectedReport.objects.filter(form=form, unit=unit, archived_at__isnull=True).first(),
    }  # fmt: skip


@login_required
@require_GET
def form_list(request):
    forms = list(forms_for_user(request.user).order_by("-period_end", "-pk")[:100])
    return render(request, "reports/rollup_form_list.html", {"forms": forms})


@login_required
@require_http_methods(["GET", "POST"])
def rollup_page(request, form):
    form, unit = form_and_unit(request.user, form, request.GET.get("unit"))
    if rollup_task.runs_as_task(unit):
        # a whole national tree: computed by a worker, the page shows the last result (or its progress)
        if request.method == "POST":
            rollup_task.start_rollup(form, unit, by=request.user)
            return redirect(f"{reverse('report_rollup:rollup', args=[form.pk])}?unit={unit.pk}")
        context = _common(request, form, unit, version_on(unit, tree_day(form)), "rollup")
        context.update(rollup_task.page_state(form, unit, request.user))
        return render(request, "reports/rollup.html", context)
    if request.method == "POST":
        return HttpResponseNotAllowed(["GET"])
    result = rollup(form, unit)
    context = _common(request, form, unit, result.version, "rollup")
    context.update(display.page_context(result))
    return render(request, "reports/rollup.html", context)


@login_required
@require_GET
def completeness_page(request, form):
    form, unit = form_and_unit(request.user, form, request.GET.get("unit"))
    result = completeness(form, unit)
    context = _common(request, form, unit, result.version, "completeness")
    context.update({"summary": result, "can_remind": can_remind(request.user, unit) and result.total.missing})
    return render(request, "reports/rollup_completeness.html", context)


@login_required
@require_GET
def late_page(request, form):
    form, unit = form_and_unit(request.user, form, request.GET.get("unit"))
    today = timezone.localdate()
    page = page_of(request, late_reports(form, unit, today=today), PAGE_SIZE)
    for report in page.object_list:
        report.days_late = days_late(report, today)
    context = _common(request, form, unit, None, "late")
    context.update({"page": page, "today": today, "can_remind": can_remind(request.user, unit)})
    context["crumbs"] = []
    return render(request, "reports/rollup_late.html", context)


@login_required
@require_POST
def remind(request, form):
    form, unit = form_and_unit(request.user, form, request.POST.get("unit"))
    if not can_remind(request.user, unit):
        raise PermissionDenied
    chosen = request.POST.getlist("units")
    units = [int(pk) for pk in chosen if pk.isdigit() and len(pk) < 19] if chosen else None
    try:
        told = remind_missing(form, unit, by=request.user, units=units)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        if told:
            messages.success(request, _("Đã nhắc %(n)s đơn vị chưa gửi báo cáo.") % {"n": told})
        else:
            messages.info(
                request, _("Không có đơn vị nào cần nhắc: các đơn vị chưa gửi báo cáo đã được nhắc hôm nay.")
            )
    target = request.POST.get("next") == "completeness"
    name = "report_rollup:completeness" if target else "report_rollup:late"
    return redirect(reverse(name, args=[form.pk]) + f"?unit={unit.pk}")

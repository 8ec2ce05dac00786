"""/khen-thuong/thong-ke-nha-nuoc/: the State's yearly statistics forms (0601.N–0603.N) of a unit's subtree as .xlsx
(decision 0042). The unit must be in the user's scope (404 otherwise); without a valid year the page asks for one."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from thidua.core.scoping import get_for_user, own_paths
from thidua.core.xlsx import xlsx_response
from thidua.orgs.models import Unit

from . import state_statistics
from .state_statistics_xlsx import statistics_workbook

FIRST_YEAR = 2000


@login_required
@require_GET
def state_statistics_page(request):
    units = list(
        Unit.objects.visible_to(request.user).filter(path__in=own_paths(request.user)).order_by("path")
    )
    unit_id = request.GET.get("unit") or (units[0].pk if units else "")
    unit = get_for_user(Unit, request.user, pk=unit_id) if str(unit_id).isdigit() else None
    this_year = timezone.localdate().year
    year_text = request.GET.get("year", "")
    form = request.GET.get("form", "")
    error = ""
    if unit is not None and year_text:
        year = int(year_text) if year_text.isdigit() else 0
        if not FIRST_YEAR <= year <= this_year:
            error = "year"
        elif form and form not in state_statistics.FORMS:
            error = "form"
        else:
            forms = (form,) if form else state_statistics.FORMS
            content = statistics_workbook(unit, year, forms)
            name = "-".join(state_statistics.form_number(f, year).replace(".", "") for f in forms)
            return xlsx_response(content, f"bieu-{name}-{unit.code}-{year}.xlsx")
    return render(request, "rewards/state_statistics.html", {
        "units": units, "unit": unit, "year": year_text or this_year - 1, "error": error, "first_year": FIRST_YEAR,
        "this_year": this_year, "forms": [(f, state_statistics.form_number(f, this_year)) for f in state_statistics.FORMS],
    }, status=400 if error else 200)  # fmt: skip

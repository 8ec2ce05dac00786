"""A federation's own indicators (chỉ tiêu riêng): the list of those of the user's units, adding one (to a draft form
the federation publishes, when reached from it), archiving one. Reads through the scoping (404 outside); writes
through ``actions.catalog``."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.scoping import get_for_user
from thidua.orgs.models import Unit

from ..actions import catalog as actions
from ..forms import OwnIndicatorForm
from ..models import Indicator
from ..permissions import can_edit_form, can_manage_indicators
from .forms import form_for


@login_required
@require_GET
def indicator_list(request):
    indicators = (
        Indicator.objects.filter(owner__isnull=False).visible_to(request.user)
        .select_related("owner", "part_of", "numerator", "denominator").order_by("owner__path", "order", "code")
    )  # fmt: skip
    return render(request, "reports/indicator_list.html", {"indicators": indicators[:500]})


@login_required
@require_http_methods(["GET", "POST"])
def indicator_create(request, unit_pk: int):
    owner = get_for_user(Unit, request.user, pk=unit_pk)
    if not can_manage_indicators(request.user, owner):
        raise PermissionDenied
    report_form = None
    if request.GET.get("form"):
        report_form = form_for(request.user, request.GET["form"])
        if report_form.phase.plan.issuer_id != owner.pk or not can_edit_form(request.user, report_form):
            raise PermissionDenied
    usable = Indicator.objects.current().for_unit(owner).exclude(aggregation__in=["ratio", "none"])
    form = OwnIndicatorForm(request.POST or None, usable=usable.order_by("order", "code"))
    if request.method == "POST" and form.is_valid():
        try:
            indicator = actions.create_own_indicator(
                owner, by=request.user, form=report_form, **form.action_kwargs()
            )
        except ValidationError as error:
            form.apply_errors(error)
        else:
            if report_form is not None:
                messages.success(
                    request, _("Đã thêm chỉ tiêu riêng %(code)s vào mẫu báo cáo.") % {"code": indicator.code}
                )
                return redirect("reports:form-detail", report_form.pk)
            messages.success(request, _("Đã thêm chỉ tiêu riêng %(code)s.") % {"code": indicator.code})
            return redirect("reports:indicator-list")
    return render(request, "reports/indicator_form.html", {"form": form, "owner": owner, "report_form": report_form},
                  status=400 if request.method == "POST" else 200)  # fmt: skip


@login_required
@require_POST
def indicator_archive(request, pk: int):
    indicator = get_object_or_404(
        Indicator.objects.filter(owner__isnull=False).visible_to(request.user), pk=pk
    )
    try:
        actions.archive_own_indicator(indicator, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã lưu trữ chỉ tiêu %(code)s.") % {"code": indicator.code})
    return redirect("reports:indicator-list")

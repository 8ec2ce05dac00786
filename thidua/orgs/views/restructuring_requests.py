"""Restructuring requests: the list, one request (what it does and, for a merger or a dissolution, exactly what will
end), its approval, return and withdrawal through the workflow kit's view, and the reopening of a unit dissolved by
mistake.

Requests are seen by whoever sees the unit restructured (``RestructuringRequest.objects.visible_to``: 404
outside); approving and returning need a leader of the level above (403 otherwise), withdrawing the one who
prepared it.
"""

from __future__ import annotations

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from thidua.core.forms import BaseForm
from thidua.core.paging import page_of
from thidua.core.scoping import get_for_user, has_perm
from thidua.core.workflow import transition_view

from .. import actions, permissions
from ..models import RestructuringRequest, Unit

PER_PAGE = 50
STATUS_FILTERS = {s.value for s in RestructuringRequest.Status}


def _requests():
    return RestructuringRequest.objects.select_related("unit", "target", "prepared_by", "decided_by")


@login_required
@require_GET
def restructuring_list(request):
    """The requests the user sees, those awaiting approval first."""
    status = request.GET.get("status", "")
    items = _requests().visible_to(request.user).order_by("-prepared_at", "-id")
    if status in STATUS_FILTERS:
        items = items.filter(status=status)
    page = page_of(request, items, PER_PAGE)
    for item in page.object_list:
        item.description = actions.describe_restructuring(item)
    return render(request, "orgs/restructuring_list.html", {
        "page": page, "items": page.object_list, "status": status,
        "statuses": RestructuringRequest.Status.choices,
    })  # fmt: skip


@login_required
@require_GET
def restructuring_detail(request, pk: int):
    item = get_for_user(_requests(), request.user, pk=pk)
    workflow = permissions.RESTRUCTURING_WORKFLOW
    units = list(item.units.all())
    for u in units:
        u.visible = has_perm(request.user, "view", u.path)
    pending = item.status == RestructuringRequest.Status.SUBMITTED
    context = {
        "item": item,
        "description": actions.describe_restructuring(item),
        "units": units,
        "target_visible": item.target is not None and has_perm(request.user, "view", item.target.path),
        # What will end (counted now) while it waits; what ended (kept at approval) once carried out.
        "impact": actions.restructuring_impact(item) if pending else [],
        "ended": list(item.impact.values()) if item.impact else [],
        "events": list(item.events.select_related("by")),
        "transitions": workflow.available(request.user, item),
        "state_label": workflow.state_label(item),
    }
    return render(request, "orgs/restructuring_detail.html", context)


TRANSITIONS = {
    "approve": (actions.approve_restructuring, gettext_lazy("Đã duyệt và thực hiện: %(what)s.")),
    "return": (actions.return_restructuring, gettext_lazy("Đã trả lại đề nghị: %(what)s.")),
    "withdraw": (actions.withdraw_restructuring, gettext_lazy("Đã rút đề nghị: %(what)s.")),
}


@login_required
@require_http_methods(["GET", "POST"])
def restructuring_transition(request, pk: int, name: str):
    """Approve (after confirming what will end), return (with a reason) or withdraw a request."""
    if name not in TRANSITIONS:
        raise Http404
    item = get_for_user(_requests(), request.user, pk=pk)
    perform, done = TRANSITIONS[name]
    lines = actions.restructuring_impact(item) if name == "approve" else []

    def warnings(obj):
        if name != "approve":
            return []
        what = [_("Sẽ thực hiện: %(what)s.") % {"what": actions.describe_restructuring(obj)}]
        if obj.is_ending:
            what += [_("Sẽ kết thúc: %(line)s.") % {"line": line} for line in lines] or [
                _("Không có lượt sinh hoạt, vai trò hay kế hoạch nào kết thúc.")
            ]
        return what

    return transition_view(
        request, item, name, perform=perform, back_url=_detail_url(item), warnings=warnings,
        success_message=lambda result: str(done) % {"what": actions.describe_restructuring(result)},
        template="orgs/restructuring_confirm.html", context={"impact": lines},
    )  # fmt: skip


def _detail_url(item: RestructuringRequest) -> str:
    from django.urls import reverse

    return reverse("orgs:restructuring-detail", args=[item.pk])


class ReopenForm(BaseForm):
    reason = django_forms.CharField(label=gettext_lazy("Lý do hủy giải thể"), max_length=500,
                                    widget=django_forms.Textarea(attrs={"rows": 3}))  # fmt: skip
    confirm = django_forms.BooleanField(
        label=gettext_lazy("Tôi xác nhận quyết định giải thể này được ghi nhận nhầm."), required=True
    )


@login_required
@require_http_methods(["GET", "POST"])
def unit_reopen(request, pk: int):
    """A leader of the level above reverses a dissolution entered by mistake (audited)."""
    unit = get_for_user(Unit, request.user, pk=pk)
    if not permissions.can_restructure_unit(request.user, unit, ending=True):
        raise PermissionDenied
    if not unit.dissolved_on or unit.ended_as != "dissolved":
        messages.info(request, _("Đơn vị này không ở trạng thái đã giải thể."))
        return redirect("orgs:unit-detail", unit.pk)
    form = ReopenForm(request.POST if request.method == "POST" else None)
    for field in form.fields.values():
        css = (
            "form-check-input" if getattr(field.widget, "input_type", None) == "checkbox" else "form-control"
        )
        field.widget.attrs.setdefault("class", css)
    if request.method == "POST" and form.is_valid():
        try:
            actions.reopen_unit(unit, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            form.apply_errors(error)
        else:
            messages.success(request, _("Đã hủy quyết định giải thể “%(unit)s”: đơn vị hoạt động trở lại. Các vai "
                                        "trò đã thu hồi khi giải thể cần được cấp lại.") % {"unit": unit.name})  # fmt: skip
            return redirect("orgs:unit-detail", unit.pk)
    return render(request, "orgs/unit_reopen.html", {"unit": unit, "form": form})

"""Transfer requests between branches: ask for a person recorded elsewhere, follow one's requests, and decide on
those made to a union one manages.

The asking union sees its request (the name and masked number it typed, the status, the reason) but not the person's
record until the request is accepted; the person's union sees everything it already sees.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from thidua.core.scoping import get_for_user, scope_roots, subtree_q

from .. import actions, forms, permissions
from ..models import Person, TransferRequest, Unit, mask_national_id
from ..permissions import MANAGE_PEOPLE
from .people import _manages_people_somewhere, _unit_from_query

LIST_SIZE = 100


def _requests(user):
    return TransferRequest.objects.visible_to(user).select_related(
        "person", "from_unit", "to_unit", "requested_by", "decided_by"
    )


@login_required
@require_GET
def transfer_request_list(request):
    """Requests made to the unions the user manages (to decide) and requests the user's unions made."""
    user = request.user
    roots = scope_roots(user)
    rows = _requests(user)
    if roots is None:
        incoming, outgoing = rows, rows.none()
    else:
        managed = scope_roots(user, MANAGE_PEOPLE) or roots
        incoming = rows.filter(subtree_q("from_unit__path", managed))
        outgoing = rows.filter(subtree_q("to_unit__path", roots)).exclude(pk__in=incoming.values("pk"))
    incoming, outgoing = list(incoming[:LIST_SIZE]), list(outgoing[:LIST_SIZE])
    for item in [*incoming, *outgoing]:
        item.masked_id = mask_national_id(item.person.national_id)
        item.shows_person = permissions.can_see_transfer_person(user, item)
    return render(
        request,
        "orgs/transfer_request_list.html",
        {"incoming": incoming, "outgoing": outgoing, "can_request": _manages_people_somewhere(user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def transfer_request_create(request):
    user = request.user
    if not _manages_people_somewhere(user):
        raise PermissionDenied
    units = Unit.objects.visible_to(user, MANAGE_PEOPLE).active().grassroots().vietnamese_order()
    chosen = _unit_from_query(request)
    if request.method == "POST":
        form = forms.TransferRequestForm(request.POST, units=units)
        if form.is_valid():
            data = form.cleaned_data
            try:
                created = actions.request_transfer(
                    by=user,
                    to_unit=data["to_unit"],
                    national_id=data["national_id"],
                    full_name=data["full_name"],
                )
            except ValidationError as error:
                form.apply_errors(error)
            else:
                messages.success(
                    request,
                    _("Đã gửi đề nghị tiếp nhận “%(name)s”; công đoàn hiện tại của người này sẽ xem xét.")
                    % {"name": created.full_name},
                )
                return redirect("orgs:transfer-request-detail", pk=created.pk)
    else:
        initial = {}
        if chosen is not None and units.filter(pk=chosen.pk).exists():
            initial["to_unit"] = chosen.pk
        form = forms.TransferRequestForm(units=units, initial=initial)
    return render(request, "orgs/transfer_request_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def transfer_request_detail(request, pk: int):
    """A request; those who may decide (the person's union or a level above it) accept or refuse it here."""
    user = request.user
    item = get_for_user(_requests(user), user, pk=pk)
    can_decide = permissions.can_decide_transfer(user, item)
    form = None
    if can_decide:
        form = forms.TransferDecisionForm(request.POST if request.method == "POST" else None)
        if request.method == "POST" and form.is_valid():
            try:
                if form.cleaned_data["decision"] == forms.DECISION_ACCEPT:
                    actions.accept_transfer(item, by=user)
                    messages.success(
                        request,
                        _("Đã chấp nhận: “%(name)s” chuyển sinh hoạt đến “%(unit)s”.")
                        % {"name": item.person.full_name, "unit": item.to_unit.name},
                    )
                else:
                    actions.refuse_transfer(item, by=user, reason=form.cleaned_data["reason"])
                    messages.success(request, _("Đã từ chối đề nghị."))
            except ValidationError as error:
                form.apply_errors(error)
            else:
                return redirect("orgs:transfer-request-detail", pk=item.pk)
    elif request.method == "POST":
        raise PermissionDenied
    item.masked_id = mask_national_id(item.person.national_id)
    return render(
        request,
        "orgs/transfer_request_detail.html",
        {
            "item": item,
            "form": form,
            "shows_person": permissions.can_see_transfer_person(user, item),
            "person_visible": Person.objects.visible_to(user).filter(pk=item.person_id).exists(),
            "to_unit_visible": permissions.can_view_unit(user, item.to_unit),
            "from_unit_visible": permissions.can_view_unit(user, item.from_unit),
            "can_withdraw": permissions.can_withdraw_transfer(user, item),
        },
    )


@login_required
@require_POST
def transfer_request_withdraw(request, pk: int):
    """The asking union withdraws its request while it is pending."""
    user = request.user
    item = get_for_user(_requests(user), user, pk=pk)
    if not permissions.can_withdraw_transfer(user, item):
        if not item.is_pending:
            messages.info(request, _("Đề nghị này đã được xử lý, không rút được."))
            return redirect("orgs:transfer-request-detail", pk=item.pk)
        raise PermissionDenied
    try:
        actions.withdraw_transfer(item, by=user, reason=request.POST.get("reason", "")[:500])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Đã rút đề nghị tiếp nhận “%(name)s”.") % {"name": item.full_name})
    return redirect("orgs:transfer-request-detail", pk=item.pk)

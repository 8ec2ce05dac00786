"""The roles page of a unit: who holds which role on it, granting a role (to an existing or a new account) and
revoking one. Only for those who manage accounts on the unit (a system administrator's role on it or above it); the
roles of a system administrator (superuser) only a system administrator changes."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from thidua.core.scoping import get_for_user

from .. import actions, forms, permissions
from ..models import RoleAssignment, Unit
from .restructuring import _posted
from .units import level_short


def _accounts_unit(request, pk: int) -> Unit:
    unit = get_for_user(Unit, request.user, pk=pk)
    if not permissions.can_manage_accounts(request.user, unit):
        raise PermissionDenied
    return unit


@login_required
@require_http_methods(["GET", "POST"])
def unit_roles(request, pk: int):
    unit = _accounts_unit(request, pk)
    form = forms.RoleGrantForm(_posted(request), unit=unit)
    if (
        request.method == "POST"
        and form.is_valid()
        and form.user is not None
        and not permissions.can_change_roles_of(request.user, form.user)
    ):
        form.add_error("username", _("Chỉ quản trị hệ thống mới thay đổi được vai trò của tài khoản này."))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            with transaction.atomic():
                user = form.user
                if data["account"] == forms.ACCOUNT_NEW:
                    user = actions.create_account(by=request.user, username=data["username"],
                                                  full_name=data["full_name"], email=data["email"] or "",
                                                  password=data["password"])  # fmt: skip
                actions.grant_role(user, unit, data["role"], by=request.user)
        except ValidationError as error:
            form.apply_errors(error)
        else:
            role = RoleAssignment.Role(data["role"]).label
            messages.success(request, _("Đã cấp vai trò “%(role)s” trên “%(unit)s” cho tài khoản “%(user)s”.")
                             % {"role": role, "unit": unit.name, "user": user.username})  # fmt: skip
            return redirect("orgs:unit-roles", unit.pk)
    rank = {role: i for i, role in enumerate(RoleAssignment.Role.values)}
    assignments = sorted(
        RoleAssignment.objects.filter(unit=unit).select_related("user"),
        key=lambda a: (rank.get(a.role, 99), a.user.username),
    )
    return render(
        request,
        "orgs/role_list.html",
        {"unit": unit, "level_short": level_short(unit.level), "assignments": assignments, "form": form},
    )


@login_required
@require_POST
def role_revoke(request, pk: int):
    assignment = get_for_user(RoleAssignment.objects.select_related("user", "unit"), request.user, pk=pk)
    unit = assignment.unit
    if not permissions.can_manage_accounts(request.user, unit):
        raise PermissionDenied
    if not permissions.can_change_roles_of(request.user, assignment.user):
        raise PermissionDenied
    if assignment.user_id == request.user.pk:
        messages.error(
            request, _("Bạn không thể tự thu hồi vai trò của chính mình; hãy nhờ một quản trị khác.")
        )
    else:
        actions.revoke_role(assignment, by=request.user)
        messages.success(request, _("Đã thu hồi vai trò “%(role)s” của tài khoản “%(user)s” trên “%(unit)s”.")
                         % {"role": assignment.get_role_display(), "user": assignment.user.username,
                            "unit": unit.name})  # fmt: skip
    return redirect("orgs:unit-roles", unit.pk)

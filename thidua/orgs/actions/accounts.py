"""Changes to accounts: creating a login, granting and revoking roles on units."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.scoping import forget_scope, scope_roots
from thidua.core.text import nfc

from ..models import RoleAssignment, Unit
from ..permissions import MANAGE_ACCOUNTS, can_change_roles_of, can_manage_accounts


def _check_may_change_roles_of(by, user, unit: Unit) -> None:
    """Grant or revoke a role on ``unit``: ``by`` manages the accounts of the unit (an administrator of it or
    above), and nobody but a system administrator grants, changes or revokes a role of a system administrator
    (``by=None`` is the system)."""
    if by is None:
        return
    if not can_manage_accounts(by, unit) or not can_change_roles_of(by, user):
        raise PermissionDenied


if TYPE_CHECKING:
    from django.contrib.auth.models import User


@transaction.atomic
def create_account(*, by: User | None, username: str, full_name: str, email: str = "", password: str):
    """A new login (no role yet: grant_role gives it one). The full name is kept whole in ``first_name``. Only one
    who manages accounts somewhere (an administrator of a unit) creates one."""
    from django.contrib.auth import get_user_model

    if by is not None and scope_roots(by, MANAGE_ACCOUNTS) == []:
        raise PermissionDenied

    User = get_user_model()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(
            {"username": _("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username}}
        )
    user = User.objects.create_user(username=nfc(username), email=nfc(email), password=password,
                                    first_name=nfc(full_name)[:150])  # fmt: skip
    audit.record(user, by=by, action="create",
                 after={"username": user.username, "full_name": user.first_name, "email": user.email})  # fmt: skip
    return user


@transaction.atomic
def grant_role(user: User, unit: Unit, role: str, *, by: User | None) -> RoleAssignment:
    _check_may_change_roles_of(by, user, unit)
    assignment, _created = RoleAssignment.objects.get_or_create(user=user, unit=unit, role=role)
    if role == RoleAssignment.Role.ADMIN and unit.depth == 1 and not user.is_superuser:
        # The system administrator of a whole tree runs the system, Django's admin included.
        user.is_staff = user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    audit.record(assignment, by=by, action="grant", after={"user": user.username, "unit": unit.name,
                                                                         "role": role})  # fmt: skip
    forget_scope(user)
    return assignment


@transaction.atomic
def revoke_role(assignment: RoleAssignment, *, by: User | None) -> None:
    """Roles are the one thing removed outright; the audit trail keeps what was granted."""
    _check_may_change_roles_of(by, assignment.user, Unit.objects.get(pk=assignment.unit_id))
    before = {**audit.snapshot(assignment), "user": assignment.user.username, "unit": assignment.unit.name}
    audit.record(assignment, by=by, action="revoke", before=before, after={})
    user = assignment.user
    was_root_admin = assignment.role == RoleAssignment.Role.ADMIN and assignment.unit.depth == 1
    assignment.delete()
    still_admin = RoleAssignment.objects.filter(
        user=user, role=RoleAssignment.Role.ADMIN, unit__depth=1
    ).exists()
    # Only losing the administration of a whole tree ends a system administrator's rights, not any other role.
    if was_root_admin and not still_admin and user.is_superuser:
        user.is_staff = user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    forget_scope(user)

"""The tree, people, memberships and roles are read-only here: their changes go through ``orgs.actions`` and the
pages, which keep the history and the audit trail. Logins stay editable in Django's user admin, but are never
deleted (deactivate them instead: the audit trail names who did what)."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from thidua.core.admin import ReadOnlyAdmin

from .models import Membership, Person, RestructuringRequest, RoleAssignment, Unit, UnitEvent, UnitVersion


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["name", "code", "level", "sector", "member_count", "dissolved_on"]
    list_filter = ["level", "sector"]
    search_fields = ["name", "code", "short_name"]
    exclude = ["path", "depth", "numchild"]
    ordering = ["sort_key", "pk"]  # Vietnamese order of names, not the tree's path order


@admin.register(Person)
class PersonAdmin(ReadOnlyAdmin):
    list_display = ["full_name", "unit", "gender"]
    search_fields = ["search_name", "full_name"]
    list_select_related = ["unit"]
    exclude = ["national_id", "birth_date", "phone"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["person", "unit", "joined_on", "left_on", "position", "is_member"]
    list_select_related = ["person", "unit"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ReadOnlyAdmin):
    list_display = ["user", "unit", "role"]
    list_select_related = ["user", "unit"]


@admin.register(UnitVersion)
class UnitVersionAdmin(ReadOnlyAdmin):
    list_display = ["name", "level", "valid_from", "valid_to"]
    list_select_related = ["unit"]


@admin.register(RestructuringRequest)
class RestructuringRequestAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "status", "effective_on", "prepared_at"]
    list_filter = ["kind", "status"]
    list_select_related = ["unit"]


@admin.register(UnitEvent)
class UnitEventAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "effective_on", "decision"]
    list_select_related = ["unit"]


User = get_user_model()
admin.site.unregister(User)


class _PasswordChangeForm(AdminPasswordChangeForm):
    """Django builds the warning under "usable password" from a translated sentence and an English one that no
    catalog can reach; this one says both in Vietnamese."""

    usable_password_help_text = format_lazy(
        "{}{}{}{}",
        SetUnusablePasswordMixin.usable_password_help_text,
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">',
        _("Khi tắt, mật khẩu hiện tại của người dùng này sẽ mất."),
        "</li></ul>",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "usable_password" in self.fields:
            self.fields["usable_password"].help_text = self.usable_password_help_text


@admin.register(User)
class AccountAdmin(UserAdmin):
    change_password_form = _PasswordChangeForm

    def has_delete_permission(self, request, obj=None):
        return False

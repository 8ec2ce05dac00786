"""Django's admin, for system administrators only.

Domain records are shown read-only: every change to them goes through the apps' actions, which keep the audit trail
(``ReadOnlyAdmin``). What stays editable here is what has no action of its own: logins and groups (Django's own
admin) and the reference catalogs whose admin writes through an action.
"""

from django.apps import apps
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Attachment, AuditEvent, Task

admin.site.site_header = _("Quản trị Thidua")
admin.site.site_title = _("Quản trị Thidua")
admin.site.index_title = _("Quản trị hệ thống")


def _only_system_administrators(request) -> bool:
    """Django's admin is for system administrators only (superusers, or the admin role on a root unit)."""
    return request.user.is_active and request.user.is_staff


admin.site.has_permission = _only_system_administrators
apps.get_app_config("axes").verbose_name = _("Đăng nhập sai")


class ReadOnlyAdmin(admin.ModelAdmin):
    """A domain model shown in the admin: to look at, never to add, change or delete (the actions do that)."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "actor", "action", "object_repr"]
    list_filter = ["action"]
    fields = ["at", "actor", "action", "kind_of_object", "object_repr", "changes", "note"]
    readonly_fields = fields

    @admin.display(description=_("loại đối tượng"))
    def kind_of_object(self, obj):
        return f"{obj.content_type.name} #{obj.object_id}"


admin.site.register(Task, ReadOnlyAdmin)


@admin.register(Attachment)
class AttachmentAdmin(ReadOnlyAdmin):
    """The files' records (who attached what to which record, archived or not); the files themselves are served
    only by the scoped view of the record's readers."""

    list_display = [
        "uploaded_at",
        "original_name",
        "kind",
        "size",
        "owner_type",
        "owner_id",
        "uploaded_by",
        "archived_at",
    ]
    list_filter = ["kind", "owner_type"]
    search_fields = ["original_name", "scope_path"]
    list_select_related = ["owner_type", "uploaded_by"]

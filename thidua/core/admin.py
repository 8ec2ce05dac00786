from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import AuditEvent, Task

admin.site.site_header = _("Quản trị Thidua")
admin.site.site_title = "Thidua"


def _only_system_administrators(request) -> bool:
    """Django's admin is for system administrators only (superusers, or the admin role on a root unit)."""
    return request.user.is_active and request.user.is_staff


admin.site.has_permission = _only_system_administrators


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["at", "actor", "action", "object_repr"]
    list_filter = ["action", "content_type"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


admin.site.register(Task)

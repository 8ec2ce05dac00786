from django.contrib import admin

from .models import Notice, NoticeDigest


@admin.register(Notice)
class NoticeAdmin(admin.ModelAdmin):
    """Read-only: notices are written by ``notify`` and marked read by their recipients."""

    list_display = ["created_at", "kind", "title", "unit", "user", "read_at"]
    list_filter = ["kind"]
    readonly_fields = [f.name for f in Notice._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NoticeDigest)
class NoticeDigestAdmin(NoticeAdmin):
    list_display = ["sent_at", "user", "notice_count"]
    list_filter = []
    readonly_fields = [f.name for f in NoticeDigest._meta.fields]

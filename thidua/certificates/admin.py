"""Certificates in the admin: read-only (writes go through the actions)."""

from django.contrib import admin

from .models import BlankLayout, Certificate, Emblem


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["serial", "decision", "record", "created_at"]
    search_fields = ["serial"]
    raw_id_fields = ["decision", "record"]


@admin.register(BlankLayout)
class BlankLayoutAdmin(ReadOnlyAdmin):
    list_display = ["name", "issuer", "paper", "updated_at", "archived_at"]


@admin.register(Emblem)
class EmblemAdmin(ReadOnlyAdmin):
    list_display = ["name", "issuer", "uploaded_at", "archived_at"]

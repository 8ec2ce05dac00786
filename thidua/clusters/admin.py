"""Clusters in the admin: read for support; every change goes through the pages (the actions, audited)."""

from django.contrib import admin

from .models import Cluster, Covenant


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Cluster)
class ClusterAdmin(ReadOnlyAdmin):
    list_display = ["name", "kind", "issuer", "decision_number", "decision_date", "archived_at"]
    list_filter = ["kind"]
    search_fields = ["name", "decision_number"]


@admin.register(Covenant)
class CovenantAdmin(ReadOnlyAdmin):
    list_display = ["title", "cluster", "year", "version", "status", "signed_on"]
    list_filter = ["status", "year"]

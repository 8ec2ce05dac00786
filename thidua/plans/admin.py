"""The admin shows plans read-only (every change to a plan goes through ``plans.actions`` and its audit trail); the
catalog of commemorations is reference data the system administrators keep up to date here, through its action."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin

from .actions import save_commemoration
from .models import Commemoration, Plan, PlanEvent


@admin.register(Commemoration)
class CommemorationAdmin(admin.ModelAdmin):
    list_display = ["name", "base_date", "kind", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name"]

    def save_model(self, request, obj, form, change):
        save_commemoration(obj, by=request.user)

    def has_delete_permission(self, request, obj=None):
        return False  # set ``is_active`` off instead: plans keep pointing at it


@admin.register(Plan)
class PlanAdmin(ReadOnlyAdmin):
    list_display = ["number_display", "title", "issuer", "year", "status", "archived_at"]
    list_filter = ["status", "kind", "year"]
    search_fields = ["title", "symbol"]
    list_select_related = ["issuer"]


@admin.register(PlanEvent)
class PlanEventAdmin(ReadOnlyAdmin):
    list_display = ["plan", "action", "from_status", "to_status", "by", "at"]
    list_filter = ["action"]
    list_select_related = ["plan", "by"]

"""Eligibility in the admin: read only, like every domain record (``thidua.core.admin``). The general conditions are
shown with their period, citation and mark; they change as the catalog does, in code reviewed with its citation
(``conditions.py``, loaded by a migration), and the facts and overrides through ``eligibility.actions``, which keep
the audit trail (decision 0025, corrected by 0044)."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin

from .models import Condition, Exclusion, Override, TaskRating


@admin.register(Condition)
class ConditionAdmin(ReadOnlyAdmin):
    list_display = ("key", "name", "valid_from", "valid_to", "mark", "active")
    list_filter = ("mark", "active")
    search_fields = ("key", "name", "citation")


@admin.register(Exclusion)
class ExclusionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "kind", "starts_on", "ends_on", "archived_at")
    list_filter = ("kind",)


@admin.register(TaskRating)
class TaskRatingAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "year", "rating")
    list_filter = ("year", "rating")


@admin.register(Override)
class OverrideAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "year", "outcome", "computed", "at", "archived_at")
    list_filter = ("outcome", "year")

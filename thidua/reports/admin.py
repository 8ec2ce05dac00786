from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin

from .models import ExpectedReport, Indicator, ReportForm


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "unit_of_measure", "aggregation", "mark", "owner", "archived_at")
    list_filter = ("aggregation", "unit_of_measure", "mark")
    search_fields = ("code", "name")


@admin.register(ReportForm)
class ReportFormAdmin(ReadOnlyAdmin):
    list_display = ("title", "phase", "status", "due_on")
    list_filter = ("status",)


@admin.register(ExpectedReport)
class ExpectedReportAdmin(ReadOnlyAdmin):
    list_display = ("form", "unit", "status", "due_on", "version")
    list_filter = ("status",)
    list_select_related = ("form", "unit")

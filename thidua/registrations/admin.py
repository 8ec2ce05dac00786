from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin

from .models import Award, BaseSalary, CatalogLoad, CongressWork, Regulation, ResearchTopic, Rule


@admin.register(Regulation)
class RegulationAdmin(ReadOnlyAdmin):
    list_display = ("number", "name", "layer", "federation", "valid_from", "valid_to", "mark")
    list_filter = ("layer", "mark")
    search_fields = ("number", "name", "key")


@admin.register(Award)
class AwardAdmin(ReadOnlyAdmin):
    list_display = ("code", "name", "kind", "recipient", "level", "federation")
    list_filter = ("kind", "recipient", "level")
    search_fields = ("code", "name")


@admin.register(Rule)
class RuleAdmin(ReadOnlyAdmin):
    list_display = ("key", "award", "regulation", "valid_from", "valid_to", "mark")
    list_filter = ("mark", "regulation__layer")
    search_fields = ("key", "award__name")
    list_select_related = ("award", "regulation")


@admin.register(BaseSalary)
class BaseSalaryAdmin(ReadOnlyAdmin):
    list_display = ("valid_from", "amount", "instrument", "mark")


@admin.register(CatalogLoad)
class CatalogLoadAdmin(ReadOnlyAdmin):
    list_display = ("version", "loaded_at", "loaded_by", "digest")


@admin.register(ResearchTopic)
class ResearchTopicAdmin(ReadOnlyAdmin):
    list_display = ("title", "unit", "year", "level", "lead_name", "status", "rating")
    list_filter = ("status", "level", "year")
    search_fields = ("title", "lead_name")
    list_select_related = ("unit",)


@admin.register(CongressWork)
class CongressWorkAdmin(ReadOnlyAdmin):
    list_display = ("name", "unit", "kind", "value_vnd", "congress_name", "congress_term", "status")
    list_filter = ("status", "kind", "congress_name")
    search_fields = ("name",)
    list_select_related = ("unit",)

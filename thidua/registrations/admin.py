from django.contrib import admin

from .models import Award, BaseSalary, CatalogLoad, Regulation, Rule


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ("number", "name", "layer", "federation", "valid_from", "valid_to", "mark")
    list_filter = ("layer", "mark")
    search_fields = ("number", "name", "key")


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "kind", "recipient", "level", "federation")
    list_filter = ("kind", "recipient", "level")
    search_fields = ("code", "name")


@admin.register(Rule)
class RuleAdmin(admin.ModelAdmin):
    list_display = ("key", "award", "regulation", "valid_from", "valid_to", "mark")
    list_filter = ("mark", "regulation__layer")
    search_fields = ("key", "award__name")
    list_select_related = ("award", "regulation")


@admin.register(BaseSalary)
class BaseSalaryAdmin(admin.ModelAdmin):
    list_display = ("valid_from", "amount", "instrument", "mark")


@admin.register(CatalogLoad)
class CatalogLoadAdmin(admin.ModelAdmin):
    list_display = ("version", "loaded_at", "loaded_by", "digest")

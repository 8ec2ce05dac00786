"""The rewards in the admin: read only, nothing added, changed or deleted here. A decision once issued is immutable
and every other change (drafting, issuing, revoking, archiving a register) goes through ``rewards.actions``, which
number the decisions and keep the audit trail (decisions 0023, 0036)."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin

from .models import AwardRecord, Decision, DecisionLine, DecisionRegister, Revocation


@admin.register(DecisionRegister)
class DecisionRegisterAdmin(ReadOnlyAdmin):
    list_display = ("issuer", "year", "symbol", "mode", "next_number", "archived_at")
    list_filter = ("mode", "year")
    search_fields = ("symbol", "issuer__name")
    list_select_related = ("issuer",)


class DecisionLineInline(admin.TabularInline):
    model = DecisionLine
    fields = ("sort", "person", "unit", "award", "year", "multiplier", "base_salary", "amount", "citation")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("__str__", "issuer", "kind", "decided_on", "status", "issued_at")
    list_filter = ("status", "kind")
    search_fields = ("title", "issuer__name")
    list_select_related = ("issuer", "register")
    inlines = [DecisionLineInline]


@admin.register(Revocation)
class RevocationAdmin(ReadOnlyAdmin):
    list_display = ("issuer", "revoked_on", "reason", "reference", "amount_to_recover")
    list_filter = ("reason",)
    list_select_related = ("issuer",)


@admin.register(AwardRecord)
class AwardRecordAdmin(ReadOnlyAdmin):
    list_display = (
        "__str__",
        "award",
        "year",
        "decided_on",
        "decision_number",
        "source",
        "amount",
        "revoked",
    )
    list_filter = ("source", "year")
    search_fields = ("decision_number", "person__full_name", "unit__name")
    list_select_related = ("award", "person", "unit", "revoked")

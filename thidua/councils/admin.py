"""The councils in the admin: read only (every write goes through ``councils.actions``). Ballots and vote casts are
not registered: nobody reads them one by one (decision 0024)."""

from django.contrib import admin

from thidua.core.admin import ReadOnlyAdmin

from .models import Council, Session, VotingBasis


@admin.register(Council)
class CouncilAdmin(ReadOnlyAdmin):
    list_display = ("name", "unit", "term_from", "term_to", "decision_number")
    search_fields = ("name", "decision_number")
    list_select_related = ("unit",)


@admin.register(Session)
class SessionAdmin(ReadOnlyAdmin):
    list_display = ("council", "number", "held_on", "status", "voting_mode")
    list_filter = ("status", "voting_mode")
    list_select_related = ("council",)


@admin.register(VotingBasis)
class VotingBasisAdmin(ReadOnlyAdmin):
    list_display = ("citation", "regulation", "award", "recused_leave_base", "written_opinions_count", "mark")
    list_filter = ("recused_leave_base", "mark")
    list_select_related = ("regulation", "award")

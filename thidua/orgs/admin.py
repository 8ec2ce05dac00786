from django.contrib import admin
from treebeard.admin import TreeAdmin
from treebeard.forms import movenodeform_factory

from .models import Membership, Person, RoleAssignment, Unit, UnitEvent, UnitVersion


@admin.register(Unit)
class UnitAdmin(TreeAdmin):
    form = movenodeform_factory(Unit)
    list_display = ["name", "code", "level", "sector", "member_count", "dissolved_on"]
    list_filter = ["level", "sector"]
    search_fields = ["name", "code", "short_name"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["full_name", "unit", "gender", "birth_date"]
    search_fields = ["search_name", "full_name"]
    raw_id_fields = ["unit"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["person", "unit", "joined_on", "left_on", "position", "is_member"]
    raw_id_fields = ["person", "unit"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "unit", "role"]
    raw_id_fields = ["unit"]


admin.site.register(UnitVersion)
admin.site.register(UnitEvent)

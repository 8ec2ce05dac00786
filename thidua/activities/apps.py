from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActivitiesConfig(AppConfig):
    name = "thidua.activities"
    label = "activities"
    verbose_name = _("Hoạt động, phong trào thi đua ngắn ngày")

    def ready(self):
        from thidua.core.attachments import register_attachable
        from thidua.core.panels import register_panel

        from . import panels, permissions
        from .models import Activity

        register_attachable(
            Activity,
            readable=lambda user: Activity.objects.visible_to(user).select_related("unit"),
            can_attach=permissions.can_edit_activity,
            unit_path=lambda activity: activity.unit.path,
        )
        register_panel("unit", "activities", order=65, template="activities/_unit_panel.html",
                       context=panels.unit_panel)  # fmt: skip

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressesConfig(AppConfig):
    name = "thidua.congresses"
    label = "congresses"
    verbose_name = _("Đại hội công đoàn các cấp")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.notify import name_kinds
        from thidua.core.panels import register_panel

        from . import panels, permissions  # noqa: F401 - declares the permissions
        from .actions import DUE_KIND, OVERDUE_KIND
        from .officer_panel import area_officer_panel

        name_verbs({
            "schedule": _("Xếp lịch Đại hội"), "hold": _("Ghi nhận đã tổ chức Đại hội"),
            "cancel": _("Ghi nhận không tổ chức Đại hội"),
        })  # fmt: skip
        name_kinds({DUE_KIND: _("Sắp đến ngày Đại hội"), OVERDUE_KIND: _("Đại hội quá ngày dự kiến")})
        register_panel("unit", "congresses", order=55, template="congresses/_unit_panel.html",
                       context=panels.unit_panel)  # fmt: skip
        register_panel("area_officer", "congresses", order=30, template="congresses/_area_officer_panel.html",
                       context=area_officer_panel)  # fmt: skip

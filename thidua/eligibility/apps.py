from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = _("Xét điều kiện khen thưởng")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.panels import register_panel

        from . import panels, permissions  # noqa: F401 - permissions declares the permissions

        name_verbs({
            "override_verdict": _("Ghi kết luận thay kết quả xét điều kiện"),
            "withdraw_override": _("Rút lại kết luận thay kết quả xét điều kiện"),
        })  # fmt: skip
        register_panel("unit", "eligibility", order=75, template="eligibility/_unit_panel.html",
                       context=panels.unit_panel)  # fmt: skip
        register_panel("person", "eligibility", order=45, template="eligibility/_person_panel.html",
                       context=panels.person_panel)  # fmt: skip

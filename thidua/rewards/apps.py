from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RewardsConfig(AppConfig):
    name = "thidua.rewards"
    label = "rewards"
    verbose_name = _("Quyết định khen thưởng")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.panels import register_panel
        from thidua.registrations.outcomes import register_outcomes

        from . import outcomes, panels, permissions  # noqa: F401 - declares the permissions

        name_verbs({
            "create_register": _("Mở sổ quyết định"), "update_register": _("Sửa sổ quyết định"),
            "create_decision": _("Soạn dự thảo quyết định"), "update_decision": _("Sửa dự thảo quyết định"),
            "issue_decision": _("Ban hành quyết định"), "archive_decision": _("Hủy dự thảo quyết định"),
            "revoke_award": _("Thu hồi khen thưởng"), "import_awards": _("Nhập quá trình khen thưởng"),
        })  # fmt: skip
        register_panel("person", "rewards", order=40, template="rewards/_person_panel.html",
                       context=panels.person_panel)  # fmt: skip
        register_panel("unit", "rewards", order=45, template="rewards/_unit_panel.html",
                       context=panels.unit_panel)  # fmt: skip
        register_outcomes(outcomes.resolve)  # what became of a registered title

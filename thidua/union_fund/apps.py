from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionFundConfig(AppConfig):
    name = "thidua.union_fund"
    label = "union_fund"
    verbose_name = _("Quỹ “Mái ấm Công đoàn”")

    def ready(self):
        from thidua.core.attachments import register_attachable
        from thidua.core.audit import name_verbs
        from thidua.core.panels import register_panel

        from . import panels, permissions
        from .models import Grant

        name_verbs({
            "contribute": _("Ghi nhận ủng hộ quỹ"), "grant": _("Ghi nhận hỗ trợ từ quỹ"),
            "correct": _("Điều chỉnh bút toán"), "hand_over": _("Ghi nhận bàn giao"),
        })  # fmt: skip
        register_attachable(
            Grant,
            readable=lambda user: Grant.objects.visible_to(user).select_related("unit"),
            can_attach=permissions.can_attach_to_grant,
            unit_path=lambda grant: grant.unit.path,
        )
        register_panel("unit", "union_fund", order=60, template="union_fund/_unit_panel.html",
                       context=panels.unit_panel)  # fmt: skip

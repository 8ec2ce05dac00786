from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "thidua.orgs"
    label = "orgs"
    verbose_name = _("Tổ chức công đoàn")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.dashboard import register_block

        from . import permissions  # noqa: F401 - declares the roles and orgs' permissions, plugs the scope provider
        from .views.dashboard import dashboard_block

        register_block("units", order=20, template="orgs/_dashboard_units.html", context=dashboard_block)

        name_verbs({
            "move": _("Chuyển đơn vị cấp trên"), "merge": _("Sáp nhập"), "dissolve": _("Giải thể"),
            "rename": _("Đổi tên"), "transfer": _("Chuyển sinh hoạt"), "grant": _("Cấp quyền"),
            "revoke": _("Thu hồi quyền"),
        })  # fmt: skip

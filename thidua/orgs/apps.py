from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgsConfig(AppConfig):
    name = "thidua.orgs"
    label = "orgs"
    verbose_name = _("Tổ chức công đoàn")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.dashboard import register_block
        from thidua.core.notify import name_kinds

        from . import permissions  # noqa: F401 - declares the roles and orgs' permissions, plugs the scope provider
        from .impact import register_orgs_counters
        from .views.dashboard import dashboard_block

        register_block("units", order=20, template="orgs/_dashboard_units.html", context=dashboard_block)

        name_verbs({
            "move": _("Chuyển đơn vị cấp trên"), "merge": _("Sáp nhập"), "consolidate": _("Hợp nhất"),
            "dissolve": _("Giải thể"),
            "rename": _("Đổi tên"), "transfer": _("Chuyển sinh hoạt"), "grant": _("Cấp quyền"),
            "revoke": _("Thu hồi quyền"), "reopen": _("Hủy giải thể"), "approve": _("Duyệt và thực hiện"),
            "return": _("Trả lại"), "withdraw": _("Rút đề nghị"),
        })  # fmt: skip
        name_kinds({"transfer_requested": _("Đề nghị chuyển sinh hoạt"),
                    "transfer_decided": _("Kết quả đề nghị chuyển sinh hoạt"),
                    "restructuring_submitted": _("Đề nghị sắp xếp tổ chức chờ duyệt"),
                    "restructuring_decided": _("Kết quả đề nghị sắp xếp tổ chức")})  # fmt: skip
        register_orgs_counters()

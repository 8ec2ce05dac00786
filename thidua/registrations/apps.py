from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = _("Đăng ký thi đua, danh mục danh hiệu và hình thức khen thưởng")

    def ready(self):
        from thidua.core.audit import name_verbs

        from . import permissions  # noqa: F401 - declares the permissions, registers the workflows

        # initiatives
        name_verbs({
            "register": _("Đăng ký"), "apply": _("Ghi nhận áp dụng"), "review": _("Ghi kết quả xét của hội đồng"),
            "recognise": _("Ghi nhận công nhận"), "reject": _("Ghi nhận không công nhận"),
            "check_duplicate": _("Kết luận kiểm tra trùng"),
        })  # fmt: skip

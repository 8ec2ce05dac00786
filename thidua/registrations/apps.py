from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = _("Đăng ký thi đua, danh mục danh hiệu và hình thức khen thưởng")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.notify import name_kinds

        from . import permissions  # noqa: F401 - declares the permissions, registers the workflows
        from .actions.emulation_reminders import REMINDER_KIND, REMINDER_VERB
        from .models import RegistrationNotice

        # initiatives
        name_verbs({
            "register": _("Đăng ký"), "apply": _("Ghi nhận áp dụng"), "review": _("Ghi kết quả xét của hội đồng"),
            "recognise": _("Ghi nhận công nhận"), "reject": _("Ghi nhận không công nhận"),
            "check_duplicate": _("Kết luận kiểm tra trùng"),
        })  # fmt: skip
        # emulation registration ("amend" keeps the plans' label: "Sửa đổi, bổ sung")
        name_verbs({
            "open": _("Mở đăng ký"), "save": _("Lưu nội dung đăng ký"), "submit": _("Gửi cấp trên"),
            "acknowledge": _("Ghi nhận"), "return": _("Trả lại"), "consent_late": _("Đồng ý đăng ký muộn"),
            "set_deadline": _("Đặt hạn đăng ký"),
        })  # fmt: skip
        name_kinds(dict(RegistrationNotice.choices))
        # emulation registration: reminders
        name_kinds({REMINDER_KIND: _("Nhắc đăng ký thi đua")})
        name_verbs({REMINDER_VERB: _("Nhắc đăng ký thi đua")})

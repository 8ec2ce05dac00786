from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = _("Đăng ký thi đua, danh mục danh hiệu và hình thức khen thưởng")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.notify import name_kinds
        from thidua.core.panels import register_panel

        from . import (
            initiative_panels,
            permissions,  # noqa: F401 - declares the permissions, registers the workflows
        )
        from .actions.emulation_reminders import REMINDER_KIND, REMINDER_VERB
        from .emulation_panels import person_panel, unit_panel
        from .models import RegistrationNotice

        # initiatives
        name_verbs({
            "register": _("Đăng ký"), "apply": _("Ghi nhận áp dụng"), "review": _("Ghi kết quả xét của hội đồng"),
            "recognise": _("Ghi nhận công nhận"), "reject": _("Ghi nhận không công nhận"),
            "check_duplicate": _("Kết luận kiểm tra trùng"),
        })  # fmt: skip
        name_kinds({"initiative_duplicate": _("Kiểm tra trùng sáng kiến")})
        register_panel("unit", "initiatives", order=40, template="registrations/initiatives/_unit_panel.html",
                       context=initiative_panels.unit_panel)  # fmt: skip
        register_panel("person", "initiatives", order=40, template="registrations/initiatives/_person_panel.html",
                       context=initiative_panels.person_panel)  # fmt: skip
        # emulation registration ("amend" keeps the plans' label: "Sửa đổi, bổ sung")
        name_verbs({
            "open": _("Mở đăng ký"), "save": _("Lưu nội dung đăng ký"), "submit": _("Gửi cấp trên"),
            "acknowledge": _("Ghi nhận"), "return": _("Trả lại"), "consent_late": _("Đồng ý đăng ký muộn"),
            "set_deadline": _("Đặt hạn đăng ký"),
        })  # fmt: skip
        name_kinds(dict(RegistrationNotice.choices))
        register_panel("unit", "emulation", order=30, template="registrations/emulation/_unit_panel.html",
                       context=unit_panel)  # fmt: skip
        register_panel("person", "emulation", order=30, template="registrations/emulation/_person_panel.html",
                       context=person_panel)  # fmt: skip
        # emulation registration: reminders
        name_kinds({REMINDER_KIND: _("Nhắc đăng ký thi đua")})
        name_verbs({REMINDER_VERB: _("Nhắc đăng ký thi đua")})
        # research topics and congress works (register, update, archive are shared verbs)
        name_verbs({
            "start": _("Bắt đầu thực hiện"), "accept": _("Ghi kết quả nghiệm thu"),
            "fail": _("Ghi nhận không đạt nghiệm thu"), "stop": _("Dừng thực hiện"),
            "complete": _("Ghi nhận hoàn thành"), "cancel": _("Ghi nhận không thực hiện"),
        })  # fmt: skip
        from thidua.core.panels import register_panel

        from .attachables import register_attachables
        from .panels_works import congress_panel, person_panel, unit_panel

        register_attachables()
        register_panel(
            "unit", "works", order=40, template="registrations/_unit_works_panel.html", context=unit_panel
        )
        register_panel("person", "works", order=40, template="registrations/_person_works_panel.html",
                       context=person_panel)  # fmt: skip
        register_panel("congress", "works", order=10, template="registrations/_congress_works_panel.html",
                       context=congress_panel)  # fmt: skip

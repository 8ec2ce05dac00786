from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EnterprisesConfig(AppConfig):
    name = "thidua.enterprises"
    label = "enterprises"
    verbose_name = _("Doanh nghiệp, phát triển đoàn viên, cán bộ phụ trách địa bàn, kiểm tra giám sát")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.notify import name_kinds
        from thidua.core.panels import register_panel
        from thidua.orgs.demo.build import BEFORE_RESTRUCTURING

        from . import demo, panels, permissions  # noqa: F401 - declares the permissions, registers the workflows
        from .actions.supervision import OVERDUE_KIND

        name_verbs({
            "survey": _("Ghi nhận khảo sát"), "plan": _("Lập kế hoạch vận động"),
            "found": _("Thành lập công đoàn cơ sở"), "pause": _("Tạm dừng vận động"), "resume": _("Vận động lại"),
            "record_survey": _("Ghi lần khảo sát"), "record_progress": _("Ghi tiến độ kết nạp"),
            "assign": _("Phân công cán bộ phụ trách"), "end_assignment": _("Kết thúc phân công"),
            "close": _("Ghi nhận đã thực hiện xong"), "reopen": _("Mở lại"), "follow_up": _("Ghi kết quả thực hiện"),
        })  # fmt: skip
        name_kinds({OVERDUE_KIND: _("Kiến nghị quá hạn")})
        register_panel("unit", "enterprises", order=50, template="enterprises/_unit_panel.html",
                       context=panels.unit_panel)  # fmt: skip
        if demo.found_2017 not in BEFORE_RESTRUCTURING:  # the 2017 founding happens before orgs' demo reform
            BEFORE_RESTRUCTURING.append(demo.found_2017)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "thidua.reports"
    label = "reports"
    verbose_name = _("Báo cáo kết quả đợt thi đua, chỉ tiêu")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.notify import name_kinds
        from thidua.core.panels import register_panel

        from . import (
            panels,
            permissions,  # noqa: F401 - declares the permissions, registers REPORT_WORKFLOW
        )
        from .models import ReportNotice

        name_verbs({
            "publish_form": _("Ban hành mẫu báo cáo"), "close_form": _("Kết thúc nhận báo cáo"),
            "reopen_form": _("Mở lại nhận báo cáo"),
            "begin_entry": _("Bắt đầu nhập báo cáo"), "save_values": _("Lưu số liệu báo cáo"),
            "submit": _("Gửi cấp trên"), "approve_report": _("Duyệt báo cáo"), "finalise": _("Duyệt báo cáo tổng hợp"),
            "return": _("Trả lại"), "reopen_report": _("Mở lại báo cáo tổng hợp"), "waive": _("Miễn báo cáo"),
            "late_entry": _("Cho phép nhập sau hạn"), "accept_report": _("Tổng hợp lên cấp trên"),
            "unaccept_report": _("Cấp trên mở lại báo cáo tổng hợp"),
            "restructure": _("Báo cáo theo sắp xếp tổ chức"),
        })  # fmt: skip
        name_kinds(dict(ReportNotice.choices))
        register_panel(
            "unit", "reports", order=50, template="reports/_unit_panel.html", context=panels.unit_panel
        )
        register_panel(
            "plan", "reports", order=50, template="reports/_plan_panel.html", context=panels.plan_panel
        )

        from .officer_panel import area_officer_panel

        # the officer-per-area page of the enterprises app (below reports: a panel slot keeps the layers)
        register_panel("area_officer", "reports", order=20, template="reports/_area_officer_panel.html",
                       context=area_officer_panel)  # fmt: skip

        from . import rollup_setup

        rollup_setup.ready()

        from thidua.orgs import restructuring_hooks

        from .actions.restructuring import follow_foundings, follow_restructuring

        # the expected reports follow a unit founded, moved, merged or dissolved after the form was published
        restructuring_hooks.register("reports", follow_restructuring, many=follow_foundings)

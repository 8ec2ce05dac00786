from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    label = "councils"
    verbose_name = _("Hội đồng thi đua – khen thưởng")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.panels import register_panel

        from . import panels, permissions  # noqa: F401 - declares the permission

        name_verbs({
            "record_attendance": _("Điểm danh thành viên Hội đồng"), "recuse": _("Ghi thành viên không tham gia biểu quyết"),
            "open_voting": _("Mở bỏ phiếu"), "cast_vote": _("Đã bỏ phiếu kín"),
            "record_paper_tally": _("Nhập kết quả kiểm phiếu giấy"),
            "record_written_opinion": _("Ghi ý kiến bằng văn bản"), "record_result": _("Ghi kết quả biểu quyết"),
            "close_voting": _("Kết thúc bỏ phiếu"),
        })  # fmt: skip
        register_panel("unit", "councils", order=70, template="councils/_unit_panel.html",
                       context=panels.unit_panel)  # fmt: skip

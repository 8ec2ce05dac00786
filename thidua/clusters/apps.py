from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClustersConfig(AppConfig):
    name = "thidua.clusters"
    label = "clusters"
    verbose_name = _("Cụm, khối thi đua")

    def ready(self):
        from thidua.core.audit import name_verbs

        name_verbs({
            "sign": _("Ký kết giao ước thi đua"), "record_votes": _("Ghi kết quả bình xét, suy tôn"),
            "send_to_rewards": _("Gửi kết quả bình xét thành đề nghị khen thưởng"),
        })  # fmt: skip

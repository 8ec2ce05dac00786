from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EligibilityConfig(AppConfig):
    name = "thidua.eligibility"
    label = "eligibility"
    verbose_name = _("Xét điều kiện khen thưởng")

    def ready(self):
        from thidua.core.audit import name_verbs

        from . import permissions  # noqa: F401 - declares the permissions

        name_verbs({
            "override_verdict": _("Ghi kết luận thay kết quả xét điều kiện"),
            "withdraw_override": _("Rút lại kết luận thay kết quả xét điều kiện"),
        })  # fmt: skip

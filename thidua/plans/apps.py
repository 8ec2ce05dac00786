from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "thidua.plans"
    label = "plans"
    verbose_name = _("Kế hoạch thi đua")

    def ready(self):
        from thidua.core.audit import name_verbs
        from thidua.core.dashboard import register_block
        from thidua.core.notify import name_kinds

        from . import permissions  # noqa: F401 - declares the plans' permissions
        from .models import NoticeKind
        from .views.dashboard import history_block

        register_block(
            "plan-history", order=30, template="plans/_dashboard_history.html", context=history_block
        )

        from thidua.core.panels import register_panel

        from .officer_panel import area_officer_panel

        # the officer-per-area page of the enterprises app (a sibling: a panel slot, no import either way)
        register_panel("area_officer", "plans", order=10, template="plans/_area_officer_panel.html",
                       context=area_officer_panel)  # fmt: skip

        name_verbs({"issue": _("Ban hành"), "amend": _("Sửa đổi, bổ sung"), "close": _("Kết thúc")})
        name_kinds(dict(NoticeKind.choices))

        from thidua.orgs import impact

        from .queries import count_open_plans_of

        impact.register("plans", _("kế hoạch của đơn vị đang dự thảo hoặc còn hiệu lực (không còn đơn vị thực "
                                   "hiện)"), count_open_plans_of)  # fmt: skip

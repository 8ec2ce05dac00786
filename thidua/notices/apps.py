from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    name = "thidua.notices"
    label = "notices"
    verbose_name = _("Thông báo")

    def ready(self):
        from thidua.core.dashboard import register_block
        from thidua.core.notify import set_sender

        from . import permissions  # noqa: F401 - declares who marks a unit's notices read
        from .actions import notify
        from .views import dashboard_block

        set_sender(notify)  # the apps below notices (orgs) notify through core's port

        register_block("notices", order=10, template="notices/_dashboard_block.html", context=dashboard_block)

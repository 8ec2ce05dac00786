from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "thidua.core"
    label = "core"
    verbose_name = _("Hệ thống")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from .middleware import SessionTimeoutMiddleware

        user_logged_in.connect(SessionTimeoutMiddleware.start, dispatch_uid="core-session-start")

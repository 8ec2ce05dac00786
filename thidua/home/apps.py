from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """The project-level app: what needs several apps at once (the dashboard that composes the apps' blocks, the
    demo that calls each app's demo builder in order). No app imports it."""

    name = "thidua.home"
    label = "home"
    verbose_name = _("Trang chủ")

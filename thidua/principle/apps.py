from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrincipleConfig(AppConfig):
    name = "thidua.principle"
    label = "principle"
    verbose_name = _("Kịp thời, đúng người, đúng thành tích")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "thidua.councils"
    label = "councils"
    verbose_name = _("Hội đồng thi đua – khen thưởng")

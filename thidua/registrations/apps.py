from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistrationsConfig(AppConfig):
    name = "thidua.registrations"
    label = "registrations"
    verbose_name = _("Đăng ký thi đua, danh mục danh hiệu và hình thức khen thưởng")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "thidua.exemplars"
    label = "exemplars"
    verbose_name = _("Điển hình tiên tiến")

    def ready(self):
        from thidua.core.attachments import register_attachable

        from . import permissions
        from .models import Exemplar

        register_attachable(
            Exemplar,
            readable=lambda user: Exemplar.objects.visible_to(user),
            can_attach=permissions.can_edit_exemplar,
            unit_path=lambda exemplar: exemplar.unit.path,
        )

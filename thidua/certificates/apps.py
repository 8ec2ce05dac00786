from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "thidua.certificates"
    label = "certificates"
    verbose_name = _("Bằng khen, Giấy khen")

    def ready(self):
        from thidua.core.audit import name_verbs

        from . import permissions  # noqa: F401 - declares the permissions

        name_verbs({
            "issue_certificate": _("Cấp số hiệu bằng khen"), "generate_certificates": _("Dựng tệp in bằng khen"),
            "upload_emblem": _("Tải lên ảnh biểu tượng"), "create_layout": _("Tạo phôi in bằng khen"),
            "update_layout": _("Căn chỉnh phôi in bằng khen"),
        })  # fmt: skip

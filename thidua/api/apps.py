from django.apps import AppConfig
from django.conf import settings
from django.db.models.signals import post_save


def revoke_tokens_on_password_change(sender, instance, created, **kwargs):
    """A changed password ends every API token of the account: whoever knew the old password may have made one.

    Django's ``AbstractBaseUser.save()`` keeps the new raw password in ``_password`` until after saving, so a saved
    user with ``_password`` set is a password change (``set_password`` by the user, an administrator or a command).
    """
    if created or getattr(instance, "_password", None) is None:
        return
    from django.utils.translation import gettext as _

    from .actions import revoke_api_tokens_of

    revoke_api_tokens_of(instance, by=None, note=_("Thu hồi vì mật khẩu đã được đổi"))


class ApiConfig(AppConfig):
    name = "thidua.api"
    label = "api"
    verbose_name = "API"

    def ready(self):
        post_save.connect(revoke_tokens_on_password_change, sender=settings.AUTH_USER_MODEL,
                          dispatch_uid="api-revoke-tokens-on-password-change")  # fmt: skip

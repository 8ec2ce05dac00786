"""Changing one's password: throttled like the login, and it ends the account's API tokens (the user is told).

Wrong current passwords count as failed logins for django-axes (same user name and address, same limit): after
``AXES_FAILURE_LIMIT`` of them the page answers with the lock-out page, as the login does. The tokens themselves are
revoked by ``thidua.api`` whenever a password changes; this view only tells the user how many.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.utils.translation import ngettext

from thidua.api.models import ApiToken


class PasswordChangeView(auth_views.PasswordChangeView):
    def _credentials(self) -> dict[str, str]:
        return {"username": self.request.user.get_username()}

    def post(self, request, *args, **kwargs):
        if settings.AXES_ENABLED:
            AxesProxyHandler.update_request(request)
            if not AxesProxyHandler.is_allowed(request, self._credentials()):
                return get_lockout_response(request, None, self._credentials())
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form):
        if "old_password" in form.errors:
            user_login_failed.send(sender=type(self), credentials=self._credentials(), request=self.request)
        return super().form_invalid(form)

    def form_valid(self, form):
        tokens = ApiToken.objects.active().of(self.request.user).count()
        response = super().form_valid(form)
        if tokens:
            messages.warning(
                self.request,
                ngettext(
                    "Mật khẩu đã được đổi. %(count)d khóa API của bạn đã bị thu hồi; "
                    "tạo khóa mới ở trang “Khóa API” cho các chương trình cần dùng.",
                    "Mật khẩu đã được đổi. %(count)d khóa API của bạn đã bị thu hồi; "
                    "tạo khóa mới ở trang “Khóa API” cho các chương trình cần dùng.",
                    tokens,
                )
                % {"count": tokens},
            )
        return response

"""The project's middleware: the chosen language, no caching of what a logged-in user sees, session timeouts.

Vietnamese unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to a union officer whose
phone or browser happens to be set to English. Here only an explicit choice (the language cookie set by the
language menu, i.e. django.views.i18n.set_language) changes the language; everyone else gets LANGUAGE_CODE.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreMiddleware:
    """What a logged-in user sees (pages, exports, API answers) is never kept by the browser or a proxy: a shared
    computer's back button or cache must not show someone's records after they leave."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (user is not None and user.is_authenticated) or request.path.startswith("/api/"):
            add_never_cache_headers(response)
        return response


class SessionTimeoutMiddleware:
    """Ends a session left idle for ``SESSION_IDLE_TIMEOUT`` seconds, and any session older than
    ``SESSION_COOKIE_AGE`` seconds since the login (Django's own expiry slides forward whenever the session is
    saved, so the absolute limit is kept here too). The user is sent to the login page with a message."""

    STARTED, SEEN = "_session_started", "_session_seen"
    PRECISION = 60  # seconds: the last activity is saved at most once a minute (not a write on every request)

    @classmethod
    def start(cls, sender, request, user, **kwargs) -> None:
        """At the login (``user_logged_in``): the session starts now, saved with the login itself."""
        if request is not None and hasattr(request, "session"):
            now = int(time.time())
            request.session[cls.STARTED] = request.session[cls.SEEN] = now

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            session = request.session
            started = session.setdefault(self.STARTED, now)
            seen = session.get(self.SEEN, now)
            idle = now - seen > settings.SESSION_IDLE_TIMEOUT
            if idle or now - started > settings.SESSION_COOKIE_AGE:
                logout(request)
                messages.info(
                    request,
                    _(
                        "Phiên làm việc đã kết thúc vì không thao tác trong %(minutes)d phút. Vui lòng đăng nhập lại."
                    )
                    % {"minutes": settings.SESSION_IDLE_TIMEOUT // 60}
                    if idle
                    else _("Phiên làm việc đã hết hạn. Vui lòng đăng nhập lại."),
                )
            elif self.SEEN not in session or now - seen >= self.PRECISION:
                session[self.SEEN] = now
        return self.get_response(request)

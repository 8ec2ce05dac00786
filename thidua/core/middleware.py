"""Project-wide middleware: the language, no caching of what a logged-in user sees, session timeouts, and answering
when the database is busy.

Vietnamese unless the user chose otherwise.

Django's LocaleMiddleware follows the browser's Accept-Language, which would show English to a union officer whose
phone or browser happens to be set to English. Here only an explicit choice (the language cookie set by the
language menu, i.e. django.views.i18n.set_language) changes the language; everyone else gets LANGUAGE_CODE.
"""

import logging
import random
import re
import time
import uuid

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _

from . import db_router, logs
from .scoping import cached_own_paths

log = logging.getLogger(__name__)


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


class DatabaseBusyMiddleware:
    """Users never see "database is locked": a view that met it before writing anything is run again (a few times,
    after a short pause), and if the database is still busy the answer is a 503 in Vietnamese.

    On SQLite (one writer at a time) transactions begin IMMEDIATE, so a writer waits for the lock at its start, up to
    the database timeout, and fails there — before it wrote anything, which makes running the view again safe. On
    PostgreSQL a deadlock or a serialization failure is retried the same way. A view that already wrote something
    (a statement that changed rows ran) is never run twice. Keep this last in MIDDLEWARE: it calls the view itself.
    """

    RETRIES = 3
    PAUSE = 0.2  # seconds, doubled at each retry, plus jitter

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.db import OperationalError, connection

        for attempt in range(self.RETRIES + 1):
            watch = _WriteWatch()
            try:
                with connection.execute_wrapper(watch):
                    return view_func(request, *view_args, **view_kwargs)
            except OperationalError as error:
                if not database_busy(error):
                    raise
                if watch.wrote or attempt == self.RETRIES:
                    log.warning("database busy, giving up on %s %s: %s", request.method, request.path, error)
                    return busy_response(request)
                log.info("database busy, running %s %s again: %s", request.method, request.path, error)
                time.sleep(self.PAUSE * 2**attempt * (1 + random.random()))  # noqa: S311 - jitter, not security
        return busy_response(request)  # not reached


class _WriteWatch:
    """Notes whether a statement that writes ran to completion."""

    WRITES = ("insert", "update", "delete", "replace")

    def __init__(self):
        self.wrote = False

    def __call__(self, execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        if sql.lstrip().lower().startswith(self.WRITES):
            self.wrote = True
        return result


def database_busy(error: Exception) -> bool:
    """SQLite's lock errors; PostgreSQL's deadlock and serialization failures (safe to retry before any write)."""
    text = str(error).lower()
    if "database is locked" in text or "database table is locked" in text:
        return True
    cause = error.__cause__
    return getattr(cause, "sqlstate", None) in {"40P01", "40001"}


def busy_response(request):
    message = _("Hệ thống đang bận, vui lòng thử lại sau ít phút. Dữ liệu bạn gửi chưa được ghi.")
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=503, headers={"Retry-After": "5"})
    try:
        response = render(request, "core/busy.html", {"message": message}, status=503)
    except Exception:  # noqa: BLE001 - the page itself may need the database; the message must still get out
        response = HttpResponse(message, status=503, content_type="text/plain; charset=utf-8")
    response["Retry-After"] = "5"
    return response


request_log = logging.getLogger("thidua.requests")
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestLogMiddleware:
    """One structured line per request (``thidua.requests``, see ``thidua.core.logs``): method, route, path without
    its query string, status, duration, user id and unit; the request id (the proxy's ``X-Request-ID`` or a new one)
    is bound to every other line logged meanwhile and sent back in the response's ``X-Request-ID``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        given = request.headers.get("X-Request-ID", "")
        request_id = given if _REQUEST_ID.match(given) else uuid.uuid4().hex
        started = time.monotonic()
        with logs.bound(request_id=request_id) as bound:
            try:
                response = self.get_response(request)
            except Exception:
                self.write(request, 500, started, bound)
                raise
            self.write(request, response.status_code, started, bound)
        response.headers.setdefault("X-Request-ID", request_id)
        return response

    @staticmethod
    def write(request, status: int, started: float, bound: dict) -> None:
        user = getattr(request, "user", None)
        if user is None or not getattr(user, "is_authenticated", False):
            user = getattr(request, "auth", None)  # an API token's user (django-ninja)
        user_id = getattr(user, "pk", None) if getattr(user, "is_authenticated", False) else None
        unit = cached_own_paths(user) if user_id else None
        match = getattr(request, "resolver_match", None)
        request_log.info(
            "%s %s %s",
            request.method,
            request.path,
            status,
            extra={
                "event": "request",
                "method": request.method,
                "path": request.path,
                "route": match.route if match else "",
                "view": match.view_name if match else "",
                "status": status,
                "duration_ms": round((time.monotonic() - started) * 1000, 1),
                "user_id": user_id,
                "unit": unit,
                "request_id": bound.get("request_id"),
            },
        )


class ReplicaReadsMiddleware:
    """Opens ``reads_may_lag`` (``thidua.core.db_router``) for the GET requests of the views named in
    ``settings.READ_REPLICA_VIEWS``, and after a successful write request sets the short-lived cookie that keeps the
    user's next pages on the primary (they must see what they just saved). Place it before DatabaseBusyMiddleware,
    which calls the view itself."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.views = frozenset(settings.READ_REPLICA_VIEWS)

    def __call__(self, request):
        try:
            response = self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                db_router.leave(token)
        if (
            db_router.replica_configured()
            and request.method not in ("GET", "HEAD", "OPTIONS")
            and response.status_code < 400
        ):
            response.set_cookie(
                db_router.WROTE_COOKIE,
                f"{time.time():.0f}",
                max_age=int(settings.REPLICA_STICKY_SECONDS),
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is not None and match.view_name in self.views and db_router.replica_configured():
            request._replica_token = db_router.enter(db_router.may_read_replica(request))
        return None

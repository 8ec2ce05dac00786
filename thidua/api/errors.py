"""The API's error answers, in Vietnamese: 401 (no valid token or session), 404 (outside the caller's scope or no
such record) and 422 (a parameter of the wrong kind or out of its range, one message per parameter).

``install(api)`` replaces Django Ninja's English answers; the routes document these statuses with
``thidua.orgs.api.responses``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError


def _messages() -> dict[str, str]:
    return {
        "missing": _("Thiếu “%(field)s”."),
        "int_parsing": _("“%(field)s” phải là một số nguyên."),
        "int_type": _("“%(field)s” phải là một số nguyên."),
        "int_from_float": _("“%(field)s” phải là một số nguyên."),
        "float_parsing": _("“%(field)s” phải là một số."),
        "greater_than_equal": _("“%(field)s” phải từ %(ge)s trở lên."),
        "greater_than": _("“%(field)s” phải lớn hơn %(gt)s."),
        "less_than_equal": _("“%(field)s” không được lớn hơn %(le)s."),
        "less_than": _("“%(field)s” phải nhỏ hơn %(lt)s."),
        "string_too_long": _("“%(field)s” dài quá %(max_length)s ký tự."),
        "string_too_short": _("“%(field)s” cần ít nhất %(min_length)s ký tự."),
        "string_pattern_mismatch": _("“%(field)s” có ký tự không được phép (ký tự điều khiển)."),
        "enum": _("“%(field)s” phải là một trong các giá trị: %(expected)s."),
        "literal_error": _("“%(field)s” phải là một trong các giá trị: %(expected)s."),
        "bool_parsing": _("“%(field)s” phải là true hoặc false."),
        "bool_type": _("“%(field)s” phải là true hoặc false."),
        "date_parsing": _("“%(field)s” phải là một ngày dạng YYYY-MM-DD."),
        "date_from_datetime_parsing": _("“%(field)s” phải là một ngày dạng YYYY-MM-DD."),
        "json_invalid": _("Dữ liệu gửi lên không phải JSON hợp lệ."),
    }


def _field(loc: Any) -> str:
    names = [str(part) for part in (loc or ()) if part not in ("query", "path", "body", "header", "filters")]
    return ".".join(names) or _("dữ liệu")


def vietnamese(error: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as ``{"loc", "msg", "type"}`` with the message in the user's language (Vietnamese)."""
    kind = str(error.get("type", ""))
    values = {k: v for k, v in (error.get("ctx") or {}).items() if isinstance(v, str | int | float)}
    values["field"] = _field(error.get("loc"))
    if isinstance(values.get("expected"), str):  # pydantic lists the choices as "'a', 'b' or 'c'"
        values["expected"] = values["expected"].replace(" or ", ", ")
    if kind == "value_error" and (error.get("ctx") or {}).get(
        "error"
    ):  # a validator's own (Vietnamese) message
        return {"loc": [p if isinstance(p, int) else str(p) for p in (error.get("loc") or ())],
                "msg": str(error["ctx"]["error"]), "type": kind}  # fmt: skip
    template = _messages().get(kind, _("“%(field)s” không hợp lệ."))
    try:
        message = template % values
    except (KeyError, TypeError, ValueError):
        message = _("“%(field)s” không hợp lệ.") % values
    return {"loc": [p if isinstance(p, int) else str(p) for p in (error.get("loc") or ())], "msg": message,
            "type": kind}  # fmt: skip


def install(api: NinjaAPI) -> None:
    def invalid_input(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        return api.create_response(request, {"detail": [vietnamese(e) for e in exc.errors]}, status=422)

    def not_found(request: HttpRequest, exc: Exception) -> HttpResponse:
        return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        message = str(exc)
        if isinstance(exc, AuthenticationError) or exc.status_code == 401:
            message = _("Cần đăng nhập hoặc một khóa API hợp lệ (tiêu đề “Authorization: Bearer …”).")
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    api.add_exception_handler(ValidationError, invalid_input)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)

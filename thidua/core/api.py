"""The API kit: what every app's ``api.py`` shares, so its routes look, page and fail alike.

An app's router reads the calling user with ``caller(request)``, scopes every read with ``visible_to`` /
``get_for_user`` (404 outside, never 403 with a hint), takes ids with ``id_path`` / ``id_field`` / ``id_query``, a
search text with ``search_field``, pages a list with ``PageFilters`` (``limit``/``offset``) and ``page`` into a
schema derived from ``Page``, and documents its answers with ``responses(Out)``::

    from thidua.core.api import Page, PageFilters, caller, id_field, id_path, page, responses

    class PlanPage(Page):
        items: list[PlanOut] = Field(description="Các kế hoạch của trang này")

    class PlanFilters(PageFilters):
        issuer: int | None = id_field("Chỉ kế hoạch do đơn vị có id này ban hành")

    @router.get("/plans/", response=responses(PlanPage))
    def list_plans(request, filters: Query[PlanFilters]):
        return page(Plan.objects.visible_to(caller(request)), filters, _plan)

The error answers are the same for every route, in Vietnamese: 401 (no valid token or session), 404 (outside the
caller's scope or no such record), 422 (a parameter of the wrong kind or out of its range, one message per
parameter). ``install_errors(api)`` (called by ``thidua.api``, which assembles the routers and holds authentication)
replaces Django Ninja's English answers.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, cast

import pydantic
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Field, NinjaAPI, Path, Query, Schema
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .paging import MAX_LIMIT, limit_field, offset_field, paginate

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_ID = 2**63 - 1  # the largest id a database column holds: larger is 422, not a database error
MAX_QUERY_LENGTH = 100
NO_CONTROL_CHARACTERS = r"^[^\x00-\x08\x0b-\x1f\x7f]*$"


# --- the caller -------------------------------------------------------------------------------------------------


def caller(request: HttpRequest) -> User:
    """The user the route acts for: the owner of the API token, or the logged-in user (authentication has run, so
    there is one; anyone else already got 401)."""
    user = getattr(request, "auth", None)
    if user is None or not getattr(user, "is_authenticated", False):
        raise HttpError(401, "")
    return cast("User", user)


# --- inputs -----------------------------------------------------------------------------------------------------


def id_path(description: str) -> Any:
    """An id in the path: 1 to ``MAX_ID`` (422 outside)."""
    return Path(..., ge=1, le=MAX_ID, description=description)


def id_field(description: str) -> Any:
    """An optional id in a filters schema: 1 to ``MAX_ID`` (422 outside)."""
    return Field(None, ge=1, le=MAX_ID, description=description)


def id_query(description: str) -> Any:
    """An optional id as a route's own query parameter: 1 to ``MAX_ID`` (422 outside)."""
    return Query(None, ge=1, le=MAX_ID, description=description)


def search_field(description: str) -> Any:
    """A search text: at most ``MAX_QUERY_LENGTH`` characters, no control characters (422 otherwise). Search it with
    ``thidua.core.search.search_folded`` (diacritics and case ignored)."""
    return Field("", max_length=MAX_QUERY_LENGTH, pattern=NO_CONTROL_CHARACTERS, description=description)


# --- pages ------------------------------------------------------------------------------------------------------


class PageFilters(Schema):
    """``limit``/``offset`` of a list route; a filters schema derives from it (and may narrow ``limit``:
    ``limit: int = limit_field(max_limit=200)``)."""

    limit: int = limit_field(max_limit=MAX_LIMIT)
    offset: int = offset_field()


class Page(Schema):
    """A page of a list: the total ``count`` and the page's ``items`` (declared by the derived schema)."""

    count: int = Field(description="Tổng số dòng khớp điều kiện")


def page(queryset: QuerySet, filters: Any, row: Callable[[Any], Any]) -> dict[str, Any]:
    """``{"count": total, "items": [row(x) for x in the page]}``: one COUNT query and one for the page."""
    count, rows = paginate(queryset, filters)
    return {"count": count, "items": [row(item) for item in rows]}


# --- write bodies -----------------------------------------------------------------------------------------------
# A write route reads its JSON body itself, once the record is known to be in the caller's scope (so someone outside
# gets 404 before any check of what they sent), and documents it with ``openapi_extra=body_doc(Schema)``. Token
# callers need no CSRF token; session callers do (``thidua.api``'s authentication).


def json_body(request: HttpRequest, schema: type[Schema]) -> Any:
    """The JSON body, read once the record is known to be in scope (so someone outside gets 404 before any
    check of what they sent): empty is ``{}``; not JSON is 400, a bad value 422, both in Vietnamese."""
    try:
        data = json.loads(request.body or b"{}")
    except ValueError as exc:
        raise HttpError(400, _("Dữ liệu gửi lên không phải JSON hợp lệ.")) from exc
    try:
        return schema.model_validate(data if isinstance(data, dict) else {})
    except pydantic.ValidationError as exc:
        raise ValidationError(
            [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        ) from exc


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with every ``#/$defs/…`` reference replaced by its definition (the OpenAPI document has no
    ``$defs`` of its own, so a nested schema is written out where it is used)."""
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if isinstance(ref, str) and ref.startswith("#/$defs/"):
            return _inline(defs[ref.removeprefix("#/$defs/")], defs)
        return {k: _inline(v, defs) for k, v in node.items() if k != "$defs"}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def body_doc(schema: type[Schema]) -> dict:
    """The route's request body in the OpenAPI schema (read by ``json_body``, not by Django Ninja)."""
    full = schema.model_json_schema()
    return {
        "requestBody": {"content": {"application/json": {"schema": _inline(full, full.get("$defs", {}))}}}
    }


# --- errors -----------------------------------------------------------------------------------------------------


class ErrorOut(Schema):
    detail: str = Field(description="Lý do, bằng tiếng Việt")


class InputErrorOut(Schema):
    loc: list[str | int] = Field(description='Vị trí của giá trị sai, ví dụ ["query", "offset"]')
    msg: str = Field(description="Lỗi, bằng tiếng Việt")
    type: str = Field(description="Loại lỗi (mã)")


class InputErrorsOut(Schema):
    detail: list[InputErrorOut] = Field(description="Các giá trị không hợp lệ")


ERRORS: dict[int, Any] = {
    401: ErrorOut,  # no valid token or session
    404: ErrorOut,  # outside the caller's scope, or no such record
    422: InputErrorsOut,  # a parameter out of its range or of the wrong kind
}


def responses(ok: Any) -> dict[int, Any]:
    """Every status a route answers, for its OpenAPI entry: ``ok`` on 200 and the errors above."""
    return {200: ok, **ERRORS}


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


def _loc(error: dict[str, Any]) -> list[str | int]:
    return [p if isinstance(p, int) else str(p) for p in (error.get("loc") or ())]


def vietnamese(error: dict[str, Any]) -> dict[str, Any]:
    """One pydantic error as ``{"loc", "msg", "type"}`` with the message in the user's language (Vietnamese)."""
    kind = str(error.get("type", ""))
    context = error.get("ctx") or {}
    if kind == "value_error" and context.get("error"):  # a validator's own (Vietnamese) message
        return {"loc": _loc(error), "msg": str(context["error"]), "type": kind}
    values: dict[str, Any] = {k: v for k, v in context.items() if isinstance(v, str | int | float)}
    values["field"] = _field(error.get("loc"))
    expected = values.get("expected")
    if isinstance(expected, str):  # pydantic lists the choices as "'a', 'b' or 'c'"
        values["expected"] = expected.replace(" or ", ", ")
    template = _messages().get(kind, _("“%(field)s” không hợp lệ."))
    try:
        message = template % values
    except (KeyError, TypeError, ValueError):
        message = _("“%(field)s” không hợp lệ.") % values
    return {"loc": _loc(error), "msg": message, "type": kind}


def unauthorized_message() -> str:
    return _("Cần đăng nhập hoặc một khóa API hợp lệ (tiêu đề “Authorization: Bearer …”).")


def install_errors(api: NinjaAPI) -> None:
    """Answer 401, 404 and 422 in Vietnamese, the same for every route of ``api``."""

    def invalid_input(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": [vietnamese(e) for e in exc.errors]}, status=422)

    def not_found(request: HttpRequest, exc: Any) -> HttpResponse:
        return api.create_response(request, {"detail": _("Không tìm thấy.")}, status=404)

    def http_error(request: HttpRequest, exc: Any) -> HttpResponse:
        message = str(exc)
        if isinstance(exc, AuthenticationError) or exc.status_code == 401:
            message = unauthorized_message()
        return api.create_response(request, {"detail": message}, status=exc.status_code)

    api.add_exception_handler(ValidationError, invalid_input)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(HttpError, http_error)

"""The JSON body of a write route, read once the record is known to be in the caller's scope (so someone outside
gets 404 before any check of what they sent), and its entry in the OpenAPI schema."""

from __future__ import annotations

import json
from typing import Any

import pydantic
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError


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
        raise NinjaValidationError(
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

"""Structured logs: one JSON line per request and per task, with who (user id) and where (unit), never personal data.

``settings.LOGGING`` wires these pieces to the console (journald keeps it under systemd):

- ``JsonFormatter``: one JSON object per line (python-json-logger), every value redacted by ``redact()`` last of all
  (but our own identifiers in ``SAFE_FIELDS``), so that nothing a record carries — message, arguments, exception,
  extra fields — reaches the line unredacted.
- ``ContextFilter``: adds the fields bound for the current request or task (``request_id``, ``user_id``, ``unit``,
  ``task_id``) to every record logged meanwhile, whichever logger logged it.
- ``PersonalDataFilter``: drops extra fields named like personal data (``national_id``, ``full_name``, ``phone``…)
  and redacts the message; used by the text format as well.

The request line (``thidua.requests``, written by ``thidua.core.middleware.RequestLogMiddleware``) names the route and
the path without its query string (searches carry people's names); the task line (``thidua.tasks``, written by
``thidua.core.tasks.execute``) names the task's kind, never its title or arguments. ``unit`` is the materialized path
(``Unit.path``) of each unit the user holds a role on.
"""

from __future__ import annotations

import contextlib
import contextvars
import logging
import re
from collections.abc import Iterator
from typing import Any

from pythonjsonlogger.json import JsonFormatter as _BaseJsonFormatter

_context: contextvars.ContextVar[dict[str, Any] | None] = contextvars.ContextVar(
    "thidua_log_context", default=None
)

# Names of fields that hold personal data: never written, whatever logger passes them.
PERSONAL_FIELDS = frozenset(
    {
        "national_id",
        "cccd",
        "cmnd",
        "full_name",
        "family_name",
        "middle_name",
        "given_name",
        "phone",
        "birth_date",
        "email",
        "address",
        "password",
    }
)
# Fields whose digits are identifiers of ours, not people's: a unit's materialized path may be 12 digits long.
SAFE_FIELDS = frozenset({"time", "unit", "request_id", "route", "view"})
_REDACTIONS = [
    (re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"), "[email]"),
    # Citizen identity card (12 digits), old identity card (9 digits).
    (re.compile(r"(?<![\d.])(?:\d{12}|\d{9})(?![\d.])"), "[id]"),
    # Vietnamese phone numbers: 0xxxxxxxxx or +84 / 84 followed by 9 digits, with or without separators.
    (re.compile(r"(?<![\d.])(?:\+?84|0)(?:[\s.-]?\d){9}(?![\d.])"), "[phone]"),
]


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


@contextlib.contextmanager
def bound(**fields: Any) -> Iterator[dict[str, Any]]:
    """Bind fields to every record logged inside the block (a request, a task); yields the live dict to add more."""
    current = dict(_context.get() or {})
    current.update({k: v for k, v in fields.items() if v not in (None, "")})
    token = _context.set(current)
    try:
        yield current
    finally:
        _context.reset(token)


def context() -> dict[str, Any]:
    return dict(_context.get() or {})


class ContextFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        for key, value in (_context.get() or {}).items():
            if not hasattr(record, key):
                setattr(record, key, value)
        return True


class PersonalDataFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        for key in PERSONAL_FIELDS & set(vars(record)):
            delattr(record, key)
        try:
            message = record.getMessage()
        except Exception:  # noqa: BLE001 - a malformed record is still written, as its template
            message = str(record.msg)
        record.msg = redact(message)
        record.args = ()
        return True


class JsonFormatter(_BaseJsonFormatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields; redacted."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("fmt", "%(asctime)s %(levelname)s %(name)s %(message)s")
        kwargs.setdefault("rename_fields", {"asctime": "time", "levelname": "level", "name": "logger"})
        kwargs.setdefault("json_ensure_ascii", False)
        super().__init__(*args, **kwargs)

    def process_log_record(self, log_data: dict[str, Any]) -> dict[str, Any]:
        return {key: value if key in SAFE_FIELDS else _redact_value(value) for key, value in log_data.items()}


def _redact_value(value: Any) -> Any:
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, (list, tuple)):
        return [_redact_value(item) for item in value]
    if isinstance(value, dict):
        return {key: _redact_value(item) for key, item in value.items()}
    if isinstance(value, (int, float, bool)) or value is None:
        return value
    return redact(str(value))


class TextFormatter(logging.Formatter):
    """The development format, redacted too."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))

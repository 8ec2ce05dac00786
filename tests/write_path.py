"""The write-path check: every write to a domain model happens inside an action.

Django's SQL compilers for INSERT, UPDATE and DELETE are wrapped for the whole test run. Each write to a model of a
``thidua`` app (or to a login, ``auth.User``) looks at the Python call stack: when the stack holds a frame of
``thidua`` code, it must also hold a frame of an allowed module (below) — otherwise the write is recorded with the
file:line of the innermost ``thidua`` frame, and the test that made it fails (``tests/conftest.py``).

Why compilers and not source patterns: ``Model.save``, ``QuerySet.update/delete``, ``bulk_create``, ``bulk_update``,
``get_or_create`` and the deletion collector all end in these three compilers, and nothing else does — so
``dict.update`` or a form's ``save()`` that writes nothing never trips it, and ``.create(`` is never missed. A test
may still arrange data directly (no ``thidua`` frame on the stack then); a ``thidua`` function may not.
"""

from __future__ import annotations

import re
import sys
import threading
from dataclasses import dataclass

from django.db.models.sql import compiler

# Each entry says why writes under it are fine.
ALLOWED = [
    # The write path itself: every app's actions (a module or a package of modules).
    re.compile(r"^thidua\.\w+\.actions(\.|$)"),
    # The audit trail, written by the actions; the fast multi-row insert the bulk actions use.
    re.compile(r"^thidua\.core\.(audit|bulk)$"),
    # The kits' own internals: the task runner writes its Task rows (status, progress); the workflow kit applies
    # a named transition (the state change, its <Model>Event and audit) for the apps' actions.
    re.compile(r"^thidua\.core\.(tasks|workflow)(\.|$)"),
    # Data migrations.
    re.compile(r"^thidua\.\w+\.migrations\."),
    # The demo builders: synthetic data in bulk at speed, as the benchmark generator writes it (never user input).
    re.compile(r"^thidua\.\w+\.demo(\.|$)"),
    # Django's own account machinery: login stamps last_login, password forms save the user.
    re.compile(r"^django\.contrib\.auth(\.|$)"),
]
CHECKED_APPS = re.compile(r"^thidua\.")
CHECKED_MODELS = {("auth", "user")}
_SELF = __name__


@dataclass(frozen=True)
class Violation:
    where: str
    model: str
    kind: str

    def __str__(self) -> str:
        return f"{self.where}: {self.kind} {self.model} outside an action"


_violations: list[Violation] = []  # shared by every thread (a live server's too)
_lock = threading.Lock()


def _checked(model) -> bool:
    meta = model._meta
    return bool(CHECKED_APPS.match(meta.app_config.name)) or (meta.app_label, meta.model_name) in CHECKED_MODELS


def _check(query, kind: str) -> None:
    model = getattr(query, "model", None)
    if model is None or not _checked(model):
        return
    frame = sys._getframe(2)
    innermost = None
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module != _SELF:
            if any(pattern.match(module) for pattern in ALLOWED):
                return
            if innermost is None and module.startswith("thidua."):
                innermost = frame
        frame = frame.f_back
    if innermost is not None:
        where = f"{innermost.f_code.co_filename}:{innermost.f_lineno}"
        with _lock:
            _violations.append(Violation(where, model._meta.label, kind))


def _wrap(cls, kind: str) -> None:
    original = cls.execute_sql
    if getattr(original, "_write_path", False):
        return

    def execute_sql(self, *args, **kwargs):
        _check(self.query, kind)
        return original(self, *args, **kwargs)

    execute_sql._write_path = True  # type: ignore[attr-defined]
    cls.execute_sql = execute_sql


def install() -> None:
    _wrap(compiler.SQLInsertCompiler, "INSERT into")
    _wrap(compiler.SQLUpdateCompiler, "UPDATE of")
    _wrap(compiler.SQLDeleteCompiler, "DELETE from")


def take() -> list[Violation]:
    with _lock:
        found = list(dict.fromkeys(_violations))
        _violations.clear()
    return found

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

# Each entry says why writes under it are fine: (module pattern, the models it may write — None for any).
ALLOWED: list[tuple[re.Pattern, set[str] | None]] = [
    # The write path itself: every app's actions (a module or a package of modules).
    (re.compile(r"^thidua\.\w+\.actions(\.|$)"), None),
    # The audit trail, written by the actions; the fast multi-row insert the bulk actions use.
    (re.compile(r"^thidua\.core\.(audit|bulk)$"), None),
    # The workflow kit applies a named transition (the state change, its <Model>Event and audit) for the apps.
    (re.compile(r"^thidua\.core\.workflow(\.|$)"), None),
    # The task runner writes its own Task rows (status, progress) — and nothing else: the work a task runs is
    # checked like any other code.
    (re.compile(r"^thidua\.core\.tasks(\.|$)"), {"core.Task"}),
    # Data migrations.
    (re.compile(r"^thidua\.\w+\.migrations\."), None),
    # The demo builders: synthetic data in bulk at speed, as the benchmark generator writes it (never user input).
    (re.compile(r"^thidua\.\w+\.demo(\.|$)"), None),
    # Django's own account machinery writes logins: login stamps last_login, password forms save the user.
    (re.compile(r"^django\.contrib\.auth(\.|$)"), {"auth.User"}),
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
    if CHECKED_APPS.match(model.__module__):
        return True
    return (model._meta.app_label, model._meta.model_name) in CHECKED_MODELS


def _allows(module: str, label: str) -> bool:
    return any(pattern.match(module) and (models is None or label in models) for pattern, models in ALLOWED)


def _check(query, kind: str) -> None:
    model = getattr(query, "model", None)
    if model is None or not _checked(model):
        return
    label = model._meta.label
    frame = sys._getframe(2)
    innermost = None
    while frame is not None:
        module = frame.f_globals.get("__name__", "")
        if module != _SELF:
            if _allows(module, label):
                return
            if innermost is None and module.startswith("tests."):
                return  # a test's own code wrote (arranging data, a view defined by the test)
            if innermost is None and module.startswith("thidua."):
                innermost = frame
        frame = frame.f_back
    if innermost is not None:
        where = f"{innermost.f_code.co_filename}:{innermost.f_lineno}"
        with _lock:
            _violations.append(Violation(where, label, kind))


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

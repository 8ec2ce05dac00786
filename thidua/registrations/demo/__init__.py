"""The registrations app's demo: a realistic 2017 registration season for the demo province, one module a subject
(emulation registration, initiatives, research topics and congress works), run in order. Idempotent."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from . import emulation, initiatives, works

# (subject, builder): each subject's module adds its ``build(log=None, **options)`` here.
STEPS: list[tuple[str, Callable[..., Any]]] = [
    ("emulation", emulation.build),
    ("works", works.build),
    ("initiatives", initiatives.build),
]


def build_demo(*, log=None, **options) -> dict[str, Any]:
    return {name: build(log=log, **options) for name, build in STEPS}

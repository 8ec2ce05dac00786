"""Panels that apps contribute to another app's page, so the lower app never imports the higher one.

A page names its slot (``"unit"`` on a unit's page, ``"person"`` on a person's page, ``"dashboard"``); an app adds
its panels from its ``AppConfig.ready``:

    register_panel("unit", "registrations", order=30, template="registrations/_unit_panel.html",
                   context=unit_panel)

``context(request, obj)`` returns the panel's template context (the panel reads ``request`` and the page's object),
or ``None`` to leave the panel out for this user and object; it must read through the scoping mechanism and make a
bounded number of queries. The page renders its slot with ``{% panels "unit" unit %}`` (``thidua.core.templatetags
.panels``), each panel in order, then key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class Panel:
    page: str
    key: str
    order: int
    template: str
    context: Callable[[HttpRequest, Any], dict[str, Any] | None]


_panels: dict[tuple[str, str], Panel] = {}


def register_panel(page: str, key: str, *, order: int, template: str,
                   context: Callable[[HttpRequest, Any], dict[str, Any] | None]) -> None:  # fmt: skip
    """Add (or replace) the panel ``key`` on ``page``."""
    _panels[(page, key)] = Panel(page, key, order, template, context)


def panels_of(page: str) -> list[Panel]:
    return sorted((p for p in _panels.values() if p.page == page), key=lambda p: (p.order, p.key))


def render_panels(page: str, request: HttpRequest, obj: Any = None) -> list[SafeString]:
    """The HTML of each panel of ``page`` shown to this request, in order."""
    shown = []
    for panel in panels_of(page):
        context = panel.context(request, obj)
        if context is not None:
            shown.append(mark_safe(render_to_string(panel.template, context, request=request)))  # noqa: S308
    return shown

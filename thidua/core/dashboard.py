"""The dashboard's blocks: each app contributes the blocks it owns (from its ``AppConfig.ready``); the project-level
app (``thidua.home``) composes them in order. ``core`` knows no block. The blocks are the panels of the page
``"dashboard"`` (``thidua.core.panels``).

    register_block("notices", order=10, template="notices/_dashboard_block.html", context=dashboard_block)

``context(request)`` returns the block's template context, or ``None`` to leave the block out for this user.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.safestring import SafeString

from .panels import register_panel, render_panels

PAGE = "dashboard"


def register_block(key: str, *, order: int, template: str,
                   context: Callable[[HttpRequest], dict[str, Any] | None]) -> None:  # fmt: skip
    """Add (or replace) the block ``key``; blocks show by ``order``, then key."""
    register_panel(PAGE, key, order=order, template=template, context=lambda request, _obj: context(request))


def render_blocks(request: HttpRequest) -> list[SafeString]:
    return render_panels(PAGE, request)

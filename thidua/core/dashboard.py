"""The dashboard's blocks: each app contributes the blocks it owns (from its ``AppConfig.ready``); the project-level
app (``thidua.home``) composes them in order. ``core`` knows no block.

    register_block("notices", order=10, template="notices/_dashboard_block.html", context=dashboard_block)

``context(request)`` returns the block's template context, or ``None`` to leave the block out for this user.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest


@dataclass(frozen=True)
class Block:
    key: str
    order: int
    template: str
    context: Callable[[HttpRequest], dict[str, Any] | None]


_blocks: dict[str, Block] = {}


def register_block(key: str, *, order: int, template: str,
                   context: Callable[[HttpRequest], dict[str, Any] | None]) -> None:  # fmt: skip
    """Add (or replace) the block ``key``; blocks show by ``order``, then key."""
    _blocks[key] = Block(key, order, template, context)


def blocks() -> list[Block]:
    return sorted(_blocks.values(), key=lambda b: (b.order, b.key))

"""Quyết định khen thưởng in the API."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Quyết định khen thưởng"])

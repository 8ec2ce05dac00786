"""Hội đồng thi đua – khen thưởng in the API."""

from __future__ import annotations

from ninja import Router

router = Router(tags=["Hội đồng thi đua – khen thưởng"])

"""API routes of exemplars (/api/v1/)."""

from ninja import Router

router = Router()

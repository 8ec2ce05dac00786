"""API routes of principle (/api/v1/)."""

from ninja import Router

router = Router()

"""API routes of clusters (/api/v1/)."""

from ninja import Router

router = Router()

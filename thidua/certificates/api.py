"""API routes of certificates (/api/v1/)."""

from ninja import Router

router = Router()

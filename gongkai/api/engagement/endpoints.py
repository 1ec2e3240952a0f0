"""Typed API endpoints of the engagement module (mounted at /api/v1/engagement/)."""

from ninja import Router

router = Router(tags=["engagement"])

"""Typed API endpoints of the services module (mounted at /api/v1/services/)."""

from ninja import Router

router = Router(tags=["services"])

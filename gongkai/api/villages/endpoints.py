"""Typed API endpoints of the villages module (mounted at /api/v1/villages/)."""

from ninja import Router

router = Router(tags=["villages"])

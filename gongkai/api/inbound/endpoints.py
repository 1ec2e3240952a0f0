"""Endpoints for business systems, called with an API token (Authorization: Bearer gk_…)."""

from ninja import Router

router = Router(tags=["inbound"])

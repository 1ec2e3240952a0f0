"""JSON API of the catalog module."""
